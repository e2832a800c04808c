"""The README's fast test loop leaves out what compiles tei_all, starts a Java VM or a
browser, and the long property test; `pytest` alone (CI) runs everything."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FAST = "not slow and not jvm and not browser"
HEAVY = (
    "tests/test_epub_check.py::",  # EPUBCheck's JVM, Ace's Chromium
    "tests/test_inspect_browser.py::",
    "tests/test_tei_schema.py::test_hand_built_editions_are_valid",  # tei_all
    "tests/test_tei_schema.py::test_the_seed_converted_through_the_cli_is_valid",
    "tests/test_tei_schema.py::test_every_fixture_edition_gives_a_valid_tei",
    "tests/test_stretches.py::test_the_stretches_make_one_edition_valid_against_every_schema",
    "tests/test_tei_roundtrip.py::test_generated_models_round_trip",
)


def collected(*options: str) -> list[str]:
    run = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *options],
                         cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr
    return [line for line in run.stdout.splitlines() if "::" in line]


@pytest.mark.slow  # collects the whole suite, twice
def test_the_fast_selection_leaves_out_the_heavy_tests_and_the_readme_says_how():
    fast, every = collected("-m", FAST), collected()
    assert not [test for test in fast if test.startswith(HEAVY)]
    assert all(any(test.startswith(heavy) for test in every) for heavy in HEAVY)
    assert f'pytest -m "{FAST}"' in (REPO / "README.md").read_text(encoding="utf-8")
