"""The cover: the paper's name, the issue's date and number, its publisher, set as
SVG text in a CJK type stack (no image, no font file: every reader draws it with
its own CJK fonts, and the same edition always gives the same bytes)."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..model import Metadata
from .book import Book, TextOf
from .labels import date_text

WIDTH = 480  # of the cover's 600 user units, what a title line may fill
MAX_TITLE_SIZE = 120
FONTS = {  # (serif, sans) per script: the first font a reader has wins
    "Hans": ("'Noto Serif CJK SC', 'Source Han Serif SC', 'Songti SC', STSong, SimSun, serif",
             "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"),
    "Hant": ("'Noto Serif CJK TC', 'Source Han Serif TC', 'Songti TC', PMingLiU, MingLiU, serif",
             "'Noto Sans CJK TC', 'Source Han Sans TC', 'PingFang TC', 'Microsoft JhengHei', sans-serif"),
}


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str | None
    lines: tuple[str, ...]  # date, issue, publisher: those known
    alt: str  # the whole cover in words
    title_size: int
    serif: str
    sans: str
    title_y: int = 300


def cover_of(meta: Metadata, book: Book, text: TextOf) -> Cover:
    """What the cover says; without a known title, the book's own (file name, date)."""
    title = text(meta.title) if meta.title else book.title
    lines = tuple(line for line in (date_text(book.labels, meta.date) if meta.date else None,
                                    text(meta.edition) if meta.edition else None,
                                    text(meta.publisher) if meta.publisher else None) if line)
    subtitle = text(meta.subtitle) if meta.subtitle else None
    serif, sans = FONTS["Hant" if "Hant" in book.language else "Hans"]
    return Cover(title, subtitle, lines, " ".join(x for x in (title, subtitle, *lines) if x),
                 title_size(title), serif, sans)


def title_size(title: str) -> int:
    """The largest font size at which `title` fits one line: wide (CJK) characters
    take a full em, others about half."""
    ems = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in title) or 1.0
    return min(MAX_TITLE_SIZE, int(WIDTH / ems))
