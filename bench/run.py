"""news2tei speed and memory, side by side with pandoc: `python bench/run.py`.

Builds a varied corpus from the seed and the fixture editions (bench/corpus.py)
in a temporary directory, then measures whole processes (median of --runs runs,
after one warm-up run): one edition, a batch with 1 and 2 jobs against a loop of
pandoc processes, peak memory of the batch and of one big edition, a per-stage
profile and the growth of the structure stage with input size. Prints the
results as Markdown (the tables of docs/benchmarks.md) and, with --json, saves
the raw numbers. Nothing here asserts: machines are noisy, the numbers are read."""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from corpus import ROOT, write_big_edition, write_corpus
from measure import MB, Job, compare, run

SEED = ROOT / "seeds" / "000_627fccb794dc0fc3.txt"
STAGES = Path(__file__).with_name("stages.py")
SCALES = (1, 10, 100)  # input sizes for the structure stage's growth, in seeds
BIG_MEMORY_CAP_MB = 8192  # the big edition fails past this rather than take the shared machine's memory
# What any conversion costs before news2tei's own code runs: Python's start and the
# libraries the design fixes that a conversion imports (lxml with its Schematron,
# Jinja2 for the EPUB, OpenCC, click, and CRFsuite for the labeller where there is one).
# TEI alone needs all but Jinja2.
LABELLER = (ROOT / "converter" / "labeller").is_dir()
TEI_LIBRARIES = ("lxml.etree", "lxml.isoschematron", "opencc", "click") + (("pycrfsuite",) if LABELLER else ())
FLOOR_TEI = f"import {', '.join(TEI_LIBRARIES)}"
FLOOR = f"{FLOOR_TEI}, jinja2"
SHARDS = 10  # the batch again as this many shards, one after another, for the shards' overhead
PANDOC_ONE = 'pandoc -f markdown -t epub3 --metadata title="$n" -o "$out/$n.epub" "$f"'
# The pandoc loop: one process per edition, one after another (as a shell script would).
PANDOC_LOOP = f'out=$1; shift; for f in "$@"; do n=${{f##*/}}; n=${{n%.txt}}; {PANDOC_ONE} || exit 1; done'
# The same with two at a time, for a like-for-like look at --jobs 2.
PANDOC_PARALLEL = ("export out=$1; shift; printf '%s\\0' \"$@\" | xargs -0 -P 2 -n 1 sh -c "
                   f"'f=$1; n=${{f##*/}}; n=${{n%.txt}}; {PANDOC_ONE}' _")


def news2tei() -> list[str]:
    """The installed command beside this Python, else the package run as a module."""
    script = Path(sys.executable).with_name("news2tei")
    return [str(script)] if script.exists() else [sys.executable, "-m", "converter"]


def fresh(directory: Path):
    def clear() -> None:
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
    return clear


def single(work: Path, runs: int, pandoc: bool, patience: float) -> dict:
    out = work / "single"
    out.mkdir()
    jobs = {"floor": Job([sys.executable, "-c", FLOOR]),
            "floor_tei": Job([sys.executable, "-c", FLOOR_TEI]),
            "startup": Job([*news2tei(), "--help"]),
            "convert": Job([*news2tei(), "convert", str(SEED), "-o", str(out)]),
            "convert_tei": Job([*news2tei(), "convert", str(SEED), "-o", str(out), "--format", "tei"])}
    if pandoc:
        jobs["pandoc"] = Job(["bash", "-c", f'out=$1; f=$2; n={SEED.stem}; {PANDOC_ONE}', "_", str(out), str(SEED)])
    rows, busy = compare(jobs, runs, patience)
    return {"input_bytes": SEED.stat().st_size, "others_busy": busy, **{k: asdict(v) for k, v in rows.items()}}


def batch(work: Path, editions: int, runs: int, pandoc: bool, patience: float) -> dict:
    corpus = work / "corpus"
    files = [str(p) for p in write_corpus(corpus, editions)]
    out = work / "batch-out"
    # Exit status 1: some editions failed (the summary line says how many); they are still timed.
    jobs = {f"jobs{j}": Job([*news2tei(), "batch", str(corpus), "-o", str(out), "--jobs", str(j)], fresh(out),
                            ok_codes=(0, 1)) for j in (1, 2)}
    # The same batch as SHARDS shards run one after another, as array tasks would run them.
    shards = (f'for k in $(seq 0 {SHARDS - 1}); do "$@" --shard $k/{SHARDS} --report "$out/shard-$k.jsonl"; '
              'case $? in 0|1) ;; *) exit 1;; esac; done')
    jobs["shards"] = Job(["bash", "-c", f"out=$1; shift; {shards}", "_", str(out), *news2tei(), "batch", str(corpus),
                          "-o", str(out), "--jobs", "2"], fresh(out))
    if pandoc:
        jobs["pandoc_loop"] = Job(["bash", "-c", PANDOC_LOOP, "_", str(out), *files], fresh(out))
        jobs["pandoc_parallel"] = Job(["bash", "-c", PANDOC_PARALLEL, "_", str(out), *files], fresh(out))
    rows, busy = compare(jobs, runs, patience)
    size = sum(os.path.getsize(f) for f in files)
    return {"editions": editions, "input_bytes": size, "others_busy": busy, **{k: asdict(v) for k, v in rows.items()}}


def big_edition(work: Path, megabytes: int, timeout: float) -> dict:
    path = work / "big" / "big-edition.txt"
    path.parent.mkdir()
    size = write_big_edition(path, megabytes * MB)
    try:
        result = asdict(run([*news2tei(), "convert", str(path), "-o", str(path.parent)],
                                 timeout=timeout, memory_limit_mb=BIG_MEMORY_CAP_MB, ok_codes=(0, 1)))
    except RuntimeError as exc:
        result = {"error": str(exc)[:500]}
    path.unlink()
    return {"input_bytes": size, **result}


def stages(work: Path, repeats: int) -> dict:
    profile = _json([sys.executable, str(STAGES), "profile", str(SEED), str(repeats)])
    editions = sorted(str(p) for p in (work / "corpus").rglob("*.txt"))
    profile["corpus"] = _json([sys.executable, str(STAGES), "corpus", *editions])
    sizes = []
    for factor in SCALES:
        path = work / f"scale-{factor}x.txt"
        write_big_edition(path, factor * SEED.stat().st_size, seed=1)
        sizes.append(str(path))
    scaling = _json([sys.executable, str(STAGES), "scale", *sizes])
    api = _json([sys.executable, str(STAGES), "api", str(SEED), str(repeats * 4)])
    return {"profile": profile, "api": api, "scaling": [{"factor": f, **row} for f, row in zip(SCALES, scaling)]}


def _json(command: list[str]) -> Any:
    return json.loads(subprocess.run(command, check=True, capture_output=True).stdout)


def machine() -> dict:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    memory = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal"))
                 .split()[1]) / 1024 / 1024
    pandoc = shutil.which("pandoc")
    version = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.split("\n")[0] \
        if pandoc else "absent"
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory, 1), "os": platform.platform(),
            "python": platform.python_version(), "pandoc": version, "commit": commit, "labeller": LABELLER,
            "load_before": os.getloadavg()}


def use_this_tree() -> None:
    """Child processes find this tree's converter even where news2tei is not installed,
    compiled to bytecode as an installed package is (on the warm-up runs): otherwise
    every process would compile news2tei's source again, some 90 ms no user pays."""
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--editions", type=int, default=500, help="editions in the batch [500]")
    parser.add_argument("--runs", type=int, default=3, help="measured runs of each command (median) [3]")
    parser.add_argument("--big-mb", type=int, default=100, help="size of the big edition, 0 to skip [100]")
    parser.add_argument("--big-timeout", type=float, default=3600, help="seconds before the big edition is "
                        "given up [3600]")
    parser.add_argument("--idle-wait", type=float, default=60, help="seconds each run waits at most for the "
                        "machine to be idle [60]")
    parser.add_argument("--json", type=Path, help="also save the raw numbers here")
    args = parser.parse_args()
    use_this_tree()
    pandoc = shutil.which("pandoc") is not None
    results = {"machine": machine(), "command": news2tei(), "runs": args.runs, "idle_wait": args.idle_wait}
    with tempfile.TemporaryDirectory(prefix="news2tei-bench-") as tmp:
        work = Path(tmp)
        results["single"] = single(work, args.runs, pandoc, args.idle_wait)
        results["batch"] = batch(work, args.editions, args.runs, pandoc, args.idle_wait)
        results["stages"] = stages(work, max(args.runs, 5))
        if args.big_mb:
            results["big"] = big_edition(work, args.big_mb, args.big_timeout)
    results["machine"]["load_after"] = os.getloadavg()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    from report import markdown

    print(markdown(results))


if __name__ == "__main__":
    main()
