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
from dataclasses import dataclass
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


def run(command: list[str], timeout: float | None = None, memory_limit_mb: int | None = None) -> Measured:
    """Run `command` to its end (killed after `timeout` seconds; its address space
    capped at `memory_limit_mb`, so a runaway cannot take the machine's memory)."""
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
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    sampler.stop()
    if killer:
        killer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {stderr.decode(errors='replace')[-2000:]}")
    return Measured(wall, usage.ru_utime + usage.ru_stime, sampler.peak / MB, usage.ru_maxrss / 1024,
                    process.returncode)


def median(runs: list[Measured]) -> Measured:
    """Field by field median of several runs."""
    return Measured(*(statistics.median(getattr(r, f) for r in runs)
                      for f in ("wall", "cpu", "tree_rss", "max_rss", "returncode")))


def repeat(command: list[str], runs: int, before=lambda: None) -> Measured:
    """Median of `runs` runs; `before` is called ahead of each (to clear outputs)."""
    results = []
    for _ in range(runs):
        before()
        results.append(run(command))
    return median(results)


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
