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
from .rules.byline import standalone_byline
from .rules.credit import credit
from .rules.dateline import starts_with_dateline
from .rules.headline import is_adoption_line, is_dash_subtitle
from .rules.masthead import furniture_kind
from .rules.section import is_banner, starts_item
from .segment import Block, strong_start
from .unwrap import display_width, ends_sentence

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
    if credit(" ".join(l.text for l in block.lines)) and not starts_with_dateline(first):
        return "caption"
    if is_banner(first) and block.heading_like and not starts_item(first) \
            and all(is_dash_subtitle(l.text) for l in block.lines[1:]):
        return "banner"
    if block.heading_like and not strong_start(first) and not starts_with_dateline(first):
        return "heading"
    return "body"


def _masthead(block: Block) -> bool:
    """Masthead and running-head lines: mostly furniture, nothing sentence-like."""
    hits = sum(1 for l in block.lines if furniture_kind(l.text))
    return hits * 2 >= len(block.lines) and (hits == len(block.lines) or all(
        not any(c in zh.SENTENCE_PUNCT for c in l.text) for l in block.lines))


def page_elements(blocks: list[Block]) -> list[Element]:
    """Classify the blocks of one page and gather body blocks into flows."""
    kinds = [block_kind(b, _at_edge(blocks, i)) for i, b in enumerate(blocks)]
    kinds = [_in_context(blocks, kinds, i) for i in range(len(blocks))]
    elements: list[Element] = []
    for block, kind in zip(blocks, kinds):
        flow = _open_flow(elements)
        if kind == "body" and flow:
            flow.blocks.append(block)
        elif kind in ("heading", "caption") and flow and _interrupts(flow, block, blocks, kinds):
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


def _in_context(blocks: list[Block], kinds: list[Kind], i: int) -> Kind:
    """A heading-like block may be body text after all: the rest of a sentence
    left open ("…基本养" / "老服务能力"), or column lines whose sentence goes on
    in the next block. Inside an open sentence with text going on after it,
    it is a stray from a neighbouring story and stays a heading."""
    if kinds[i] != "heading":
        return kinds[i]
    block = blocks[i]
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    continues = nxt is not None and kinds[i + 1] == "body" and not strong_start(nxt.lines[0].text) \
        and not starts_with_dateline(nxt.lines[0].text)
    prev = blocks[i - 1] if i > 0 and kinds[i - 1] == "body" else None
    if prev and not ends_sentence(prev.lines[-1].text):
        full_width = abs(prev.width(block.lines[-1]) - prev.column_width) <= 1
        return "body" if not continues or full_width else "heading"
    if continues and len(nxt.lines) >= 2 and not nxt.lines[0].indented and _full_line(nxt.lines[0].text, nxt):
        return "body"  # the text after it goes on mid-sentence: this is where it starts
    return "heading"


def _full_line(text: str, block: Block) -> bool:
    return display_width(text) >= block.column_width - 1


def _open_flow(elements: list[Element]) -> Element | None:
    """The flow a body block would continue (strays may stand in between)."""
    if elements and elements[-1].kind == "body":
        return elements[-1]
    return None


def _interrupts(flow: Element, block: Block, blocks: list[Block], kinds: list[Kind]) -> bool:
    """Does `block` stand inside the flow's sentence, text going on after it?"""
    if ends_sentence(flow.blocks[-1].lines[-1].text):
        return False
    i = blocks.index(block)
    j = i + 1
    while j < len(blocks) and kinds[j] in ("heading", "caption"):
        j += 1
    return j < len(blocks) and kinds[j] == "body" and not strong_start(blocks[j].lines[0].text) \
        and not starts_with_dateline(blocks[j].lines[0].text)


def _closes_group(group: Element) -> bool:
    """After a subheadline ("——…", "（…通过）") a new heading starts a new group."""
    last = group.blocks[-1].lines[-1].text
    return is_adoption_line(last) or is_dash_subtitle(last)
