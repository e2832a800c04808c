"""Gold files -> labelled source lines, for training and for scoring the labeller.

A gold file (tests/fixtures/GOLD-FORMAT.md) says what an edition holds, not which source
line holds what. Every gold value is found again in the source: each line's characters
(whitespace removed) are matched, in longest pieces, against the gold values laid end to
end, preferring the place right after the previous line's match, so that repeated texts
(a paper's name in the masthead and the running head) go to the right value."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from converter.labeller.roles import label
from converter.source import SourceLine


@dataclass(frozen=True, slots=True)
class Value:
    role: str
    text: str  # whitespace removed


def squeezed(text: str) -> str:
    return "".join(text.split())


def gold_values(records) -> list[Value]:
    """The text values of gold records (tests/gold.py `Records`) with their roles, in gold order."""
    values = [Value("furniture", piece.key) for _, piece in records.furniture]
    for section in records.sections:
        values += [Value("section", p.key) for p in ([section.head] if section.head else []) + section.subs]
    for a in records.articles:
        jumps = {d: [Value("jump", j.marker.key) for j in a.jumps if j.direction == d] for d in ("from", "to")}
        values += _values("kicker", [a.kicker]) + _values("head", [a.head]) + _values("sub", a.subs)
        values += jumps["from"] + _values("dateline", [a.dateline]) + _values("byline", [a.byline])
        values += [Value("p" if b.label is None else "item", b.key) for b in a.blocks]
        values += _values("closer", [*a.signed, a.date]) + _values("source", [a.source]) + jumps["to"]
    for f in records.figures:
        values += _values("caption", [f.caption]) + _values("credit", [f.credit])
    return [v for v in values if v.text]


def _values(role: str, pieces: Iterable) -> list[Value]:
    return [Value(role, p.key) for p in pieces if p is not None]


@dataclass
class Alignment:
    labels: list[str | None]  # one per line; None for a blank line
    unmatched: int  # characters of the source found in no gold value


def align(lines: list[SourceLine], values: list[Value]) -> Alignment:
    text = "".join(v.text for v in values)
    owner: list[int] = []
    begins: set[int] = set()
    for i, v in enumerate(values):
        begins.add(len(owner))
        owner += [i] * len(v.text)
    used = bytearray(len(text))
    cursor, unmatched, labels = 0, 0, []
    solid = [squeezed(line.text) for line in lines]
    for rest, following in zip(solid, _next_filled(solid)):
        first = None
        while rest:
            pos, size = _longest(text, used, rest, cursor, following)
            if not size:
                unmatched, rest = unmatched + 1, rest[1:]
                continue
            used[pos:pos + size] = b"\x01" * size
            first = pos if first is None else first
            cursor, rest = pos + size, rest[size:]
        labels.append(None if first is None else label(values[owner[first]].role, first in begins))
    return Alignment(labels, unmatched)


def _next_filled(solid: list[str]) -> list[str]:
    """For each line, the start of the next non-blank line's text (LOOKAHEAD characters)."""
    out, following = [], ""
    for text in reversed(solid):
        out.append(following)
        following = text[:LOOKAHEAD] if text else following
    return out[::-1]


LOOKAHEAD = 16  # characters of the next line that choose between places a whole line fits


def _longest(text: str, used: bytearray, piece: str, cursor: int, following: str = "") -> tuple[int, int]:
    """Where the longest unused prefix of `piece` occurs in `text`: at `cursor` when
    that is as long as anywhere else; where the whole of it fits in several places, the
    one the next line's text goes on from (a headline's words may recur in the text)."""
    here = 0
    while here < len(piece) and cursor + here < len(text) and not used[cursor + here] \
            and text[cursor + here] == piece[here]:
        here += 1
    if here == len(piece):
        return cursor, here
    if following:
        pos = _unused(text, used, piece + following)
        if pos >= 0:
            return pos, len(piece)
    low, high, best = here + 1, len(piece), (cursor, here)
    while low <= high:  # a prefix that occurs has every shorter prefix occurring too
        size = (low + high) // 2
        pos = _unused(text, used, piece[:size])
        if pos < 0:
            high = size - 1
        else:
            best, low = (pos, size), size + 1
    return best


def _unused(text: str, used: bytearray, piece: str) -> int:
    pos = text.find(piece)
    while pos >= 0 and any(used[pos:pos + len(piece)]):
        pos = text.find(piece, pos + 1)
    return pos
