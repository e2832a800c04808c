"""`news2tei batch`: convert whole trees of editions, in parallel, resumable, reported.

Each SRC_DIR/**/NAME.txt becomes OUTDIR/**/NAME.<format> (the tree mirrored, every
path component sanitised). Each edition runs on its own in a worker process; a
failing edition is reported and never stops the others, nor does a worker that dies
(it is replaced), nor an input that must not be read or written (refused alone).
Workers die with the batch, however it ends. After an edition, a stamp
file `.NAME.news2tei.json` beside its outputs records the options fingerprint and
the outcome, so `--resume` can skip editions whose outputs are newer than their
input and were made with the same options (failed ones too, until the input, the
options or the tool change)."""
from __future__ import annotations

import ctypes
import json
import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import asdict, dataclass, field, fields, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, TextIO

from .conversion import SUFFIXES, ConvertOptions, Converted, convert_bytes, convert_file, diagnostic_line, failure_message, \
    output_stem, safe_name
from .errors import InputError, News2teiError
from .model import Counts
from .output import sweep_stale_parts, write_atomic
from .shards import Shard

Record = dict[str, Any]  # one line of the report


@dataclass(frozen=True)
class Task:
    source: Path
    outdir: Path  # where this edition's outputs go (the mirrored directory)
    stem: str
    refusal: str | None = None  # why it must not be converted, if it must not
    relative: Path = Path()  # to its SRC_DIR: decides its shard

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

    @property
    def internal(self) -> bool:
        """Some edition failed on a bug, not on its input."""
        return any(r.get("internal") for r in self.records)

    def line(self, took: str | None = None) -> str:
        """Converted, failed and skipped add up to the editions: one skipped because it
        failed last time (input unchanged) is counted as failed, not as skipped too."""
        earlier = sum(r["status"] == "skipped" for r in self.failures)
        return (f"{len(self.records)} edition(s): {self.count('ok')} converted, {len(self.failures)} failed"
                f"{f' ({earlier} in an earlier run, input unchanged)' if earlier else ''}, "
                f"{self.count('skipped') - earlier} skipped as up to date ({took or f'{self.seconds:.1f} s'})")


def find_tasks(src_dirs: tuple[Path, ...], outdir: Path, shard: Shard | None = None) -> list[Task]:
    """Every *.txt under the source directories (of `shard` only, if given), mapped into
    OUTDIR; one that must not be read or written is refused, alone."""
    tasks = []
    for src in map(Path, src_dirs):
        if not src.is_dir():
            raise InputError(f"{src} is not a directory")
        tasks += [_task(source, src, Path(outdir)) for source in _text_files(src)]
    # Collisions are found among all inputs, so that every shard refuses the same ones.
    return sorted((t for t in _refuse_collisions(tasks) if not shard or shard.holds(t.relative)),
                  key=lambda t: str(t.source))


def _task(source: Path, src: Path, outdir: Path) -> Task:
    relative = source.relative_to(src)
    task = Task(source, outdir.joinpath(*map(safe_name, relative.parent.parts)), output_stem(source),
                relative=relative)
    return replace(task, refusal=_refusal(task, src, outdir))


def _refusal(task: Task, src: Path, outdir: Path) -> str | None:
    if _shown(task.source.name) != task.source.name:
        return "its file name is not valid UTF-8; rename it"  # the TEI records the name: XML cannot hold it
    if task.source.is_symlink() and not _inside(task.source, src):
        return "a symbolic link to outside the source directory; not read"
    if not _inside(task.outdir, outdir):  # a symbolic link already in OUTDIR
        return f"its output directory {task.outdir} leads outside {outdir}; not written"
    return None


def _inside(path: Path, root: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def _refuse_collisions(tasks: list[Task]) -> Iterator[Task]:
    """Editions that would write the same outputs are all refused: none may overwrite another's."""
    by_output: dict[Path, list[Task]] = defaultdict(list)
    for task in tasks:
        by_output[task.outdir / task.stem].append(task)
    for key, same in by_output.items():
        writing = [t for t in same if not t.refusal]
        for task in same:
            other = next((t for t in writing if t is not task), None)
            if other and not task.refusal:
                task = replace(task, refusal=f"it and {_shown(other.source)} would write the same outputs {key}.*")
            yield task


def _shown(path: Path | str) -> str:
    """A path as text, bytes that are not UTF-8 written as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def run_batch(tasks: list[Task], options: ConvertOptions, *, jobs: int = 1, resume: bool = False,
              report: TextIO | None = None, debug: bool = False,
              on_record: Callable[[Record], None] = lambda record: None) -> Summary:
    started = time.perf_counter()
    summary = Summary()
    for directory in {t.outdir for t in tasks}:
        sweep_stale_parts(directory)  # left by a run killed before
    todo: dict[Task, str] = {}
    for task in tasks:
        try:
            fingerprint = _fingerprint(task, options)
        except Exception as exc:  # one failing edition never stops the batch
            _emit(_failure(task, exc), summary, report, on_record)
            continue
        skipped = _up_to_date(task, options.outputs, fingerprint) if resume else None
        if skipped:
            _emit(skipped, summary, report, on_record)
        else:
            todo[task] = fingerprint
    for record in _run(todo, options, jobs, debug):
        _emit(record, summary, report, on_record)
    summary.seconds = time.perf_counter() - started
    return summary


def _fingerprint(task: Task, options: ConvertOptions) -> str:
    if task.refusal:
        raise InputError(task.refusal)
    return options.fingerprint(task.source)


def convert_task(task: Task, options: ConvertOptions, fingerprint: str, debug: bool = False) -> Record:
    """Convert one edition and stamp the outcome; never raises (runs in a worker)."""
    record: Record = {"input": _shown(task.source), "status": "ok", "error": None}
    started = time.perf_counter()
    try:
        converted, written = convert_file(task.source, task.outdir, options, task.stem)
        record.update(_describe(converted), encoding=converted.encoding,
                      outputs=[str(p) for p in written], timings=converted.timings)
    except Exception as exc:  # one failing edition never stops the batch
        record.update(_failure(task, exc))
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


def _failure(task: Task, exc: BaseException) -> Record:
    record = {"input": _shown(task.source), "status": "error", "error": failure_message(exc), "seconds": 0.0}
    return record if isinstance(exc, News2teiError) else {**record, "internal": True}


def _run(todo: dict[Task, str], options: ConvertOptions, jobs: int, debug: bool) -> Iterator[Record]:
    """Each edition converted by a worker process; a worker that dies fails only the
    edition it was converting, and another takes its place."""
    pending = list(todo.items())[::-1]
    if pending:
        warm_up(options)
    workers = [_Worker(options, debug) for _ in range(min(jobs, len(pending)))]
    try:
        while pending or any(w.task for w in workers):
            for worker in (w for w in workers if not w.task and pending):
                worker.give(*pending.pop())
            busy = [w for w in workers if w.task]
            ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy])
            for worker in (w for w in busy if {w.connection, w.process.sentinel} & set(ready)):
                yield worker.outcome()
            # One that died after wait() returned keeps its edition until its death is read.
            workers = [w if w.task or w.process.is_alive() else _Worker(options, debug) for w in workers]
    finally:
        for worker in workers:
            worker.stop()


# A line of text: converting it loads what every conversion loads once.
_WARM_UP = "一\n".encode()


def warm_up(options: ConvertOptions) -> None:
    """Load, before the workers fork, what each would otherwise load for itself (the
    labeller's model, schemas, templates, character tables, patterns; about 0.1 s of CPU):
    they share the batch's copy."""
    with suppress(Exception):  # nothing is lost: a worker then loads what it needs itself
        convert_bytes(_WARM_UP, options)


# Forked, so that a worker is the batch's own child (which it dies with) on any Python.
_FORK = multiprocessing.get_context("fork")


class _Worker:
    """A process converting the editions it is sent, one at a time, over a pipe."""

    def __init__(self, options: ConvertOptions, debug: bool) -> None:
        self.connection, child = _FORK.Pipe()
        self.process = _FORK.Process(target=_serve, args=(child, os.getpid(), options, debug), daemon=True)
        self.process.start()
        child.close()
        self.task: Task | None = None

    def give(self, task: Task, fingerprint: str) -> None:
        self.task = task
        with suppress(OSError):  # it died: outcome() says so
            self.connection.send((task, fingerprint))

    def outcome(self) -> Record:
        """The record of its edition, or of how the process died converting it."""
        task, self.task = self.task, None
        assert task, "asked for the outcome of no edition"
        try:
            return self.connection.recv()
        except (EOFError, OSError):
            self.process.join()
            return {"input": _shown(task.source), "status": "error", "seconds": 0.0,
                    "error": f"the worker process converting it died ({_death(self.process.exitcode)})"}

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        return f"killed by signal {-exitcode}, {name}" + (": out of memory?" if name == "SIGKILL" else "")
    return f"exit status {exitcode}"


def _serve(connection: Connection, parent: int, options: ConvertOptions, debug: bool) -> None:
    """A worker's life: convert what it is sent until the batch closes the pipe or ends."""
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the batch's: it stops its workers
    while True:
        try:
            task, fingerprint = connection.recv()
        except EOFError:
            return
        connection.send(convert_task(task, options, fingerprint, debug))


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with(parent: int) -> None:
    """End this process when the batch ends, even by SIGKILL, so no worker lives on
    (holding the batch's pipes open): Linux kills it at once; elsewhere, and should the
    batch have ended before this was asked, a thread sees the parent gone."""
    with suppress(AttributeError, OSError):  # not Linux
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


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
    return {"input": _shown(task.source), "status": "skipped", "previous": stamp["status"],
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
