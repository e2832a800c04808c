"""A flow of body text -> article bodies ("units").

Paragraphs of one flow are cut into units where a new story begins (a
dateline, a continuation marker, a bulleted item, the paragraph after a
brief's source note). A continuation marker is read where it stands: with
text beside it on its line, opening that text it is continued from, closing
it continued to; alone on its line, by its words. Each unit's opening and
closing furniture is then peeled off by the recognisers: dateline, byline,
numbered lists, closer, source note."""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate

from .model import Closer, Continuation, Diagnostic, Direction, ListBlock, ListItem, Paragraph, Text
from .rules import Match, solid_len
from .rules.byline import byline_after_dateline, opening_byline
from .rules.closer import date_line, looks_like_issuer, looks_like_signer
from .rules.continuation import marker_at_end, marker_at_start, placed_direction
from .rules.dateline import dateline
from .rules.listitem import list_label
from .rules.section import starts_item
from .rules.source_note import source_note
from .unwrap import Run, ends_sentence


@dataclass
class Unit:
    """The body of one story as found in a flow, before headlines are attached."""

    paragraphs: list[Run]
    dateline: Text | None = None
    byline: Text | None = None
    continued_from: Continuation | None = None
    continued_to: Continuation | None = None
    source_note: Text | None = None
    closer: Closer | None = None
    blocks: list = field(default_factory=list)  # Paragraph | ListBlock, filled by `finish`
    bulleted: bool = False
    closed: bool = False  # a "to" marker ended it: what follows is another story
    diagnostics: list[Diagnostic] = field(default_factory=list)  # markers read against their wording

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.paragraphs)

    @property
    def lines(self) -> list[int]:
        return [n for r in self.paragraphs for n in r.lines]


def split_units(paragraphs: list[Run]) -> list[Unit]:
    units: list[Unit] = []
    for run in paragraphs:
        run = _opening_marker(run, units)
        run, closing = _closing_marker(run)
        if run:
            _add(units, run, noted=closing is None)
        if closing:
            _place(units, *closing)
    for unit in units:
        finish(unit)
    return units


def _add(units: list[Unit], run: Run, noted: bool) -> None:
    """A paragraph goes on with the open unit, or starts a story of its own."""
    loose = run.loose
    fresh = bool(units) and not units[-1].paragraphs and not units[-1].closed  # opened by a marker
    if not units or (not fresh and (dateline(loose) or opening_byline(loose) or starts_item(loose)
                                    or units[-1].source_note is not None or units[-1].closed)):
        units.append(Unit([]))
    units[-1].paragraphs.append(run)
    units[-1].closed = _dated(run, units[-1])
    note = source_note(loose) if noted else None
    if note and (note.get("ends") or _is_brief(units[-1])):
        _take_source_note(units[-1], note)


def _opening_marker(run: Run, units: list[Unit]) -> Run:
    """Place a marker opening the paragraph; what follows it."""
    marker = marker_at_start(run.loose)
    if not marker:
        return run
    head, rest = run.split_solid(marker.size)
    beside = marker.size not in _line_bounds(run)
    _place(units, marker, head.to_text(), placed_direction(marker, beside, opening=True))
    return rest


def _closing_marker(run: Run) -> tuple[Run, tuple[Match, Text, str] | None]:
    """The paragraph without a marker closing it, and that marker, read."""
    marker = marker_at_end(run.loose) if run else None
    if not marker:
        return run, None
    body, tail = run.split_last(marker.size)
    beside = solid_len(run.text) - marker.size not in _line_bounds(run)
    return body, (marker, tail.to_text(), placed_direction(marker, beside, opening=False))


def _line_bounds(run: Run) -> set[int]:
    """Where the run's source lines start and end, in non-whitespace characters."""
    return set(accumulate((solid_len(p.text) for p in run.pieces), initial=0))


def _place(units: list[Unit], marker: Match, text: Text, placed: str) -> None:
    """A marker continued from opens a story; one continued to closes the open one.
    A marker reading both ways closes a story still open, else opens one."""
    still_open = bool(units) and bool(units[-1].paragraphs) and not units[-1].closed
    direction: Direction = "to" if placed == "to" or (placed == "either" and still_open) else "from"
    continuation = Continuation(direction, text, marker.get("page") or None, marker.get("sign") or None)
    if direction == "from":
        units.append(Unit([], continued_from=continuation))
    else:
        if not units or units[-1].closed:
            units.append(Unit([]))
        units[-1].continued_to, units[-1].closed = continuation, True
    if marker.get("direction") not in ("either", direction):
        units[-1].diagnostics.append(disagreement(continuation, marker.get("direction") or ""))


def disagreement(marker: Continuation, worded: str) -> Diagnostic:
    place = "opening" if marker.direction == "from" else "closing"
    return Diagnostic("continuation-direction", "warning",
                      f"continuation marker {marker.text.text} is worded '{worded}' but stands {place} a story: "
                      f"read as continued {marker.direction}", marker.text.span)


def _dated(run: Run, unit: Unit) -> bool:
    """A signature and date close a notice: what follows is another story."""
    return len(unit.paragraphs) >= 2 and date_line(run.pieces[-1].text) is not None \
        and (len(run.pieces) > 1 or looks_like_issuer(unit.paragraphs[-2].text))


def _is_brief(unit: Unit) -> bool:
    return starts_item(unit.paragraphs[0].text) or len(unit.text) < 400


def _take_source_note(unit: Unit, note: Match) -> None:
    body, tail = unit.paragraphs[-1].split_last(note.size)
    unit.paragraphs[-1:] = [body] if body else []
    unit.source_note = tail.to_text()


def finish(unit: Unit) -> None:
    """Peel dateline and byline off the start, the closer off the end (markers
    are peeled as units are cut), and group numbered items into lists."""
    _take_opening(unit)
    unit.closer = _closer(unit)
    unit.blocks = _lists(unit.paragraphs)


def _take_opening(unit: Unit) -> None:
    if not unit.paragraphs:
        return
    run = unit.paragraphs[0]
    date = dateline(run.loose)
    if date:
        head, run = run.split_solid(date.size)
        unit.dateline = head.to_text()
        by = byline_after_dateline(run.loose)
        if by:
            head, run = run.split_solid(by.size)
            unit.byline = head.respelled(by.text)
    elif run and (by := opening_byline(run.loose)):
        head, run = run.split_solid(by.size)
        unit.byline = head.respelled(by.text)
    if starts_item(run.text):
        unit.bulleted = True
    unit.paragraphs[0:1] = [run] if run else []


def _closer(unit: Unit) -> Closer | None:
    """A signature and a date ending the text: the date alone on the last line,
    the issuer on the lines before it, after the last finished sentence (or
    as the paragraph before)."""
    if not unit.paragraphs:
        return None
    run = unit.paragraphs[-1]
    *rest, last = run.pieces
    when = date_line(last.text)
    if not when:
        return _signature(unit)
    cut = len(rest)
    while cut and not ends_sentence(rest[cut - 1].text):
        cut -= 1
    body, signed = Run(tuple(rest[:cut])), Run(tuple(rest[cut:]))
    before = len(unit.paragraphs) - 1  # paragraphs that stay body text
    if not signed and not body and before >= 2 and looks_like_issuer(unit.paragraphs[-2].text):
        signed, before = unit.paragraphs[-2], before - 1  # the issuer is the paragraph before the date
    if (signed and not (looks_like_issuer(signed.text) or looks_like_signer(signed.loose))) \
            or not (body or before):
        return None
    unit.paragraphs[before:] = [body] if body else []
    return Closer((signed.to_text(),) if signed else (), Run((last,)).to_text(), when)


def _signature(unit: Unit) -> Closer | None:
    """A letter signed without a date: the signature is the text's last line,
    after a finished sentence."""
    run = unit.paragraphs[-1]
    *body, last = run.pieces
    before = body[-1].text if body else (unit.paragraphs[-2].text if len(unit.paragraphs) > 1 else "")
    if not looks_like_signer(last.raw) or not ends_sentence(before):
        return None
    rest = Run(tuple(body))
    unit.paragraphs[-1:] = [rest] if rest else []
    return Closer((Run((last,)).respelled(" ".join(last.raw.split())),))


def _lists(paragraphs: list[Run]) -> list:
    """Numbered paragraphs in sequence become one list. Numbering styles may
    nest ("一、" over "1. 2."): each style counts on from its last item, and an
    inner style starts again at 1 under a new outer item."""
    blocks: list = []
    items: list[ListItem] = []
    expected: dict[str | None, int] = {}  # by style
    for run in paragraphs:
        label = list_label(run.text)
        style, n = (label.get("style"), int(label.get("n"))) if label else (None, 0)
        if label and (n == expected.get(style, 1) or (items and n == 1 and style != _style(items[-1]))):
            head, rest = run.split_solid(label.size)
            items.append(ListItem(label.text, rest.to_text() if rest else Text("", head.to_text().span)))
            expected[style] = n + 1
            continue
        _flush(blocks, items)
        items, expected = [], {}
        blocks.append(Paragraph(run.to_text()))
    _flush(blocks, items)
    return blocks


def _style(item: ListItem) -> str | None:
    label = list_label(item.label)
    return label.get("style") if label else None


def _flush(blocks: list, items: list[ListItem]) -> None:
    if len(items) >= 2:
        blocks.append(ListBlock(tuple(items)))
    else:  # a lone "1." is no list: put the label back
        blocks.extend(Paragraph(Text(i.label + i.text.text, i.text.span, tuple(b + len(i.label) for b in i.text.breaks)))
                      for i in items)


def ends_brief(unit: Unit) -> bool:
    return unit.source_note is not None or unit.bulleted

