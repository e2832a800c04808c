"""Shared fixtures.

`tei_all`: the TEI Consortium's full P5 schema, compiled by lxml ONCE per test session
(it takes ~15 s). The repository's copy, `tests/reference/tei_all.rng`, unless
`$TEI_ALL_RNG` names another.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TEI_ALL = REPO / "tests" / "reference" / "tei_all.rng"


@pytest.fixture(scope="session")
def tei_all():
    """The compiled tei_all RelaxNG schema (`lxml.etree.RelaxNG`)."""
    from lxml import etree

    return etree.RelaxNG(etree.parse(os.environ.get("TEI_ALL_RNG") or str(TEI_ALL)))
