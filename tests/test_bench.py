"""The benchmark's corpus and measurements (no timings asserted: those are read, not tested)."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import corpus  # noqa: E402
import measure  # noqa: E402


def test_corpus_is_deterministic_and_varied(tmp_path):
    first = [p.read_bytes() for p in corpus.write_corpus(tmp_path / "a", 30)]
    again = [p.read_bytes() for p in corpus.write_corpus(tmp_path / "b", 30)]
    assert first == again
    assert len(set(first)) == 30
    assert len({len(text) for text in first}) > 10


def test_corpus_dates_agree_with_file_names(tmp_path):
    for path in corpus.write_corpus(tmp_path, 20):
        stamp = re.search(r"_(\d{4})(\d\d)(\d\d)\.txt$", path.name)
        year, month, day = (int(g) for g in stamp.groups())
        text = path.read_text(encoding="utf-8")
        assert path.parent.name == f"{year}-{month:02d}"
        dates = set(re.findall(r"(?:19|20)\d\d年\d{1,2}月\d{1,2}日", text))
        assert dates <= {f"{year}年{month}月{day}日"}


def test_big_edition_reaches_its_size_in_pages(tmp_path):
    path = tmp_path / "big.txt"
    written = corpus.write_big_edition(path, 200_000)
    assert written == path.stat().st_size >= 200_000
    assert path.read_text(encoding="utf-8").count("\f") >= 5


def test_measure_counts_the_memory_of_child_processes():
    hold = "import time; block = bytearray(80 * 1024 * 1024); block[::4096] = b'x' * len(block[::4096]); " \
           "time.sleep(0.5)"
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {hold!r}], check=True)"
    result = measure.run([sys.executable, "-c", child])
    assert result.max_rss >= 80
    assert result.tree_rss >= 80
    assert result.cpu > 0 and result.wall > 0


def test_measure_reports_a_failing_command():
    with pytest.raises(RuntimeError, match="exited 3"):
        measure.run([sys.executable, "-c", "import sys; sys.exit(3)"])
    assert measure.run([sys.executable, "-c", "import sys; sys.exit(1)"], ok_codes=(0, 1)).returncode == 1


def test_the_stage_profile_times_the_real_conversion_path():
    """Every function bench/stages.py times still exists where it looks (it fails loudly
    otherwise) and the stages account for the whole conversion."""
    import json
    import subprocess

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, str(root / "bench" / "stages.py"), "profile",
                           str(root / "seeds" / "000_627fccb794dc0fc3.txt"), "1"],
                          capture_output=True, text=True, cwd=root, env={**os.environ, "PYTHONPATH": str(root)})
    assert done.returncode == 0, done.stderr
    cold = json.loads(done.stdout)["cold_ms"]
    assert {"decode", "structure", "TEI write", "validate", "EPUB write"} <= set(cold)
    assert sum(ms for stage, ms in cold.items() if stage != "total") == pytest.approx(cold["total"])


def test_commands_run_this_tree_compiled_as_an_installed_package_is():
    import json
    import subprocess

    root = Path(__file__).resolve().parent.parent
    probe = ("import json, os, sys; sys.path.insert(0, 'bench'); import run; run.use_this_tree(); "
             "print(json.dumps([os.environ.get('PYTHONDONTWRITEBYTECODE'), os.environ['PYTHONPATH']]))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=root, check=True,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": "elsewhere"})
    assert json.loads(done.stdout) == [None, os.pathsep.join([str(root), "elsewhere"])]
