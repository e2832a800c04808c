"""Numerals as Chinese newspapers print them, and the one parser that reads them:
ASCII and full-width digits; Chinese digits 〇一二…九 with 零 and 两; the capital
(anti-fraud) digits 壹貳參…; the units 十百千 and 万 亿 (and their capital forms);
the contracted tens 廿 卅 卌. "二〇二五" and "一一三" are read digit by digit (years),
"二十六" and "一百零五" by their units."""
from __future__ import annotations

_DIGIT_ROWS = ("0123456789", "０１２３４５６７８９", "〇一二三四五六七八九", "零壹贰叁肆伍陆柒捌玖",
               "零壹貳參肆伍陸柒捌玖")
DIGIT_VALUES: dict[str, int] = ({c: i for row in _DIGIT_ROWS for i, c in enumerate(row)}
                                | {"○": 0, "两": 2, "兩": 2})  # "○" (a circle) is typed for "〇"
UNIT_VALUES = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
MYRIAD_VALUES = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
CONTRACTED_TENS = {"廿": 20, "卄": 20, "卅": 30, "卌": 40}

# For patterns that embed a numeral, and gates that test one character.
DIGIT_CHARS = _DIGIT_ROWS[0] + _DIGIT_ROWS[1]  # ASCII and full-width
DIGITS = "[0-9０-９]"  # one of DIGIT_CHARS
ZH_DIGITS = "〇零一二三四五六七八九"
NUMERAL_CHARS = "一二三四五六七八九十百零〇两"  # what pages and list items are numbered with: "第十五版"
NUMERAL = rf"(?:{DIGITS}+|[{NUMERAL_CHARS}]+)"


def parse_numeral(text: str) -> int | None:
    """The value of a numeral in any of the forms above; None if `text` is not one."""
    if not text or any(c not in DIGIT_VALUES and c not in UNIT_VALUES and c not in MYRIAD_VALUES
                       and c not in CONTRACTED_TENS for c in text):
        return None
    if all(c in DIGIT_VALUES for c in text):
        return int("".join(str(DIGIT_VALUES[c]) for c in text))
    return _with_units(text)


def _with_units(text: str) -> int:
    """"二十六" -> 26, "十二" -> 12, "一百零五" -> 105, "三万二千" -> 32000, "廿九" -> 29."""
    total = section = 0  # section: the part below the last 万/亿
    digit: int | None = None
    for c in text:
        if c in DIGIT_VALUES:
            digit = DIGIT_VALUES[c]
        elif c in CONTRACTED_TENS:
            section += CONTRACTED_TENS[c]
            digit = None
        elif c in UNIT_VALUES:
            section += (1 if digit is None else digit) * UNIT_VALUES[c]
            digit = None
        else:
            total += (section + (digit or 0)) * MYRIAD_VALUES[c]
            section, digit = 0, None
    return total + section + (digit or 0)
