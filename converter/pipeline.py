"""The whole conversion, stage by stage: decode -> normalise -> structure -> write."""
from __future__ import annotations

from dataclasses import replace

from .assemble import build_edition
from .decode import decode
from .metadata import apply_page_labels
from .model import Edition, Metadata
from .normalize import split_lines
from .script import ambiguities, detect_language
from .source import SourceLine


def edition_from_text(text: str, meta: Metadata | None = None) -> Edition:
    return source_and_edition(text, meta)[1]


def source_and_edition(text: str, meta: Metadata | None = None) -> tuple[list[SourceLine], Edition]:
    """The numbered source lines and the edition made from them (the inspect page shows both)."""
    lines, diagnostics = split_lines(text)
    meta = replace(meta or Metadata(), language=detect_language(text))
    diagnostics += [a.diagnostic() for a in ambiguities(lines, meta.script)]
    edition = apply_page_labels(build_edition(lines, meta))
    return lines, Edition(edition.meta, edition.pages, tuple(diagnostics) + edition.diagnostics, edition.line_count)


def edition_from_bytes(data: bytes, meta: Metadata | None = None, encoding: str | None = None) -> Edition:
    decoded = decode(data, encoding)
    edition = edition_from_text(decoded.text, meta)
    return replace(edition, diagnostics=(decoded.diagnostic(),) + edition.diagnostics)
