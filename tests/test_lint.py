"""CI's static checks, configured in pyproject.toml: ruff over every Python file of the
repository, mypy over converter/ and bench/. A finding fails the test with the tool's report."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def check(*command: str) -> None:
    run = subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr


def test_ruff_finds_nothing():
    check("ruff", "check", "--no-cache", ".")


def test_mypy_finds_nothing():
    check("mypy")
