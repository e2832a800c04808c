"""Photo credits closing a caption: "陈啸虎 摄", "記者王小明／攝", "新华社发",
"资料图片", "（张三 供图）", "新华社记者 李四 摄"."""
from __future__ import annotations

from functools import lru_cache

from ..lexicon.equivalents import in_reading_form
from ..lexicon import zh
from . import LazyPattern, Match, first_match, solid, solid_len
from .byline import tidy_names
from ..patterncache import compiled

_SHOOT = zh.alternation(zh.CREDIT_WORDS)
_PHRASE = zh.alternation(zh.CREDIT_PHRASES)
_ROLE = zh.alternation(zh.REPORTER + zh.AGENCIES + ("本报", "本報"))
_NAME = rf"[{zh.CJK}](?:\s?[{zh.CJK}·]){{1,3}}"
_NAMES = rf"{_NAME}(?:\s*[、 ]\s*{_NAME})*"  # several names: spaces or 、, never ，
_ROLES = rf"(?:(?:{_ROLE})\s*)+"
_DRAWN = zh.alternation(zh.DRAWN_WORDS)
_SINGLE_NAME = rf"[{zh.CJK}]{{2,3}}"  # unspaced: "合 作" in a letter-spaced line is no artist
# What may stand before a credit: a space or the end of a sentence (or the start).
_AFTER_TEXT = r"(?<=[\s。！？!?”」）)])"
_BEFORE = rf"(?:^|{_AFTER_TEXT})"
_SHOT = rf"(?<!拍)\s*[/／]?\s*(?:{_SHOOT})"  # "…拍摄" is a verb, not a credit


def _last_chars(*words: str) -> frozenset[str]:
    return frozenset(w[-1] for w in words)


_CLOSING_BRACKETS = frozenset("）)")
_SHOT_ENDS = _last_chars(*zh.CREDIT_WORDS)
# Each pattern with the characters a text it finds can end with (all end in
# \s*$): a pattern is tried, and compiled on first need (see LazyPattern),
# only where the text ends with one of them.
_PATTERNS = (
    (LazyPattern(rf"{_BEFORE}(?:本报|本報)?(?:{_PHRASE})(?:\s*[（(][^（）()]{{1,20}}[）)])?\s*$"),
     _last_chars(*zh.CREDIT_PHRASES) | _CLOSING_BRACKETS),
    (LazyPattern(rf"[（(]\s*(?:(?:{_PHRASE})|(?:[图圖]\s*[/／]\s*)?(?:{_ROLES})?{_NAMES}"
                 rf"(?:{_SHOT}|\s*(?:供图|供圖|提供|图|圖)))\s*[）)]\s*$"),
     _CLOSING_BRACKETS),
    (LazyPattern(rf"{_BEFORE}{_ROLES}{_NAMES}{_SHOT}\s*$"), _SHOT_ENDS),
    (LazyPattern(rf"{_AFTER_TEXT}{_NAMES}{_SHOT}\s*$"), _SHOT_ENDS),
    (LazyPattern(rf"^{_NAMES}(?:\s+|\s*[/／]\s*)(?:{_SHOOT})\s*$"), _SHOT_ENDS),
    (LazyPattern(rf"{_BEFORE}[{zh.CJK}A-Za-z]{{2,12}}\s*(?:供图|供圖|提供)\s*$"), _last_chars("供图", "供圖", "提供")),
    # In brackets: the paper's stock picture or chart, an agency alone, where the picture
    # was taken from, "图：" and names, an artist: "（本報資料照片）", "（路透社）",
    # "（取自脸书）", "（图：张国强）", "（郑海峰 作）".
    (LazyPattern(rf"[（(]\s*(?:(?:本报|本報|{zh.PAPER_PATTERN})?\s*(?:{_PHRASE}|制图|製圖)|{zh.alternation(zh.AGENCIES)}"
                 rf"|(?:{zh.alternation(zh.SOURCE_WORDS)})[^（）()]{{1,12}}|[图圖]\s*[:：/／]\s*{_NAMES}"
                 rf"|{_SINGLE_NAME}\s*(?:{_DRAWN}))\s*[）)]\s*$"), _CLOSING_BRACKETS),
    # A line of its own: a name and 摄 unspaced ("钟华摄"), an artist ("王海 作"), a video still.
    (LazyPattern(rf"^(?:{_SINGLE_NAME}(?:{_SHOOT})|{_SINGLE_NAME}\s+(?:{_DRAWN})|[图圖]\s*[据據][{zh.CJK}]{{1,10}}"
                 rf"(?:截图|截圖|截屏))\s*$"), _SHOT_ENDS | _last_chars(*zh.DRAWN_WORDS, "截图", "截圖", "截屏")),
)
# Every credit ends with one of these characters: a cheap test before the patterns.
_LAST_CHARS = frozenset().union(*(ends for _, ends in _PATTERNS))


@in_reading_form
def credit(loose: str) -> Match | None:
    """The credit at the end of a caption, if any."""
    end = loose.rstrip()[-1:]
    if end not in _LAST_CHARS:
        return None
    return _credit_at_end(loose, end)


@lru_cache(maxsize=1 << 12)  # segment and classify ask again of the same lines
def _credit_at_end(loose: str, end: str) -> Match | None:
    m = first_match(tuple(pattern for pattern, ends in _PATTERNS if end in ends), loose)
    if not m:
        return None
    text = m.group(0).strip()
    return Match(_tidy(text), solid_len(text))


_CREDIT_PARTS = compiled(rf"^(.*?)\s*([/／]?)\s*({_SHOOT})$")
_ROLE_LEAD = compiled(rf"^((?:{_ROLE})+)\s*")


def _tidy(text: str) -> str:
    """One space between role, names and the credit word ("新华社记者 梁辰 摄");
    a bracketed or phrase credit loses all spaces."""
    m = _CREDIT_PARTS.match(text)
    if m and not text.startswith(("（", "(")):
        who = _ROLE_LEAD.sub(r"\1 ", m.group(1))  # "記者鄭家 豪" -> "記者 鄭家 豪"
        return tidy_names(who) + (m.group(2) or " ") + m.group(3)
    return solid(text)


_POSITION = compiled(zh.POSITION_MARK)
MAX_UNCREDITED_CAPTION = 60  # characters


@in_reading_form
def uncredited_caption(loose: str) -> bool:
    """A short text that names who stands where in a photo ("…（右）…"), or
    opens like a caption ("图为…"): a caption whose credit is given elsewhere."""
    compact = solid(loose)
    return len(compact) <= MAX_UNCREDITED_CAPTION and (
        bool(_POSITION.search(compact)) or compact.startswith(zh.CAPTION_OPENERS))
