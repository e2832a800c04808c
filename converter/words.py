"""What two texts can share: the words a headline and its story, or two lines of a page,
have in common. Chinese is not split into words: its character bigrams stand for them."""
from __future__ import annotations

import re

from .lexicon.equivalents import reading_form
from .patterncache import compiled

_LATIN_WORD = compiled(r"[A-Za-z]{3,}")
_NOT_HAN = r"[^\u3400-\u9fff]+"  # compiled on first use (re's cache): a large class is slow to compile


def shared_words(text: str) -> frozenset[int | str]:
    """Character bigrams of the Chinese text, and Latin words."""
    chars = re.sub(_NOT_HAN, "", reading_form(text))  # the Han characters, in order (radicals read as such)
    return _bigrams(chars).union(w.lower() for w in _LATIN_WORD.findall(text))


def is_han(c: str) -> bool:
    """A character whose bigrams `shared_words` counts (the range of `_NOT_HAN`)."""
    return "\u3400" <= c <= "\u9fff"


def han_bigram(first: str, second: str) -> int:
    """Two Han characters as the number `shared_words` gives their bigram."""
    return _words((first + second).encode("utf-16-le"))[0]


def _bigrams(chars: str) -> frozenset[int]:
    """Each two neighbouring characters as one number, their UTF-16 codes side
    by side, read off the encoded text in C: bodies are long, and a string for
    each pair cost twice as much. A Han character is one UTF-16 unit, so the
    4-byte words from the first unit are the pairs (1, 2), (3, 4)…, those from
    the second unit the pairs (2, 3), (4, 5)…"""
    units = chars.encode("utf-16-le")
    return frozenset(_words(units)).union(_words(units[2:]))


def _words(data: bytes) -> memoryview:
    """`data` as 4-byte numbers (a last incomplete one left out)."""
    return memoryview(data[:len(data) // 4 * 4]).cast("I")
