"""Roles inside a heading group: kicker, headline, subheadlines.

Dash lines ("——…") and adoption lines ("（…会议通过）") are subheadlines. The
other lines make titles: two consecutive lines of about the same length are
one title (a wrapped headline, or two parallel halves); otherwise each line
is a title of its own. A short first title before a longer one is a kicker;
the next title is the headline; the rest are subheadlines."""
from __future__ import annotations

from .model import Text
from .rules.headline import is_subtitle_line
from .source import SourceLine
from .unwrap import Run, clean_heading, display_width, piece

NEW_TITLE_RATIO = 1.6
HALVES_RATIO = 1.25  # a longer line in two halves is a title of its own  # a line this much longer than the one before starts a new title
KICKER_MAX_WIDTH = 8  # ems; in one block with the headline, a longer first title is the headline


def heading_roles(blocks_lines: list[list[SourceLine]]) -> tuple[Text | None, Text | None, list[Text]]:
    titles: list[list[SourceLine]] = []
    starts_block: list[bool] = []  # does the title open a block of its own?
    subs: list[Text] = []
    for lines in blocks_lines:
        previous = None
        plain = [l for l in lines if not is_subtitle_line(l.text)]
        for line in lines:
            if line not in plain:
                subs.append(_text([line]))
                previous = None
            elif previous is not None and _same_title(previous, line) and not (
                    len(plain) >= 3 and previous is plain[0]):
                titles[-1].append(line)
                previous = line
            else:
                starts_block.append(previous is None and line is plain[0])
                titles.append([line])
                previous = line
    texts = [_text(t) for t in titles]
    kicker = None
    if len(texts) >= 2 and _width(texts[0]) < _width(texts[1]) \
            and (_width(texts[0]) <= KICKER_MAX_WIDTH or starts_block[1]):
        kicker, texts = texts[0], texts[1:]
    head = texts[0] if texts else None
    return kicker, head, texts[1:] + subs


def _same_title(a: SourceLine, b: SourceLine) -> bool:
    """`b` goes on with `a`'s title unless it is much longer or complete in
    itself (two halves with a space between them)."""
    wa, wb = display_width(a.text), display_width(b.text)
    complete = " " in clean_heading(b.text) and wb >= HALVES_RATIO * wa
    return not complete and wb < NEW_TITLE_RATIO * wa


def _width(text: Text) -> float:
    return display_width(text.text)


def _text(lines: list[SourceLine]) -> Text:
    """A title over several lines: parallel halves keep a space between them."""
    run = Run(tuple(piece(l.number, l.text) for l in lines))
    text = run.to_text(heading=True)
    if len(lines) == 2 and all(4 <= display_width(l.text) <= 12 for l in lines):
        first = len(run.pieces[0].text)
        return Text(text.text[:first] + " " + text.text[first:], text.span, (first + 1,))
    return text
