"""bench/run.py's results as Markdown tables: `python bench/report.py RESULTS.json`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from measure import MB

BATCH_ROWS = {"jobs1": "news2tei batch --jobs 1", "jobs2": "news2tei batch --jobs 2",
              "pandoc_loop": "pandoc, a loop of processes", "pandoc_parallel": "pandoc, 2 at a time (xargs -P 2)"}


def markdown(results: dict) -> str:
    sections = [_machine(results), _single(results["single"]), _batch(results["batch"]),
                _memory(results), _stages(results["stages"]["profile"]), _scaling(results["stages"]["scaling"]),
                _targets(results)]
    return "\n\n".join(sections) + "\n"


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(map(str, row)) + " |" for row in rows])


def _machine(r: dict) -> str:
    m = r["machine"]
    load = lambda values: " / ".join(f"{v:.1f}" for v in values)  # noqa: E731
    return (f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; {m['os']}; Python {m['python']}; "
            f"{m['pandoc']}; news2tei at {m['commit']} run as `{' '.join(r['command'])}`. Median of {r['runs']} "
            f"runs after a warm-up run. Load average (1/5/15 min) before {load(m['load_before'])}, after "
            f"{load(m.get('load_after', m['load_before']))}.")


def _single(s: dict) -> str:
    pandoc = s.get("pandoc")
    rows = []
    for key, label in (("floor", "python importing the fixed libraries, nothing else"),
                       ("startup", "news2tei --help (start-up)"), ("convert", "news2tei convert (TEI+EPUB)"),
                       ("pandoc", "pandoc -f markdown -t epub3")):
        if key in s:
            m = s[key]
            rows.append([label, f"{m['wall']:.3f}", f"{m['cpu']:.3f}", f"{m['max_rss']:.0f}",
                         f"{m['wall'] / pandoc['wall']:.2f}" if pandoc else "no pandoc"])
    return f"### One edition (the seed, {s['input_bytes'] / 1024:.0f} KB)\n\n" + _table(
        ["command", "wall s", "CPU s", "peak RSS MB", "time / pandoc's"], rows) + _busy(s)


def _batch(b: dict) -> str:
    megabytes = b["input_bytes"] / MB
    pandoc = b.get("pandoc_loop")
    rows = []
    for key, label in BATCH_ROWS.items():
        if key in b:
            m = b[key]
            rate = b["editions"] / m["wall"]
            rows.append([label, f"{m['wall']:.1f}", f"{rate:.1f}", f"{megabytes / m['wall']:.2f}",
                         f"{m['cpu']:.1f}", f"{m['tree_rss']:.0f}", f"{m['max_rss']:.0f}",
                         f"{pandoc['wall'] / m['wall']:.2f}x" if pandoc else "no pandoc"])
    speedup = b["jobs1"]["wall"] / b["jobs2"]["wall"]
    return (f"### Batch of {b['editions']} editions ({megabytes:.1f} MB)\n\n"
            + _table(["command", "wall s", "editions/s", "input MB/s", "CPU s", "peak RSS, all processes MB",
                      "peak RSS, largest process MB", "editions/s vs pandoc loop"], rows)
            + f"\n\nSpeed-up from 1 to 2 jobs: {speedup:.2f}x. news2tei's own summary: "
            f"`{b['jobs2']['last_words']}`" + _busy(b))


def _busy(section: dict) -> str:
    return (f"\n\nOther processes used at most {100 * section['others_busy']:.0f}% of the CPU just before a "
            "measured run (each run waits up to a minute for under 10%).")


def _memory(r: dict) -> str:
    text = f"### Peak memory\n\nBatch, all processes: {r['batch']['jobs2']['tree_rss']:.0f} MB with 2 jobs, " \
           f"{r['batch']['jobs1']['tree_rss']:.0f} MB with 1."
    big = r.get("big")
    if big:
        size = big["input_bytes"] / MB
        text += (f" One {size:.0f} MB edition (`news2tei convert`, TEI+EPUB, one run): " +
                 (f"gave up: {big['error']}" if "error" in big else
                  f"{big['wall']:.0f} s wall, {big['cpu']:.0f} s CPU, peak RSS {big['tree_rss']:.0f} MB "
                  f"({size / big['wall']:.2f} MB/s)") + ".")
        if big.get("returncode"):
            text += f" It failed (exit {big['returncode']}, so later stages did not run): `{big['last_words']}`"
    return text


def _stages(p: dict) -> str:
    mean = p["corpus"]["mean_ms"]
    total, mean_total = sum(p["warm_ms"].values()), sum(mean.values())
    rows = [[stage, f"{p['cold_ms'][stage]:.1f}", f"{ms:.1f}", f"{mean[stage]:.1f}",
             f"{100 * mean[stage] / mean_total:.0f}%"] for stage, ms in p["warm_ms"].items()]
    rows.append(["total", f"{sum(p['cold_ms'].values()):.1f}", f"{total:.1f}", f"{mean_total:.1f}", "100%"])
    return ("### Per stage, CPU ms\n\n"
            f"Importing the modules `convert` needs: {p['import_ms']:.0f} ms. Cold is the seed's first conversion in a "
            "process (imports, schema and template compilation, OpenCC tables); warm, the fastest of later ones; "
            f"the corpus mean is per edition over the batch's {p['corpus']['editions']} editions, warm.\n\n"
            + _table(["stage", "seed, cold", "seed, warm", "corpus mean", "share of corpus mean"], rows))


def _scaling(rows: list[dict]) -> str:
    base = rows[0]["segment/classify"] / rows[0]["bytes"]
    table = [[f"{r['factor']}x", f"{r['bytes'] / 1024:.0f}", r["lines"],
              f"{r['normalise']:.0f}", f"{r['segment/classify']:.0f}",
              f"{1024 * r['segment/classify'] / r['bytes']:.2f}",
              f"{(r['segment/classify'] / r['bytes']) / base:.2f}"] for r in rows]
    return "### Structure stage against input size, CPU\n\n" + _table(
        ["input", "KB", "lines", "normalise ms", "segment/classify ms", "ms per KB", "per-KB cost vs 1x"], table)


def _targets(r: dict) -> str:
    b, s = r["batch"], r["single"]
    rows = [["1 -> 2 jobs speed-up >= 1.7x", f"{b['jobs1']['wall'] / b['jobs2']['wall']:.2f}x",
             b["jobs1"]["wall"] / b["jobs2"]["wall"] >= 1.7],
            ["batch peak memory < 200 MB", f"{b['jobs2']['tree_rss']:.0f} MB", b["jobs2"]["tree_rss"] < 200]]
    if "pandoc_loop" in b:
        ratio = b["pandoc_loop"]["wall"] / b["jobs2"]["wall"]
        rows.insert(0, ["batch >= 5x pandoc loop editions/s", f"{ratio:.2f}x", ratio >= 5])
    if "pandoc" in s:
        ours, theirs = s["convert"]["wall"], s["pandoc"]["wall"]
        floor = f" (Python importing the fixed libraries: {s['floor']['wall']:.2f} s)" if "floor" in s else ""
        rows.append(["one edition no slower than pandoc", f"{ours:.2f} s vs {theirs:.2f} s{floor}", ours <= theirs])
    if r.get("big") and "error" not in r["big"]:
        rows.append(["big edition < 1 GB", f"{r['big']['tree_rss']:.0f} MB", r["big"]["tree_rss"] < 1024])
    growth = [x["segment/classify"] / x["bytes"] for x in r["stages"]["scaling"]]
    rows.append(["structure stage linear (per-KB cost at 100x within 1.5x of 1x)", f"{growth[-1] / growth[0]:.2f}x",
                 growth[-1] / growth[0] <= 1.5])
    return "### Targets\n\n" + _table(["target", "measured", "met"],
                                       [[t, m, "yes" if ok else "**no**"] for t, m, ok in rows])


if __name__ == "__main__":
    print(markdown(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))
