"""The whole conversion, stage by stage: decode -> normalise -> structure -> write."""
from __future__ import annotations

from .classify import build_edition
from .decode import decode_bytes
from .model import Edition, Metadata
from .normalize import split_lines
from .source import SourceLine


def edition_from_text(text: str, meta: Metadata | None = None) -> Edition:
    return source_and_edition(text, meta)[1]


def source_and_edition(text: str, meta: Metadata | None = None) -> tuple[list[SourceLine], Edition]:
    """The numbered source lines and the edition made from them (the inspect page shows both)."""
    lines, diagnostics = split_lines(text)
    edition = build_edition(lines, meta or Metadata())
    return lines, Edition(edition.meta, edition.pages, tuple(diagnostics) + edition.diagnostics, edition.line_count)


def edition_from_bytes(data: bytes, meta: Metadata | None = None, encoding: str | None = None) -> Edition:
    return edition_from_text(decode_bytes(data, encoding), meta)
