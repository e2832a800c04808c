"""A long edition, made short: fixture editions joined by form feeds, converted with
stretches so small that every few pages start a new one (see normalize.stretches)."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from unittest import mock

from converter import normalize

EDITIONS = Path(__file__).resolve().parent / "fixtures" / "editions"
SOURCES = ("hans_headfirst_pages", "heldout_hans_mastheads_signs", "hant_latin_unlabelled",
           "heldout_hant_tw_vertical_jump", "hans_resolutions_jump", "hans_tailheads_signed_jumps",
           "heldout4_hans_jump_letter", "hant_tw_headfirst_notice", "heldout2_hant_macau_briefs")
STRETCH = 1500  # characters: the joined text (19 pages) makes a dozen stretches or so


def long_edition_text() -> str:
    return "\f".join((EDITIONS / f"{name}.txt").read_text(encoding="utf-8") for name in SOURCES)


@contextmanager
def small_stretches(size: int = STRETCH) -> Iterator[None]:
    with mock.patch.object(normalize, "STRETCH_CHARS", size):
        yield
