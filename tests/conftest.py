"""Shared fixtures.

`tei_all`: the TEI Consortium's full P5 schema, compiled by lxml ONCE per test session
(it takes ~15 s). Found at `$TEI_ALL_RNG`, else `<repo>/../shared/reference/tei_all.rng`;
tests that need it are skipped, with that reason, where neither exists (a user's clone).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def tei_all_path() -> Path | None:
    for candidate in (os.environ.get("TEI_ALL_RNG"), REPO.parent / "shared" / "reference" / "tei_all.rng"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def tei_all():
    """The compiled tei_all RelaxNG schema (`lxml.etree.RelaxNG`)."""
    path = tei_all_path()
    if path is None:
        pytest.skip("tei_all.rng not found: set $TEI_ALL_RNG or provide ../shared/reference/tei_all.rng")
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(path)))
