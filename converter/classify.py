"""Blocks -> page elements: what each block of a page is.

A page becomes a sequence of elements in source order: page furniture,
section banners, heading groups (kicker/headline/subheads), standalone
bylines, captions, and flows of body text. A heading block that stands inside
a sentence is a stray from a neighbouring story: the flow goes on around it.
`assemble` then decides which heading group belongs to which body."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .lexicon import zh
from .rules import solid_len
from .rules.byline import standalone_byline
from .rules.closer import date_line, looks_like_issuer, looks_like_signer
from .rules.credit import credit, uncredited_caption
from .rules.dateline import starts_with_dateline
from .rules.headline import is_dash_subtitle, is_subtitle_line
from .rules.masthead import furniture_kind
from .rules.section import is_banner, is_column_name, starts_item
from .segment import INDENT, Block, pointed_title, strong_start
from .unwrap import ends_sentence

Kind = Literal["furniture", "banner", "heading", "byline", "caption", "body"]


@dataclass
class Element:
    kind: Kind
    blocks: list[Block]
    strays: list["Element"] = field(default_factory=list)  # blocks that interrupted a flow

    @property
    def lines(self):
        return [line for block in self.blocks for line in block.lines]


def block_kind(block: Block, at_page_edge: bool) -> Kind:
    first = block.lines[0].text
    if at_page_edge and _masthead(block):
        return "furniture"
    if len(block.lines) == 1 and standalone_byline(first):
        return "byline"
    if len(block.lines) == 1 and looks_like_signer(first):
        return "body"  # "◎宜蘭市民　賴秋霞" signs the letter above
    text = " ".join(l.text for l in block.lines)
    if not starts_with_dateline(first) and (credit(text) or _uncredited_caption(block, text)):
        return "caption"
    if block.heading_like and not starts_item(first) and _banner(block):
        return "banner"
    if block.heading_like and not strong_start(first) and not starts_with_dateline(first) \
            and not _signature(block):
        return "heading"
    return "body"


MASTHEAD_LABEL_CHARS = 10  # other lines of a masthead block are short labels ("要闻")


def _uncredited_caption(block: Block, text: str) -> bool:
    """A short block of its own, one finished sentence, worded like a caption."""
    return block.after_blank and len(block.lines) <= 3 and ends_sentence(block.lines[-1].text) \
        and uncredited_caption(text)


def _signature(block: Block) -> bool:
    """An issuer over a date ("…办公室" / "2025年6月10日"): a closer, not a headline."""
    lines = block.lines
    signer = " ".join(l.text for l in lines[:-1])
    return len(lines) >= 2 and date_line(lines[-1].text) is not None \
        and (looks_like_issuer(signer) or looks_like_signer(signer))


def _banner(block: Block) -> bool:
    """A column name, or a spaced-out line over a dash subtitle ("清 风 廉 润" /
    "——…篇"); a spaced-out line alone is just a title."""
    first, rest = block.lines[0].text, block.lines[1:]
    if is_column_name(first):
        return not rest
    return is_banner(first) and bool(rest) and all(is_dash_subtitle(l.text) for l in rest)


def _masthead(block: Block) -> bool:
    """Masthead and running-head lines: mostly furniture, the rest short labels.
    Decided at the first line that cannot be either: a page's first or last
    block of text is read no further than its first line."""
    others = 0
    for line in block.lines:
        if furniture_kind(line.text):
            continue
        others += 1
        if others * 2 > len(block.lines) or not _short_label(line.text):
            return False
    return True


def _short_label(text: str) -> bool:
    return solid_len(text) <= MASTHEAD_LABEL_CHARS and not any(c in zh.SENTENCE_PUNCT for c in text)


def page_elements(blocks: list[Block]) -> list[Element]:
    """Classify the blocks of one page and gather body blocks into flows."""
    kinds = [block_kind(b, _at_edge(blocks, i)) for i, b in enumerate(blocks)]
    kinds = _in_context(blocks, kinds)
    elements: list[Element] = []
    for i, (block, kind) in enumerate(zip(blocks, kinds)):
        flow = _open_flow(elements)
        if kind == "body" and flow:
            flow.blocks.append(block)
        elif kind in ("heading", "caption") and flow and _interrupts(flow, i, blocks, kinds):
            flow.strays.append(Element(kind, [block]))
        elif kind == "heading" and elements and elements[-1].kind == "heading" \
                and not _closes_group(elements[-1]):
            elements[-1].blocks.append(block)
        else:
            elements.append(Element(kind, [block]))
    return elements


def _at_edge(blocks: list[Block], i: int) -> bool:
    """Furniture stands in the first or last few blocks of a page."""
    return i < 4 or i >= len(blocks) - 2


def _in_context(blocks: list[Block], kinds: list[Kind]) -> list[Kind]:
    """A heading-like block may be body text after all: column lines of a
    sentence left open (as wide as the column), the rest of such a sentence
    when nothing goes on after it ("…基本养" / "老服务能力"), or the start of a
    text whose next block goes on mid-sentence. A block standing inside an
    open sentence, text going on after it, is a stray from a neighbouring
    story and stays a heading."""
    kinds = list(kinds)
    open_body: Block | None = None  # body block whose sentence is still open
    for i, block in enumerate(blocks):
        if kinds[i] == "heading":
            kinds[i] = _heading_or_body(blocks, kinds, i, open_body)
        if kinds[i] == "body":
            last = block.lines[-1]
            # Only a sentence running to the column's edge is left open; a short
            # last line ended there (a list item, a signature, a date).
            open_body = block if not ends_sentence(last.text) and _full_line(last, block) \
                and not looks_like_signer(last.text) else None
        elif kinds[i] != "heading" and kinds[i] != "caption":
            open_body = None
    return kinds


def _heading_or_body(blocks: list[Block], kinds: list[Kind], i: int, open_body: Block | None) -> Kind:
    block = blocks[i]
    if pointed_title(block.lines[-1].text):
        return "heading"  # "…建设提速 ▶A3": a 导读 entry's title
    later = _next_text(blocks, kinds, i)
    if open_body is not None:
        last = block.lines[-1]
        column_wide = abs(open_body.width(last) - open_body.column_for(last, open_body.column_width)) <= 1
        if column_wide or later is None or not _goes_on(later):
            return "body"
        return "heading"
    nxt = blocks[i + 1] if i + 1 < len(blocks) and kinds[i + 1] == "body" else None
    if nxt is not None and len(nxt.lines) >= 2 and _goes_on(nxt) and _full_line(nxt.lines[0], nxt) \
            and _column_like(block, nxt):
        return "body"  # column lines whose sentence goes on in the next block: where the text starts
    return "heading"


def _next_text(blocks: list[Block], kinds: list[Kind], i: int) -> Block | None:
    """The next block that is, or may be, running text (past stray headings)."""
    for j in range(i + 1, len(blocks)):
        if kinds[j] == "body":
            return blocks[j]
        if kinds[j] != "heading":
            return None
    return None


def _goes_on(block: Block) -> bool:
    """Does `block` continue an open sentence (rather than start a new unit)?"""
    first = block.lines[0].text
    return not strong_start(first) and not starts_with_dateline(first) and not block.lines[0].indented


def _column_like(block: Block, column: Block) -> bool:
    """Is `block` set in `column`'s measure: full lines, or a lone paragraph
    opening shortened by its indent?"""
    full = column.column_width
    last = block.width(block.lines[-1])
    return abs(last - full) <= 1.5 or (len(block.lines) == 1 and abs(last - (full - INDENT)) <= 1.5)


def _full_line(line, block: Block) -> bool:
    return block.width(line) >= block.column_for(line, block.column_width) - 1.5


def _open_flow(elements: list[Element]) -> Element | None:
    """The flow a body block would continue (strays may stand in between)."""
    if elements and elements[-1].kind == "body":
        return elements[-1]
    return None


def _interrupts(flow: Element, i: int, blocks: list[Block], kinds: list[Kind]) -> bool:
    """Does block `i` stand inside the flow, its text going on after it? A
    heading must stand inside a sentence; a caption may also stand between
    two paragraphs of one story."""
    if kinds[i] == "heading" and ends_sentence(flow.blocks[-1].lines[-1].text):
        return False
    j = i + 1
    while j < len(blocks) and kinds[j] in ("heading", "caption"):
        j += 1
    return j < len(blocks) and kinds[j] == "body" and not strong_start(blocks[j].lines[0].text) \
        and not starts_with_dateline(blocks[j].lines[0].text)


def _closes_group(group: Element) -> bool:
    """After a subheadline ("——…", "（…通过）") a new heading starts a new group."""
    last = group.blocks[-1].lines[-1].text
    return is_subtitle_line(last)
