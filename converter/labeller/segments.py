"""Labelled lines -> page elements: the labeller's decisions grouped into the
shapes the rest of the structure stage takes.

- A `Block` is consecutive lines of one element kind (a blank line or a page break
  ends it); an `Element` is one or more blocks of a page element: furniture, a
  section banner, a heading stack, a standalone byline, a figure, or a flow of body
  text (with the headings and figures that interrupted it, its strays).
- A line's role gives its element kind (`ELEMENT_OF`); consecutive lines of one kind
  make a block, a blank line or a page break ends it.
- Heading lines group into kicker/headline/subheadline stacks: a kicker, or a headline
  after a headline or subheadline, starts a new group.
- Body blocks gather into flows. A heading standing where the flow's text goes on
  right after it (the next body line continues: an I label) interrupts the flow and
  travels with it as a stray, as in print (not after a brief's page reference: it opens
  the next brief); so does a figure printed inside a story.
  The story's text goes on past furniture and figures until a heading, a dateline or
  a byline opens another; a heading's I line goes on with the heading before the furniture.
- Every line whose label starts an element (B) starts a paragraph of the flow."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..rules import solid
from ..rules.byline import standalone_byline
from ..rules.continuation import marker_at_end, named_page_reference_at_end, placed_direction
from ..source import SourceLine
from ..unwrap import ends_sentence
from .model import Labelled
from .roles import HEADING_ROLES, role_of, starts

Kind = Literal["furniture", "banner", "heading", "byline", "caption", "body"]


@dataclass(eq=False, slots=True)
class Block:
    lines: list[SourceLine]
    after_blank: bool  # one or more blank lines stood before it
    page: int


@dataclass
class Element:
    kind: Kind
    blocks: list[Block]
    strays: list["Element"] = field(default_factory=list)  # blocks that interrupted a flow

    @property
    def lines(self) -> list[SourceLine]:
        return [line for block in self.blocks for line in block.lines]


ELEMENT_OF: dict[str, Kind] = {
    "furniture": "furniture", "section": "banner", "kicker": "heading", "head": "heading", "sub": "heading",
    "caption": "caption", "credit": "caption", "byline": "body", "p": "body", "item": "body",
    "dateline": "body", "jump": "body", "closer": "body", "source": "body",
}
HEADING_ORDER = {role: k for k, role in enumerate(HEADING_ROLES)}


def page_elements(page: Sequence[Labelled]) -> tuple[list[Element], set[int]]:
    """The elements of one page, and the numbers of the lines that start a paragraph."""
    label_of = {x.line.number: x.label or "" for x in page}
    elements: list[Element] = []
    starts_at: set[int] = set()
    runs = _runs(page)
    last_body: Labelled | None = None  # the flow's text goes on from it
    flow: Element | None = None  # the open flow: body text goes on with it past furniture and figures
    for i, (kind, lines, after_blank) in enumerate(runs):
        block = Block([x.line for x in lines], after_blank, lines[0].line.page)
        first = lines[0].label or ""
        if kind == "body":
            starts_at.update(x.line.number for x, before in zip(lines, [last_body, *lines]) if _opens(x, before))
            last_body = lines[-1]
            if flow and (elements[-1] is flow or _goes_on_story(first)):
                flow.blocks.append(block)
            else:
                flow = Element("body", [block])
                elements.append(flow)
        elif flow and ((kind == "heading" and _text_goes_on(runs, i) and not (last_body and _ends_brief(last_body.line)))
                       or (kind == "caption" and _story_goes_on(runs, i))):
            if flow.strays and _goes_on(flow.strays[-1], kind, first, label_of):
                flow.strays[-1].blocks.append(block)
            else:
                flow.strays.append(Element(kind, [block]))
        elif elements and _goes_on(elements[-1], kind, first, label_of):
            elements[-1].blocks.append(block)
        elif kind == "heading" and (before := _before_furniture(elements)) \
                and (not starts(first) or _ends_with_kicker(before, label_of)) \
                and _goes_on(before, kind, first, label_of):
            before.blocks.append(block)  # a heading's lines printed around a line of furniture
        else:
            elements.append(Element(kind, [block]))
            if kind not in ("furniture", "caption"):
                flow = None
    return elements, starts_at


def _before_furniture(elements: list[Element]) -> Element | None:
    """The element before the furniture that ends `elements` (None when none ends it)."""
    k = len(elements)
    while k and elements[k - 1].kind == "furniture":
        k -= 1
    return elements[k - 1] if 0 < k < len(elements) else None


def _ends_with_kicker(element: Element, label_of: dict[int, str]) -> bool:
    """A kicker waits for its headline, even across a line of furniture."""
    return role_of(label_of[element.lines[-1].number]) == "kicker"


def _opens(x: Labelled, before: Labelled | None) -> bool:
    """Does a body line start a paragraph? Where its label begins an element, except
    that a notice's signature lines and date stay together (the closer is read whole),
    and always after a line that closes its story with a jump marker."""
    if before is not None and _closes(before.line):
        return True
    label = x.label or ""
    return starts(label) and not (role_of(label) == "closer" and before is not None
                                  and role_of(before.label or "") == "closer")


def _ends_brief(line: SourceLine) -> bool:
    """A line ending in the page a brief is printed on in full ("…免費。 B15") ends the
    brief: a heading after it opens the next, even where the model reads the next's first
    line as going on (a digest's briefs have no indent). (Held-out labels, 384 pages: 29
    more of 4,725 articles; a bare number after the sentence ("…开跑。3") cost articles
    with gold labels, so the page must be lettered or worded.)"""
    return named_page_reference_at_end(line.text)


def _closes(line: SourceLine) -> bool:
    """A line ending in a jump marker that reads "to", or in the page a brief is printed
    on in full, ends its story: certain, not learnt."""
    if _ends_brief(line):
        return True
    marker = marker_at_end(" ".join(line.text.split()))
    if marker is None:
        return False
    return placed_direction(marker, solid(line.text) != solid(marker.text), opening=False) == "to"


def _runs(page: Sequence[Labelled]) -> list[tuple[Kind, list[Labelled], bool]]:
    """Consecutive non-blank lines of one element kind (a standalone byline is a kind
    of its own: the recogniser must read it)."""
    runs: list[tuple[Kind, list[Labelled], bool]] = []
    blank = True
    for x in page:
        if x.label is None:
            blank = True
            continue
        kind = _kind(x)
        if blank or not runs or runs[-1][0] != kind or kind == "byline" \
                or _new_element(runs[-1][1][-1].label or "", x.label or ""):
            runs.append((kind, [x], blank))
        else:
            runs[-1][1].append(x)
        blank = False
    return runs


def _kind(x: Labelled) -> Kind:
    label = x.label or ""
    if role_of(label) == "byline" and starts(label) and standalone_byline(x.line.text):
        return "byline"
    return ELEMENT_OF[role_of(label)]


def _new_element(before: str, label: str) -> bool:
    """Does a line labelled `label` start a new element after one labelled `before`,
    both of one kind? In headings, a kicker, or a headline after a headline or
    subheadline, starts a new stack; a caption's first line starts a new figure."""
    a, b = role_of(before), role_of(label)
    if not starts(label):
        return False
    if b == "caption":
        return True
    if a not in HEADING_ORDER or b not in HEADING_ORDER:
        return False
    return b == "kicker" or HEADING_ORDER[b] < HEADING_ORDER[a] or (a == b == "head")


def _goes_on(element: Element, kind: Kind, first: str, label_of: dict[int, str]) -> bool:
    """Does a block of `kind`, its first line labelled `first`, go on with `element`?
    A caption goes on with a credit printed above it that has no caption yet; a
    second credit begins another figure, unless the figure's credit has no start yet
    (an extractor may print a credit's first characters after the rest)."""
    if element.kind != kind or kind not in ("heading", "caption", "furniture"):
        return False
    roles = {role_of(label_of[line.number]) for line in element.lines}
    if role_of(first) == "caption" and starts(first) and roles == {"credit"}:
        return True
    if role_of(first) == "credit" and starts(first) and "credit" in roles:
        return _credit_waits(element.lines, label_of)
    return not _new_element(label_of[element.blocks[-1].lines[-1].number], first)


def _credit_waits(lines: list[SourceLine], label_of: dict[int, str]) -> bool:
    """Has the figure's credit no start yet? Its lines go on from one (I labels), and
    not from the caption's last line (which ends its sentence): the extractor printed
    the credit's first characters after the rest."""
    credit = [k for k, line in enumerate(lines) if role_of(label_of[line.number]) == "credit"]
    return not any(starts(label_of[lines[k].number]) for k in credit) \
        and (credit[0] == 0 or ends_sentence(lines[credit[0] - 1].text))


def _goes_on_story(label: str) -> bool:
    """Does body text labelled `label` go on with the story before it (after furniture
    or a figure printed in between)? Not where a dateline or byline opens a story."""
    return role_of(label) not in ("dateline", "byline")


def _story_goes_on(runs: list[tuple[Kind, list[Labelled], bool]], i: int) -> bool:
    """Does the body text after run i go on with the story before it?"""
    for kind, lines, _ in runs[i + 1:]:
        if kind == "body":
            return _goes_on_story(lines[0].label or "")
        if kind not in ("caption", "furniture"):
            return False
    return False


def _text_goes_on(runs: list[tuple[Kind, list[Labelled], bool]], i: int) -> bool:
    """Does the body text after run i continue a paragraph (rather than start one)?"""
    for kind, lines, _ in runs[i + 1:]:
        if kind == "body":
            return not starts(lines[0].label or "")
        if kind not in ("heading", "caption"):
            return False
    return False
