"""Normalise decoded text into numbered source lines.

Line ends (CRLF, CR, LF, U+2028/9) become one kind; form feeds become page
boundaries; characters XML 1.0 cannot hold are dropped and reported, the only
characters news2tei ever drops. Nothing else is changed here: width variants
and script stay as printed (character conservation)."""
from __future__ import annotations

import re

from .model import Diagnostic, Span
from .source import SourceLine

_LINE_END = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")
# Not allowed in XML 1.0 (besides tab/LF/CR, which never survive line splitting
# as content anyway), plus the noncharacters U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def split_lines(text: str) -> tuple[list[SourceLine], list[Diagnostic]]:
    """Number the lines of `text`, splitting pages at form feeds."""
    lines: list[SourceLine] = []
    diagnostics: list[Diagnostic] = []
    page = 0
    for number, raw in enumerate(_LINE_END.split(text), start=1):
        pieces = raw.split("\f")
        for i, piece in enumerate(pieces):
            if i:
                page += 1
            clean, dropped = _drop_illegal(piece)
            if dropped:
                diagnostics.append(Diagnostic(
                    "control-char-dropped", "warning",
                    f"dropped {len(dropped)} character(s) XML cannot hold: "
                    + " ".join(f"U+{ord(c):04X}" for c in dropped),
                    Span.of(number)))
            if i == 0 or clean.strip():
                lines.append(SourceLine(number, clean.replace("\t", " "), page))
    while lines and lines[-1].blank:
        lines.pop()
    return lines, diagnostics


def _drop_illegal(text: str) -> tuple[str, str]:
    dropped = "".join(_XML_ILLEGAL.findall(text))
    return (_XML_ILLEGAL.sub("", text), dropped) if dropped else (text, "")
