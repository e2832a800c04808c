"""Closing blocks of notices and resolutions: an issuer's signature followed by
a date on a line of its own ("…主席团" / "2024年2月6日")."""
from __future__ import annotations

import re
from datetime import date

from ..lexicon import zh
from . import LazyPattern, chinese_number
from ..source import per_line

_ZH_DIGITS = "〇零一二三四五六七八九十"
ROC_EPOCH = 1911
_DATE = re.compile(
    rf"^\s*(?P<roc>中華民國|中华民国|民國|民国)?\s*(?P<y>\d{{2,4}}|[{_ZH_DIGITS}]{{3,4}})\s*年\s*(?P<m>\d{{1,2}}|[{_ZH_DIGITS}]{{1,3}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[{_ZH_DIGITS}]{{1,3}})\s*日\s*$")


# Full-width digits and the "○" typed for "〇" read as what they stand for.
_NORMAL_DIGITS = str.maketrans("０１２３４５６７８９○", "0123456789〇")


@per_line  # asked of every line at each paragraph decision, and by ends_sentence
def date_line(text: str) -> str | None:
    """ISO date if `text` is nothing but a full, real date ("2024年2月6日",
    "二〇二四年二月六日", "中華民國114年3月14日")."""
    if not text.rstrip().endswith("日"):  # most lines: not worth compacting
        return None
    m = _DATE.match("".join(text.split()).translate(_NORMAL_DIGITS))
    if not m:
        return None
    y, mo, d = (_number(m.group(k)) for k in ("y", "m", "d"))
    if y is None or mo is None or d is None:
        return None
    if m.group("roc"):
        y += ROC_EPOCH  # 中華民國114年 is 2025
    elif y < 1000:
        return None
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def _number(token: str) -> int | None:
    return int(token) if token.isascii() else chinese_number(token)


_SIGNER = LazyPattern(rf"^(?:{'|'.join(zh.SIGNER_TITLES)})[{zh.CJK}·]{{2,4}}$",
                      opening=rf"(?:{'|'.join(zh.SIGNER_TITLES)})")


_SIGNATURE = LazyPattern(rf"^[◎●□■—\-]*\s*[{zh.CJK}·]{{2,24}}\s+[{zh.CJK}](?:\s?[{zh.CJK}·]){{1,3}}$")


def looks_like_signer(line: str) -> bool:
    """A reader's or writer's signature closing a letter: a mark or who they
    are, a space, their name ("◎宜蘭市民　賴秋霞", "…小区居民 葛玉兰")."""
    text = " ".join(line.split())
    # The cheap tests first: a signature holds a space and no sentence punctuation.
    if " " not in text or any(c in zh.SENTENCE_PUNCT for c in text) or not _SIGNATURE.match(text):
        return False
    who = text.rsplit(" ", 1)[0]
    return who[:1] in "◎●□■—-" or who.endswith(zh.SIGNER_DESCRIPTORS)


def looks_like_issuer(text: str) -> bool:
    """A signature line: no sentence punctuation; an issuing body ("…主席团")
    or an official's title and name ("縣長 吳承諺")."""
    compact = "".join(text.split())
    return (2 <= len(compact) <= 40 and not any(c in zh.SENTENCE_PUNCT for c in compact)
            and (compact.endswith(zh.ISSUER_ENDINGS) or bool(_SIGNER.match(compact))))
