"""Headline-like lines: short, no sentence punctuation. Kickers, headlines,
subheads and column labels all look like this; their role is decided by where
they stand (see classify)."""
from __future__ import annotations


from ..lexicon.equivalents import in_reading_form
from ..lexicon import zh
from . import LazyPattern, has_sentence_punct, solid
from .continuation import marker_at_start
from ..source import per_line
from ..patterncache import compiled

_FINAL_MARKS = "？！?!"
_FULL_STOPS = compiled("[。；！？]")
_THOUSANDS = compiled(r"(?<=\d)[,，](?=\d{3})")
_SPEAKER = compiled(rf"^(?:{'|'.join(zh.REPORTER)}|问|問|答|Q|A)[:：]")
_ENGLISH_SENTENCE = compiled(r"[A-Za-z]{2}[.,;:]$")
LEAD_COLON_CHARS = 6  # "专家：…" — a short lead before a colon in a headline
MAX_HEADING_WIDTH = 40  # ems; a longer line is body text even without punctuation
_ADOPTION = compiled(rf"^[（(][^（）()]{{4,60}}(?:{'|'.join(zh.ADOPTION_WORDS)})[^（）()]{{0,6}}[）)]$")
_NUMBERED = LazyPattern(r"^[（(](?:第[\d一二三四五六七八九十〇零]+[号號期]?|[\d一二三四五六七八九十〇零]+[号號期])[）)]$"
                          r"|^[\u4e00-\u9fff]{1,8}[〔\[（(]?\d{0,4}[〕\]）)]?(?:字)?第?\d{1,12}[号號]$"
                          r"|^[（(〔]\d{4}[）)〕][\u4e00-\u9fff\d]{2,16}[号號]$")  # a case number "（2025）渝0105民初1234号"
_DASH_SUB = compiled(r"^(?:——|--|—|―)\S")
_LETTER_SPACED = compiled(r"^\S(?:\s+\S){2,}$")


@per_line
@in_reading_form
def is_heading_line(text: str) -> bool:
    text = _THOUSANDS.sub("", text)  # "1,186億元": a number's separator is no punctuation
    compact = solid(text)
    if not compact or len(compact) > MAX_HEADING_WIDTH + 20:
        return False
    if marker_at_start(compact) or _ENGLISH_SENTENCE.search(text.rstrip()):
        return False  # "（下转A03版）" alone on a line belongs to the text; so does "…Main Street."
    if is_subtitle_line(compact):
        return not _FULL_STOPS.search(compact, 0, len(compact) - 1)
    if len(compact) > MAX_HEADING_WIDTH or _SPEAKER.match(compact):
        return False  # "记者：您最想…？" is an interview's question
    words = text.split()
    halves = [_without_lead_colon(half) for half in words]
    led = halves != words
    if halves and not led and halves[-1][-1:] in _FINAL_MARKS and halves[-1][-2:-1] not in _FINAL_MARKS:
        halves[-1] = halves[-1][:-1]  # "小区充电桩何时能装上？": a headline may ask or exclaim
    return not has_sentence_punct("".join(halves))


def _without_lead_colon(text: str) -> str:
    """"浙江：…", "檔主：…" — a place or speaker before a colon opens many
    headlines (or either half of one)."""
    head, colon, rest = text.partition("：")
    return rest if colon and rest and 1 <= len(head) <= LEAD_COLON_CHARS else text


@in_reading_form
def is_adoption_line(text: str) -> bool:
    """A resolution's "（2024年2月6日…会议通过）" printed under its title."""
    return bool(_ADOPTION.match(solid(text)))


@per_line
@in_reading_form
def is_subtitle_line(text: str) -> bool:
    """A line that is a subheadline by its form alone: a dash subtitle, an
    adoption line, a notice's number "（第3号）"."""
    compact = solid(text)
    return bool(_DASH_SUB.match(compact) or _ADOPTION.match(compact) or _NUMBERED.match(compact))


@in_reading_form
def is_dash_subtitle(text: str) -> bool:
    return bool(_DASH_SUB.match(text.strip()))


@in_reading_form
def is_letter_spaced(text: str) -> bool:
    """Decorative spacing between every character: a banner, not body text."""
    return bool(_LETTER_SPACED.match(text.strip()))
