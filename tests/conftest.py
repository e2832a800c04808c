"""Shared fixtures, and the markers of the tests that need them.

A test is marked by what it runs (`-m "not slow and not jvm and not browser"` keeps the
fast ones): every user of `tei_all` is `slow`, of `epubcheck` `jvm`, of `ace_reports`
`browser`; tests that start Chromium themselves, or are slow on their own, say so.

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
MARK_BY_FIXTURE = {"tei_all": "slow", "epubcheck": "jvm", "ace_reports": "browser"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture in getattr(item, "fixturenames", ()):
            if fixture in MARK_BY_FIXTURE:
                item.add_marker(MARK_BY_FIXTURE[fixture])


@pytest.fixture(scope="session")
def tei_all():
    """The compiled tei_all RelaxNG schema (`lxml.etree.RelaxNG`)."""
    from lxml import etree

    return etree.RelaxNG(etree.parse(os.environ.get("TEI_ALL_RNG") or str(TEI_ALL)))
