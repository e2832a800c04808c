"""Roles inside a heading group: kicker, headline, subheadlines.

Dash lines ("——…"), adoption lines ("（…会议通过）") and document numbers are
subheadlines by their form. The other lines make titles. In one block, a
line goes on with the title before it unless it is much longer or complete
in itself (two halves with a space); three lines are the newspaper's stack
of kicker, headline and subheadline unless two of them make one headline; two lines over a dash subtitle are kicker and headline. Of the
titles, the first is a kicker when a stack of three, or when it is short
before a longer one; the next is the headline; the rest are subheadlines."""
from __future__ import annotations

from dataclasses import dataclass

from .lexicon import zh
from .model import Continuation, Text
from .rules import solid
from .rules.continuation import marker_at_end
from .rules.headline import is_dash_subtitle, is_subtitle_line
from .source import SourceLine
from .unwrap import Run, clean_heading, display_width, piece

HALVES_SIMILARITY_MIN = 0.6  # halves of one headline are of comparable length
WRAP_TAIL = 0.6  # a second line this much shorter is the rest of a wrapped headline
COUPLET_MAX_WIDTH = 11  # ems; with a longer line, two lines are a headline and its subheadline
NEW_TITLE_RATIO = 1.7  # a line this much longer than the one before starts a new title
HALVES_RATIO = 1.25  # a longer line in two halves is a title of its own
HALVES_SIMILARITY = 0.85  # two lines this close in length are the halves of one headline
KICKER_MAX_WIDTH = 8  # ems; in one block with the headline, a longer first title is the headline


@dataclass
class Roles:
    kicker: Text | None
    head: Text | None
    subs: list[Text]
    pointer: Continuation | None = None  # "▶A3" after a 导读 entry's title


def heading_roles(blocks_lines: list[list[SourceLine]]) -> Roles:
    titles: list[list[SourceLine]] = []
    own_block: list[bool] = []  # does the title open a block of its own?
    subs: list[Text] = []
    for lines in blocks_lines:
        plain = [l for l in lines if not is_subtitle_line(l.text)]
        subs.extend(_text([l]) for l in lines if l not in plain)
        dash = any(is_dash_subtitle(l.text) for l in lines)
        for k, title in enumerate(_titles(plain, feature_stack=dash)):
            titles.append(title)
            own_block.append(k == 0)
    pointer = _pointer(titles[-1]) if titles else None
    texts = [_text(t) for t in titles[:-1]] + ([pointer[0]] if pointer else [_text(t) for t in titles[-1:]])
    kicker = None
    dash = any(is_dash_subtitle(t.text) for t in subs)
    if len(texts) >= 3 or (len(texts) == 2 and _width(texts[0]) < _width(texts[1]) and (
            _width(texts[0]) <= KICKER_MAX_WIDTH or own_block[1] or dash)):
        kicker, texts = texts[0], texts[1:]
    head = texts[0] if texts else None
    return Roles(kicker, head, texts[1:] + subs, pointer[1] if pointer else None)


def labelled_roles(lines: list[SourceLine], label_of: dict[int, str]) -> Roles:
    """Roles as the labeller gave them: each run of lines of one role (a B label starts
    a new one) is a title; the first kicker and headline are the kicker and headline,
    every other title a subheadline."""
    from .labeller.roles import role_of, starts

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


def _titles(plain: list[SourceLine], feature_stack: bool) -> list[list[SourceLine]]:
    """The titles of one block's plain lines. Two lines over a dash subtitle
    are kicker and headline; three lines are kicker, headline and
    subheadline unless two of them make one headline."""
    if len(plain) <= 1:
        return [plain] if plain else []
    if len(plain) == 2:
        a, b = plain
        return [plain] if not feature_stack and (_couplet(a, b) or _goes_on(a, b)) else [[a], [b]]
    if len(plain) == 3:
        a, b, c = plain
        if _halves(a, b):
            return [[a, b], [c]]
        if _halves(b, c) or (_single(b) and _single(c) and _same_title(b, c)):
            return [[a], [b, c]]
        return [[a], [b], [c]]
    out = [[plain[0]], [plain[1]]]
    for line in plain[2:]:
        if _same_title(out[-1][-1], line):
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _couplet(a: SourceLine, b: SourceLine) -> bool:
    """Two short lines of comparable length: the halves of one headline
    ("构建良好教育生态" / "营造协同育人环境"). A longer line makes them a
    headline and its subheadline; a much shorter first line is a kicker."""
    wa, wb = display_width(a.text), display_width(b.text)
    return max(wa, wb) <= COUPLET_MAX_WIDTH and min(wa, wb) >= HALVES_SIMILARITY_MIN * max(wa, wb)


def _goes_on(a: SourceLine, b: SourceLine) -> bool:
    """`b` carries on `a`'s words: it opens with a joining word or a quote,
    or the two make one document title ("…项目" / "…结果公告")."""
    second = solid(b.text)
    joined = solid(a.text + b.text)
    tail = display_width(b.text) <= WRAP_TAIL * display_width(a.text)  # "…生活圈”" / "名单公布"
    return tail or second.startswith(zh.TITLE_CONTINUATIONS) or joined.endswith(zh.RESOLUTION_TITLES)


def _single(line: SourceLine) -> bool:
    """Not split into halves by a space."""
    return " " not in clean_heading(line.text)


def _halves(a: SourceLine, b: SourceLine) -> bool:
    """Two lines of about one length, neither split in halves itself."""
    wa, wb = display_width(a.text), display_width(b.text)
    return min(wa, wb) >= HALVES_SIMILARITY * max(wa, wb) and _single(a) and _single(b)


def _same_title(a: SourceLine, b: SourceLine) -> bool:
    """`b` goes on with `a`'s title unless it is much longer or complete in
    itself (two halves with a space between them)."""
    wa, wb = display_width(a.text), display_width(b.text)
    complete = " " in clean_heading(b.text) and wb >= HALVES_RATIO * wa
    return not complete and wb < NEW_TITLE_RATIO * wa


def _width(text: Text) -> float:
    return display_width(text.text)


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
