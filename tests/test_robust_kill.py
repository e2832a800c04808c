"""Signals and exit codes, at CI size (the full attack: scripts/attack_batch.sh).

Workers die with the batch that started them, however it ends; a worker killed on
its own fails only its edition; Ctrl-C, bad input and bugs exit with distinct codes."""
from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter.cli import INTERNAL_ERROR, INTERRUPTED, main

ROOT = Path(__file__).parent.parent
SEED = (ROOT / "seeds" / "000_627fccb794dc0fc3.txt").read_text(encoding="utf-8")
PATIENCE = 120  # seconds: a bound on waiting for what must happen, never a speed requirement


def _archive(src: Path, count: int) -> None:
    src.mkdir()
    for n in range(count):
        (src / f"paper_{n:02d}.txt").write_text(SEED[n * 50:], encoding="utf-8")


def _start_batch(tmp_path: Path, *args: str) -> subprocess.Popen:
    _archive(tmp_path / "src", 12)
    return subprocess.Popen([sys.executable, "-m", "converter", "batch", str(tmp_path / "src"), "-o",
                             str(tmp_path / "out"), "--format", "tei", "--jobs", "2", *args],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # not a process, or gone
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _workers(batch: subprocess.Popen) -> list[int]:
    """The batch's worker processes, once both are converting."""
    for _ in range(PATIENCE * 10):
        workers = _children(batch.pid)
        if len(workers) == 2:
            return workers
        time.sleep(0.1)
    raise AssertionError("the batch started no workers")


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] not in "ZX"
    except OSError:
        return False


def _still_alive(pids: list[int]) -> list[int]:
    """Those of `pids` still running once they have had time to die (a dying process
    closes its files before it is gone)."""
    for _ in range(PATIENCE * 10):
        if not any(map(_alive, pids)):
            return []
        time.sleep(0.1)
    return [pid for pid in pids if _alive(pid)]


def _read_to_end(stream) -> bytes:
    """Everything until the last writer closes the pipe; fails if that never happens."""
    data = b""
    while True:
        ready, _, _ = select.select([stream], [], [], PATIENCE)
        assert ready, "the pipe stayed open: a process still holds it"
        chunk = os.read(stream.fileno(), 65536)
        if not chunk:
            return data
        data += chunk


@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_killing_the_batch_kills_its_workers_and_closes_the_pipes(tmp_path, signal_number):
    batch = _start_batch(tmp_path)
    workers = _workers(batch)
    os.kill(batch.pid, signal_number)
    assert batch.wait() == -signal_number
    _read_to_end(batch.stderr)  # as `batch ... 2>&1 | tee log` would: it ends
    _read_to_end(batch.stdout)
    assert not _still_alive(workers)


def test_ctrl_c_stops_the_batch_and_its_workers_with_one_line(tmp_path):
    batch = _start_batch(tmp_path)
    workers = _workers(batch)
    os.kill(batch.pid, signal.SIGINT)
    stderr = _read_to_end(batch.stderr).decode()
    assert batch.wait() == INTERRUPTED == 130
    assert stderr.splitlines() == ["news2tei: interrupted"]
    assert not _still_alive(workers)


def test_a_worker_killed_from_outside_fails_at_most_its_edition(tmp_path):
    batch = _start_batch(tmp_path, "--report", str(tmp_path / "report.jsonl"))
    os.kill(_workers(batch)[0], signal.SIGKILL)
    _read_to_end(batch.stderr)
    assert batch.wait() in (0, 1)
    records = [json.loads(line) for line in (tmp_path / "report.jsonl").read_text().splitlines()]
    failed = [r for r in records if r["status"] != "ok"]
    assert len(records) == 12 and len(failed) <= 1  # none if it was killed between two editions
    assert all("worker process converting it died (killed by signal 9" in r["error"] for r in failed)
    assert len(list((tmp_path / "out").glob("*.tei.xml"))) == 12 - len(failed)


def _raise(exc: BaseException):
    def raising(*args, **kwargs):
        raise exc
    return raising


@pytest.mark.parametrize("exc, code, line", [
    (KeyboardInterrupt(), INTERRUPTED, "news2tei: interrupted"),
    (RuntimeError("boom"), INTERNAL_ERROR, "news2tei: internal error: RuntimeError: boom (run with --debug for details)"),
], ids=["interrupted", "internal"])
def test_exit_codes_tell_interruption_and_bugs_apart(tmp_path, monkeypatch, exc, code, line):
    monkeypatch.setattr("converter.batch.run_batch", _raise(exc))
    _archive(tmp_path / "src", 1)
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "src"), "-o", str(tmp_path / "out")])
    assert (result.exit_code, result.stderr.splitlines()) == (code, [line])


def test_a_batch_where_an_edition_hit_a_bug_exits_as_internal_error(tmp_path, monkeypatch):
    _archive(tmp_path / "src", 3)
    (tmp_path / "src" / "empty.txt").write_bytes(b"")
    real_convert_file = __import__("converter.batch", fromlist=["convert_file"]).convert_file

    def bug_in_the_first(source, *args, **kwargs):
        if source.name == "paper_00.txt":
            raise RuntimeError("boom")
        return real_convert_file(source, *args, **kwargs)

    monkeypatch.setattr("converter.batch.convert_file", bug_in_the_first)
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "src"), "-o", str(tmp_path / "out"), "--format", "json"])
    assert result.exit_code == INTERNAL_ERROR
    assert "2 converted, 2 failed" in result.stderr
    monkeypatch.undo()
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "src"), "-o", str(tmp_path / "out"), "--format", "json"])
    assert result.exit_code == 1  # only the empty input failed: bad input
