"""docs/scale.md's recipes, run here without a cluster: the Slurm array script with
SLURM_ARRAY_TASK_ID set as Slurm sets it, the Kubernetes indexed Job's command with
JOB_COMPLETION_INDEX set as Kubernetes sets it (the manifest checked as a Job), and the
Dask recipe on Dask's local scheduler. The doc shows the files verbatim."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import converter
from test_batch import make_archive

ROOT = Path(__file__).parent.parent
DEPLOY = ROOT / "deploy"
DOC = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
pytestmark = pytest.mark.slow  # a process per shard


@pytest.fixture
def env(tmp_path):
    """An environment whose `news2tei` is this tree's."""
    shim = tmp_path / "bin" / "news2tei"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m converter "$@"\n')
    shim.chmod(0o755)
    return {**os.environ, "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}


def _report_lines(out: Path) -> list[dict]:
    return [json.loads(line) for report in sorted((out / "reports").glob("*.jsonl"))
            for line in report.read_text(encoding="utf-8").splitlines()]


def _covered_once(archive: Path, out: Path, env: dict) -> None:
    records = _report_lines(out)
    assert sorted(r["input"] for r in records) == sorted(str(p) for p in archive.rglob("*.txt"))
    assert {r["status"] for r in records} == {"ok"}
    merged = subprocess.run(["news2tei", "report", "merge", *sorted((out / "reports").glob("*.jsonl"))],
                            env=env, capture_output=True, text=True)
    assert merged.returncode == 0 and f"{len(records)} edition(s): {len(records)} converted" in merged.stderr


@pytest.mark.parametrize("name", ["slurm-array.sbatch", "kubernetes-job.yaml", "dask_recipe.py"])
def test_the_doc_shows_each_recipe_as_it_is(name):
    assert (DEPLOY / name).read_text(encoding="utf-8") in DOC


def test_the_slurm_array_job_covers_the_archive_once_and_resumes(tmp_path, env):
    script = DEPLOY / "slurm-array.sbatch"
    first, last = map(int, re.search(r"^#SBATCH --array=(\d+)-(\d+)$", script.read_text(), re.M).groups())
    archive, out = tmp_path / "archive", tmp_path / "out"
    make_archive(archive, 15)

    def task(index: int) -> subprocess.CompletedProcess:
        slurm = {"SLURM_ARRAY_TASK_ID": str(index), "SLURM_ARRAY_TASK_COUNT": str(last - first + 1),
                 "SLURM_CPUS_PER_TASK": "1"}
        return subprocess.run(["bash", str(script)], env={**env, **slurm, "ARCHIVE": str(archive), "OUT": str(out)},
                              capture_output=True, text=True)

    assert all(task(i).returncode == 0 for i in range(first, last + 1))
    _covered_once(archive, out, env)
    again = task(first)  # a task run again (a requeue) skips what it did
    assert again.returncode == 0 and "converted, 0 failed" in again.stderr and " 0 converted" in again.stderr


def test_the_kubernetes_indexed_job_is_a_job_and_covers_the_archive_once(tmp_path, env):
    yaml = pytest.importorskip("yaml", reason="PyYAML reads the manifest")
    job = yaml.safe_load((DEPLOY / "kubernetes-job.yaml").read_text(encoding="utf-8"))
    assert (job["apiVersion"], job["kind"], job["spec"]["completionMode"]) == ("batch/v1", "Job", "Indexed")
    spec, pod = job["spec"], job["spec"]["template"]["spec"]
    assert job["metadata"]["name"] and spec["parallelism"] >= 1 and pod["restartPolicy"] in ("Never", "OnFailure")
    [container] = pod["containers"]
    assert container["name"] and container["image"] and container["command"]
    assert {m["name"] for m in container["volumeMounts"]} <= {v["name"] for v in pod["volumes"]}
    command = [*container["command"], *container["args"]]
    assert re.search(r'--shard "\$JOB_COMPLETION_INDEX/(\d+)"', command[-1])[1] == str(spec["completions"])
    archive, out = tmp_path / "archive", tmp_path / "out"
    make_archive(archive, 15)
    here = [command[0], command[1], command[2].replace("/archive", str(archive)).replace("/out", str(out))]
    for index in range(spec["completions"]):
        ran = subprocess.run(here, env={**env, "JOB_COMPLETION_INDEX": str(index)}, capture_output=True, text=True)
        assert ran.returncode == 0, ran.stderr
    _covered_once(archive, out, env)


def test_the_dask_recipe_on_the_local_scheduler_writes_what_the_api_makes(tmp_path, env):
    pytest.importorskip("dask.bag", reason="Dask is not installed (pip install 'dask[bag]')")
    archive, out = tmp_path / "archive", tmp_path / "out"
    paths = make_archive(archive, 6)
    (archive / "2000" / "empty.txt").write_bytes(b"")
    ran = subprocess.run([sys.executable, str(DEPLOY / "dask_recipe.py"), str(archive), str(out)], env=env,
                         capture_output=True, text=True)
    assert ran.returncode == 1 and "7 edition(s): 6 converted, 1 failed" in ran.stderr  # the empty one
    for path in paths:
        made = out / path.relative_to(archive).with_name(path.name.removesuffix(".txt") + ".tei.xml")
        assert made.read_bytes() == converter.convert(path.read_bytes(), formats=("tei",), name=path.name).tei
    (out / "reports").mkdir()
    (out / "report.jsonl").rename(out / "reports" / "dask.jsonl")
    merged = subprocess.run(["news2tei", "report", "merge", out / "reports" / "dask.jsonl"], env=env,
                            capture_output=True, text=True)
    assert merged.returncode == 1 and "7 edition(s): 6 converted, 1 failed" in merged.stderr
