"""The document model: plain typed records, independent of TEI and EPUB.

Every stage between the labeller's elements and the writers speaks only this vocabulary:
Edition > Page > (Section | Article | Figure). Every element keeps the source
lines it came from (`Span`), so later stages can report positions, draw the
inspect page, and rebuild the original line layout (`Text.breaks`).

Text is stored as read (after whitespace clean-up, before any OpenCC script
conversion): conversion is recorded in `Metadata.script` and applied by the
writers, which is what keeps it reversible (TEI <choice><orig/><reg/>).
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import astuple, dataclass, field
from typing import Literal, Union

ArticleKind = Literal["news", "brief", "feature", "resolution", "notice", "continuation"]
Direction = Literal["from", "to"]
PartName = Literal["I", "M", "F"]  # TEI @part: initial, medial, final
Level = Literal["info", "warning", "error"]
ScriptOption = Literal["keep", "hans", "hant", "tw", "hk"]


@dataclass(frozen=True, slots=True)
class Span:
    """Source lines (1-based, inclusive ranges) an element was made from.

    Usually one range; several when a block of another story interrupted it."""

    ranges: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, first: int, last: int | None = None) -> Span:
        return cls(((first, first if last is None else last),))

    @classmethod
    def union(cls, spans: "list[Span] | tuple[Span, ...]") -> Span:
        lines = sorted({n for s in spans for n in s.lines()})
        return cls.from_lines(lines)

    @classmethod
    def from_lines(cls, lines: "list[int] | tuple[int, ...]") -> Span:
        ranges: list[tuple[int, int]] = []
        for n in sorted(set(lines)):
            if ranges and ranges[-1][1] + 1 == n:
                ranges[-1] = (ranges[-1][0], n)
            else:
                ranges.append((n, n))
        return cls(tuple(ranges))

    @property
    def first(self) -> int:
        return self.ranges[0][0]

    @property
    def last(self) -> int:
        return self.ranges[-1][1]

    def lines(self) -> list[int]:
        return [n for a, b in self.ranges for n in range(a, b + 1)]

    def to_input(self, origin: Sequence[int] | None) -> Span:
        """The input's lines this span's source lines come from (see Edition.origin)."""
        return self if origin is None else Span.from_lines([origin[n - 1] for n in self.lines()])

    def __str__(self) -> str:
        return ",".join(f"{a}" if a == b else f"{a}-{b}" for a, b in self.ranges)


@dataclass(frozen=True, slots=True)
class Text:
    """A run of text with where it came from.

    `breaks` are offsets into `text` where a source line ended inside this run
    (the text of source line k is text[breaks[k-1]:breaks[k]]); with `span`
    they let a diplomatic writer put back every original line break."""

    text: str
    span: Span
    breaks: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A decision the pipeline was unsure about, or a problem it worked around."""

    code: str  # stable, kebab-case: "headline-ambiguous", "control-char-dropped", ...
    level: Level
    message: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: Text


@dataclass(frozen=True, slots=True)
class ListItem:
    label: str  # as printed, e.g. "1." or "（一）"
    text: Text


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[ListItem, ...]


@dataclass(frozen=True, slots=True)
class Closer:
    """Signature block at the end of a notice or resolution."""

    signed: tuple[Text, ...] = ()
    date: Text | None = None
    date_when: str | None = None  # ISO 8601 when the printed date is complete


@dataclass(frozen=True, slots=True)
class Figure:
    """A photo (or graphic) caption with its credit ("陈啸虎 摄")."""

    id: str
    caption: Text | None
    credit: Text | None = None
    kind: str = "photo"


@dataclass(frozen=True, slots=True)
class Continuation:
    """A jump marker: （上接A01版①） is direction "from", （下转A03版） is "to"."""

    direction: Direction
    text: Text  # the marker exactly as printed (whitespace-cleaned)
    page: str | None = None  # the page it points to, as printed ("A01", "第二版")
    sign: str | None = None  # sequence sign such as "①"
    target: str | None = None  # id of the linked article part in this edition


Block = Union[Paragraph, ListBlock, Figure]


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    kind: ArticleKind = "news"
    kicker: Text | None = None
    head: Text | None = None
    subheads: tuple[Text, ...] = ()
    dateline: Text | None = None
    byline: Text | None = None
    continued_from: Continuation | None = None
    body: tuple[Block, ...] = ()
    closer: Closer | None = None
    source_note: Text | None = None  # "（杨春玲）" closing a brief
    continued_to: Continuation | None = None
    part: PartName | None = None  # TEI @part when split across pages
    prev: str | None = None
    next: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A column or page banner ("简讯", "清风廉润满怀川 / ——…篇") and what it holds."""

    id: str
    head: Text | None
    subheads: tuple[Text, ...] = ()
    items: tuple["Article | Figure", ...] = ()


@dataclass(frozen=True, slots=True)
class Furniture:
    """Page furniture: masthead lines, running heads, folios."""

    kind: Literal["header", "folio", "pageNum", "sig", "catch"]
    text: Text


PageItem = Union[Article, Figure, Section]


@dataclass(frozen=True, slots=True)
class Page:
    label: str | None  # "A02"; None when neither the user nor the text says
    furniture: tuple[Furniture, ...] = ()
    items: tuple[PageItem, ...] = ()


@dataclass(frozen=True, slots=True)
class FieldSource:
    """Where a metadata value was read from the text: the TEI header's @source."""

    field: str  # a Metadata field name, e.g. "cn"
    span: Span


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None  # the newspaper, e.g. "焦作日报"
    subtitle: str | None = None  # printed under or beside the title
    date: str | None = None  # ISO date of the issue
    date_printed: str | None = None  # the issue date as printed, any calendar ("中華民國114年3月14日")
    weekday: str | None = None  # as printed ("星期五")
    lunar_date: str | None = None  # as printed ("农历乙巳年二月十五")
    edition: str | None = None  # issue number as printed ("第12345期")
    publisher: str | None = None  # of the printed paper
    pub_place: str | None = None  # where the paper is published
    cn: str | None = None  # China serial number as printed ("CN41-0038")
    issn: str | None = None
    price: str | None = None  # cover price as printed
    digital_publisher: str | None = None  # who publishes this digital edition (an archive, a library)
    licence: str | None = None  # of this digital edition: a URL or a statement
    identifier: str | None = None
    source_name: str | None = None  # input file name
    converted: str | None = None  # when the digital edition was made (ISO, UTC): reproducible, never the clock
    language: str = "zh-Hans"  # script of the source text as detected
    script: ScriptOption = "keep"  # requested OpenCC normalisation
    pages: tuple[str, ...] = ()  # page labels given by the user, in page order
    sources: tuple[FieldSource, ...] = ()  # fields read from the text, and from which lines


@dataclass(frozen=True, slots=True)
class Edition:
    meta: Metadata
    pages: tuple[Page, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=(), compare=False)
    line_count: int = 0  # number of the input's last line with text (the TEI's extent)
    # The input line of each source line, where pages were read column after column
    # (columns.one_column); None where source lines are the input's own.
    origin: Sequence[int] | None = field(default=None, compare=False, repr=False)

    def all_items(self) -> Iterator[Article | Figure]:
        """Every article and figure, wherever it sits (page, section, article body)."""
        stack = [item for page in self.pages for item in page.items]
        while stack:
            item = stack.pop()
            if isinstance(item, Section):
                stack.extend(item.items)
            else:
                yield item
                if isinstance(item, Article):
                    stack.extend(b for b in item.body if isinstance(b, Figure))


@dataclass(frozen=True, slots=True)
class Counts:
    """What an edition holds, for the page header and the batch index."""

    pages: int
    articles: int
    captions: int
    continuations_linked: int
    continuations_unlinked: int
    diagnostics: int

    @classmethod
    def none(cls) -> Counts:
        return cls(0, 0, 0, 0, 0, 0)

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(astuple(self), astuple(other))))

    @classmethod
    def of(cls, edition: Edition) -> Counts:
        items = list(edition.all_items())
        markers = [c for a in items if isinstance(a, Article)
                   for c in (a.continued_from, a.continued_to) if c]
        linked = sum(1 for c in markers if c.target)
        return cls(len(edition.pages), sum(isinstance(i, Article) for i in items),
                   sum(isinstance(i, Figure) for i in items), linked, len(markers) - linked,
                   len(edition.diagnostics))
