"""bench/run.py's results as Markdown tables: `python bench/report.py RESULTS.json`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from measure import MB

BATCH_ROWS = {"jobs1": "news2tei batch --jobs 1", "jobs2": "news2tei batch --jobs 2",
              "shards": "news2tei batch --jobs 2 --shard K/10, the 10 shards one after another",
              "pandoc_loop": "pandoc, a loop of processes", "pandoc_parallel": "pandoc, 2 at a time (xargs -P 2)"}
SINGLE_ROWS = {"floor": "python importing the libraries a conversion needs, nothing else",
               "floor_tei": "the same without Jinja2 (what TEI alone needs)", "startup": "news2tei --help (start-up)",
               "convert": "news2tei convert (TEI+EPUB)", "convert_tei": "news2tei convert --format tei",
               "pandoc": "pandoc -f markdown -t epub3"}
BUDGETS = {"convert": ("floor", 0.10), "convert_tei": ("floor_tei", 0.06)}  # CPU s above the floor


def markdown(results: dict) -> str:
    sections = [_machine(results), _single(results["single"]), _batch(results["batch"]),
                _memory(results), _budget(results), _stages(results["stages"]["profile"]),
                _api(results["stages"]["api"]), _scaling(results["stages"]["scaling"]), _targets(results)]
    return "\n\n".join(sections) + "\n"


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(map(str, row)) + " |" for row in rows])


def _machine(r: dict) -> str:
    m = r["machine"]
    load = lambda values: " / ".join(f"{v:.1f}" for v in values)  # noqa: E731
    labeller = "with the line labeller" if m.get("labeller") else "without the line labeller (not in this tree)"
    return (f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; {m['os']}; Python {m['python']}; "
            f"{m['pandoc']}; news2tei at {m['commit']}, {labeller}, run as `{' '.join(r['command'])}`. "
            f"Median of {r['runs']} runs after a warm-up run, each waiting up to {r.get('idle_wait', 60):.0f} s "
            f"for the machine to be idle. Load average (1/5/15 min) before {load(m['load_before'])}, after "
            f"{load(m.get('load_after', m['load_before']))}.")


def _single(s: dict) -> str:
    pandoc = s.get("pandoc")
    rows = []
    for key, label in SINGLE_ROWS.items():
        if key in s:
            m = s[key]
            over = f"{m['cpu'] - s[BUDGETS[key][0]]['cpu']:+.3f}" if key in BUDGETS else ""
            rows.append([label, f"{m['wall']:.3f}", f"{m['cpu']:.3f}", over, f"{m['max_rss']:.0f}",
                         f"{m['wall'] / pandoc['wall']:.2f}" if pandoc else "no pandoc"])
    return f"### One edition (the seed, {s['input_bytes'] / 1024:.0f} KB)\n\n" + _table(
        ["command", "wall s", "CPU s", "CPU s above its floor", "peak RSS MB", "time / pandoc's"], rows) + _busy(s)


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
    shards = (f" The 10 shards took {b['shards']['wall'] - b['jobs2']['wall']:+.1f} s wall and "
              f"{b['shards']['cpu'] - b['jobs2']['cpu']:+.1f} s CPU more than one batch: "
              f"{(b['shards']['cpu'] - b['jobs2']['cpu']) / 10:.2f} s CPU a shard (a process and its two workers "
              "starting, cold).") if "shards" in b else ""
    return (f"### Batch of {b['editions']} editions ({megabytes:.1f} MB)\n\n"
            + _table(["command", "wall s", "editions/s", "input MB/s", "CPU s", "peak RSS, all processes MB",
                      "peak RSS, largest process MB", "editions/s vs pandoc loop"], rows)
            + f"\n\nSpeed-up from 1 to 2 jobs: {speedup:.2f}x.{shards} news2tei's own summary: "
            f"`{b['jobs2']['last_words']}`" + _busy(b))


def _busy(section: dict) -> str:
    return (f"\n\nOther processes used at most {100 * section['others_busy']:.0f}% of the CPU just before a "
            "measured run (each run waits, up to `--idle-wait` seconds, for under 10%).")


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


def _budget(r: dict) -> str:
    """What `news2tei convert` (TEI+EPUB) spends above its floor, from the same run: the
    whole processes' CPU and, in a process of its own, the stage profile of the seed."""
    s, p = r["single"], r["stages"]["profile"]
    over = 1000 * (s["convert"]["cpu"] - s["floor"]["cpu"])
    one_off = p["cold_ms"]["total"] - p["warm_ms"]["total"]
    parts = [["news2tei's own modules imported", p["import_ms"]],
             ["first conversion in the process, above a warm one (lazy imports, patterns, schemas, templates, "
              "tables)", one_off],
             ["the conversion itself (warm)", p["warm_ms"]["total"]]]
    parts.append(["the rest: click, writing the files, exit (the difference)", over - sum(ms for _, ms in parts)])
    return ("### Start-up budget: one edition above the floor, CPU ms\n\n"
            f"`news2tei convert` of the seed (TEI+EPUB) used {over:.0f} ms of CPU more than Python importing the "
            "libraries it needs (budget: 100 ms). Where they go:\n\n"
            + _table(["part", "ms"], [[name, f"{ms:.0f}"] for name, ms in parts]))


def _stages(p: dict) -> str:
    corpus = p["corpus"]
    mean = corpus["mean_ms"]
    stages = [k for k in p["cold_ms"] if k != "total"]
    rows = [[stage, f"{p['cold_ms'][stage]:.1f}", f"{p['warm_ms'][stage]:.1f}", f"{mean.get(stage, 0.0):.1f}",
             f"{100 * mean.get(stage, 0.0) / mean['total']:.0f}%"] for stage in stages]
    rows.append(["total", f"{p['cold_ms']['total']:.1f}", f"{p['warm_ms']['total']:.1f}", f"{mean['total']:.1f}",
                 "100%"])
    return ("### Per stage, CPU ms\n\n"
            f"Importing the modules `convert` needs: {p['import_ms']:.0f} ms. Cold is the seed's first conversion in a "
            "process (lazy imports, pattern, schema and template compilation, OpenCC tables, the labeller's model); "
            "warm, the fastest of later ones (each stage's fastest: the total is the fastest whole run); the corpus "
            f"mean is per edition over the batch's {corpus['editions']} editions, warm. TEI+EPUB. A stage's time is "
            "its own: the labeller (features and tagging) is counted apart from the structure stage that calls it.\n\n"
            + _table(["stage", "seed, cold", "seed, warm", "corpus mean", "share of corpus mean"], rows))


def _api(api: dict) -> str:
    rows = [[formats.replace("+", ", "), f"{m['first_ms']:.1f}", f"{m['warm_ms']:.1f}"] for formats, m in api.items()]
    return ("### The Python API, CPU ms per edition (the seed)\n\n"
            "`converter.convert(data, formats=...)` in one process: its first call (after the import) and the "
            "fastest of later ones.\n\n" + _table(["formats", "first call", "warm"], rows))


def _scaling(rows: list[dict]) -> str:
    base = rows[0]["structure"] / rows[0]["bytes"]
    table = [[f"{r['factor']}x", f"{r['bytes'] / 1024:.0f}", r["lines"], f"{r['normalise']:.0f}",
              f"{r['structure']:.0f}", f"{r['labeller']:.0f}", f"{1024 * r['structure'] / r['bytes']:.2f}",
              f"{(r['structure'] / r['bytes']) / base:.2f}"] for r in rows]
    return "### Structure stage against input size, CPU\n\n" + _table(
        ["input", "KB", "lines", "normalise ms", "structure ms (labeller included)", "of which labeller ms",
         "ms per KB", "per-KB cost vs 1x"], table)


def _targets(r: dict) -> str:
    b, s, api = r["batch"], r["single"], r["stages"]["api"]
    rows = [["1 -> 2 jobs speed-up >= 1.8x", f"{b['jobs1']['wall'] / b['jobs2']['wall']:.2f}x",
             b["jobs1"]["wall"] / b["jobs2"]["wall"] >= 1.8],
            ["batch peak memory < 200 MB", f"{b['jobs2']['tree_rss']:.0f} MB", b["jobs2"]["tree_rss"] < 200]]
    if "pandoc_loop" in b:
        ratio = b["pandoc_loop"]["wall"] / b["jobs2"]["wall"]
        rows.insert(0, ["batch --jobs 2 >= 6x pandoc loop editions/s", f"{ratio:.2f}x", ratio >= 6])
    for key, (floor, budget) in BUDGETS.items():
        over = s[key]["cpu"] - s[floor]["cpu"]
        rows.append([f"{SINGLE_ROWS[key]}: CPU within {budget:.2f} s of its floor", f"{over:+.3f} s", over <= budget])
    warm = api["tei+epub"]["warm_ms"]
    rows.append(["API, warm, TEI+EPUB of the seed < 15 ms", f"{warm:.1f} ms (TEI alone {api['tei']['warm_ms']:.1f})",
                 warm < 15])
    if r.get("big") and "error" not in r["big"]:
        rows.append(["big edition < 1 GB", f"{r['big']['tree_rss']:.0f} MB", r["big"]["tree_rss"] < 1024])
    growth = [x["structure"] / x["bytes"] for x in r["stages"]["scaling"]]
    rows.append(["structure stage linear (per-KB cost at 100x within 1.5x of 1x)", f"{growth[-1] / growth[0]:.2f}x",
                 growth[-1] / growth[0] <= 1.5])
    return "### Targets\n\n" + _table(["target", "measured", "met"],
                                       [[t, m, "yes" if ok else "**no**"] for t, m, ok in rows])


if __name__ == "__main__":
    print(markdown(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))
