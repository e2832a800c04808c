"""Continuation (jump) markers: "（上接A01版①）", "（下转A03版）", "（转第二版）",
"（紧接第一版）", "（下轉第3版）", "（續A1版）", "（接上版）".

`direction` is what the wording says: "from", "to", or "either" for a word
read both ways ("续", "接"); where the marker stands is the caller's to weigh."""
from __future__ import annotations

import re

from ..lexicon.equivalents import in_reading_form
from ..lexicon import furniture, numerals, zh
from . import Match, search_tail, solid, solid_len
from ..patterncache import compiled
from ..source import per_line

_FROM = zh.alternation(zh.CONTINUED_FROM)
_TO = zh.alternation(zh.CONTINUED_TO)
_EITHER = zh.alternation(zh.CONTINUED_EITHER)
_RELATIVE = rf"(?P<previous>{zh.alternation(zh.PREVIOUS_PAGE)})|(?P<next>{zh.alternation(zh.NEXT_PAGE)})"
# A one-character direction word ("续", "转") must be followed by a page that is
# clearly one ("第二版", "A03", "3版"): "（续一）" numbers a series.
_PAGE = rf"(?:{furniture.LETTERED_PAGE}|第?\s*{numerals.NUMERAL}|{numerals.DIGITS}{{1,3}})"
_BODY = (rf"[（(]\s*(?:(?P<from>{_FROM})|(?P<to>{_TO})|(?P<either>{_EITHER}))\s*(?:本报|本報)?\s*"
         rf"(?:(?P<page>{_PAGE})\s*(?P<edition>版|面)?|{_RELATIVE})\s*(?P<sign>{zh.SEQUENCE_SIGN})?\s*[）)]")
_AT_START = compiled(rf"\s*{_BODY}")
_AT_END = compiled(rf"{_BODY}\s*$")
_UNFINISHED = compiled(rf"[（(]\s*(?P<to>{zh.alternation(zh.UNFINISHED)})\s*[）)]\s*$")
_ARROWS = "▶►→"
# A pointer to the page a story is printed on, as a 导读 box gives it: "…提速 ▶A3".
_POINTER = compiled(rf"(?<![A-Za-z0-9])(?P<to>[{_ARROWS}])\s*(?P<page>[A-Za-zＡ-Ｚ]{{0,2}}\s*{numerals.DIGITS}{{1,3}}|第\s*{numerals.NUMERAL})"
                      rf"(?P<edition>版)?(?P<sign>)\s*$")
# The same pointer in words, no brackets: "…詳情見於A6", "详见第3版" (a page clearly one).
_DETAILS = compiled(rf"(?P<to>{zh.alternation(zh.DETAILS_ON)})\s*(?P<page>{furniture.LETTERED_PAGE}|第\s*{numerals.NUMERAL}"
                    rf"|{numerals.DIGITS}{{1,3}}(?=\s*版))\s*(?P<edition>版)?(?P<sign>)\s*$")
# The page a brief is printed on in full, after its last sentence, as a digest or a
# front page's briefs give it: "…水平。（B15）", "…落幕。 A05", "…人。（第5版）", "…包子。 第9版".
_NAMED_PAGE = rf"{furniture.LETTERED_PAGE}|第\s*{numerals.NUMERAL}\s*[版頁页]"
_AFTER_SENTENCE = r"[。！？!?…][”’」』]?\s*[（(]?\s*"
_PAGE_REFERENCE = compiled(rf"{_AFTER_SENTENCE}(?:{_NAMED_PAGE}|{numerals.DIGITS}{{1,2}})\s*[）)]?\s*$")
# Where no stray number can be it: lettered or worded, after the sentence (perhaps
# behind an arrow, "…成熟。→B07"), or in brackets on a line of its own ("（B8）").
_NAMED_PAGE_REFERENCE = compiled(rf"(?:{_AFTER_SENTENCE}[{_ARROWS}]?|^\s*[（(]|^\s*[{_ARROWS}])"
                                 rf"\s*(?:{_NAMED_PAGE})\s*[）)]?\s*$")
_REFERENCE_ENDS = frozenset(numerals.DIGIT_CHARS + "版頁页）)")
# What a marker (a closing bracket) and a pointer (a page number, "版") end
# with: most texts end otherwise and are spared both searches.
_MARKER_ENDS = frozenset("）)")
_POINTER_ENDS = frozenset(numerals.DIGIT_CHARS + numerals.NUMERAL_CHARS + "版")


@in_reading_form
def marker_at_start(loose: str) -> Match | None:
    return _match(_AT_START.match(loose))


@in_reading_form
def marker_at_end(loose: str) -> Match | None:
    """A jump marker closing a text, or a page pointer closing a 导读 entry."""
    end = loose.rstrip()[-1:]
    if end in _MARKER_ENDS:
        unfinished = search_tail(_UNFINISHED, loose)
        if unfinished:
            text = unfinished.group(0).strip()
            return Match(solid(text), solid_len(text), (("direction", "to"), ("page", ""), ("sign", "")))
        return _match(search_tail(_AT_END, loose))
    if end in _POINTER_ENDS:
        return _match(search_tail(_POINTER, loose) or search_tail(_DETAILS, loose))
    return None


@in_reading_form
def page_reference_at_end(loose: str) -> bool:
    """A brief's last sentence, then the page it is printed on in full: the next line
    opens another brief (its title, in the text's own size) or the column ends."""
    return loose.rstrip()[-1:] in _REFERENCE_ENDS and search_tail(_PAGE_REFERENCE, loose) is not None


@in_reading_form
def named_page_reference_at_end(loose: str) -> bool:
    """A brief's page reference that no stray number can be: a lettered page ("B15") or a
    worded one ("第5版"), not a bare number ("…开跑。3" may be a figure's or a note's);
    also behind an arrow ("…成熟。→B07") or in brackets on a line of its own ("（B8）")."""
    return loose.rstrip()[-1:] in _REFERENCE_ENDS and search_tail(_NAMED_PAGE_REFERENCE, loose) is not None


@per_line  # asked of every line the labeller labels
@in_reading_form
def marker_line(loose: str) -> bool:
    """A line that is a worded jump marker and nothing else ("（下转第05版）", "詳情見於A08"):
    certain. (An arrow alone, "→B14", names the page a brief is printed on in full, part of
    the brief's text on the corpus's digest pages: 45 such lines against 2,515 worded markers.)"""
    text = loose.strip()
    if not text or text[0] in _ARROWS:
        return False
    found = marker_at_end(text) or marker_at_start(text)
    return found is not None and found.size == solid_len(text)


def placed_direction(marker: Match, beside_text: bool, opening: bool) -> str:
    """The direction a marker is read in: what its words say; a word read both
    ways ("续", "接") with text beside it on its line, by the side it stands on
    (opening the text: from; closing it: to), alone on its line "either"."""
    worded = marker.get("direction") or "either"
    if beside_text and worded == "either":
        return "from" if opening else "to"
    return worded


def _match(m: "re.Match[str] | None") -> Match | None:
    if not m or not _clearly_a_page(m):
        return None
    fields = (("direction", _worded(m.groupdict())), ("page", _page(m.group("page"))), ("sign", m.group("sign") or ""))
    return Match(solid(m.group(0)), solid_len(m.group(0)), fields)


def _worded(groups: dict[str, str | None]) -> str:
    """The direction the words say: the direction word's, else the relative page's."""
    for direction, said in (("from", groups.get("from") or groups.get("previous")),
                            ("to", groups.get("to") or groups.get("next"))):
        if said:
            return direction
    return "either"


def _page(printed: str | None) -> str:
    """The page as printed, spaces out, letters upper-case; "" when named relatively."""
    page = re.sub(r"^p(?=\d)", "", solid(printed or ""))  # "p04": page 4, the letter is the word "page"
    page = re.sub(r"^([A-Za-zＡ-Ｚ]+)", lambda x: x.group(1).upper(), page)
    return page + "版" if page.startswith("第") else page  # "第二版" is how such a page is named


def _clearly_a_page(m: "re.Match[str]") -> bool:
    groups = m.groupdict()
    word = groups.get("from") or groups.get("either") or m.group("to")
    page = solid(m.group("page") or "")
    return len(word) > 1 or word in _ARROWS or bool(groups.get("previous") or groups.get("next") or m.group("edition")) \
        or page.startswith("第") or bool(re.match(r"[A-Za-zＡ-Ｚ]", page))


def normalise_page(label: str) -> str:
    """Comparable form of a page label: "A01" == "A1", "第二版" == "2" == "第2頁"."""
    text = label.upper().lstrip("第").rstrip("".join(furniture.PAGE_WORDS) + "面")
    text = text.translate(str.maketrans("０１２３４５６７８９ＡＢＣＤＥＦＧＨ", "0123456789ABCDEFGH"))
    m = re.fullmatch(r"([A-Z]*)0*(\d+)", text)
    if m:
        return m.group(1) + m.group(2)
    number = numerals.parse_numeral(text)
    return str(number) if number is not None else text
