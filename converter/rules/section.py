"""Columns of short items: a column name ("简讯") and its bulleted items."""
from __future__ import annotations

from ..lexicon import zh
from . import first_char, solid
from .byline import standalone_byline


MAX_COLUMN_NAME = 8  # characters


def is_column_name(text: str) -> bool:
    """"简讯", "要闻简报", "本地快訊": a column of short items."""
    compact = solid(text)
    return compact in zh.COLUMN_NAMES or (len(compact) <= MAX_COLUMN_NAME and compact.endswith(zh.COLUMN_SUFFIXES))


def starts_item(text: str) -> bool:
    """A bulleted item of a column ("●为深刻汲取…"); "□本报记者 张蕊" is a byline."""
    return first_char(text) in zh.BRIEF_MARKS and standalone_byline(text) is None
