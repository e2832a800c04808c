"""Lines -> blocks -> paragraphs.

A block is a run of non-blank lines the extractor emitted together. Blank lines
are evidence, not boundaries: a column break leaves one in mid-sentence, so
paragraphs are decided from punctuation and the column layout (a short last
line, the next paragraph's first line shortened by its lost indent)."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from statistics import median

from .lexicon import zh
from .model import Diagnostic, Span
from .rules.byline import standalone_byline
from .rules.continuation import marker_at_end, marker_at_start, placed_direction
from .rules.credit import credit
from .rules.dateline import starts_with_dateline
from .rules.headline import is_heading_line, is_letter_spaced, is_subtitle_line
from .rules.closer import date_line
from .rules.listitem import list_label
from .rules.masthead import PAGE_LABEL
from .rules.notice import document_field
from .rules.section import starts_item
from .source import SourceLine
from .unwrap import Run, display_width, ends_sentence, piece
from .source import per_line
from .rules import solid, solid_len

INDENT = 2.0  # ems a paragraph's first line loses when the extractor drops its indent
SHORT_LINE = 1.5  # ems short of the column: a paragraph's last line
MAX_SALUTATION = 30  # characters of an addressee line
MAX_NOTICE_TITLE = 12  # "遗失声明", "注销公告"
MAX_HEADLINE_LINES = 3  # a headline stacked over its text
MIN_STRAY_CHARS = 4  # a stray headline has some length; "装上？" ends a sentence
MAX_HEADING_CHARS = 50  # a headline block (kicker, a title over two lines) is never longer


@dataclass(eq=False, slots=True)  # one per block of the edition: no per-instance __dict__
class Block:
    """Lines the extractor emitted together. Its lines and `hang` are final
    when it is made, so it is measured then, once: blocks are asked the same
    questions many times while they are cut, classified and rejoined."""

    lines: list[SourceLine]
    after_blank: bool  # one or more blank lines stood before it
    page: int
    hang: bool = False  # the edition sets line-final punctuation outside the column
    widths: list[float] = field(init=False, repr=False)  # of each line (see `width`)
    heading_like: bool = field(init=False, repr=False)  # see `_heading_like`
    _column: float | None = field(init=False, repr=False)  # `column_width` once asked

    def __post_init__(self) -> None:
        self.widths = [fill_width(l.text, self.hang) for l in self.lines]
        self.heading_like = self._heading_like()
        self._column = None

    def width(self, line: SourceLine) -> float:
        """Width a line's characters fill inside the column."""
        return fill_width(line.text, self.hang)

    @property
    def column_width(self) -> float:
        """Width of a full line here (see `_full_line_width`); worked out when
        first asked, as a headline's block seldom is."""
        if self._column is None:
            self._column = _full_line_width(self.lines, self.widths)
        return self._column

    def column_for(self, line: SourceLine, column: float) -> float:
        """The full width to measure `line` against. Letter-spaced (justified)
        lines hold fewer characters than plain full lines: they are measured
        against each other, and a lone one counts as full."""
        if not is_justified(line.text):
            return column
        spaced = [w for l, w in zip(self.lines, self.widths) if is_justified(l.text)]
        if len(spaced) < 3:  # this line and fewer than two others
            return self.width(line)
        top = sorted(spaced, reverse=True)[: max(2, len(spaced) * 2 // 3)]
        return median(top)

    def _heading_like(self) -> bool:
        """Short, without sentence punctuation: a headline, kicker or label."""
        if len(self.lines) > 4:  # checked first: most blocks are long and need no more
            return False
        size = sum(solid_len(l.text) for l in self.lines
                   if not is_subtitle_line(l.text))
        return size <= MAX_HEADING_CHARS and not self._column_text \
            and all(is_heading_line(l.text) for l in self.lines)

    @property
    def _column_text(self) -> bool:
        """Four lines, the last three of one width: a column, not a headline."""
        widths = self.widths[1:]
        return len(widths) >= 3 and max(widths) - min(widths) <= 1


def _full_line_width(lines: list[SourceLine], widths: list[float]) -> float:
    """Width of a full line among `lines` (of these `widths`): the most common
    width among the wider lines (first and last lines of paragraphs are
    shorter; a line with squeezed punctuation may be half an em off)."""
    plain = [w for l, w in zip(lines, widths) if not is_justified(l.text)]
    widths = sorted(plain or widths, reverse=True)
    if len(widths) < 4:
        return widths[0]
    top = [math.floor(w + 0.5) for w in widths[: max(3, len(widths) * 2 // 3)]]
    return float(max(set(top), key=lambda w: (top.count(w), w)))


@per_line
def is_justified(text: str) -> bool:
    """Spaces between wide characters (more than one: a lone space may sit
    inside a name): the extractor's trace of justification."""
    return len(_JUSTIFIED.findall(text.strip())) >= 2


_JUSTIFIED = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")


@per_line
def fill_width(text: str, hang: bool) -> float:
    """Width a line's characters fill inside the column: punctuation ending
    the line is set half-width, or outside the column when the edition
    `hang`s it. Cached: every line is measured many times while blocks are
    cut, classified and rejoined into paragraphs."""
    width = display_width(text)
    if _ends_in_punct(text):
        width -= 1 if hang else 0.5
    return width


def _ends_in_punct(text: str) -> bool:
    text = text.rstrip()
    return bool(text) and text[-1] in zh.SQUEEZABLE and text[-1] not in zh.OPENERS


def punctuation_hangs(all_blocks: list[list[SourceLine]]) -> bool:
    """Does this edition set a line's final punctuation outside the column
    (the blocks given by their lines)? Then lines ending in punctuation are
    about one em wider than the others."""
    gaps = []
    for lines in all_blocks:
        if len(lines) < 4:
            continue
        punct: list[float] = []
        plain: list[float] = []
        for line in lines[1:-1]:
            if not is_justified(line.text):
                (punct if _ends_in_punct(line.text) else plain).append(display_width(line.text))
        if punct and plain:
            gaps.append(median(punct) - median(plain))
    return bool(gaps) and median(gaps) >= 0.75


@per_line
def strong_start(text: str) -> bool:
    """A line that begins a new unit whatever came before it."""
    marker = marker_at_start(text)
    opens = marker and placed_direction(marker, marker.size < solid_len(text), opening=True) == "from"
    return bool(starts_item(text) or opens or list_label(text)
                or document_field(text) or standalone_byline(text))


def blocks(lines: list[SourceLine]) -> list[Block]:
    grouped: list[list[SourceLine]] = []  # the lines of each block
    after_blank: list[bool] = []
    blank = True
    # A bare page label ("A3") as a page's last line is furniture of its own.
    last_of_page = {line.page: line for line in lines if not line.blank}
    for i, line in enumerate(lines):
        if line.blank:
            blank = True
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if blank or not grouped or line.page != grouped[-1][0].page or line.indented \
                or _starts_here(grouped[-1], line, nxt) \
                or (line is last_of_page[line.page] and PAGE_LABEL.match(line.text.strip())):
            grouped.append([line])
            after_blank.append(blank)
        else:
            grouped[-1].append(line)
        blank = False
    hang = punctuation_hangs(grouped)
    return [part for group, blank in zip(grouped, after_blank)
            for part in _split_strays(Block(group, blank, group[0].page, hang))]


def _starts_here(block: list[SourceLine], line: SourceLine, nxt: SourceLine | None) -> bool:
    """Does `line` start a new block rather than go on with `block`'s lines?"""
    prev = block[-1].text
    if strong_start(line.text) and not _credit_split(line, nxt):
        return True
    if standalone_byline(prev) and not _credit_split(block[-1], line):
        return True
    if len(block) == 1 and _spaced_title(prev) and not is_letter_spaced(line.text) \
            and not is_subtitle_line(line.text):
        return True  # a spaced-out title ("遗 失 声 明") over its text
    # A dateline after a finished sentence or a headline starts a new story.
    return starts_with_dateline(line.text) and (ends_sentence(prev) or is_heading_line(prev)) \
        and credit(line.text) is None


SPACED_TITLE_CHARS = 8  # a spaced-out title is short; a longer spaced line is justified text


def _spaced_title(text: str) -> bool:
    compact = solid(text)
    return is_letter_spaced(text) and is_heading_line(text) and len(compact) <= SPACED_TITLE_CHARS \
        and not any(c.isdigit() for c in compact)


def _credit_split(line: SourceLine, nxt: SourceLine | None) -> bool:
    """"記者鄭家" / "豪攝": a photo credit wrapped over two lines, not a byline."""
    return nxt is not None and not nxt.blank and credit(line.text + nxt.text) is not None \
        and credit(nxt.text) is None


def _split_strays(block: Block) -> list[Block]:
    """Cut out what stands inside a column of text without belonging to it: a
    short headline-like line that landed mid-sentence (a neighbour story's
    headline), or a photo caption set off the column's measure."""
    if block.heading_like:
        return [block]
    cuts = _stray_headlines(block) | _inner_captions(block) | _leading_headline(block)
    if not cuts:
        return [block]  # as it stands, with what it has measured
    starts = sorted(cuts | {0})
    return [Block(block.lines[start:end], block.after_blank if start == 0 else False, block.page, block.hang)
            for start, end in zip(starts, starts[1:] + [len(block.lines)])]


def _stray_headlines(block: Block) -> set[int]:
    """Indexes where a new piece starts: at a stray line and right after it."""
    width, lines, widths = block.column_width, block.lines, block.widths
    # The measures first: most lines fill the column, and are not read.
    strays = {i for i in range(1, len(lines) - 1)
              if not -(INDENT + 1) <= widths[i] - width <= 1.5 and widths[i - 1] >= width - 1
              and is_heading_line(lines[i].text) and not is_justified(lines[i].text)
              and solid_len(lines[i].text) >= MIN_STRAY_CHARS
              and not ends_sentence(lines[i - 1].text)}
    return strays | {i + 1 for i in strays}


def _leading_headline(block: Block) -> set[int]:
    """A headline printed right above its text with no blank line between:
    headline-like lines, then a line shortened by the paragraph indent, or
    an addressee ("贝宏亮："); or one short line naming a notice ("遗失声明")."""
    lines, widths = block.lines, block.widths
    for k in range(1, min(len(lines), MAX_HEADLINE_LINES + 1)):
        last = lines[k - 1].text  # the head's newest line: the lines above it passed before
        if not is_heading_line(last) or is_letter_spaced_text(last):
            return set()
        titled = _notice_title(last) or is_subtitle_line(last) or _spaced_title(last)
        if (titled and _addressee(lines, k)) or (k == 1 and (_notice_title(last) or pointed_title(last))):
            return {k}
        if len(lines) - k < 2:  # too little text below to know its column
            return set()
        width = _full_line_width(lines[k:], widths[k:])
        if abs(widths[k] - (width - INDENT)) <= 0.5 and not ends_sentence(last) \
                and all(not -(INDENT + 1) <= w - width <= 1 for w in widths[:k]):  # the head is off the column
            return {k}
    return set()


def _addressee(lines: list[SourceLine], k: int) -> bool:
    """Does line `k` address someone ("贝宏亮：", or a list of names going on to the next line)?"""
    first = lines[k].text
    return _salutation(first) or (
        first.rstrip().endswith(("、", "，")) and k + 1 < len(lines) and _salutation(lines[k + 1].text))


def is_letter_spaced_text(text: str) -> bool:
    """Justified text, as opposed to a spaced-out short title ("公　　告")."""
    return is_justified(text) and solid_len(text) > SPACED_TITLE_CHARS


def _salutation(text: str) -> bool:
    """"贝宏亮：", "各乡镇人民政府：": whom a notice or letter addresses."""
    compact = solid(text)
    return compact.endswith(("：", ":")) and len(compact) <= MAX_SALUTATION and not any(
        c in zh.SENTENCE_PUNCT for c in compact[:-1].replace("，", "").replace("、", ""))


def pointed_title(text: str) -> bool:
    """A title ending with a page pointer ("…建设提速 ▶A3") heads a 导读 entry."""
    found = marker_at_end(" ".join(text.split()))
    return found is not None and found.get("direction") == "to" and found.size < solid_len(text)


def _notice_title(text: str) -> bool:
    compact = solid(text)
    return len(compact) <= MAX_NOTICE_TITLE and compact.endswith(zh.RESOLUTION_TITLES)


def _inner_captions(block: Block) -> set[int]:
    """A caption inside a block: lines off the column's measure, the last
    ending with a photo credit, column text before and after them. (A block
    ending with a credit is a caption as a whole.)"""
    width, lines, widths = block.column_width, block.lines, block.widths
    cuts: set[int] = set()
    for k in range(1, len(lines) - 1):
        if credit(lines[k].text) is None:
            continue
        j = k
        while j - 1 > 0 and abs(widths[j - 1] - width) > 1:
            j -= 1
        if 0 < j < k:
            cuts |= {j, k + 1}
    return cuts


@dataclass(slots=True)  # one is made for every body line: cheaper to make than a NamedTuple
class _Placed:
    """A body line with what its column says about it."""

    line: SourceLine
    width: float  # how much of the column it fills
    column: float  # the column's full width around it
    block: int  # index of its block in the flow
    after_blank: bool  # a blank line stands before it

    @property
    def wide_width(self) -> float:
        """The width if digits and Latin letters were set full-width, as some
        papers do: a line only counts as short of the column when it is short
        either way (a full line of digits holds more characters)."""
        return self.width + 0.5 * _narrow_alnum(self.line.text)


@per_line
def _narrow_alnum(text: str) -> int:
    """How many ASCII digits and letters a line holds (asked once per line
    and paragraph decision)."""
    return len(_ASCII_ALNUM.findall(text))


_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]")


def paragraph_break(prev: _Placed, nxt: _Placed, next_is_last: bool, in_list_item: bool = False,
                    prev_opens: bool = False) -> tuple[bool, str | None]:
    """Does a paragraph end between `prev` and `nxt` (consecutive body lines)?
    Evidence: the sentence ends and either the line stops short of the column
    or the next line is shortened by the indent it lost. A list item needs no
    final punctuation: its short last line ends it. A paragraph's first line
    (`prev_opens`) is short by its indent already. The second value says why
    the decision is doubtful, when it is."""
    if strong_start(nxt.line.text) or (nxt.line.paragraph_indent and not in_list_item) \
            or date_line(prev.line.text):
        return True, None  # a date alone on its line closes a notice
    sentence_ends = ends_sentence(prev.line.text)
    if not (sentence_ends or in_list_item):
        return False, None  # mid-sentence, the common case: no need to measure
    shortfall = prev.column - prev.wide_width - (INDENT if prev_opens else 0)
    # A block's last line may be short for ending a paragraph, not for an indent.
    indented_next = nxt.width <= nxt.column - INDENT + 0.5 and not (next_is_last and ends_sentence(nxt.line.text))
    if in_list_item and (shortfall >= 1 or (nxt.after_blank and indented_next)):
        return True, None
    if not sentence_ends:
        return False, None
    if shortfall >= SHORT_LINE or indented_next:
        return True, None
    # One em short may be squeezed punctuation; it counts only with a blank line.
    if shortfall >= 1 and nxt.after_blank:
        return True, "paragraph end read from a blank line and a line one em short of the column"
    if nxt.after_blank:
        return False, "blank line after a finished sentence read as a column break: both lines fill the column"
    return False, None


def paragraphs(flow: list[Block], diagnostics: list[Diagnostic] | None = None,
               starts: set[int] | None = None) -> list[Run]:
    """Rejoin the lines of consecutive body blocks into paragraphs; doubtful
    decisions are reported to `diagnostics`. With `starts` (the labeller's), a
    paragraph starts exactly at those line numbers."""
    if starts is not None:
        return _runs_at(flow, starts)
    list_width = max((w for block in flow for l, w in zip(block.lines, block.widths) if list_label(l.text)), default=0)
    columns = _local_widths(flow)
    placed = [_Placed(line, width, block.column_for(line, columns[b]), b, k == 0 and block.after_blank)
              for b, block in enumerate(flow) for k, (line, width) in enumerate(zip(block.lines, block.widths))]
    out: list[Run] = []
    current: list[SourceLine] = []
    in_item = False  # does the paragraph being gathered open with a list label?
    for i, here in enumerate(placed):
        if current:
            is_last = i == len(placed) - 1 or placed[i + 1].block != here.block
            prev = replace(placed[i - 1], column=list_width) if in_item else placed[i - 1]
            brk, doubt = paragraph_break(prev, here, is_last, in_item, prev_opens=len(current) == 1 and not in_item)
            if doubt and diagnostics is not None:
                diagnostics.append(Diagnostic("paragraph-layout", "info", doubt,
                                              Span.of(prev.line.number, here.line.number)))
            if brk:
                out.append(_run(current))
                current = []
        if not current:
            in_item = bool(list_label(here.line.text))
        current.append(here.line)
    if current:
        out.append(_run(current))
    return out


def _runs_at(flow: list[Block], starts: set[int]) -> list[Run]:
    out: list[list[SourceLine]] = []
    for line in (line for block in flow for line in block.lines):
        if not out or line.number in starts:
            out.append([])
        out[-1].append(line)
    return [_run(lines) for lines in out]


def _run(lines: list[SourceLine]) -> Run:
    return Run(tuple(piece(l.number, l.text) for l in lines))


def _local_widths(flow: list[Block]) -> list[float]:
    """Column width around each block; a short block borrows its neighbours'."""
    own = [b.column_width for b in flow]
    full = [len(b.lines) >= 3 for b in flow]
    out = []
    for i in range(len(flow)):
        if full[i]:
            out.append(own[i])
            continue
        near = [own[j] for j in range(max(0, i - 1), min(len(flow), i + 2)) if full[j]]
        out.append(max([own[i]] + ([median(near)] if near else [])))
    return out
