"""The whole conversion, stage by stage: decode -> normalise -> structure -> write."""
from __future__ import annotations

from .classify import build_edition
from .decode import decode_bytes
from .model import Edition, Metadata
from .normalize import split_lines


def edition_from_text(text: str, meta: Metadata | None = None) -> Edition:
    lines, diagnostics = split_lines(text)
    edition = build_edition(lines, meta or Metadata())
    return Edition(edition.meta, edition.pages, tuple(diagnostics) + edition.diagnostics, edition.line_count)


def edition_from_bytes(data: bytes, meta: Metadata | None = None, encoding: str | None = None) -> Edition:
    return edition_from_text(decode_bytes(data, encoding), meta)
