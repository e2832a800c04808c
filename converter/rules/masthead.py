"""Page furniture: masthead lines (newspaper name, publisher, date and weekday, issue
number, CN/ISSN numbers, price), running heads and folios, and the page label a folio
or running head prints."""
from __future__ import annotations

from collections.abc import Iterable

from ..lexicon.equivalents import in_reading_form
from ..lexicon import dates, furniture as words
from ..lexicon.numerals import DIGITS
from ..lexicon.zh import alternation
from . import LazyPattern, solid
from ..model import Furniture
from ..source import per_line
from ..patterncache import compiled

_PATTERNS = (
    compiled(r"^[A-Z][A-Z .&'-]{2,40}$"),  # the paper's name in Latin capitals
    compiled(rf"(?:{alternation(words.ORGAN_ENDINGS)})$"),
    compiled(r"\S\s*[|｜]\s*\S.*[|｜]"),  # running head "A3 | 经济 | … | 责编 X"
    compiled(words.CN),
    compiled(words.ISSN),
    compiled(rf"^{dates.WEEKDAY}$"),
    compiled(rf"^{words.ISSUE}(?:\s+\S{{1,10}})*$"),
    compiled(rf"^{words.PAGE_COUNT}"),
    compiled(f"(?:{words.SERIAL_PATTERN}|{words.POSTAL_PATTERN})"),
    compiled(r"^[A-Za-z]?\d{1,2}\s*(?:版)?\s*(?:责任编辑|責任編輯|责编|責編)"),
    compiled(alternation(words.IMPRINT_CUES)),
    compiled(rf"(?:{alternation(words.DESKS)})\S{{0,4}}(?:{alternation(words.HOTLINES)})\s*[:：]"),
    LazyPattern(r"(?:^|\s)(?:责任编辑|責任編輯|责编|責編|主编|主編|美编|美編|校对|校對|编辑|編輯)\s*[:：]?\s*[\u4e00-\u9fff]{2,4}"
                r"(?:\s+(?:美编|美編|校对|校對|责编|責編|主编|主編|编辑|編輯|版式|摄影|攝影)\s*[:：]?\s*[\u4e00-\u9fff]{2,4})*$"),
)
# A page printed alone, named by its paper, date and page: "《某某日报》（2025年3月31日第05版）"
_PRINTOUT_HEADER = compiled(rf"^《[^》]{{1,16}}》\s*[（(][^）)]*{words.NUMBERED_PAGE}\s*[）)]$")
_TITLE = LazyPattern(rf"^[\u4e00-\u9fff]{{1,8}}(?:{alternation(words.TITLE_ENDINGS)})$")
_DESK = r"\S{1,8}"  # the desk a folio names beside the label: "A01 要闻"
PAGE_LABEL = compiled(rf"^{words.BARE_PAGE}$|^{_DESK}\s+{words.LETTERED_PAGE}$"
                        rf"|^(?:{words.LETTERED_PAGE}|0{DIGITS}|{words.NUMBERED_PAGE})(?:\s+{_DESK})?$")
_SHEET_NUMBER = compiled(words.SHEET_NUMBER)
# A label opens or closes the line, not run into a number or code ("代号1-18", "CN 11-0000").
_FOLIO_FIRST = compiled(rf"{words.FOLIO}(?![0-9０-９A-Za-z.\-－/])")
_FOLIO_LAST = compiled(rf"(?<![0-9０-９A-Za-z.\-－/]){words.FOLIO}$")


@per_line  # asked of every line of the blocks at a page's edges
@in_reading_form
def furniture_kind(text: str) -> str | None:
    """"header" for masthead/running-head lines, "folio" for a bare page label,
    "pageNum" for a printout's sheet number."""
    compact = " ".join(text.split())
    if PAGE_LABEL.match(compact):
        return "folio"
    if _SHEET_NUMBER.fullmatch(compact):
        return "pageNum"
    if _TITLE.match(solid(compact)) or _dated(compact) or _lunar_date_alone(compact) \
            or printout_header(compact) or any(p.search(compact) for p in _PATTERNS):
        return "header"
    return None


_WEEKDAY_AFTER = compiled(rf"\s*{dates.WEEKDAY}")


@in_reading_form
def printout_header(text: str) -> bool:
    """A printout's header and nothing else: the paper, date and page that a page printed
    alone is named by ("《某某日报》（2025年3月31日第05版）"). (Its sheet number, "第1页", is
    not as sure: a brief's page reference wraps after its arrow, "…等。→" / "第14頁".)"""
    return _PRINTOUT_HEADER.match(" ".join(text.split())) is not None


def _dated(text: str) -> bool:
    """A written date with its year, then its weekday: "2025年10月20日 星期一" (a date in
    figures only when it opens the line, "2025.3.30 星期日"); or the paper's name, then the
    date with its year closing the line: "某某报2025年3月31日". The line's dates are read once."""
    written = "年" in text
    if not (written or text[:1].isdigit()):
        return False
    for d in dates.gregorian_dates(text):
        if d.year and (not d.numeric or d.start == 0) and _WEEKDAY_AFTER.match(text, d.end):
            return True
        if written and d.year and d.start and d.end == len(text) and _TITLE.match(solid(text[:d.start])):
            return True
    return False


def _lunar_date_alone(text: str) -> bool:
    lunar = dates.lunar_date(text)
    return lunar is not None and lunar.start == 0 and lunar.end == len(text)


@in_reading_form
def newspaper_title(text: str) -> str | None:
    """The paper's name, a line of its own ("滨江日报"); not the organ line under it."""
    compact = solid(text)
    return compact if _TITLE.match(compact) and not compact.endswith(words.ORGAN_ENDINGS) else None


@in_reading_form
def organ_line(text: str) -> str | None:
    """The line naming whose organ the paper is ("中共某市委机关报"), its subtitle."""
    compact = solid(text)
    return compact if _TITLE.match(compact) and compact.endswith(words.ORGAN_ENDINGS) else None


@in_reading_form
def page_label(text: str) -> str | None:
    """The page label a folio or running head prints at either end, spaces out: "A01 要闻",
    "A01要闻", "第 2 版", "2025年3月14日 星期五 经济 A4", "A4 | 经济 | 责编 X"."""
    text = text.strip()
    found = _FOLIO_FIRST.match(text) or _FOLIO_LAST.search(text)
    return solid(found[0]) if found else None


def printed_label(lines: Iterable[Furniture]) -> str | None:
    """The label a page prints: the first its folio or running heads give."""
    return next((label for line in lines if (label := page_label(line.text.text))), None)


_STAFF = compiled(alternation(words.STAFF_ROLES))
_CONTACT = compiled(alternation(words.CONTACT_CUES))


@per_line
@in_reading_form
def furniture_fields(text: str) -> frozenset[str]:
    """Which fields a furniture line prints: "staff" (the page's editors), "contact" (the
    paper's addresses and numbers), "masthead" (its name, the date, the weekday)."""
    compact = "".join(text.split())
    fields = {name for name, pattern in (("staff", _STAFF), ("contact", _CONTACT)) if pattern.search(compact)}
    if _TITLE.match(compact) or dates.gregorian_dates(compact) or dates.weekday(compact) or dates.lunar_date(compact):
        fields.add("masthead")
    return frozenset(fields)
