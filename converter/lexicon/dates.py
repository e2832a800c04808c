"""Dates as Chinese newspapers print them, and the one grammar that reads them.

Gregorian: "2025年10月20日", "２０２５年１０月２０日", "二〇二五年十月二十日", "2025-10-20",
"2025.10.20", and "10月20日" (its year from the context, when one is given).
Republic of China era: "中華民國113年6月22日", "民國一一三年六月二十二日", and "113年6月22日"
in a text known to count ROC years: year 113 is 2024.
Lunar: "农历乙巳年八月廿九", "農曆閏六月初一", "农历八月廿九": kept as printed, stem-branch
year, month, day and leap flag; converting them needs tables no well-kept library
offers on PyPI, and nothing downstream needs the Gregorian day.
Weekdays: "星期一"…"星期日/天", "周一", "週一", "礼拜一".

Every reader returns typed records with the span they matched (`start`, `end`
offsets into the text they were given)."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .equivalents import in_reading_form
from ..rules import solid
from .numerals import DIGITS, ZH_DIGITS, parse_numeral
from ..patterncache import compiled

ROC_ERAS = ("中華民國", "中华民国", "民國", "民国")
ROC_EPOCH = 1911  # ROC year 1 is 1912
LUNAR_MARKS = ("农历", "農曆", "阴历", "陰曆")
STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
LEAP_MARKS = "闰閏"
LUNAR_MONTH_NAMES = {"正": 1, "冬": 11, "腊": 12, "臘": 12}
WEEKDAY_WORDS = ("星期", "礼拜", "禮拜", "周", "週")
WEEKDAY_NAMES = {c: i for i, c in enumerate("一二三四五六日")} | {"天": 6}  # Monday is 0

# Pattern fragments (no groups), for recognisers that embed a date.
DAY_IN_DIGITS = rf"(?:{DIGITS}{{1,2}}\s*月\s*)?{DIGITS}{{1,2}}\s*日"  # a dispatch's day: "6日", "2月6日"
WEEKDAY = rf"(?:{'|'.join(WEEKDAY_WORDS)})[{''.join(WEEKDAY_NAMES)}]"

_ZH = f"{ZH_DIGITS}○"
# Typed for 〇 in a year written in Chinese digits: a letter O, a digit zero ("二O二五年", "二０二五年").
_ZERO_LOOKALIKES = "OoＯｏ0０"
_YEAR = rf"(?:{DIGITS}{{2,4}}|[{_ZH}{_ZERO_LOOKALIKES}]{{2,4}})"
_MONTH = rf"(?:{DIGITS}{{1,2}}|[{_ZH}十]{{1,3}})"
_DAY = rf"(?:{DIGITS}{{1,2}}|[{_ZH}十廿卅]{{1,3}})"
_WRITTEN = (rf"(?:(?P<era>{'|'.join(ROC_ERAS)})\s*)?(?:(?P<year>{_YEAR})\s*年\s*)?(?P<month>{_MONTH})\s*月\s*"
            rf"(?P<day>{_DAY})\s*[日号號]")
_NUMERIC = (r"(?<![0-9])(?P<nyear>(?:19|20)[0-9]{2})(?:(?P<sep>[-./_])(?P<nmonth>[0-9]{1,2})(?P=sep)"
            r"(?P<nday>[0-9]{1,2})|(?P<cmonth>[0-9]{2})(?P<cday>[0-9]{2}))(?![0-9])")
_GREGORIAN = compiled(f"{_WRITTEN}|{_NUMERIC}")
_LUNAR_MONTH = f"[{''.join(LUNAR_MONTH_NAMES)}]|[一二三四五六七八九十]{{1,2}}"
_LUNAR_DAY = "初[一二三四五六七八九十]|[二三]?十[一二三四五六七八九]?|[廿卅][一二三四五六七八九]?"
_LUNAR = compiled(
    rf"(?:(?:{'|'.join(LUNAR_MARKS)})\s*(?:(?P<cycle>[{STEMS}][{BRANCHES}])\s*年\s*)?"
    rf"|(?P<cycle_only>[{STEMS}][{BRANCHES}])\s*年\s*)"
    rf"(?P<leap>[{LEAP_MARKS}])?\s*(?P<month>{_LUNAR_MONTH})\s*月\s*(?:(?P<day>{_LUNAR_DAY})\s*日?)?")
_WEEKDAY = compiled(WEEKDAY)


@dataclass(frozen=True, slots=True)
class Date:
    """A Gregorian date; `year` None when neither the text nor the context gives it."""

    year: int | None
    month: int
    day: int
    start: int
    end: int
    roc: bool = False  # the year was printed in the Republic of China era
    numeric: bool = False  # "2025-10-20", not "2025年10月20日"

    @property
    def iso(self) -> str | None:
        """"2025-10-20" when the date is complete and real, else None."""
        try:
            return datetime.date(self.year, self.month, self.day).isoformat() if self.year else None
        except ValueError:
            return None

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.year else f"--{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class LunarDate:
    """A lunar date as printed: stem-branch year ("乙巳"), month, day, leap month."""

    year: str | None
    month: int
    day: int | None
    leap: bool
    start: int
    end: int

    def __str__(self) -> str:
        day = f"-{self.day:02d}" if self.day else ""
        return f"{self.year or '-'}-{'闰' if self.leap else ''}{self.month:02d}{day}"


@dataclass(frozen=True, slots=True)
class Weekday:
    index: int  # Monday is 0, as datetime.date.weekday()
    start: int
    end: int

    def __str__(self) -> str:
        return str(self.index)


@in_reading_form
def gregorian_dates(text: str, year: int | None = None, roc: bool = False) -> list[Date]:
    """Every Gregorian date in `text`, in order. `year` is the context's year for a
    date printed without one; `roc`: bare years of two or three digits are ROC years.
    A written date whose year is neither a Gregorian one nor marked ROC is left out,
    and so is the month and day of a lunar date ("农历八月廿九日")."""
    lunar = [range(m.start(), m.end()) for m in _LUNAR.finditer(text)] if "月" in text else []
    found = (_gregorian(m, year, roc) for m in _GREGORIAN.finditer(text)
             if not any(m.start() in span for span in lunar))
    return [d for d in found if d]


def _gregorian(m: re.Match[str], context_year: int | None, roc: bool) -> Date | None:
    """The date `m` matched, if its month and day can be one ("20240012", a permit's
    number, has no month 0)."""
    date = _printed_date(m, context_year, roc)
    return date if date and 1 <= date.month <= 12 and 1 <= date.day <= 31 else None


def _printed_date(m: re.Match[str], context_year: int | None, roc: bool) -> Date | None:
    if m["nyear"]:
        month, day = (m["nmonth"], m["nday"]) if m["sep"] else (m["cmonth"], m["cday"])
        return Date(int(m["nyear"]), int(month), int(day), m.start(), m.end(), numeric=True)
    month, day = parse_numeral(m["month"]), parse_numeral(m["day"])
    if month is None or day is None:
        return None
    if m["year"] is None:
        return Date(context_year, month, day, m.start(), m.end(), roc=roc)
    year = _year(m["year"])
    if year is not None and year >= 1000:
        return Date(year, month, day, m.start(), m.end())
    if year is not None and (m["era"] or roc):  # two or three digits: an ROC year
        return Date(year + ROC_EPOCH, month, day, m.start(), m.end(), roc=True)
    return None


def _year(printed: str) -> int | None:
    """The year's number; a zero look-alike among Chinese digits is 〇 (a year of none but
    look-alikes is no year)."""
    if any(c in ZH_DIGITS for c in printed):
        printed = printed.translate(_AS_ZERO)
    return parse_numeral(printed)


_AS_ZERO = str.maketrans(dict.fromkeys(_ZERO_LOOKALIKES, "〇"))


@in_reading_form
def whole_date(text: str, roc: bool = False) -> Date | None:
    """The date `text` is nothing but, with its year; else None. Whitespace counts
    for nothing, even inside a number ("1 4日" of a justified line); the span is
    in the text without it."""
    compact = solid(text)
    first = _GREGORIAN.match(compact)  # (a date that is the whole text is the first one found)
    if first is None or first.end() != len(compact):
        return None  # most lines: decided by one match at the start, not a search of the line
    dates = gregorian_dates(compact, roc=roc)
    return dates[0] if len(dates) == 1 and dates[0].year and dates[0].end - dates[0].start == len(compact) else None


@in_reading_form
def lunar_date(text: str) -> LunarDate | None:
    """The first lunar date in `text`: marked 农历/農曆, or with a stem-branch year."""
    m = _LUNAR.search(text)
    if not m:
        return None
    month = LUNAR_MONTH_NAMES.get(m["month"]) or parse_numeral(m["month"])
    day = parse_numeral(m["day"].lstrip("初")) if m["day"] else None
    if not month or month > 12 or (day is not None and not 1 <= day <= 30):
        return None
    return LunarDate(m["cycle"] or m["cycle_only"], month, day, bool(m["leap"]), m.start(), m.end())


@in_reading_form
def weekday(text: str) -> Weekday | None:
    """The first weekday named in `text`."""
    m = _WEEKDAY.search(text)
    return Weekday(WEEKDAY_NAMES[m[0][-1]], m.start(), m.end()) if m else None
