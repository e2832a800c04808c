"""The project's gold parser and quality metrics (tests/gold.py, tests/gold_metrics.py), used
as they are: the corpus is scored exactly as the fixture editions are, with no copy of the code."""
from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

import gold  # noqa: E402
import gold_metrics  # noqa: E402

__all__ = ["gold", "gold_metrics"]
