"""Recognisers: small named units, each with its own pattern table.

Every recogniser reads a loose text (whitespace collapsed to single spaces,
lines joined) and answers with a `Match` that says how many NON-WHITESPACE
characters from the start (or from the end) it claims, so the caller can cut
the source run exactly there, whatever spacing the extractor left."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon.equivalents import in_reading_form
from ..lexicon import zh


@dataclass(frozen=True)
class Match:
    text: str  # the matched text, normalised for output
    size: int  # how many non-whitespace characters of the input it covers
    fields: tuple[tuple[str, str], ...] = ()  # named extras (page, sign, direction...)

    def get(self, name: str) -> str | None:
        return dict(self.fields).get(name)


class LazyPattern:
    """A regular expression compiled when it is first used, not at import.

    `re` compiles in pure Python, and a character class of CJK ranges costs
    about a millisecond each time it occurs in a pattern (the compiler fills
    a table of 65,536 entries one by one). Name patterns repeat that class
    many times, so compiling every recogniser at import took some 100 ms,
    paid even by runs that never read a byline or a credit.

    `opening`, when given, is a cheap pattern that matches at the start of
    every text the full pattern `match`es (a prefix of it, stated on its
    own, without a CJK class, so compiled at once): `match` answers None
    where the opening fails, so most lines never wait for the full pattern,
    nor compile it."""

    __slots__ = ("source", "_opening", "_compiled")

    def __init__(self, source: str, opening: str | None = None) -> None:
        self.source = source
        self._opening = re.compile(opening) if opening is not None else None
        self._compiled: "re.Pattern[str] | None" = None

    def compile(self) -> "re.Pattern[str]":
        from ..patterncache import compiled

        self._compiled = compiled(self.source)
        return self._compiled

    def match(self, text: str) -> "re.Match[str] | None":
        if self._opening is not None and not self._opening.match(text):
            return None
        return (self._compiled or self.compile()).match(text)

    def search(self, text: str, pos: int = 0) -> "re.Match[str] | None":
        return (self._compiled or self.compile()).search(text, pos)


def solid_len(text: str) -> int:
    """Number of non-whitespace characters."""
    return len(text) - sum(map(str.isspace, text))


def first_char(text: str) -> str:
    """text.lstrip()[:1] without copying a whole paragraph to read one character."""
    for c in text:
        if not c.isspace():
            return c
    return ""


TAIL = 120  # characters: what a pattern anchored at the end of a text may span


def search_tail(pattern: "re.Pattern[str] | LazyPattern", text: str) -> "re.Match[str] | None":
    """Search a pattern anchored at the end ($) in the text's tail only, so a
    long paragraph costs no more than a short one. The sentinel keeps `^` and
    look-behinds from matching at the cut."""
    return pattern.search(text if len(text) <= TAIL else "\x00" + text[-TAIL:])


def search_bracketed_tail(pattern: "re.Pattern[str] | LazyPattern", text: str) -> "re.Match[str] | None":
    """Search a pattern anchored at the end ($) whose matches open with a bracket
    "（" or "(", after spaces or at the start, and hold no other: from the last
    bracket, so a long paragraph costs a scan in C, and a match of any length
    (a long editor's note) is found whole, as in the whole text."""
    bracket = max(text.rfind("（"), text.rfind("("))
    return pattern.search(text, len(text[:bracket].rstrip())) if bracket >= 0 else None


def first_match(patterns: "tuple[re.Pattern[str] | LazyPattern, ...]", text: str) -> "re.Match[str] | None":
    """The first of `patterns` (each anchored at the end) found in `text`."""
    for pattern in patterns:
        m = search_tail(pattern, text)
        if m:
            return m
    return None


SENTENCE_PUNCTUATION = re.compile(f"[{re.escape(zh.SENTENCE_PUNCT)}]")  # found and counted in C


def has_sentence_punct(text: str) -> bool:
    """Punctuation that only occurs inside running sentences (one search in C, not a
    test of every character in Python: every line is asked)."""
    return SENTENCE_PUNCTUATION.search(text) is not None


def solid(text: str) -> str:
    """The text without its whitespace: what a rule compares, whatever the spacing."""
    return "".join(text.split())


_BRACKETED_START = re.compile(rf"\s*[{re.escape(zh.BRACKET_OPENERS)}]"
                              rf"[^{re.escape(zh.BRACKET_OPENERS + zh.BRACKET_CLOSERS)}]{{1,30}}"
                              rf"[{re.escape(zh.BRACKET_CLOSERS)}]")


@in_reading_form
def bracketed_start(loose: str) -> Match | None:
    """A short bracketed opening ("（吉隆坡23日讯）", "〔記者王小明／台北報導〕"): where a
    dateline or byline the labeller found ends when no recogniser knows its form."""
    m = _BRACKETED_START.match(loose)
    return Match(solid(m.group(0)), solid_len(m.group(0))) if m else None
