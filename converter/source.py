"""Source lines: the unit every later stage points back to."""
from __future__ import annotations

from dataclasses import dataclass


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
