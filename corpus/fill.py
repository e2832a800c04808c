"""Filling a style's templates (CONTENT-FORMAT.md's placeholders) with the values of one page.

Every value is drawn from the page's random generator, so a seed fixes the page."""
from __future__ import annotations

import datetime as dt
import random
import re
import string
from collections.abc import Callable

import opencc

CN_DIGITS = "〇一二三四五六七八九"
STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
LUNAR_MONTHS = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
WEEKDAYS = "一二三四五六日"
# Invented staff names (editors, proof-readers, photographers) for furniture lines.
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "晓明华丽静敏强磊军洋勇艳杰娟涛超秀霞平刚桂英芳燕玲欣悦宁远思源嘉怡俊宇浩然子涵梓轩一诺书瑶雨桐文博志鹏海峰建国永红立新德胜佳琪慧蓉晨曦亦凡若彤"
_S2T = opencc.OpenCC("s2t")


def cn_numeral(n: int) -> str:
    """1..99 as 一…九十九 (months, days, page numbers)."""
    tens, units = divmod(n, 10)
    if n < 10:
        return CN_DIGITS[n]
    return (CN_DIGITS[tens] if tens > 1 else "") + "十" + (CN_DIGITS[units] if units else "")


def date_cn(date: dt.date, rng: random.Random) -> str:
    if rng.random() < 0.2:
        year = "".join(CN_DIGITS[int(d)] for d in str(date.year))
        return f"{year}年{cn_numeral(date.month)}月{cn_numeral(date.day)}日"
    return f"{date.year}年{date.month}月{date.day}日"


def lunar(date: dt.date) -> str:
    """A lunar-calendar line of the kind mastheads print (year by stem and branch; month and
    day approximated from the solar date, which is all a masthead line needs here)."""
    shifted = date - dt.timedelta(days=40)
    year = shifted.year
    day = min(shifted.day, 29)
    day_text = ("初" + cn_numeral(day)) if day <= 10 else ("廿" + CN_DIGITS[day - 20] if 20 < day < 30 else cn_numeral(day))
    return f"农历{STEMS[(year - 4) % 10]}{BRANCHES[(year - 4) % 12]}年{LUNAR_MONTHS[shifted.month - 1]}月{day_text}"


def person(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
    return rng.choice(SURNAMES) + given


class Values(dict):
    """Placeholder values; a placeholder a template names but the page lacks prints empty."""

    def __missing__(self, key: str) -> str:
        return ""


def page_values(rng: random.Random, paper: str, date: dt.date, page: int, script: str) -> Values:
    phone = "".join(rng.choice(string.digits) for _ in range(8))
    values = Values(
        paper=paper, date_cn=date_cn(date, rng), roc_date=f"中華民國{date.year - 1911}年{date.month}月{date.day}日",
        lunar=lunar(date), weekday=f"星期{WEEKDAYS[date.weekday()]}",
        issue=rng.choice(("总第{}期", "第{}期", "第{}號")).format(rng.randint(3000, 29999)),
        cn=f"CN {rng.randint(11, 65)}-{rng.randint(1, 99):04d}",
        issn=f"ISSN {rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
        price=rng.choice(("1.00", "1.50", "2.00", "8", "15")),
        month=date.month, day=date.day, n=page, page=page, phone=phone, year=date.year,
        name="", names="", place="", sign="")
    if script == "hant":
        values = Values({k: _S2T.convert(v) if isinstance(v, str) else v for k, v in values.items()})
    return values


_FIELD = re.compile(r"\{(\w+)(?::[^{}]*)?\}")


def with_people(template: str, people: Callable[[], str]) -> str:
    """The template with each {name} replaced by a new person."""
    return re.sub(r"\{name\}", lambda _: people(), template)


def fill(template: str, values: Values, people: Callable[[], str] | None = None, **extra) -> str:
    """The template with its placeholders replaced (each {name} a new person from `people`
    when given); a malformed placeholder prints empty."""
    if people is not None and "name" not in extra:
        template = with_people(template, people)
    merged = Values(values, **extra)
    try:
        return template.format_map(merged)
    except (ValueError, IndexError, KeyError, TypeError):
        return _FIELD.sub(lambda m: str(merged[m[1]]), template)


def to_script(text: str, script: str) -> str:
    return _S2T.convert(text) if script == "hant" else text
