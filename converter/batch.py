"""`news2tei batch`: convert whole trees of editions, in parallel, resumable, reported.

Each SRC_DIR/**/NAME.txt becomes OUTDIR/**/NAME.<format> (the tree mirrored, every
path component sanitised). Each edition runs on its own in a worker process; a
failing edition is reported and never stops the others. After an edition, a stamp
file `.NAME.news2tei.json` beside its outputs records the options fingerprint and
the outcome, so `--resume` can skip editions whose outputs are newer than their
input and were made with the same options (failed ones too, until the input, the
options or the tool change)."""
from __future__ import annotations

import json
import os
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, TextIO

from .convert import SUFFIXES, ConvertOptions, Converted, convert_file, diagnostic_line, failure_message, output_stem, \
    safe_name
from .errors import InputError
from .model import Counts
from .output import write_atomic

Record = dict[str, Any]  # one line of the report


@dataclass(frozen=True)
class Task:
    source: Path
    outdir: Path  # where this edition's outputs go (the mirrored directory)
    stem: str

    @property
    def stamp(self) -> Path:
        return self.outdir / f".{self.stem}.news2tei.json"

    def outputs(self, formats: tuple[str, ...]) -> list[Path]:
        return [self.outdir / f"{self.stem}{SUFFIXES[f]}" for f in formats]


@dataclass
class Summary:
    records: list[Record] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(r["status"] == status for r in self.records)

    @property
    def failures(self) -> list[Record]:
        """Editions that did not convert, in this run or (skipped) in the one resumed."""
        return sorted((r for r in self.records if r.get("error")), key=lambda r: r["input"])

    @property
    def ok(self) -> bool:
        return not self.failures

    def line(self) -> str:
        return (f"{len(self.records)} edition(s): {self.count('ok')} converted, {len(self.failures)} failed, "
                f"{self.count('skipped')} skipped as up to date ({self.seconds:.1f} s)")


def find_tasks(src_dirs: tuple[Path, ...], outdir: Path) -> list[Task]:
    """Every *.txt under the source directories, mapped into OUTDIR."""
    tasks: dict[Path, Task] = {}
    for src in map(Path, src_dirs):
        if not src.is_dir():
            raise InputError(f"{src} is not a directory")
        for source in _text_files(src):
            relative = source.relative_to(src)
            task = Task(source, Path(outdir).joinpath(*map(safe_name, relative.parent.parts)), output_stem(source))
            key = task.outdir / task.stem
            if key in tasks:
                raise InputError(f"{tasks[key].source} and {source} would write the same outputs {key}.*")
            tasks[key] = task
    return sorted(tasks.values(), key=lambda t: str(t.source))


def run_batch(tasks: list[Task], options: ConvertOptions, *, jobs: int = 1, resume: bool = False,
              report: TextIO | None = None, debug: bool = False,
              on_record: Callable[[Record], None] = lambda record: None) -> Summary:
    started = time.perf_counter()
    summary = Summary()
    fingerprints = {t: options.fingerprint(t.source) for t in tasks}
    todo = []
    for task in tasks:
        skipped = _up_to_date(task, options.outputs, fingerprints[task]) if resume else None
        if skipped:
            _emit(skipped, summary, report, on_record)
        else:
            todo.append(task)
    for record in _run(todo, options, fingerprints, jobs, debug):
        _emit(record, summary, report, on_record)
    summary.seconds = time.perf_counter() - started
    return summary


def convert_task(task: Task, options: ConvertOptions, fingerprint: str, debug: bool = False) -> Record:
    """Convert one edition and stamp the outcome; never raises (runs in a worker)."""
    record: Record = {"input": str(task.source), "status": "ok", "error": None}
    started = time.perf_counter()
    try:
        converted, written = convert_file(task.source, task.outdir, options, task.stem)
        record.update(_describe(converted), encoding=converted.encoding,
                      outputs=[str(p) for p in written], timings=converted.timings)
    except Exception as exc:  # one failing edition never stops the batch
        record.update(status="error", error=failure_message(exc))
        if debug:
            record["traceback"] = traceback.format_exc()
        if not isinstance(exc, InputError):
            return record  # not the input's fault (a bug, a full disk): no stamp, redone next time
    finally:
        record["seconds"] = round(time.perf_counter() - started, 4)
    try:
        stamp = {"fingerprint": fingerprint, "status": record["status"], "error": record["error"]}
        write_atomic(task.stamp, json.dumps(stamp, ensure_ascii=False).encode("utf-8"))
    except Exception as exc:  # without a stamp the edition is simply redone next time
        record["stamp_error"] = failure_message(exc)
    return record


def _run(tasks: list[Task], options: ConvertOptions, fingerprints: dict[Task, str], jobs: int,
         debug: bool) -> Iterator[Record]:
    if jobs <= 1 or len(tasks) <= 1:
        yield from (convert_task(t, options, fingerprints[t], debug) for t in tasks)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(convert_task, t, options, fingerprints[t], debug): t for t in tasks}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:  # a worker was killed (out of memory?): no stamp, redo next time
                yield {"input": str(futures[future].source), "status": "error",
                       "error": "the worker process converting it died (out of memory?)"}


def _up_to_date(task: Task, formats: tuple[str, ...], fingerprint: str) -> Record | None:
    try:
        stamp = json.loads(task.stamp.read_text(encoding="utf-8"))
        made = task.stamp.stat().st_mtime_ns
        changed = task.source.stat().st_mtime_ns
        outputs = [p.stat().st_mtime_ns for p in task.outputs(formats)] if stamp["status"] == "ok" else []
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if stamp.get("fingerprint") != fingerprint or min([made, *outputs]) < changed:
        return None
    return {"input": str(task.source), "status": "skipped", "previous": stamp["status"],
            "error": stamp.get("error"), "outputs": [str(p) for p in task.outputs(formats)] if outputs else []}


def _emit(record: Record, summary: Summary, report: TextIO | None, on_record: Callable[[Record], None]) -> None:
    summary.records.append(record)
    if report:
        report.write(json.dumps(record, ensure_ascii=False) + "\n")
        report.flush()
    on_record(record)


def _describe(converted: Converted) -> Record:
    name = converted.meta.source_name or ""
    return {"language": converted.meta.language, **asdict(converted.counts),
            "warnings": [diagnostic_line(name, d) for d in converted.diagnostics if d.level != "info"]}


def write_inspect_index(summary: Summary, outdir: Path) -> Path:
    """OUTDIR/index.html: the run's inspect pages, failed and most doubtful editions first."""
    from .proof import IndexEntry, index_html

    entries = []
    for record in summary.records:
        page = next((p for p in record.get("outputs", ()) if p.endswith(SUFFIXES["inspect"])), None)
        counts = Counts(**{f.name: record[f.name] for f in fields(Counts)}) if "diagnostics" in record else None
        entries.append(IndexEntry(record["input"], page and os.path.relpath(page, outdir), counts,
                                  record.get("seconds", 0.0), record.get("error")))
    index = Path(outdir) / "index.html"
    write_atomic(index, index_html(entries).encode("utf-8"))
    return index


def _text_files(root: Path) -> Iterator[Path]:
    for directory, subdirs, files in os.walk(root):  # does not follow symlinked directories
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(".txt") and not name.startswith("."):
                yield Path(directory) / name
