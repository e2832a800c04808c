"""Section banners: a column name ("简讯"), or a letter-spaced page banner with a
dash subtitle ("清 风 廉 润" / "——…篇")."""
from __future__ import annotations

from ..lexicon import zh
from . import first_char, solid, solid_len
from .byline import standalone_byline
from .headline import is_letter_spaced


MAX_COLUMN_NAME = 8  # characters


def is_column_name(text: str) -> bool:
    """"简讯", "要闻简报", "本地快訊": a column of short items."""
    compact = solid(text)
    return compact in zh.COLUMN_NAMES or (len(compact) <= MAX_COLUMN_NAME and compact.endswith(zh.COLUMN_SUFFIXES))


MAX_BANNER_CHARS = 16


def is_banner(text: str) -> bool:
    """A column name, or a short line spaced out for decoration."""
    short = solid_len(text) <= MAX_BANNER_CHARS
    return (is_letter_spaced(text) and short) or is_column_name(text)


def starts_item(text: str) -> bool:
    """A bulleted item of a column ("●为深刻汲取…"); "□本报记者 张蕊" is a byline."""
    return first_char(text) in zh.ITEM_BULLETS and standalone_byline(text) is None
