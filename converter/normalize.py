"""Decoded text -> numbered source lines.

Line ends (CRLF, CR, LF, NEL, U+2028/9) become one kind; a tab becomes a space;
form feeds become page boundaries (what follows one on the same line starts the
next page, under the same line number); trailing blank lines go; characters XML
1.0 cannot hold are dropped and reported, the only characters news2tei ever
drops. Width variants and script stay as printed (character conservation).

A long text is cut at form feeds into stretches of whole pages (`stretches`),
each numbered as part of the whole; `page_tops` splits only the first lines of
every page, where mastheads are."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .model import Diagnostic, Span
from .source import SourceLine

LINE_END = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")
# Not allowed in XML 1.0 (besides tab/LF/CR, which never survive line splitting
# as content anyway), plus the noncharacters U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# Text above this many characters is structured a stretch of whole pages at a time,
# so that memory follows the stretch, not the edition (see `stretches`).
STRETCH_CHARS = 1 << 20


@dataclass(frozen=True)
class Stretch:
    """Whole pages of an edition's text, with where they start in it."""

    text: str
    first_line: int  # number of the stretch's first line in the whole text
    first_page: int  # index of its first page
    last: bool  # nothing follows


def stretches(text: str, size: int | None = None) -> Iterator[Stretch]:
    """`text` cut at form feeds into stretches of about `size` characters (default
    STRETCH_CHARS; a page longer than that is one stretch)."""
    size = size or STRETCH_CHARS
    start, line, page = 0, 1, 0
    while True:
        cut = text.find("\f", start + size) if len(text) - start > size else -1
        if cut < 0:
            yield Stretch(text[start:], line, page, last=True)
            return
        piece = text[start:cut]
        yield Stretch(piece, line, page, last=False)
        # A form feed inside a line leaves the line's number to the next stretch.
        line += len(LINE_END.findall(piece))
        page += piece.count("\f") + 1
        start = cut + 1


def page_tops(text: str, count: int, scan: int = 64) -> Iterator[SourceLine]:
    """The first `count` lines with text of every page, numbered as `split_lines`
    numbers them. Mastheads sit at the top: a page is split only as far as its first
    `scan` lines, unless those hold fewer than `count` lines with text."""
    for stretch in stretches(text):
        number, page = stretch.first_line, stretch.first_page
        for piece in stretch.text.split("\f"):
            raw = LINE_END.split(piece, maxsplit=scan)
            top = piece if len(raw) <= scan else "\n".join(raw[:scan])
            lines = [line for line in split_lines(top, number, page)[0] if not line.blank]
            if len(lines) < count and top is not piece:
                lines = [line for line in split_lines(piece, number, page)[0] if not line.blank]
            yield from lines[:count]
            number += len(LINE_END.findall(piece))
            page += 1


def split_lines(text: str, first_line: int = 1, first_page: int = 0) -> tuple[list[SourceLine], list[Diagnostic]]:
    """Number the lines of `text`, splitting pages at form feeds; `first_line` and
    `first_page` place a stretch of a longer text."""
    lines: list[SourceLine] = []
    diagnostics: list[Diagnostic] = []
    page = first_page
    text = text.replace("\t", " ")
    illegal = _XML_ILLEGAL.search(text) is not None  # rare: only then is each line searched
    for number, raw in enumerate(LINE_END.split(text), start=first_line):
        if illegal:
            raw = _drop_illegal(raw, number, diagnostics)
        if "\f" not in raw:
            lines.append(SourceLine(number, raw, page))
            continue
        first, *later = raw.split("\f")
        lines.append(SourceLine(number, first, page))
        for piece in later:  # what follows a form feed starts the next page on the same line number
            page += 1
            if piece.strip():
                lines.append(SourceLine(number, piece, page))
    while lines and lines[-1].blank:
        lines.pop()
    return lines, diagnostics


def _drop_illegal(text: str, number: int, diagnostics: list[Diagnostic]) -> str:
    """`text` without the characters XML cannot hold, each dropping reported."""
    dropped = _XML_ILLEGAL.findall(text)
    if not dropped:
        return text
    diagnostics.append(Diagnostic(
        "control-char-dropped", "warning",
        f"dropped {len(dropped)} character(s) XML cannot hold: " + " ".join(f"U+{ord(c):04X}" for c in dropped),
        Span.of(number)))
    return _XML_ILLEGAL.sub("", text)
