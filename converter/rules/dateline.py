"""Datelines at the start of an article's text: "本报讯", "新华社北京2月6日电",
"【本報訊】", "本报北京3月2日讯", "（中央社記者X台北3日電）", "据新华社电", "星島日報訊",
"（吉隆坡26日讯）"."""
from __future__ import annotations

import re

from ..lexicon.equivalents import in_reading_form
from ..lexicon import dates, numerals, zh
from . import LazyPattern, Match, bracketed_start, solid, solid_len
from .byline import BRACKETED_OPENING
from ..source import per_line

_AGENCY = "|".join(map(re.escape, zh.AGENCIES))
_WIRES = "|".join(map(re.escape, zh.WIRE_WORDS))
_OWN = "|".join(map(re.escape, zh.OWN_NEWS))
_PAPER = zh.PAPER_PATTERN
_PLACE = rf"[{zh.CJK}]{{0,8}}?"
_BRACKETED = r"[^】\]〕]{0,20}[】\]〕]"

# Each form of dateline: what its first line opens with (a dateline may wrap:
# "新华社北京2" / "月6日电"), the rest of it, and a cheap test of its first
# characters (see LazyPattern) or None.
_FORMS = (
    (rf"[【\[〔]\s*(?:{_OWN}|{_AGENCY})", _BRACKETED, r"[【\[〔]"),
    (rf"[【\[〔]\s*{_PAPER}", rf"(?:專訊|专讯|訊|讯|報道|报道|電|电){_BRACKETED}", r"[【\[〔]"),
    (rf"[（(]\s*(?:{_AGENCY})", r"[^（）()]{0,24}?(?:电|電|讯|訊|报道|報導|报导)\s*[）)]", rf"[（(]\s*(?:{_AGENCY})"),
    (rf"(?:{_AGENCY})", rf"\s*(?:{_PLACE})\s*{dates.DAY_IN_DIGITS}\s*(?:电|電)", rf"(?:{_AGENCY})"),
    (rf"(?:{_AGENCY})", rf"\s*{_PLACE}\s*(?:电|電)(?=\s*[（(])", rf"(?:{_AGENCY})"),
    (rf"(?:本[报報]|{_PAPER})\s*{_PLACE}\s*(?={numerals.DIGITS})", rf"{dates.DAY_IN_DIGITS}\s*(?:讯|訊|电|電)", None),
    (rf"(?:{_OWN})", "", None),
    (rf"[据據]\s*(?:{_AGENCY})", r"\s*(?:电|電|报道|報導|报导)", r"[据據]"),
    # Another paper's own news, unbracketed: "星島日報訊".
    (rf"{_PAPER}\s*(?:專訊|专讯|訊|讯)", "", None),
    # A place and day in brackets, as Malaysian papers print them: "（吉隆坡26日讯）".
    (rf"[（(]\s*[{zh.CJK}]{{2,8}}?\s*(?={numerals.DIGITS}|[讯訊电電])",
     rf"(?:{dates.DAY_IN_DIGITS})?\s*[讯訊电電]\s*[）)]", r"[（(]"),
)
# Compiled on first need (see LazyPattern).
# A roundup of wire reports: "综合新华社、法新社报道", "綜合美聯社及路透報道", "综合外电报道". Read
# where the labeller found a dateline; not one of the forms its features ask of a line.
_ROUNDUP = (rf"(?:综合|綜合)\s*(?:{_AGENCY}|{_WIRES})",
            rf"(?:\s*(?:{_AGENCY}|{_WIRES}|[、，,及和与與]))*\s*(?:报道|報道|報導|报导|电|電)", r"(?:综合|綜合)")
# A colon may follow any of them ("本報消息：入境部門…", "【本報訊】：…"): it is the dateline's.
_COLON = r"(?:\s*[：:])?"
_PATTERNS = tuple(LazyPattern(lead + rest + _COLON, opening=opening) for lead, rest, opening in (*_FORMS, _ROUNDUP))


@in_reading_form
def dateline(loose: str) -> Match | None:
    head = loose.lstrip()
    for pattern in _PATTERNS:  # a loop: a generator dropped unfinished costs more than most of the matching
        m = pattern.match(head)
        if m:
            return Match(solid(m.group(0)), solid_len(m.group(0)))
    return None


@per_line  # asked of every line by segment and classify
@in_reading_form
def starts_with_dateline(line: str) -> bool:
    """Cheap test on one source line: does an article's dateline, or a bracketed
    byline opening its text ("〔記者王小明／台北報導〕"), begin here?"""
    return bool(_STARTS.match(solid(line)))


_STARTS = LazyPattern("|".join([*(lead for lead, _, _ in _FORMS), BRACKETED_OPENING]))


# Where a line known to open with a dateline (the labeller says so) ends it, when no
# form above matches: at the bracket closing the one it opens with, else at the
# first word of sending ("讯", "电") close to its start, with what closes it.
_ANY_SENT = LazyPattern(rf"[^。，,！？]{{1,24}}?(?:{'|'.join(zh.SENDING_WORDS)})\s*[{zh.CLOSERS}：:]?")


@in_reading_form
def labelled_dateline(loose: str) -> Match | None:
    bracketed = bracketed_start(loose)
    if bracketed:
        return bracketed
    m = _ANY_SENT.match(loose)
    return Match(solid(m.group(0)), solid_len(m.group(0))) if m else None
