"""Datelines at the start of an article's text: "本报讯", "新华社北京2月6日电",
"【本報訊】", "本报北京3月2日讯", "（中央社記者X台北3日電）", "据新华社电"."""
from __future__ import annotations

import re

from ..lexicon import zh
from . import LazyPattern, Match, solid_len
from ..source import per_line

_AGENCY = "|".join(map(re.escape, zh.AGENCIES))
_OWN = "|".join(map(re.escape, zh.OWN_NEWS))
_ROLE = "|".join(sorted(map(re.escape, zh.REPORTER), key=len, reverse=True))
# Another paper's name: "明報", "光明日报", "星島日報".
_PAPER = rf"[{zh.CJK}]{{1,6}}(?:日报|日報|晚报|晚報|时报|時報|商报|商報|报|報)"
_DAY = r"(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日"
_PLACE = rf"[{zh.CJK}]{{0,8}}?"

# Compiled on first need (see LazyPattern); most are tried only on texts
# that open as they do.
_PATTERNS = (
    LazyPattern(rf"[【\[〔]\s*(?:{_OWN}|{_AGENCY}|{_PAPER}(?:專訊|专讯|訊|讯|報道|报道|電|电))[^】\]〕]{{0,20}}[】\]〕]",
                opening=r"[【\[〔]"),
    LazyPattern(rf"[（(]\s*(?:{_AGENCY})[^（）()]{{0,24}}?(?:电|電|讯|訊|报道|報導|报导)\s*[）)]",
                opening=rf"[（(]\s*(?:{_AGENCY})"),
    LazyPattern(rf"(?:{_AGENCY})\s*(?:{_PLACE})\s*{_DAY}\s*(?:电|電)", opening=rf"(?:{_AGENCY})"),
    LazyPattern(rf"(?:{_AGENCY})\s*{_PLACE}\s*(?:电|電)(?=\s*[（(])", opening=rf"(?:{_AGENCY})"),
    LazyPattern(rf"(?:本[报報]|{_PAPER})\s*{_PLACE}\s*{_DAY}\s*(?:讯|訊|电|電)"),
    LazyPattern(rf"(?:{_OWN})"),
    LazyPattern(rf"[据據]\s*(?:{_AGENCY})\s*(?:电|電|报道|報導|报导)", opening=r"[据據]"),
)


def dateline(loose: str) -> Match | None:
    head = loose.lstrip()
    for pattern in _PATTERNS:  # a loop: a generator dropped unfinished costs more than most of the matching
        m = pattern.match(head)
        if m:
            return Match(re.sub(r"\s+", "", m.group(0)), solid_len(m.group(0)))
    return None


@per_line  # asked of every line by segment and classify
def starts_with_dateline(line: str) -> bool:
    """Cheap test on one source line: does an article's dateline begin here?
    (The full dateline may wrap onto the next line: "新华社北京2" / "月6日电".)"""
    text = "".join(line.split())
    return bool(_STARTS.match(text))


_STARTS = LazyPattern(rf"(?:[【\[〔（(]\s*)?(?:{_OWN}|{_AGENCY})|[据據](?:{_AGENCY})|本[报報][{zh.CJK}]{{0,8}}\d"
                     rf"|[〔【\[](?:{_ROLE})|[【\[〔]{_PAPER}|{_PAPER}[{zh.CJK}]{{0,6}}\d{{1,2}}月")
