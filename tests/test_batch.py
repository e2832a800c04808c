"""`news2tei batch`: mirrored tree, parallel workers, failures isolated, resume, report."""
from __future__ import annotations

import json
import os
import pty
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter import batch
from converter.batch import Summary, Task, convert_task, find_tasks, run_batch
from converter.cli import main
from converter.conversion import ConvertOptions, convert_file, safe_name

ROOT = Path(__file__).parent.parent
SEED_LINES = (ROOT / "seeds" / "000_627fccb794dc0fc3.txt").read_text(encoding="utf-8").splitlines()


def edition_text(n: int) -> str:
    """A small edition cut from the seed, different for each n."""
    start = (n * 7) % (len(SEED_LINES) - 40)
    return "\n".join(SEED_LINES[start:start + 30]) + "\n"


def make_archive(root: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        path = root / f"{2000 + n // 100}" / f"{n % 100 // 10:02d}" / f"paper_{n:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(edition_text(n), encoding="utf-8")
        paths.append(path)
    return paths


def run(*args):
    return CliRunner().invoke(main, ["batch", *map(str, args)])


def _snapshot(root: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_hundred_editions_with_three_broken_ones_then_resume_does_nothing(tmp_path):
    src, out, report = tmp_path / "src", tmp_path / "out", tmp_path / "report.jsonl"
    paths = make_archive(src, 200)
    paths[17].write_bytes(b"\x00\x01\x02\x03binary\x00" * 100)
    paths[101].write_bytes(edition_text(101).encode("gbk"))  # the run says UTF-8
    paths[150].write_bytes(b"")
    broken = {str(paths[17]): "looks like a binary file", str(paths[101]): "cannot decode input as utf-8",
              str(paths[150]): "input is empty"}

    first = run(src, "-o", out, "--format", "tei", "--encoding", "utf-8", "--jobs", "2", "--report", report)
    assert first.exit_code == 1
    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 200
    failed = {r["input"]: r["error"] for r in records if r["status"] == "error"}
    assert failed.keys() == broken.keys()
    assert all(failed[path].startswith(start) for path, start in broken.items())
    ok = [r for r in records if r["status"] == "ok"]
    assert len(ok) == 197 and all(r["articles"] >= 1 and r["outputs"] and r["timings"] for r in ok)
    assert len(list(out.rglob("*.tei.xml"))) == 197
    assert (out / "2001" / "05" / "paper_150.tei.xml").exists() is False
    assert (out / "2000" / "00" / "paper_000.tei.xml").exists()
    stderr = first.stderr.splitlines()
    assert [line.split(": ")[2] for line in stderr[:3]] == sorted(broken)
    assert stderr[-1].startswith("news2tei batch: 200 edition(s): 197 converted, 3 failed, 0 skipped as up to date")
    assert "Traceback" not in first.stderr

    before = _snapshot(out)
    second = run(src, "-o", out, "--format", "tei", "--encoding", "utf-8", "--jobs", "2", "--resume",
                 "--report", report)
    assert _snapshot(out) == before  # nothing written, not even a stamp
    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert {r["status"] for r in records} == {"skipped"} and len(records) == 200
    assert second.exit_code == 1  # the broken editions are still not converted
    assert "0 converted, 3 failed (3 in an earlier run, input unchanged), 197 skipped as up to date" in second.stderr


def test_the_summary_counts_add_up_to_the_editions():
    records = [{"input": "a.txt", "status": "ok", "error": None},
               {"input": "b.txt", "status": "error", "error": "input is empty"},
               {"input": "c.txt", "status": "skipped", "previous": "ok", "error": None},
               {"input": "d.txt", "status": "skipped", "previous": "error", "error": "input is empty"}]
    line = Summary(records).line()
    counts = [int(n) for n in re.findall(r"(\d+) (?:converted|failed|skipped)", line)]
    assert line.startswith("4 edition(s): ") and counts == [1, 2, 1] and sum(counts) == 4


def test_default_formats_and_resume_redoes_what_changed(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    paths = make_archive(src, 3)
    assert run(src, "-o", out, "--jobs", "1").exit_code == 0
    assert sorted(p.name for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")) == [
        "paper_000.epub", "paper_000.tei.xml", "paper_001.epub", "paper_001.tei.xml",
        "paper_002.epub", "paper_002.tei.xml"]
    os.utime(paths[1], ns=(paths[1].stat().st_atime_ns, paths[1].stat().st_mtime_ns + 10**10))  # edited later
    report = tmp_path / "r.jsonl"
    assert run(src, "-o", out, "--resume", "--report", report).exit_code == 0
    statuses = {Path(r["input"]).name: r["status"] for r in map(json.loads, report.read_text().splitlines())}
    assert statuses == {"paper_000.txt": "skipped", "paper_001.txt": "ok", "paper_002.txt": "skipped"}
    assert run(src, "-o", out, "--resume", "--script", "hant", "--report", report).exit_code == 0
    assert {json.loads(line)["status"] for line in report.read_text().splitlines()} == {"ok"}  # options changed


def test_resume_redoes_editions_whose_output_is_missing_or_metadata_changed(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    paths = make_archive(src, 2)
    options = ConvertOptions(formats=("json",))
    tasks = find_tasks((src,), out)
    run_batch(tasks, options)
    (out / "2000" / "00" / "paper_000.json").unlink()
    paths[1].with_name("paper_001.meta.toml").write_text('title = "焦作日报"\n', encoding="utf-8")
    summary = run_batch(tasks, options, resume=True)
    assert [r["status"] for r in summary.records] == ["ok", "ok"]
    assert [r["status"] for r in run_batch(tasks, options, resume=True).records] == ["skipped", "skipped"]


def test_output_paths_are_sanitised_and_stay_inside_outdir(tmp_path):
    src = tmp_path / "src"
    for relative in ["a:b/x?.txt", "back\\slash\n/y.txt", ".hidden/z.txt", "c/.hidden.txt", "c/UPPER.TXT",
                     "c/notes.md"]:
        (src / relative).parent.mkdir(parents=True, exist_ok=True)
        (src / relative).write_text("正文。\n", encoding="utf-8")
    tasks = find_tasks((src,), tmp_path / "out")
    assert [(t.outdir.relative_to(tmp_path / "out").as_posix(), t.stem) for t in tasks] == [
        ("a_b", "x_"), ("back_slash_", "y"), ("c", "UPPER")]


@pytest.mark.parametrize("name, safe", [
    ("..", "_"), ("../../etc/passwd", "_.._etc_passwd"), (".profile", "profile"), ("a\x00b", "a_b"),
    ("焦作日报" * 40, "焦作日报" * 15 + "焦作日~ee69d17c"), ("", "_"),
])
def test_safe_name(name, safe):
    assert safe_name(name) == safe


def test_two_sources_mapping_to_one_output_fail_alone(tmp_path):
    for root, name in (("one", "x.txt"), ("two", "x.txt"), ("one", "a:b.txt"), ("one", "a_b.txt"), ("two", "y.txt")):
        (tmp_path / root).mkdir(exist_ok=True)
        (tmp_path / root / name).write_text(edition_text(len(name)), encoding="utf-8")
    tasks = find_tasks((tmp_path / "one", tmp_path / "two"), tmp_path / "out")
    records = run_batch(tasks, ConvertOptions(formats=("json",))).records
    errors = {str(Path(r["input"]).relative_to(tmp_path)): r["error"] for r in records}
    assert errors.keys() == {"one/x.txt", "two/x.txt", "one/a:b.txt", "one/a_b.txt", "two/y.txt"}
    assert errors["two/y.txt"] is None
    assert all("would write the same outputs" in errors[name] for name in errors if name != "two/y.txt")
    assert [p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")] == ["y.json"]
    result = run(tmp_path / "one" / "x.txt", "-o", tmp_path / "out")
    assert result.exit_code == 2 and "is a file" in result.stderr


def test_file_names_that_cannot_be_outputs_fail_alone_and_long_ones_convert(tmp_path):
    src, out, report = tmp_path / "src", tmp_path / "out", tmp_path / "report.jsonl"
    make_archive(src, 2)
    with open(os.fsencode(src / "bad") + b"\xff.txt", "wb") as handle:  # not UTF-8 (a Latin-1 or GBK name)
        handle.write(edition_text(3).encode("utf-8"))
    long_name = src / ("长" * 82 + ".txt")  # 250 bytes: too long for NAME.meta.toml beside it
    twins = [src / ("报" * 70 + last + ".txt") for last in "甲乙"]  # equal in their first 200 bytes
    for n, path in enumerate([long_name, *twins]):
        path.write_text(edition_text(n), encoding="utf-8")
    result = run(src, "-o", out, "--format", "json", "--jobs", "2", "--report", report)
    records = {Path(r["input"]).name: r for r in map(json.loads, report.read_text(encoding="utf-8").splitlines())}
    assert len(records) == 6 and result.exit_code == 1 and "internal error" not in result.stderr
    assert records["bad\\xff.txt"]["error"] == "its file name is not valid UTF-8; rename it"
    assert all(r["status"] == "ok" for name, r in records.items() if name != "bad\\xff.txt")
    outputs = [Path(p).name for name in (long_name.name, *(t.name for t in twins)) for p in records[name]["outputs"]]
    assert len(set(outputs)) == 3 and all(len(name.encode()) <= 255 for name in outputs)


def test_only_regular_files_inside_the_tree_are_read(tmp_path):
    src, out, report = tmp_path / "src", tmp_path / "out", tmp_path / "report.jsonl"
    paths = make_archive(src, 1)
    secret = tmp_path / "secret.txt"
    secret.write_text(edition_text(4), encoding="utf-8")
    (src / "outside.txt").symlink_to(secret)
    (src / "inside.txt").symlink_to(paths[0])
    (src / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(src / "pipe.txt")
    done = subprocess.run([sys.executable, "-m", "converter", "batch", str(src), "-o", str(out), "--format", "json",
                           "--report", str(report)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    errors = {Path(r["input"]).name: r["error"] for r in map(json.loads, report.read_text().splitlines())}
    assert errors == {"inside.txt": None, "paper_000.txt": None, "pipe.txt": "not a regular file (a FIFO); not read",
                      "outside.txt": "a symbolic link to outside the source directory; not read",
                      "zero.txt": "a symbolic link to outside the source directory; not read"}
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert not (out / "outside.json").exists() and not (out / "zero.json").exists()


def test_an_input_over_the_size_limit_is_refused_in_one_line(tmp_path):
    src = tmp_path / "src"
    make_archive(src, 1)
    (src / "huge.txt").write_bytes(edition_text(1).encode("utf-8") * (1200 * 1024 // len(edition_text(1))))
    result = run(src, "-o", tmp_path / "out", "--format", "json", "--max-size", "1")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (f"news2tei: error: {src / 'huge.txt'}: larger than the limit of 1 MB "
                                             "(--max-size); not read")
    assert "1 converted, 1 failed" in result.stderr


@pytest.mark.parametrize("special, kind", [("fifo", "a FIFO"), ("/dev/zero", "a character device")])
def test_convert_refuses_a_fifo_or_a_device(tmp_path, special, kind):
    path = Path(special)
    if special == "fifo":
        path = tmp_path / "edition.txt"
        os.mkfifo(path)
    done = subprocess.run([sys.executable, "-m", "converter", "convert", str(path), "-o", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"news2tei: error: {path}: not a regular file ({kind}); not read"]


def test_a_directory_symlink_in_outdir_does_not_lead_outputs_outside(tmp_path):
    src, out, elsewhere = tmp_path / "src", tmp_path / "out", tmp_path / "elsewhere"
    make_archive(src, 2)
    (src / "top.txt").write_text(edition_text(9), encoding="utf-8")
    elsewhere.mkdir()
    out.mkdir()
    (out / "2000").symlink_to(elsewhere)
    records = run_batch(find_tasks((src,), out), ConvertOptions(formats=("json",))).records
    errors = {Path(r["input"]).name: r["error"] for r in records}
    assert errors["top.txt"] is None
    assert errors["paper_000.txt"] == f"its output directory {out / '2000' / '00'} leads outside {out}; not written"
    assert list(elsewhere.iterdir()) == []


def test_internal_errors_get_no_stamp_and_do_not_stop_the_batch(tmp_path, monkeypatch):
    source = tmp_path / "x.txt"
    source.write_text("正文。\n", encoding="utf-8")
    task = Task(source, tmp_path / "out", "x")

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("converter.batch.convert_file", boom)
    record = convert_task(task, ConvertOptions(formats=("json",)), "fp", debug=True)
    assert record["status"] == "error" and record["error"].startswith("internal error (RuntimeError: boom)")
    assert "Traceback" in record["traceback"] and not task.stamp.exists()


def test_quiet_in_a_pipe(tmp_path):
    make_archive(tmp_path / "src", 2)
    result = run(tmp_path / "src", "-o", tmp_path / "out", "--format", "json")
    assert result.exit_code == 0 and result.stdout == ""
    (line,) = result.stderr.splitlines()  # no progress bar, only the summary
    assert line.startswith("news2tei batch: 2 edition(s): 2 converted, 0 failed")


def test_progress_bar_on_a_terminal(tmp_path):
    make_archive(tmp_path / "src", 3)
    controller, terminal = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "converter", "batch", str(tmp_path / "src"), "-o",
                               str(tmp_path / "out"), "--format", "json", "--jobs", "1"],
                              stdout=subprocess.PIPE, stderr=terminal, timeout=300)
    finally:
        os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal side is closed and drained
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert done.returncode == 0 and done.stdout == b""
    assert b"converting" in shown and b"100%" in shown and b"3 converted" in shown


@pytest.mark.parametrize("death", ["exit", "SIGKILL", "while the batch reads another's outcome"])
def test_a_worker_that_dies_fails_only_its_edition(tmp_path, monkeypatch, death):
    make_archive(tmp_path / "src", 6)
    real_convert_file = convert_file
    real_wait = batch.wait

    def dies_on_the_second(source, *args, **kwargs):
        if source.name == "paper_001.txt":  # as the kernel's OOM killer would end it
            if death == "exit":
                os._exit(70)
            time.sleep(0.1 if death.startswith("while") else 0)
            os.kill(os.getpid(), signal.SIGKILL)
        return real_convert_file(source, *args, **kwargs)

    def slow_wait(*args, **kwargs):  # the worker dies after wait() saw it alive, before its next
        ready = real_wait(*args, **kwargs)
        time.sleep(0.3)
        return ready

    monkeypatch.setattr("converter.batch.convert_file", dies_on_the_second)  # the fork-started workers inherit it
    if death.startswith("while"):
        monkeypatch.setattr("converter.batch.wait", slow_wait)
    summary = run_batch(find_tasks((tmp_path / "src",), tmp_path / "out"), ConvertOptions(formats=("json",)), jobs=2)
    assert len(summary.records) == 6
    (died,) = summary.failures
    assert Path(died["input"]).name == "paper_001.txt" and "worker process converting it died" in died["error"]
    assert not (tmp_path / "out" / "2000" / "00" / ".paper_001.news2tei.json").exists()  # redone next time
    assert len(list((tmp_path / "out").rglob("paper_*.json"))) == 5


def test_a_hostile_metadata_file_fails_only_its_edition(tmp_path):
    src = tmp_path / "src"
    paths = make_archive(src, 3)
    paths[1].with_name("paper_001.meta.toml").write_text("pages = " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    summary = run_batch(find_tasks((src,), tmp_path / "out"), ConvertOptions(formats=("json",)), jobs=2)
    (failed,) = summary.failures
    assert failed["error"] == f"metadata file {paths[1].with_name('paper_001.meta.toml')}: nested too deeply"
    assert summary.count("ok") == 2 and not summary.internal
