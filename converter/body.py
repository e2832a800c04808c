"""A flow of body text -> article bodies ("units"), by the labeller's roles.

Paragraphs of one flow are cut into units where a new story begins: a paragraph
labelled dateline or byline (a byline closing a story's text closes it instead), a
bulleted item, the paragraph after a source note, a notice's signature block or a
"to" marker. The dateline, byline, source note and closer are what their labels say;
recognisers only find where one ends inside a line it shares with text. A continuation
marker is read by its words; one that reads both ways, where it stands (opening the
text: continued from; closing it: continued to). Numbered paragraphs become lists."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import accumulate

from .lexicon.equivalents import reading_form
from .lexicon.numerals import DIGIT_CHARS
from .model import Closer, Continuation, Diagnostic, Direction, ListBlock, ListItem, Paragraph, Span, Text
from .rules import Match, bracketed_start, solid_len
from .rules.byline import byline_after_dateline, opening_byline, standalone_byline
from .rules.closer import date_line, looks_like_issuer, looks_like_signer
from .rules.continuation import marker_at_end, marker_at_start, placed_direction
from .rules.dateline import dateline, labelled_dateline
from .rules.listitem import list_label
from .rules.section import opens_letter, starts_item
from .rules.source_note import NOTE_ENDS, source_note
from .labeller.roles import role_of, starts
from .unwrap import Piece, Run, ends_sentence


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
    # The text after its dateline or byline, on their last line, stops mid-sentence:
    # the next paragraph goes on with it (its line's label was the opening's).
    open_start: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)  # markers read against their wording

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.paragraphs)

    @property
    def lines(self) -> list[int]:
        return [n for r in self.paragraphs for n in r.lines]


def bylines_open(flows: list[list[Run]], labels: Mapping[int, str]) -> bool:
    """Does the page print a story's byline before its dateline? A byline that opens a
    flow with a dateline after it says so; one that ends a flow after text says it closes
    stories. The page's own vote decides the bylines that could be either."""
    vote = 0
    for runs in flows:
        roles = [_paragraph_role(run, labels) for run in runs]
        for i, role in enumerate(roles):
            if role == "byline":
                vote += (i == 0 and roles[i + 1:i + 2] == ["dateline"]) - (i > 0 and i + 1 == len(roles))
    return vote > 0


def split_units(paragraphs: list[Run], labels: Mapping[int, str], bylines_first: bool = False) -> list[Unit]:
    """The units of a flow's paragraphs; `labels` gives each source line's label (the
    labeller's, see labeller/roles.py): a paragraph's role is its first line's. Where the
    page prints bylines before datelines (`bylines_first`, see `bylines_open`), a byline
    before a dateline opens its story."""
    units: list[Unit] = []
    paragraphs = _cut_after_closing_notes(paragraphs)
    for i, run in enumerate(paragraphs):
        role = _paragraph_role(run, labels)
        # the lines the element has to itself, from the first: all of them if no other shares them
        lead = next((k for k, n in enumerate(run.lines) if _role(labels, n) != role), len(run.lines))
        whole = lead == len(run.lines)
        closes = whole and role == "byline" and _story_open(units) and units[-1].byline is None \
            and (i + 1 == len(paragraphs) or not bylines_first and _opens_story(paragraphs[i + 1], labels))
        run = _opening_marker(run, units, _touching(paragraphs, i))
        run, closing = _closing_marker(run)
        if run and closes:
            units[-1].byline = both_texts(units[-1].byline, run.to_text())
        elif run and role == "closer" and whole and units:
            units[-1].closer, units[-1].closed = _labelled_closer(run, labels), True
        elif run:
            _add(units, run, "p" if role == "jump" else role, whole, noted=closing is None, lead=lead,
                 byline_line=_wrapped_byline_line(run, labels) if role == "dateline" else None,
                 fragment=i > 0 and not starts(labels.get(run.pieces[0].line, "p-B")))
        if closing:
            _place(units, *closing)
    for unit in units:
        finish(unit)
    return units


def _cut_after_closing_notes(paragraphs: list[Run]) -> list[Run]:
    """A note that always ends a story (a reprint's, an editor's) ending a line inside a
    paragraph: the text after it is another story's, which the extractor ran on."""
    out: list[Run] = []
    for run in paragraphs:
        start = 0
        for k, line in enumerate(run.pieces[:-1]):
            if reading_form(line.text.rstrip(DIGIT_CHARS)[-1:]) not in NOTE_ENDS:
                continue
            head = Run(run.pieces[start:k + 1])
            note = source_note(head.loose)
            if note and note.get("ends"):
                out.append(head)
                start = k + 1
        out.append(Run(run.pieces[start:]) if start else run)
    return out


def _labelled_closer(run: Run, labels: Mapping[int, str]) -> Closer:
    """A signature block the labels found: each line labelled closer-B begins an item
    (a signer, or the date when it is the last and reads as one)."""
    items: list[list[Piece]] = []
    for p in run.pieces:
        if not items or (starts(labels[p.line]) and p.line != items[-1][-1].line):
            items.append([])
        items[-1].append(p)
    texts = [Run(tuple(item)) for item in items]
    when = date_line(texts[-1].text)
    signed = texts[:-1] if when else texts
    return Closer(tuple(t.to_text() for t in signed), texts[-1].to_text() if when else None, when)


def _story_open(units: list[Unit]) -> bool:
    return bool(units) and bool(units[-1].paragraphs) and not units[-1].closed


def _role(labels: Mapping[int, str], line: int) -> str:
    """A line's role (asked of a flow's lines only: the labels are the stretch's)."""
    return role_of(labels.get(line, "p-B"))


def _paragraph_role(run: Run, labels: Mapping[int, str]) -> str:
    """A paragraph's role: its first line's."""
    return _role(labels, run.pieces[0].line) if run.pieces else "p"


def _opens_story(run: Run, labels: Mapping[int, str]) -> bool:
    """Does this paragraph begin another story (so a byline before it closes the last)?"""
    return _paragraph_role(run, labels) in ("dateline", "byline")


def _wrapped_byline_line(run: Run, labels: Mapping[int, str]) -> int | None:
    """The run's second line, when it is labelled byline (a byline begun on the first
    goes on there)."""
    lines = sorted(set(run.lines))
    return lines[1] if len(lines) > 1 and _role(labels, lines[1]) == "byline" else None


def _add(units: list[Unit], run: Run, role: str, whole: bool, noted: bool, byline_line: int | None = None,
         fragment: bool = False, lead: int = 1) -> None:
    """A paragraph goes on with the open unit, or starts a story of its own (as a
    `fragment`, text going on from a paragraph the unit does not end with, always does);
    a dateline or byline opening a story is taken off it."""
    if not units or _starts_story(units[-1], run, role) or fragment:
        units.append(Unit([]))
    unit = units[-1]
    if role == "dateline":
        run = _take_dateline(unit, run, lead, byline_line)
    elif role == "byline":
        run = _take_byline(unit, run, lead)
    elif role == "source" and unit.paragraphs and whole:
        unit.source_note = run.to_text()
        return
    if not run:
        return
    if role == "p" and unit.open_start:
        unit.paragraphs[-1] = Run(unit.paragraphs[-1].pieces + run.pieces)
    else:
        unit.paragraphs.append(run)
    unit.open_start = role in ("dateline", "byline") and len({p.line for p in run.pieces}) == 1 \
        and not ends_sentence(run.text)
    unit.closed = _dated(run, unit)
    note = source_note(run.loose) if noted else None
    if note and (note.get("ends") or _is_brief(unit)):
        _take_source_note(unit, note)


def _starts_story(unit: Unit, run: Run, role: str) -> bool:
    if unit.closed or unit.source_note is not None:
        return True
    if not unit.paragraphs and unit.continued_from is None:  # nothing but an opening so far
        return (role == "dateline" and unit.dateline is not None) or (role == "byline" and unit.byline is not None)
    if not unit.paragraphs:  # opened by a marker
        return False
    return role in ("dateline", "byline") or starts_item(run.loose) or opens_letter(run.loose)


def _take_dateline(unit: Unit, run: Run, lead: int, byline_line: int | None) -> Run:
    """The dateline off the paragraph, then a byline right after it; the recogniser
    finds where it ends, else the lines labelled dateline (see `_labelled_size`)."""
    found = dateline(run.loose) or labelled_dateline(run.loose)
    size = found.size if found else _labelled_size(run, lead)
    head, run = run.split_solid(size)
    unit.dateline = both_texts(unit.dateline, head.to_text())
    # A byline after it: the longest the forms find (labelled as going on into the next
    # line, also one that ends at the first space there), else the rest of the line alone.
    bylines = [byline_after_dateline(run.loose), opening_byline(run.loose)]
    if len(run.pieces) > 1 and run.pieces[1].line == byline_line:
        bylines += [standalone_byline(text) for text in _to_a_space_of_second_line(run)]
    by = max(filter(None, bylines), key=lambda m: m.size, default=None) \
        or (standalone_byline(run.pieces[0].raw) if run.pieces else None)
    if by:
        head, run = run.split_solid(by.size)
        unit.byline = both_texts(unit.byline, head.respelled(by.text))
    return run


def _to_a_space_of_second_line(run: Run) -> list[str]:
    """Where a byline wrapped from the dateline's line may end: at a gap in the next line
    ("本报记者 符晓 王丽梅" / "通讯员 方海洋 11月18日，…")."""
    first, words = run.pieces[0].raw.strip(), run.pieces[1].raw.split()
    return [first + " ".join(words[:k]) for k in range(1, len(words))] or [first + "".join(words)]


def _take_byline(unit: Unit, run: Run, lead: int) -> Run:
    found = opening_byline(run.loose) or standalone_byline(run.loose) or bracketed_start(run.loose) \
        or byline_after_dateline(run.loose)  # "本报记者 吴晓兰 5月5日，…": the role and names before the text
    if found and (found.size == solid_len(run.text) or lead < len(run.pieces)):
        head, run = run.split_solid(found.size)
        unit.byline = both_texts(unit.byline, head.respelled(found.text))
        return run
    head, run = run.split_solid(_labelled_size(run, lead))
    unit.byline = both_texts(unit.byline, head.to_text())
    return run


def _labelled_size(run: Run, lead: int) -> int:
    """Where an element no recogniser reads ends: at the end of the `lead` lines it has to
    itself ("本报记者" / "黎明" / "3月16日，…"), at least its first."""
    return solid_len("".join(p.text for p in run.pieces[:max(lead, 1)]))


def both_texts(first: Text | None, second: Text | None) -> Text | None:
    """One text from two, a space between (a byline line above a dateline's own byline)."""
    if not (first and second):
        return first or second
    return Text(f"{first.text} {second.text}", Span.union([first.span, second.span]),
                first.breaks + (len(first.text) + 1,) + tuple(len(first.text) + 1 + b for b in second.breaks))


def _opening_marker(run: Run, units: list[Unit], touching: str | None = None) -> Run:
    """Place a marker opening the paragraph; what follows it. A marker read both ways
    alone on its line goes with the text it touches (`touching`, see `_touching`)."""
    marker = marker_at_start(run.loose)
    if not marker:
        return run
    head, rest = run.split_solid(marker.size)
    beside = marker.size not in _line_bounds(run)
    placed = placed_direction(marker, beside, opening=True)
    _place(units, marker, head.to_text(), touching if placed == "either" and not rest and touching else placed)
    return rest


def _touching(paragraphs: list[Run], i: int) -> str | None:
    """For a paragraph of one line: "from" when the next paragraph starts on the next line
    and the one before ends before the line above (a blank line or another element
    between), "to" the other way round, else None."""
    if len(paragraphs[i].pieces) != 1:
        return None
    line = paragraphs[i].pieces[0].line
    after = i + 1 < len(paragraphs) and paragraphs[i + 1].lines[:1] == [line + 1]
    before = i > 0 and paragraphs[i - 1].lines[-1:] == [line - 1]
    return "from" if after and not before else "to" if before and not after else None


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
    """Peel the closer off the end (datelines, bylines and markers are peeled as
    units are cut), and group numbered items into lists."""
    if unit.paragraphs and starts_item(unit.paragraphs[0].text):
        unit.bulleted = True
    if unit.source_note and unit.byline is None and len(unit.paragraphs) > 1 and not unit.bulleted \
            and _whole_byline(unit.source_note.text):
        unit.byline, unit.source_note = unit.source_note, None  # a story's closing byline, not a brief's note
    unit.closer = unit.closer or _closer(unit)
    unit.blocks = _lists(unit.paragraphs)


def _whole_byline(text: str) -> bool:
    """Is the note a byline ("（记者 夏天）"), not a note that always ends a story (摘自…)?"""
    note = source_note(text)
    found = standalone_byline(text) or byline_after_dateline(text)
    return found is not None and found.size == solid_len(text) and note is not None and not note.get("ends")


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
            items.append(ListItem(head.respelled(label.text).text, rest.to_text() if rest else Text("", head.to_text().span)))
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

