"""`news2tei batch --shard K/N` and `news2tei report merge`: an archive split among the
tasks of a cluster's scheduler is converted once, and reported as one batch would."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter.batch import find_tasks
from converter.cli import main
from converter.shards import Shard
from test_batch import make_archive

NAMES = ["a.txt", "深圳特区报_20240503.txt", "x/y/z/deep.txt", "2024/05/b.TXT", "with space.txt"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def archive(root: Path, first: int, count: int) -> None:
    for n in range(first, first + count):
        path = root / f"{n % 3}" / f"{n:04d}" / NAMES[n % len(NAMES)]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("版面\n", encoding="utf-8")


def sources(src: Path, shard: Shard | None = None) -> list[Path]:
    return [t.source for t in find_tasks((src,), src.parent / "out", shard)]


@pytest.mark.parametrize("count", range(1, 8))
def test_n_shards_cover_every_input_exactly_once_also_with_files_added_between_runs(tmp_path, count):
    src = tmp_path / "src"
    archive(src, 0, 60)
    before = {k: sources(src, Shard(k, count)) for k in range(count)}
    assert sorted(p for k in before for p in before[k]) == sources(src)
    archive(src, 60, 25)  # more editions arrive; none already assigned may move
    after = {k: sources(src, Shard(k, count)) for k in range(count)}
    assert sorted(p for k in after for p in after[k]) == sources(src) and len(sources(src)) == 85
    assert all(set(before[k]) <= set(after[k]) for k in range(count))


def test_the_shard_depends_on_the_path_under_the_source_directory_only(tmp_path):
    archive(tmp_path / "here" / "src", 0, 40)
    shutil.copytree(tmp_path / "here", tmp_path / "elsewhere")
    for k in range(3):
        places = [[p.relative_to(tmp_path / where / "src") for p in sources(tmp_path / where / "src", Shard(k, 3))]
                  for where in ("here", "elsewhere")]
        assert places[0] == places[1]
    one, two = tmp_path / "here" / "src" / "0", tmp_path / "here" / "src" / "1"
    in_order = {k: find_tasks((one, two), tmp_path / "out", Shard(k, 3)) for k in range(3)}
    reversed_order = {k: find_tasks((two, one), tmp_path / "out", Shard(k, 3)) for k in range(3)}
    assert in_order == reversed_order


def _comparable(records: list[dict]) -> list[dict]:
    """A report's records without what differs from run to run (times)."""
    return sorted(({k: v for k, v in r.items() if k not in ("seconds", "timings")} for r in records),
                  key=lambda r: r["input"])


def _report(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_merged_shard_reports_equal_a_single_batch_report(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    make_archive(src, 24)
    (src / "2000" / "broken.txt").write_bytes(b"%PDF-1.7\x00\x01\x02" * 40)
    single = run("batch", src, "-o", out, "--format", "tei,json", "--report", tmp_path / "single.jsonl", "-j", "2")
    shutil.rmtree(out)
    for k in range(4):
        shard = run("batch", src, "-o", out, "--format", "tei,json", "--shard", f"{k}/4",
                    "--report", tmp_path / f"shard-{k}.jsonl", "-j", "2")
        assert shard.exit_code in (0, 1), shard.stderr
    merged = run("report", "merge", *sorted(tmp_path.glob("shard-*.jsonl")), "-o", tmp_path / "merged.jsonl")
    assert single.exit_code == merged.exit_code == 1  # the broken edition
    assert _comparable(_report(tmp_path / "merged.jsonl")) == _comparable(_report(tmp_path / "single.jsonl"))
    assert "25 edition(s): 24 converted, 1 failed, 0 skipped as up to date" in single.stderr
    assert "news2tei report merge: 4 report(s), 25 edition(s): 24 converted, 1 failed, 0 skipped" in merged.stderr
    assert "broken.txt: looks like a binary file" in merged.stderr


def test_a_shard_resumes_on_its_own(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    make_archive(src, 12)
    first = run("batch", src, "-o", out, "--format", "json", "--shard", "1/3", "--report", tmp_path / "r.jsonl")
    again = run("batch", src, "-o", out, "--format", "json", "--shard", "1/3", "--resume", "--report",
                tmp_path / "r.jsonl")
    assert first.exit_code == again.exit_code == 0, first.stderr
    assert {r["status"] for r in _report(tmp_path / "r.jsonl")} == {"skipped"}
    assert len(_report(tmp_path / "r.jsonl")) == len(sources(src, Shard(1, 3))) > 0


@pytest.mark.parametrize("value", ["3/3", "-1/3", "0/0", "1", "a/b", "1/2/3"])
def test_a_shard_that_is_not_k_of_n_is_a_usage_error(tmp_path, value):
    result = run("batch", tmp_path, "-o", tmp_path / "out", "--shard", value)
    assert result.exit_code == 2 and "--shard" in result.stderr


@pytest.mark.parametrize("lines, wording", [
    (['{"input": "a.txt", "status": "ok"}', "not json"], "r0.jsonl:2: not a line of a news2tei batch report"),
    (['{"input": "a.txt", "status": "ok"}', '{"input": "a.txt", "status": "ok"}'], "a.txt is also in"),
])
def test_merge_refuses_what_is_not_one_archives_shard_reports_in_one_line(tmp_path, lines, wording):
    (tmp_path / "r0.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("report", "merge", tmp_path / "r0.jsonl")
    assert result.exit_code == 1 and wording in result.stderr and len(result.stderr.splitlines()) == 1
