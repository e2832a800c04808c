"""Photo credits closing a caption: "陈啸虎 摄", "記者王小明／攝", "新华社发",
"资料图片", "（张三 供图）", "新华社记者 李四 摄"."""
from __future__ import annotations

import re

from ..lexicon import zh
from . import Match, first_match, solid_len

_SHOOT = "|".join(sorted(map(re.escape, zh.CREDIT_WORDS), key=len, reverse=True))
_PHRASE = "|".join(sorted(map(re.escape, zh.CREDIT_PHRASES), key=len, reverse=True))
_ROLE = "|".join(sorted(map(re.escape, zh.REPORTER + zh.AGENCIES + ("本报", "本報")), key=len, reverse=True))
_NAME = rf"[{zh.CJK}·](?:\s?[{zh.CJK}·]){{1,3}}"
_NAMES = rf"{_NAME}(?:\s*[、，, ]\s*{_NAME})*"
_ROLES = rf"(?:(?:{_ROLE})\s*)*"
# What may stand before a credit: start, a space, or the end of a sentence.
_BEFORE = r"(?:^|(?<=[\s。！？!?”」）)]))"

_PATTERNS = (
    re.compile(rf"[（(]\s*{_ROLES}{_NAMES}\s*[/／]?\s*(?:{_SHOOT}|供图|供圖|图|圖)\s*[）)]\s*$"),
    re.compile(rf"{_BEFORE}(?:{_PHRASE})(?:\s*[（(][^（）()]{{1,20}}[）)])?\s*$"),
    re.compile(rf"{_BEFORE}{_ROLES}{_NAMES}\s*[/／]?\s*(?:{_SHOOT})\s*$"),
    re.compile(rf"{_BEFORE}[{zh.CJK}]{{2,12}}\s*(?:供图|供圖|提供)\s*$"),
)


# Every credit ends with one of these characters: a cheap test before the patterns.
_LAST_CHARS = frozenset(w[-1] for w in zh.CREDIT_WORDS + zh.CREDIT_PHRASES + ("供图", "供圖", "提供", "图", "圖"))
_LAST_CHARS |= frozenset("）)")


def credit(loose: str) -> Match | None:
    """The credit at the end of a caption, if any."""
    end = loose.rstrip()[-1:]
    if end not in _LAST_CHARS:
        return None
    m = first_match(_PATTERNS, loose)
    if not m:
        return None
    text = m.group(0).strip()
    return Match(_tidy(text), solid_len(text))


def _tidy(text: str) -> str:
    # "陈啸 虎 摄" -> "陈啸虎 摄": name spaces go, one space before the credit word stays.
    m = re.match(rf"^(.*?)\s*([/／]?)\s*({_SHOOT})$", text)
    if m and not text.startswith(("（", "(")):
        return "".join(m.group(1).split()) + (m.group(2) or " ") + m.group(3)
    return "".join(text.split())


_POSITION = re.compile(zh.POSITION_MARK)
MAX_UNCREDITED_CAPTION = 60  # characters


def uncredited_caption(loose: str) -> bool:
    """A short text that names who stands where in a photo ("…（右）…"), or
    opens like a caption ("图为…"): a caption whose credit is given elsewhere."""
    compact = "".join(loose.split())
    return len(compact) <= MAX_UNCREDITED_CAPTION and (
        bool(_POSITION.search(compact)) or compact.startswith(zh.CAPTION_OPENERS))
