"""Measure a command as a whole process tree: wall time, CPU time, peak memory.

Peak memory is sampled from /proc as the sum of the resident set sizes of the
process and all its descendants (an upper bound: pages that forked workers share
are counted once per process). The tree is rediscovered four times a second (a
scan of /proc is costly), so a child living less than that may be missed: the
kernel's figure for the largest single process, from wait4, covers those."""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


@dataclass(frozen=True)
class Measured:
    wall: float  # seconds
    cpu: float  # user + system seconds of the whole tree
    tree_rss: float  # MB, peak of the sum over the tree (sampled)
    max_rss: float  # MB, the largest single process (kernel)
    returncode: int
    last_words: str = ""  # the last line the command wrote to standard error


def run(command: list[str], timeout: float | None = None, memory_limit_mb: int | None = None,
        ok_codes: tuple[int, ...] = (0,)) -> Measured:
    """Run `command` to its end (killed after `timeout` seconds; its address space
    capped at `memory_limit_mb`, so a runaway cannot take the machine's memory).
    An exit status outside `ok_codes` raises RuntimeError."""
    def cap() -> None:
        if memory_limit_mb:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit_mb * MB,) * 2)

    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=cap)
    sampler = _TreeSampler(process.pid)
    sampler.start()
    killer = threading.Timer(timeout, process.kill) if timeout else None
    if killer:
        killer.start()
    assert process.stderr is not None  # stderr=PIPE
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    sampler.stop()
    if killer:
        killer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    words = stderr.decode(errors="replace").strip()
    if process.returncode not in ok_codes:
        raise RuntimeError(f"{' '.join(command[:4])}... exited {process.returncode}: {words[-1000:]}")
    return Measured(wall, usage.ru_utime + usage.ru_stime, sampler.peak / MB, usage.ru_maxrss / 1024,
                    process.returncode, words.splitlines()[-1] if words else "")


def median(runs: list[Measured]) -> Measured:
    """Field by field median of several runs (the last words of the last run)."""
    return replace(runs[-1], **{f: statistics.median(getattr(r, f) for r in runs)
                                for f in ("wall", "cpu", "tree_rss", "max_rss", "returncode")})


@dataclass(frozen=True)
class Job:
    command: list[str]
    before: Callable[[], None] = lambda: None  # called ahead of each run (to clear outputs)
    ok_codes: tuple[int, ...] = (0,)


def compare(jobs: dict[str, Job], runs: int, patience: float = 60.0) -> tuple[dict[str, Measured], float]:
    """The median of `runs` runs of each job, after one warm-up run of each (page
    cache, .pyc files). The runs are interleaved round by round, so that what else
    the machine does falls on all jobs alike, and each waits for the machine to be
    idle (at most `patience` seconds). Also returns the highest share of CPU others used
    just before a run."""
    results: dict[str, list[Measured]] = {name: [] for name in jobs}
    busiest = 0.0
    for round_ in range(runs + 1):
        for name, job in jobs.items():
            job.before()
            busiest = max(busiest, wait_for_idle(patience=patience)) if round_ else busiest
            measured = run(job.command, ok_codes=job.ok_codes)
            if round_:
                results[name].append(measured)
    return {name: median(r) for name, r in results.items()}, busiest


def wait_for_idle(threshold: float = 0.1, patience: float = 60.0) -> float:
    """Wait (at most `patience` seconds) until other processes use less than
    `threshold` of the machine's CPU over half a second; return the share seen last."""
    deadline = time.monotonic() + patience
    while True:
        busy = _cpu_busy(0.5)
        if busy < threshold or time.monotonic() > deadline:
            return busy
        time.sleep(0.5)


def _cpu_busy(seconds: float) -> float:
    def sample() -> tuple[int, int]:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return sum(values), values[3] + values[4]  # total, idle + iowait
    total, idle = sample()
    time.sleep(seconds)
    total2, idle2 = sample()
    return 1 - (idle2 - idle) / max(1, total2 - total)


class _TreeSampler(threading.Thread):
    INTERVAL = 0.02  # seconds between two samples
    RESCAN = 12  # samples between two scans of the process tree

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.peak = root, 0
        self._done = threading.Event()

    def run(self) -> None:
        pids, sample = [self.root], 0
        while not self._done.is_set():
            if sample % self.RESCAN == 0:
                pids = _tree(self.root)
            self.peak = max(self.peak, sum(_rss(pid) for pid in pids))
            sample += 1
            self._done.wait(self.INTERVAL)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, ()))
    return found


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0
