"""The source note closing a brief: "…环境。（杨春玲）", "（本报记者 王五）",
"（通讯员 赵六 供稿）"; the editor's note closing an agency story:
"（編輯：林淑媛）1140314"; and where a reprinted story was first printed:
"（摘自10月30日《申江健康报》 作者：李明）"."""
from __future__ import annotations


from ..lexicon.equivalents import in_reading_form
from ..lexicon import numerals, zh
from . import LazyPattern, Match, search_bracketed_tail, solid, solid_len
from ..patterncache import compiled

_NAMES = rf"[{zh.CJK}·](?:[\s、，,]*[{zh.CJK}·]){{1,11}}"  # one or more names, however separated
_NOTE = LazyPattern(  # compiled on first need (see LazyPattern)
    rf"(?:(?<=[。！？!?”」])|^)\s*[（(]\s*(?:(?:{zh.REPORTER_PATTERN})\s*)?{_NAMES}\s*(?:供稿|报道|報導)?\s*[）)]\s*$")


# Bracketed words that close a text without naming anyone.
_NOT_A_NOTE = compiled(rf"[（(]\s*(?:{'|'.join(zh.NOT_SOURCE_NOTES)})\s*[）)]")
_EDITOR_PART = rf"(?:{'|'.join(zh.EDITOR_ROLES)})\s*[:：]\s*{_NAMES}"
_EDITOR = LazyPattern(rf"[（(]\s*{_EDITOR_PART}(?:\s*[/／;；]\s*{_EDITOR_PART})*\s*[）)]\s*{numerals.DIGITS}{{0,8}}\s*$")
# Where a reprinted story was first printed: "（摘自10月30日《申江健康报》 作者：X）".
_REPRINT = LazyPattern(rf"(?:(?<=[。！？!?”」])|^)\s*[（(]\s*(?:{zh.alternation(zh.REPRINT_WORDS)})[^（）()]{{1,48}}[）)]\s*$")


# Both notes close with a bracket, an editor's note perhaps followed by a date:
# most texts end otherwise and are spared the searches.
NOTE_ENDS = frozenset("）)")


@in_reading_form
def source_note(loose: str) -> Match | None:
    """A note naming who wrote or edited the story; `fields` has ("ends", "1")
    when it always ends a story (an editor's note), not only a brief."""
    if loose.rstrip().rstrip(numerals.DIGIT_CHARS).rstrip()[-1:] not in NOTE_ENDS:
        return None
    compact = solid(loose)  # justified lines space out the words: "（摘 自 10 月 26 日 …）"
    for pattern, ends in ((_EDITOR, "1"), (_REPRINT, "1"), (_NOTE, "")):
        m = search_bracketed_tail(pattern, compact)
        if m and not _NOT_A_NOTE.search(m.group(0)):
            text = m.group(0).strip()
            return Match(solid(text), solid_len(text), (("ends", ends),))
    return None
