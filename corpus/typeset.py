"""Line breaking and justification, done here rather than by WeasyPrint.

WeasyPrint justifies only at spaces, so CJK text would never be stretched. The typesetter
here breaks lines itself (kinsoku: no closing punctuation at a line start, no opening one at
its end; digit and Latin runs unbroken; no one-character last line), then justifies each line
with letter-spacing. A line short of its measure is stretched between characters, and the
extractor emits the wide gaps as spaces, as it does on real pages."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from html import escape

from fontTools.ttLib import TTFont

NO_START = "，。、；：！？）》」』〉】”’…—·％%,.;:!?)]"
# (a hyphen too: pdftotext joins a line ending in one to the next and drops it, as it
# dehyphenates words; a narrow column would break "0516-83920117" there)
NO_END = "（《「『〈【“‘([-"
FONT_FILES = {
    "serif": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "sans": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "hei": "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
}
# A Latin/digit run is one unit: "2024", "6842.50", "EOD", "5G"; a space unit keeps its width.
_UNITS = re.compile(r"[0-9A-Za-z]+(?:[.,:/\-][0-9A-Za-z]+)*%?| +|.", re.DOTALL)
MAX_STRETCH = 1.6  # em between units; a line that would need more is set ragged


@cache
def _advances(family: str) -> tuple[dict[int, str], dict[str, tuple[int, int]], int]:
    font = TTFont(FONT_FILES[family], fontNumber=2 if family != "hei" else 0, lazy=True)
    return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


@lru_cache(maxsize=200_000)
def char_width(char: str, family: str) -> float:
    """Advance of one character in em (1.0 for ideographs and full-width forms)."""
    cmap, metrics, upm = _advances(family)
    glyph = cmap.get(ord(char))
    return metrics[glyph][0] / upm if glyph in metrics else 1.0


def unit_width(unit: str, family: str) -> float:
    return sum(char_width(c, family) for c in unit)


@dataclass
class Line:
    text: str          # the characters of the line, spaces included
    start: int         # offset of the line in its run's text
    end: int           # offset just after its last character
    units: list[str]
    natural: float     # width in em, unstretched
    justify: bool


Row = list[tuple[int, str]]  # (offset in the text, unit)


def units_of(text: str, measure: float, family: str) -> Row:
    units, offset = [], 0
    for unit in _UNITS.findall(text.replace("\n", " ")):
        if len(unit) > 1 and unit_width(unit, family) > measure:
            units += [(offset + i, c) for i, c in enumerate(unit)]  # longer than the measure: breaks anywhere
        else:
            units.append((offset, unit))
        offset += len(unit)
    return units


def break_lines(text: str, measure: float, family: str, indent: float = 0.0, justify: bool = True) -> list[Line]:
    """Greedy breaking at `measure` em (the first line `indent` em shorter), with kinsoku."""
    rows: list[Row] = [[]]
    width, room = 0.0, measure - indent
    for offset, unit in units_of(text, measure, family):
        size = unit_width(unit, family)
        if rows[-1] and width + size > room + 1e-6:
            carry = _kinsoku_carry(rows[-1], unit)
            rows.append(carry)
            width, room = sum(unit_width(u, family) for _, u in carry), measure
        if unit[0] == " " and not rows[-1]:
            continue
        rows[-1].append((offset, unit))
        width += size
    rows = [row for row in rows if row]
    _avoid_lone_last(rows)
    return _lines(rows, family, justify)


def _kinsoku_carry(row: Row, following: str) -> Row:
    """Units pushed down to the next line so it does not start with closing punctuation and
    this one does not end with opening punctuation."""
    carry: Row = []
    if following[0] in NO_START and len(row) > 2:
        carry.insert(0, row.pop())
    while len(row) > 2 and row[-1][1][-1] in NO_END:
        carry.insert(0, row.pop())
    while row and row[-1][1][0] == " ":
        row.pop()
    return carry


def _avoid_lone_last(rows: list[Row]) -> None:
    """A typesetter never leaves one character alone on a paragraph's last line."""
    if len(rows) > 1 and len([u for _, u in rows[-1] if not u.isspace()]) == 1 and len(rows[-2]) > 3:
        rows[-1].insert(0, rows[-2].pop())


def _lines(rows: list[Row], family: str, justify: bool) -> list[Line]:
    lines = []
    for i, row in enumerate(rows):
        units = [u for _, u in row]
        text = "".join(units)
        lines.append(Line(text, row[0][0], row[-1][0] + len(row[-1][1]), units, unit_width(text, family),
                          justify and i < len(rows) - 1))
    return lines


def line_html(line: Line, measure: float, family: str, spacing: float = 0.0) -> str:
    """The line's characters, justified to `measure` em by letter-spacing (Latin and digit
    runs keep their own spacing and take the gap after them as a margin)."""
    gaps = len(line.units) - 1
    stretch = (measure - line.natural) / gaps if line.justify and gaps > 0 else 0.0
    stretch = spacing + (stretch if 0 < stretch <= MAX_STRETCH else 0.0)
    if not stretch:
        return escape(line.text)
    parts = []
    for unit in line.units:
        if len(unit) > 1 and not unit.isspace():
            parts.append(f'<span style="letter-spacing:0;margin-right:{stretch:.3f}em">{escape(unit)}</span>')
        else:
            parts.append(escape(unit))
    return f'<span style="letter-spacing:{stretch:.3f}em">{"".join(parts)}</span>'
