"""Closing blocks of notices and resolutions: an issuer's signature followed by
a date on a line of its own ("…主席团" / "2024年2月6日")."""
from __future__ import annotations

from ..lexicon.equivalents import in_reading_form
from ..lexicon import dates, zh
from . import LazyPattern, has_sentence_punct, solid
from ..source import per_line

@per_line  # asked of every line at each paragraph decision, and by ends_sentence
@in_reading_form
def date_line(text: str) -> str | None:
    """ISO date if `text` is nothing but a full, real date ("2024年2月6日",
    "二〇二四年二月六日", "中華民國114年3月14日")."""
    if not text.rstrip().endswith(_DAY_MARKS):  # most lines: not worth parsing
        return None
    date = dates.whole_date(text)
    return date.iso if date else None


_DAY_MARKS = ("日", "号", "號")


_SIGNER = LazyPattern(rf"^(?:{'|'.join(zh.SIGNER_TITLES)})[{zh.CJK}·]{{2,4}}$",
                      opening=rf"(?:{'|'.join(zh.SIGNER_TITLES)})")


_SIGNATURE = LazyPattern(rf"^[◎●□■—\-]*\s*[{zh.CJK}·]{{2,24}}\s+[{zh.CJK}](?:\s?[{zh.CJK}·]){{1,3}}$")


@in_reading_form
def looks_like_signer(line: str) -> bool:
    """A reader's or writer's signature closing a letter: a mark or who they
    are, a space, their name ("◎宜蘭市民　賴秋霞", "…小区居民 葛玉兰")."""
    text = " ".join(line.split())
    # The cheap tests first: a signature holds a space and no sentence punctuation.
    if " " not in text or has_sentence_punct(text) or not _SIGNATURE.match(text):
        return False
    who = text.rsplit(" ", 1)[0]
    return who[:1] in "◎●□■—-" or who.endswith(zh.SIGNER_DESCRIPTORS)


@in_reading_form
def signer_line(text: str) -> bool:
    """An official's title and name and nothing else ("負責人　涂美華", "清算人 賴文忠")."""
    return bool(_SIGNER.match(solid(text)))


@in_reading_form
def looks_like_issuer(text: str) -> bool:
    """A signature line: no sentence punctuation; an issuing body ("…主席团")
    or an official's title and name ("縣長 吳承諺")."""
    compact = solid(text)
    return (2 <= len(compact) <= 40 and not has_sentence_punct(compact)
            and (compact.endswith(zh.ISSUER_ENDINGS) or signer_line(compact)))
