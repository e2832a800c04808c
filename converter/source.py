"""Source lines: the unit every later stage points back to."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# The labeller's features, body and headings ask the same questions of the same lines: their answers
# are kept for the lines of an edition or two. Bounded, so that a batch worker or a
# long edition does not keep every line it has seen.
LINE_CACHE = 1 << 13


_LINE_CACHES: list = []


def per_line(function):
    """Cache `function`'s answers about a line's text (see LINE_CACHE)."""
    cached = lru_cache(maxsize=LINE_CACHE)(function)
    _LINE_CACHES.append(cached)
    return cached


def clear_line_caches() -> None:
    """Forget every line seen (the benchmark measures each input size from cold)."""
    for cached in _LINE_CACHES:
        cached.cache_clear()


@dataclass(frozen=True, slots=True)
class SourceLine:
    number: int  # 1-based line number in the decoded input
    text: str  # without the line end; form feeds removed (see `page`)
    page: int = 0  # 0-based index of the form-feed-separated page

    @property
    def blank(self) -> bool:
        return not self.text or self.text.isspace()  # as `not text.strip()`, without copying the line

    @property
    def indented(self) -> bool:
        """The extractor starts a new text block with one leading space."""
        return self.text[:1] == " " and self.text[1:2] not in (" ", "\u3000") and not self.blank

    @property
    def paragraph_indent(self) -> bool:
        """An indent kept from print (ideographic or several spaces): a paragraph starts here."""
        return (self.text[:1] == "\u3000" or self.text[:2] == "  ") and not self.blank
