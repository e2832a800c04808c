"""Rejoin hard-wrapped column lines and remove justification spaces.

The unit here is a `Run`: the pieces of consecutive source lines that make one
stretch of text (a paragraph, a headline, a caption). A run keeps, for every
piece, the source line it came from, so the model's `Text` gets its span and
its line breaks for free.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from .lexicon import numerals, zh
from .lexicon.equivalents import in_reading_form, reading_form
from .rules import search_tail, solid, solid_len
from .rules.closer import date_line
from .model import Span, Text
from .source import per_line

_SPACE_RUN = re.compile(r"\s+")


def is_narrow(ch: str) -> bool:
    """Latin letters, digits and other half-width characters: a space between two
    of them is a word space; next to anything wide it is justification."""
    return unicodedata.east_asian_width(ch) in ("Na", "H", "N") and not ch.isspace()


class _Narrowness(dict):
    """Character -> is_narrow, worked out the first time a character is seen."""

    def __missing__(self, ch: str) -> bool:
        self[ch] = narrow = is_narrow(ch)
        return narrow


_NARROW = _Narrowness()
_SQUEEZED = re.compile(f"(?<=[{zh.SQUEEZABLE}])[{zh.SQUEEZABLE}]")  # punctuation right after punctuation
_OPENERS = frozenset(zh.OPENERS)


@per_line
def display_width(text: str) -> float:
    """Width in CJK ems: wide characters count 1, narrow ones 1/2, spaces 0;
    punctuation right after punctuation ("”。") and opening punctuation at the
    start of a line are set half-width, as typesetters do. (Counted by C
    loops, not character by character: every line is measured. Squeezable
    punctuation is wide, so no character counts twice.)"""
    chars = solid(reading_form(text))
    halves = sum(map(_NARROW.__getitem__, chars)) + len(_SQUEEZED.findall(chars)) + (chars[:1] in _OPENERS)
    return len(chars) - 0.5 * halves


@per_line  # every line is cleaned again each time a run is made of it
def clean_prose(raw: str) -> str:
    """Remove justification spaces: whitespace survives (as one space) only
    between two narrow characters ("Hello world", "COVID 19")."""
    parts = _SPACE_RUN.split(raw.strip())
    out = parts[0]
    for part in parts[1:]:
        if out and part and is_narrow(out[-1]) and is_narrow(part[0]):
            out += " "
        out += part
    return out


# A line letter-spaced throughout: at least this many pieces, nearly all one or two
# characters ("清 风 廉 润", "新 华 社 哈 尔 滨 12 月 22 日 电 2025 —": a justified line's
# few characters stretched over the column).
LETTER_SPACED_PIECES = 3
LETTER_SPACED_SHARE = 0.75


def letter_spaced(raw: str) -> bool:
    tokens = raw.split()
    return len(tokens) >= LETTER_SPACED_PIECES and \
        sum(len(t) <= 2 for t in tokens) >= LETTER_SPACED_SHARE * len(tokens)


def loose_line(raw: str) -> str:
    """A line as recognisers read it: whitespace collapsed to single spaces (a space may
    separate two names, or a dateline from its text), none where the line is letter-spaced
    throughout (its spaces are justification: "（ 摘 自 10 月 …）"); in the reading form
    (a radical an extractor gave is read as its ideograph, lexicon/equivalents.py)."""
    raw = reading_form(raw)
    return clean_prose(raw) if letter_spaced(raw) else " ".join(raw.split())


def clean_heading(raw: str) -> str:
    """Headlines keep one space where it separates two title halves; a line
    letter-spaced throughout ("清 风 廉 润") is decoration and loses them all."""
    if letter_spaced(raw):
        return clean_prose(raw)
    halves = [clean_prose(t) for t in _split_halves(raw.strip())]
    return " ".join(h for h in halves if h)


def _split_halves(raw: str) -> list[str]:
    # Runs of three or more wide characters on both sides of a space make halves;
    # a space next to a single character or narrow text is justification.
    pieces = _SPACE_RUN.split(raw)
    halves = [pieces[0]]
    for piece in pieces[1:]:
        left = clean_prose(halves[-1])
        if len(left) >= 3 and len(clean_prose(piece)) >= 3 and not is_narrow(left[-1]) and not is_narrow(piece[0]):
            halves.append(piece)
        else:
            halves[-1] += " " + piece
    return halves


def join_pieces(left: str, right: str) -> str:
    """The separator between two wrapped lines: nothing (Chinese, and numbers
    wrapped mid-number), except a word space where Latin text wrapped at a
    word boundary: after a letter or a sentence mark, before a letter or digit."""
    if left and right and right[0].isascii() and right[0].isalnum() \
            and left[-1].isascii() and (left[-1].isalpha() or left[-1] in ".,;:!?)"):
        return " "
    return ""


def _joined(texts: Iterable[str]) -> tuple[str, tuple[int, ...]]:
    """Wrapped lines' texts rejoined (empty ones skipped), and the offsets
    where each line after the first starts."""
    parts: list[str] = []
    breaks: list[int] = []
    length, last = 0, ""
    for t in texts:
        if not t:
            continue
        sep = join_pieces(last, t)  # depends on the last character so far only
        if last:
            breaks.append(length + len(sep))
        parts += (sep, t)
        length += len(sep) + len(t)
        last = t
    return "".join(parts), tuple(breaks)


@dataclass(slots=True)  # one is made for every line of every run: cheaper to make than a NamedTuple
class Piece:
    line: int  # source line number
    raw: str  # the line (or the part of it) as read
    text: str  # cleaned prose text


def piece(line: int, raw: str) -> Piece:
    return Piece(line, raw, clean_prose(raw))


class Run:
    """The pieces of consecutive source lines that make one stretch of text.
    Runs are read again and again while units are cut and recognised: the
    text is joined once, when the run is made, the loose text when first
    asked for. (A plain class: one is made for every paragraph and every cut.)"""

    __slots__ = ("pieces", "text", "_breaks", "_loose")

    def __init__(self, pieces: tuple[Piece, ...]) -> None:
        self.pieces = pieces
        self.text, self._breaks = _joined(p.text for p in pieces)
        self._loose: str | None = None

    def __repr__(self) -> str:
        return f"Run({self.pieces!r})"

    @property
    def loose(self) -> str:
        """The text as printed, its lines as `loose_line` reads them: what recognisers read."""
        if self._loose is None:
            self._loose = _joined(loose_line(p.raw) for p in self.pieces)[0]
        return self._loose

    @property
    def lines(self) -> list[int]:
        return [p.line for p in self.pieces]

    def to_text(self, heading: bool = False) -> Text:
        text, breaks = _joined(clean_heading(p.raw) for p in self.pieces) if heading else (self.text, self._breaks)
        return Text(text, Span.from_lines(self.lines), breaks)

    def respelled(self, spelling: str) -> Text:
        """This run as a Text spelled `spelling` (the same characters with other
        spacing, as a recogniser tidies them), line breaks kept in place."""
        text = self.to_text()
        solid_at_break = [solid_len(text.text[:b]) for b in text.breaks]
        own = solid(text.text)  # recognisers spell the reading form: the run's own characters stay
        breaks, seen, spelt = [], 0, []
        for offset, ch in enumerate(spelling):
            while solid_at_break and solid_at_break[0] == seen and not ch.isspace():
                breaks.append(offset)
                solid_at_break.pop(0)
            if not ch.isspace():
                ch = own[seen] if seen < len(own) and reading_form(own[seen]) == ch else ch
                seen += 1
            spelt.append(ch)
        return Text("".join(spelt), text.span, tuple(breaks))

    def split_solid(self, count: int) -> tuple["Run", "Run"]:
        """Split after `count` non-whitespace characters (what recognisers report)."""
        text, seen = self.text, 0
        for offset, ch in enumerate(text):
            if seen == count:
                return self.split_at(offset)
            seen += not ch.isspace()
        return self, Run(())

    def split_last(self, count: int) -> tuple["Run", "Run"]:
        """Split before the last `count` non-whitespace characters (what a
        recogniser reports of something closing the text)."""
        return self.split_solid(solid_len(self.text) - count)

    def split_at(self, offset: int) -> tuple["Run", "Run"]:
        """Split at an offset of `text`."""
        head: list[Piece] = []
        pos = 0
        last = ""  # the last text in `head`: what the separator before the next piece depends on
        for i, p in enumerate(self.pieces):
            sep = len(join_pieces(last, p.text)) if head and p.text else 0
            start = pos + sep
            end = start + len(p.text)
            if offset <= start:
                return Run(tuple(head)), Run(self.pieces[i:])
            if offset < end:
                cut = offset - start
                left, right = p.text[:cut], p.text[cut:]
                raw_left, raw_right = _split_raw(p.raw, solid_len(left))
                return (Run(tuple(head) + (Piece(p.line, raw_left, left),)),
                        Run((Piece(p.line, raw_right, right),) + self.pieces[i + 1:]))
            head.append(p)
            pos = end
            last = p.text or last
        return Run(tuple(head)), Run(())

    def __bool__(self) -> bool:
        return bool(self.text)


def _split_raw(raw: str, count: int) -> tuple[str, str]:
    """The line as read, cut after `count` non-whitespace characters: the halves keep
    the extractor's spacing, which recognisers read ("本报记者 张三 今天…")."""
    seen = 0
    for offset, ch in enumerate(raw):
        if seen == count and not ch.isspace():
            return raw[:offset], raw[offset:]
        seen += not ch.isspace()
    return raw, ""


_TRAILING_NOTE = re.compile(rf"[（(][^（）()]{{1,20}}[）)]{numerals.DIGITS}{{0,8}}$")


@per_line  # asked of the same lines by the features and body
@in_reading_form
def ends_sentence(text: str) -> bool:
    """The text ends where a sentence can end: 。！？… possibly followed by
    closing quotes/brackets ("。”", "！）") or a source note ("。（杨春玲）")."""
    text = text.rstrip()
    if date_line(text):  # a notice's date closes it
        return True
    note = search_tail(_TRAILING_NOTE, text)
    if note:
        if note.start() == 0:  # a note on a line of its own closes what it follows
            return True
        text = text[:note.start()].rstrip()
    if re.search(r"[A-Za-z][.!?]$", text):  # an English sentence
        return True
    stripped = text.rstrip(zh.CLOSERS)
    return bool(stripped) and stripped[-1] in zh.TERMINALS or text.endswith(zh.STANDALONE_ENDINGS)
