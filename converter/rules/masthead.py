"""Page furniture: masthead lines (newspaper name, date and weekday, issue
number, CN/ISSN numbers), running heads and folios."""
from __future__ import annotations


from ..lexicon import dates
from . import LazyPattern, solid
from ..source import per_line
from ..patterncache import compiled

_PATTERNS = (
    compiled(r"^[A-Z][A-Z .&'-]{2,40}$"),  # the paper's name in Latin capitals
    compiled(r"(?:机关报|機關報)$"),
    compiled(r"\S\s*[|｜]\s*\S.*[|｜]"),  # running head "A3 | 经济 | … | 责编 X"
    compiled(r"CN\s*\d{2}\s*[-－]\s*\d{4}"),
    compiled(r"ISSN\s*\d{4}\s*[-－]\s*\d{3}[\dXx]"),
    compiled(rf"^{dates.WEEKDAY}$"),
    compiled(r"^(?:总|總)?第\s*[\d,，]+\s*[期号號](?:\s+\S{1,10})*$"),
    compiled(r"^(?:今日|本期)\s*\d+\s*[版页頁]"),
    compiled(r"(?:国内统一连续出版物号|國內統一連續出版物號|邮发代号|郵發代號)"),
    compiled(r"^[A-Za-z]?\d{1,2}\s*(?:版)?\s*(?:责任编辑|責任編輯|责编|責編)"),
    LazyPattern(r"(?:^|\s)(?:责任编辑|責任編輯|责编|責編|主编|主編|美编|美編|校对|校對|编辑|編輯)\s*[:：]?\s*[\u4e00-\u9fff]{2,4}"
                r"(?:\s+(?:美编|美編|校对|校對|责编|責編|主编|主編|编辑|編輯|版式|摄影|攝影)\s*[:：]?\s*[\u4e00-\u9fff]{2,4})*$"),
)
_TITLE = LazyPattern(r"^[\u4e00-\u9fff]{1,8}(?:日报|日報|晚报|晚報|时报|時報|早报|早報|商报|商報|晨报|晨報|报|報)$")
PAGE_LABEL = compiled(r"^\d{1,2}$|^\S{1,8}\s+[A-Za-z]\d{1,2}$|^(?:[A-Za-z]\d{1,2}|0\d)(?:\s+\S{1,8})?$|^第\s*[\d一二三四五六七八九十]+\s*版(?:\s+\S{1,8})?$")


@per_line  # asked of every line of the blocks at a page's edges
def furniture_kind(text: str) -> str | None:
    """"header" for masthead/running-head lines, "folio" for a bare page label."""
    compact = " ".join(text.split())
    if PAGE_LABEL.match(compact):
        return "folio"
    if _TITLE.match(solid(compact)) or _dated_weekday(compact) or _lunar_date_alone(compact) or any(p.search(compact) for p in _PATTERNS):
        return "header"
    return None


_WEEKDAY_AFTER = compiled(rf"\s*{dates.WEEKDAY}")


def _dated_weekday(text: str) -> bool:
    """A written date with its year, then its weekday: "2025年10月20日 星期一"."""
    return "年" in text and any(d.year and not d.numeric and _WEEKDAY_AFTER.match(text, d.end)
                               for d in dates.gregorian_dates(text))


def _lunar_date_alone(text: str) -> bool:
    lunar = dates.lunar_date(text)
    return lunar is not None and lunar.start == 0 and lunar.end == len(text)


def newspaper_title(text: str) -> str | None:
    compact = solid(text)
    return compact if _TITLE.match(compact) else None
