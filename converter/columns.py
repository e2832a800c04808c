"""Pages printed with their columns side by side -> one column after another.

`pdftotext -layout` (and tools like it) keep a page's geometry: each output line is a
row of the page, holding a piece of every column that has text on that row, the pieces
placed by their distance from the left edge and set apart by runs of spaces. No later
stage can read such a row; this one puts the page back into reading order, as the
other extractors print it, before lines are numbered.

The page is cut recursively (the XY-cut of document layout analysis): a region whose
pieces leave a gutter free splits there, left part first; a region where a few rows
cross every gutter (a headline over several columns) splits above and below those
rows; a region with neither is one column, read row by row. The page's first and last
rows, when a gap sets a few of them apart, are its running head and foot and are cut
off first. A column break becomes a blank line, as it does in the other extractors'
text, and so does a gap inside a column of more than three times the column's usual
step from row to row (other columns' rows fall between its own); a piece that starts
right of its column's edge keeps two spaces of indent (a paragraph's first line).
Every character is kept; only spaces between the pieces go.

Some extractors (pdfplumber's `extract_text`) print a page's rows across its columns with
one space between the columns' pieces, as they print a line's own spaces: nothing tells a
gutter from a word space, and no reading order can be recovered from the text. Such
pages are named (`interleaved`), not read again."""
from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

from .model import Diagnostic
from .normalize import LINE_END

_PIECE = re.compile(r"[^ ]+(?: [^ ]+)*")  # text up to a run of two or more spaces
_PLACED = re.compile(r"[^ \u3000] {3,}[^ \u3000]|^ {8,}[^ \u3000]")  # a gutter, or a column's indent
# A page is side by side when at least this share of its lines (and MIN_LINES) hold a run
# of three spaces between text or start eight spaces in. Text from every other extractor
# in the corpus and the fixtures stays below 0.05; 99% of pdftotext -layout's pages lie
# above 0.15 (the rest are pages of a single column).
SIDE_BY_SIDE_SHARE, MIN_LINES = 0.1, 8
GAP_ROWS = 2  # more empty rows than this part a running head from the page, or blocks in a column
INDENT_CELLS = 2  # a piece this far right of its column's left edge starts a paragraph
EDGE_ROWS = 3  # at most this many rows above or below a gap make a running head or foot
CROSSING_SHARE = 0.05  # a gutter is still one when at most this share of rows cross it
SPAN_CELLS = 4  # a piece reaching this far past a gutter spans the columns on both sides
# A page is interleaved when at least this share of its lines (and MIN_LINES) hold two
# pieces (text between spaces) each at least FULL_LINE of the page's commonest length of a
# piece of MIN_PIECE characters or more (a full line of its body columns): two columns'
# lines on one line. See docs/structure.md for the measures.
INTERLEAVED_SHARE, FULL_LINE, MIN_PIECE = 0.25, 0.8, 6


@dataclass(frozen=True, slots=True)
class Piece:
    row: int
    start: int  # the piece's first cell in its row
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def side_by_side(lines: list[str]) -> bool:
    """Whether a page's lines hold its columns side by side."""
    filled = [line for line in lines if line.strip()]
    if len(filled) < MIN_LINES:
        return False
    return sum(_PLACED.search(line) is not None for line in filled) >= SIDE_BY_SIDE_SHARE * len(filled)


def interleaved(lines: list[str]) -> bool:
    """Whether a page's lines run across its columns, their pieces one space apart."""
    # (the extractor's spaces: an ideographic space is the page's own, a table's or an indent)
    filled = [[piece for piece in line.split(" ") if piece] for line in lines if line.strip()]
    if len(filled) < MIN_LINES:
        return False
    lengths = Counter(len(piece) for pieces in filled for piece in pieces if len(piece) >= MIN_PIECE)
    if not lengths:
        return False
    full = FULL_LINE * lengths.most_common(1)[0][0]
    two_columns = sum(sum(len(piece) >= full for piece in pieces) >= 2 for pieces in filled)
    return two_columns >= INTERLEAVED_SHARE * len(filled)


@dataclass(frozen=True)
class Reading:
    """A text with its side-by-side pages read column after column."""

    text: str
    pages: tuple[int, ...]  # the (0-based) pages so read
    origin: Sequence[int] | None  # input line number of each line of `text` (None: nothing re-read)
    interleaved: tuple[int, ...] = ()  # the (0-based) pages whose lines run across their columns


def one_column(text: str) -> Reading:
    """`text` with every side-by-side page read column after column. Form feeds stay
    where they were; `origin` maps the lines back to the input's. A page at a time:
    a long edition is never held twice, split into lines."""
    placed = "   " in text or "\n        " in text  # a gutter or a column indent somewhere
    candidates: set[int] = set()
    interleaved_pages: list[int] = []
    for k, page in enumerate(_pages(text)):  # one split of each page tells both
        lines = LINE_END.split(page)
        if placed and side_by_side(lines):
            candidates.add(k)
        elif interleaved(lines):
            interleaved_pages.append(k)
    across = tuple(interleaved_pages)
    if not candidates:  # the usual text
        return Reading(text, (), None, across)
    pages: list[str] = []
    read: list[int] = []
    origin = array("l")
    first = 1  # input line number of the page's first line
    last_blank = False  # the line holding the form feed has no text before it
    for k, page in enumerate(_pages(text)):
        lines = LINE_END.split(page)
        reordered = _reading_order(lines) if k in candidates else None
        if reordered is not None:
            pages.append("\n".join(line for line, _ in reordered))
            numbers = [first + row for _, row in reordered]
            read.append(k)
        else:
            pages.append(page)
            numbers = list(range(first, first + len(lines)))
        if k:  # the page starts on the line that holds the form feed
            if last_blank:
                origin[-1] = numbers[0]
            numbers = numbers[1:]
        origin.extend(numbers)
        first += len(lines) - 1
        last_blank = not lines[-1].strip()
    if not read:  # indented, but in one column
        return Reading(text, (), None, across)
    return Reading("\f".join(pages), tuple(read), origin, across)


def _pages(text: str) -> Iterator[str]:
    start = 0
    while (end := text.find("\f", start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]


def reading_notes(reading: Reading) -> list[Diagnostic]:
    """What the reading did, or could not do, page by page."""
    notes = []
    if reading.pages:
        notes.append(Diagnostic("columns-side-by-side", "warning",
                                f"page(s) {_listed(reading.pages)}: columns printed side by side (as pdftotext -layout "
                                "prints them) were read one after another; the plain pdftotext reading of the same PDF "
                                "keeps the order better"))
    if reading.interleaved:
        notes.append(Diagnostic("columns-interleaved", "warning",
                                f"page(s) {_listed(reading.interleaved)}: each line runs across the page's columns, "
                                "their pieces one space apart (as pdfplumber's extract_text prints a page); the reading "
                                "order is lost there and so is the structure: extract the PDF with pdftotext, or with "
                                "pdfplumber's extract_text(layout=True)"))
    return notes


def _listed(pages: tuple[int, ...]) -> str:
    return ", ".join(str(k + 1) for k in pages[:10]) + (", ..." if len(pages) > 10 else "")


def _reading_order(lines: list[str]) -> list[tuple[str, int]] | None:
    """The page's lines read column after column, each with the row it comes from; None
    where, below its running head, the page holds a single column (lines indented deep)."""
    pieces = [Piece(row, m.start(), m.group()) for row, line in enumerate(lines) for m in _PIECE.finditer(line)]
    apart = _set_apart(pieces)
    parts = [_columns(part) for part in apart]
    if len(max(zip(apart, parts), key=lambda pair: len(pair[0]))[1]) < 2:  # the body, below the running head
        return None
    out: list[tuple[str, int]] = []
    for column in [c for columns in parts for c in columns]:
        if out:
            out.append(("", out[-1][1]))
        out.extend(_column_lines(column))
    if not lines[-1].strip():  # the page's last line end stays where it was
        out.append(("", len(lines) - 1))
    return out


def _columns(pieces: list[Piece]) -> list[list[Piece]]:
    """The pieces cut into columns, in reading order."""
    if not pieces:
        return []
    left, right = min(p.start for p in pieces), max(p.end for p in pieces)
    rows = sorted({p.row for p in pieces})
    crossing = [0] * (right - left)
    for p in pieces:
        for cell in range(p.start - left, p.end - left):
            crossing[cell] += 1
    free = _gutters(crossing, 0)
    gutters = free or _gutters(crossing, max(1, int(CROSSING_SHARE * len(rows))))
    if not gutters:
        return [pieces]
    spanning = set() if free else _spanning_rows(pieces, gutters, left)
    if not spanning:
        return [c for part in _split_at(pieces, gutters, left) for c in _columns(part)]
    bands = _bands(pieces, spanning)
    if len(bands) == 1:
        return [pieces]
    return [c for band in bands for c in _columns(band)]


def _set_apart(pieces: list[Piece]) -> list[list[Piece]]:
    """The page cut at its first and last gap of more than GAP_ROWS empty rows where at
    most EDGE_ROWS rows lie beyond it: a running head or foot, read before or after the
    columns it spans."""
    rows = sorted({p.row for p in pieces})
    gaps = [k for k in range(1, len(rows)) if rows[k] - rows[k - 1] > GAP_ROWS]
    cuts = sorted({k for k in gaps[:1] if k <= EDGE_ROWS} | {k for k in gaps[-1:] if len(rows) - k <= EDGE_ROWS})
    bounds = [rows[0], *(rows[k] for k in cuts), rows[-1] + 1]
    return [[p for p in pieces if low <= p.row < high] for low, high in zip(bounds, bounds[1:])]


def _gutters(crossing: list[int], most: int) -> list[tuple[int, int]]:
    """Runs of cells crossed by at most `most` pieces, with text on both sides."""
    runs: list[tuple[int, int]] = []
    start = None
    for cell, count in enumerate(crossing):
        if count <= most and start is None:
            start = cell
        elif count > most and start is not None:
            if start > 0:
                runs.append((start, cell))
            start = None
    return runs


def _split_at(pieces: list[Piece], gutters: list[tuple[int, int]], left: int) -> list[list[Piece]]:
    edges = [left + end for _, end in gutters]
    parts: list[list[Piece]] = [[] for _ in range(len(edges) + 1)]
    for p in pieces:
        parts[sum(p.start >= edge for edge in edges)].append(p)
    return [part for part in parts if part]


def _spanning_rows(pieces: list[Piece], gutters: list[tuple[int, int]], left: int) -> set[int]:
    """The rows of pieces that reach across a gutter well into the text beyond it (a
    headline over several columns); a piece pushed into a gutter by its neighbour
    does not."""
    return {p.row for p in pieces
            if any(p.start < left + start and p.end > left + end + SPAN_CELLS for start, end in gutters)}


def _bands(pieces: list[Piece], spanning: set[int]) -> list[list[Piece]]:
    """The pieces cut above and below every run of spanning rows."""
    by_row = sorted(pieces, key=lambda p: p.row)
    return [list(band) for _, band in groupby(by_row, key=lambda p: p.row in spanning)]


def _column_lines(column: list[Piece]) -> list[tuple[str, int]]:
    edge = min(p.start for p in column)
    column = sorted(column, key=lambda p: (p.row, p.start))
    steps = sorted(b.row - a.row for a, b in zip(column, column[1:]) if b.row > a.row)
    gap = max(GAP_ROWS, 3 * steps[len(steps) // 2]) if steps else GAP_ROWS
    out: list[tuple[str, int]] = []
    for before, p in zip([None, *column], column):
        if before is not None and p.row == before.row:  # a wide space inside the column's line
            out[-1] = (out[-1][0] + " " + p.text, p.row)
            continue
        if before is not None and p.row - before.row > gap:
            out.append(("", before.row))
        out.append((("  " if p.start - edge >= INDENT_CELLS else "") + p.text, p.row))
    return out
