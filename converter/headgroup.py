"""Roles inside a heading group, as the labeller gave them: each run of lines of
one role (a B label starts a new one) is a title; the first kicker and headline are
the kicker and headline, every other title a subheadline. A title ending with a
page pointer ("…提速 ▶A3") gives it up as the story's closing jump marker."""
from __future__ import annotations

from dataclasses import dataclass

from .model import Continuation, Text
from .rules.continuation import marker_at_end
from .labeller.roles import role_of, starts
from .source import SourceLine
from .unwrap import Run, display_width, piece
from .words import shared_words


@dataclass
class Roles:
    kicker: Text | None
    head: Text | None
    subs: list[Text]
    pointer: Continuation | None = None  # "▶A3" after a 导读 entry's title


def labelled_roles(lines: list[SourceLine], label_of: dict[int, str]) -> Roles:
    """The roles of a heading group's `lines`, from their labels (`label_of`)."""
    titles: list[tuple[str, list[SourceLine]]] = []
    for line in lines:
        label = label_of[line.number]
        if titles and titles[-1][0] == role_of(label) and not starts(label):
            titles[-1][1].append(line)
        else:
            titles.append((role_of(label), [line]))
    pointer = _pointer(titles[-1][1]) if titles else None
    texts = [(role, _text(t)) for role, t in titles[:-1]]
    texts += [(titles[-1][0], pointer[0])] if pointer else [(role, _text(t)) for role, t in titles[-1:]]
    kicker = next((t for role, t in texts if role == "kicker"), None)
    head = next((t for role, t in texts if role == "head"), None)
    if head is None and kicker is not None:  # a stack always has a headline
        head, kicker = kicker, None
    return Roles(kicker, head, [t for _, t in texts if t is not kicker and t is not head],
                 pointer[1] if pointer else None)


def side_by_side(lines: list[SourceLine], known: frozenset[int | str]) -> tuple[Text, Text] | None:
    """Two headlines set side by side, whose lines an extractor read across both: "个人所得税年
    张掖玉米制" / "度汇算怎么 种基地迎来" / "办？" / "收获". Each of the first two or more lines
    holds two pieces (one space between); the lines after them hold one piece, going on with
    one of the two. `known` holds the words of the page's text (`shared_words`): read down each
    column, the pieces must make more of them at their joins than read across the lines
    (a headline's words come back in its story), else the lines are one headline."""
    pairs = [line.text.split() for line in lines]
    split = next((k for k, p in enumerate(pairs) if len(p) != 2), len(pairs))
    if split < 2 or any(len(p) != 1 for p in pairs[split:]):
        return None
    left, right = [p[0] for p in pairs[:split]], [p[1] for p in pairs[:split]]
    down = _joins(left, known) + _joins(right, known)
    across = sum(_known(a, b, known) for a, b in pairs[:split]) \
        + sum(_known(b, a, known) for (_, b), (a, _) in zip(pairs, pairs[1:split]))
    if down <= across:
        return None
    columns = tuple([(line.number, p) for line, p in zip(lines, side)] for side in (left, right))
    column = 0
    for line, (tail,) in zip(lines[split:], pairs[split:]):
        ends = [c[-1][1] for c in columns]
        fits = [_known(end, tail, known) for end in ends]
        column = fits.index(True) if fits.count(True) == 1 else column
        columns[column].append((line.number, tail))
        column = 1 - column if not any(fits) else column
    first, second = (Run(tuple(piece(n, t) for n, t in c)).to_text(heading=True) for c in columns)
    return first, second


def _joins(pieces: list[str], known: frozenset[int | str]) -> int:
    return sum(_known(a, b, known) for a, b in zip(pieces, pieces[1:]))


def _known(before: str, after: str, known: frozenset[int | str]) -> bool:
    """The two characters where `before` meets `after` make one of the words `known`."""
    return not shared_words(before[-1:] + after[:1]).isdisjoint(known)


def _pointer(lines: list[SourceLine]) -> tuple[Text, Continuation] | None:
    """A title ending with a page pointer ("全市重点项目建设提速 ▶A3"): the title,
    and the pointer as the story's closing jump marker."""
    run = Run(tuple(piece(l.number, l.text) for l in lines))
    found = marker_at_end(run.loose)
    if not found or found.get("direction") != "to":
        return None
    title, tail = run.split_last(found.size)
    if not title:
        return None
    return title.to_text(heading=True), Continuation("to", tail.to_text(), found.get("page"), found.get("sign") or None)


def _text(lines: list[SourceLine]) -> Text:
    """A title over several lines: parallel halves keep a space between them,
    at the line break (where the second line starts, whatever spacing the
    first line keeps)."""
    run = Run(tuple(piece(l.number, l.text) for l in lines))
    text = run.to_text(heading=True)
    if len(lines) == 2 and len(text.breaks) == 1 and all(4 <= display_width(l.text) <= 12 for l in lines):
        at = text.breaks[0]
        if not text.text[at - 1].isspace():
            return Text(text.text[:at] + " " + text.text[at:], text.span, (at + 1,))
    return text
