"""The inspect page: a proof sheet of what news2tei recognised in one edition.

Source lines on one side, each marked with the role of the element it became;
the reading view of every article on the other; the diagnostics, linked to
their lines. Everything is derived from the model's spans, so the page shows
what the structure stage decided and makes gaps and overlaps visible.

`inspect_html` makes the page (`convert --inspect` calls it), `index_html` the index
of a batch run (`batch --inspect`); `inspect_file` is the `news2tei inspect` command."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from .model import (Article, Closer, Continuation, Counts, Edition, Figure, ListBlock, Page, Paragraph, Section,
                    Span, Text)
from .output import write_atomic
from .script import convert
from .source import SourceLine


@dataclass(frozen=True)
class Role:
    label: str  # legend text
    code: str  # printed beside every line: colour is never the only cue
    colour: str
    border: str  # CSS border style of the line's left edge, a second non-colour cue
    element: str  # HTML element of the reading view


ROLES: dict[str, Role] = {
    "furniture": Role("masthead / furniture", "FW", "#d4d4d8", "double", "p"),
    "section": Role("section head", "SEC", "#d8c8f0", "double", "h3"),
    "kicker": Role("kicker", "KIC", "#f9c8e4", "dotted", "p"),
    "headline": Role("headline", "HEAD", "#f7a8a8", "solid", "h4"),
    "subhead": Role("subhead", "SUB", "#fbd3b8", "dashed", "p"),
    "dateline": Role("dateline", "DATE", "#fde68a", "dotted", "p"),
    "byline": Role("byline", "BY", "#fff3a8", "dashed", "p"),
    "paragraph": Role("paragraph", "P", "#dbeafe", "solid", "p"),
    "list-item": Role("list item", "LI", "#b9d7fb", "dashed", "p"),
    "closer": Role("closer", "CLO", "#c6ecd2", "double", "p"),
    "caption": Role("caption", "CAP", "#a8f0d0", "solid", "p"),
    "credit": Role("credit", "CRED", "#dcfae9", "dotted", "p"),
    "continuation": Role("continuation marker", "CONT", "#fdba74", "double", "p"),
    "source-note": Role("source note", "SRC", "#e7e5e4", "dashed", "p"),
}


@dataclass(frozen=True)
class Piece:
    """One Text of the model with the role it plays."""

    role: str
    text: Text
    label: str = ""  # a list item's label, a furniture kind
    target: str | None = None  # a continuation's linked part


@dataclass(frozen=True)
class Unit:
    """What a source line belongs to: an article (with the figures in its body), a
    figure, a section's heads, or a page's furniture."""

    id: str
    kind: str  # "figure", "section", "furniture", or the article's kind
    pieces: tuple[Piece, ...]
    children: tuple[Unit, ...] = ()  # a section's articles and figures

    @property
    def span(self) -> Span | None:
        return Span.union([p.text.span for p in self.pieces]) if self.pieces else None


@dataclass(frozen=True)
class Row:
    """One source line as the page shows it."""

    line: SourceLine
    claims: tuple[tuple[str, str], ...]  # (unit id, role) in reading order
    diagnostics: tuple[int, ...]  # indexes into Edition.diagnostics
    new_page: bool  # a form feed precedes this line
    anchor: bool  # holds the id "L<n>": a form feed splits a line into rows, and the last is never blank
    input_line: int | None = None  # where a page was read column after column: the input's line

    @property
    def owners(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(unit for unit, _ in self.claims))

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(role for _, role in self.claims))

    @property
    def status(self) -> str:
        if self.line.blank:
            return "blank"
        return {0: "unassigned", 1: "assigned"}.get(len(self.owners), "conflict")


@dataclass(frozen=True)
class IndexEntry:
    """One edition of a batch run; `href` is its inspect page relative to the index."""

    name: str
    href: str | None
    counts: Counts | None  # None: not converted in this run (failed, or skipped as up to date)
    seconds: float
    error: str | None = None  # why the edition failed to convert


def inspect_file(source: Path, output: Path) -> Path:
    """`news2tei inspect`: convert an edition as `convert` does (encoding, metadata), write only its page."""
    from .conversion import ConvertOptions, convert_bytes, read_input

    options = ConvertOptions(formats=(), inspect=True)
    converted = convert_bytes(read_input(Path(source), options), options, Path(source))
    write_atomic(output, converted.outputs["inspect"])
    return output


def inspect_html(edition: Edition, source_lines: list[SourceLine]) -> str:
    """The inspect page of `edition`, made from `source_lines` (see pipeline.source_and_edition)."""
    pages = [_page_units(i, page) for i, page in enumerate(edition.pages, start=1)]
    rows = _rows(source_lines, [u for units in pages for u in _flatten(units)], edition)
    blank = _blank_numbers(source_lines)
    return _template("edition.html").render(
        edition=edition, counts=Counts.of(edition), roles=ROLES, rows=rows,
        pages=list(zip(edition.pages, pages)),
        status_counts={s: sum(r.status == s for r in rows) for s in ("unassigned", "conflict")},
        reading=lambda text: convert(text.text, edition.meta.script), span_links=_span_links,
        across_blanks=lambda span: _across_blanks(span, blank))


def index_html(entries: list[IndexEntry]) -> str:
    """The batch run's index: failed editions first, then the most doubtful."""
    def doubt(e: IndexEntry) -> tuple:
        return e.error is None, -(e.counts.diagnostics if e.counts else 0), e.name

    return _template("index.html").render(entries=sorted(entries, key=doubt), roles=ROLES)


def _page_units(number: int, page: Page) -> list[Unit]:
    furniture = [Unit(f"page{number}-furniture", "furniture",
                      tuple(Piece("furniture", f.text, f.kind) for f in page.furniture))]
    return furniture[:bool(page.furniture)] + [_unit(item) for item in page.items]


def _unit(item: Article | Figure | Section) -> Unit:
    if isinstance(item, Section):
        pieces = [*_optional("section", item.head), *(Piece("section", t) for t in item.subheads)]
        return Unit(item.id, "section", tuple(pieces), tuple(_unit(i) for i in item.items))
    if isinstance(item, Figure):
        return Unit(item.id, "figure", tuple(_figure_pieces(item)))
    return Unit(item.id, item.kind, tuple(_article_pieces(item)))


def _article_pieces(a: Article) -> Iterator[Piece]:
    """The article's texts in reading order, the order the EPUB shows them."""
    yield from _optional("kicker", a.kicker)
    yield from _optional("headline", a.head)
    yield from (Piece("subhead", t) for t in a.subheads)
    yield from _optional("dateline", a.dateline)
    yield from _optional("byline", a.byline)
    yield from _continuation(a.continued_from)
    for block in a.body:
        if isinstance(block, Paragraph):
            yield Piece("paragraph", block.text)
        elif isinstance(block, ListBlock):
            yield from (Piece("list-item", item.text, item.label) for item in block.items)
        else:
            yield from _figure_pieces(block)
    yield from _closer_pieces(a.closer)
    yield from _optional("source-note", a.source_note)
    yield from _continuation(a.continued_to)


def _figure_pieces(figure: Figure) -> Iterator[Piece]:
    yield from _optional("caption", figure.caption)
    yield from _optional("credit", figure.credit)


def _closer_pieces(closer: Closer | None) -> Iterator[Piece]:
    if closer:
        yield from (Piece("closer", t) for t in closer.signed)
        yield from _optional("closer", closer.date)


def _continuation(marker: Continuation | None) -> Iterator[Piece]:
    if marker:
        yield Piece("continuation", marker.text, target=marker.target)


def _optional(role: str, text: Text | None) -> Iterator[Piece]:
    if text:
        yield Piece(role, text)


def _flatten(units: list[Unit] | tuple[Unit, ...]) -> Iterator[Unit]:
    for unit in units:
        yield unit
        yield from _flatten(unit.children)


def _rows(lines: list[SourceLine], units: list[Unit], edition: Edition) -> list[Row]:
    claims: dict[int, list[tuple[str, str]]] = {}
    for unit in units:
        for piece in unit.pieces:
            for n in piece.text.span.lines():
                claims.setdefault(n, []).append((unit.id, piece.role))
    flags: dict[int, list[int]] = {}
    for i, diagnostic in enumerate(edition.diagnostics):
        for n in diagnostic.span.lines() if diagnostic.span else ():
            flags.setdefault(n, []).append(i)
    # A blank row is no one's content, even inside a span (or beside a form feed that split its line).
    return [Row(line, () if line.blank else tuple(dict.fromkeys(claims.get(line.number, ()))),
                tuple(flags.get(line.number, ())),
                new_page=i > 0 and line.page != lines[i - 1].page,
                anchor=i + 1 == len(lines) or line.number != lines[i + 1].number,
                input_line=None if edition.origin is None else edition.origin[line.number - 1])
            for i, line in enumerate(lines)]


def _blank_numbers(lines: list[SourceLine]) -> set[int]:
    return {line.number for line in lines if line.blank} - {line.number for line in lines if not line.blank}


def _across_blanks(span: Span | None, blank: set[int]) -> Span | None:
    """`span` with the gaps of blank lines filled: only another unit's lines interrupt a unit."""
    if not span:
        return span
    ranges = [span.ranges[0]]
    for first, last in span.ranges[1:]:
        if blank.issuperset(range(ranges[-1][1] + 1, first)):
            ranges[-1] = (ranges[-1][0], last)
        else:
            ranges.append((first, last))
    return Span(tuple(ranges))


def _span_links(span: Span | None) -> list[tuple[str, str]]:
    """(href, text) per range of `span`: each links to the range's first line."""
    return [(f"#L{a}", f"{a}" if a == b else f"{a}–{b}") for a, b in span.ranges] if span else []


@lru_cache(maxsize=None)
def _template(name: str):
    """Parsed once per process: a batch renders thousands of pages."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from .resources import template_dir

    env = Environment(loader=FileSystemLoader(str(template_dir() / "inspect")), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template(name)
