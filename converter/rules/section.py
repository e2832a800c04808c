"""Columns of short items: a column name ("简讯"), its bulleted items, a reader's letter."""
from __future__ import annotations

from ..lexicon.equivalents import in_reading_form
from ..lexicon import zh
from ..patterncache import compiled
from . import first_char, solid
from .byline import standalone_byline


MAX_COLUMN_NAME = 8  # characters


@in_reading_form
def is_column_name(text: str) -> bool:
    """"简讯", "要闻简报", "本地快訊": a column of short items."""
    compact = solid(text)
    return compact in zh.COLUMN_NAMES or (len(compact) <= MAX_COLUMN_NAME and compact.endswith(zh.COLUMN_SUFFIXES))


_LETTER = compiled(rf"(?:{zh.alternation(zh.LETTER_COURTESIES)})?(?:{zh.alternation(zh.LETTER_ADDRESSEES)})"
                   r"[们們]?[：:，,]")


@in_reading_form
def opens_letter(text: str) -> bool:
    """A reader's letter begins here: "编辑同志：我今年72岁…", "編 輯 先 生 ：" (a letters
    column prints one after another, each under its own headline)."""
    return _LETTER.match(solid(text)) is not None


@in_reading_form
def starts_item(text: str) -> bool:
    """A bulleted item of a column ("●为深刻汲取…"); "□本报记者 张蕊" is a byline."""
    return first_char(text) in zh.BRIEF_MARKS and standalone_byline(text) is None
