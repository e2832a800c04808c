"""Numbered list items: "1.完善…", "10.推进…", "（一）…", "⑴…", "一、…"."""
from __future__ import annotations


from ..lexicon.equivalents import in_reading_form
from ..lexicon.numerals import parse_numeral
from . import Match, first_char, solid
from ..source import per_line
from ..patterncache import compiled

_LABELS = (
    compiled(r"^\s*(?P<n>\d{1,2})\s*[.．、](?![\d０-９])"),
    compiled(r"^\s*[（(]\s*(?P<n>[一二三四五六七八九十]{1,3})\s*[）)]"),
    compiled(r"^\s*[（(]\s*(?P<n>\d{1,2})\s*[）)](?![日月年时時号號])"),  # not "昨（5）日" wrapped
    compiled(r"^\s*(?P<n>[⑴-⒇①-⑳])"),
    compiled(r"^\s*(?P<n>[一二三四五六七八九十]{1,3})\s*、"),
    compiled(r"^\s*(?P<n>[一二三四五六七八九十]{1,3})\s*是(?=[^，、。\s])"),  # "一是…二是…": first, second
)
_LABEL_OPENERS = frozenset("（(一二三四五六七八九十")  # and digits, circled numbers ①-⒇
_CIRCLED = ("⑴", "①")
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


@per_line
@in_reading_form
def list_label(line: str) -> Match | None:
    """The label opening a list item, with its ordinal ("n") and its style
    ("style": which kind of numbering) in `fields`."""
    first = first_char(line)
    if not (first.isdecimal() or first in _LABEL_OPENERS or "①" <= first <= "⒇"):
        return None  # most texts: no label opens this way, no need to read on
    narrow = line.translate(_WIDE_DIGITS)
    for style, pattern in enumerate(_LABELS):
        m = pattern.match(narrow)
        if m:
            label = solid(line.lstrip()[:len(m.group(0).lstrip())])
            return Match(label, len(label), (("n", str(_ordinal(m.group("n")))), ("style", str(style))))
    return None


def _ordinal(token: str) -> int:
    for first in _CIRCLED:
        if len(token) == 1 and 0 <= ord(token) - ord(first) < 20:
            return ord(token) - ord(first) + 1
    return parse_numeral(token) or 0
