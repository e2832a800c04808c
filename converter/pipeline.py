"""The whole conversion, stage by stage: decode -> normalise -> structure -> write.

A long edition is structured a stretch of whole pages at a time (normalize.stretches):
memory follows the stretch, not the edition. An edition of one stretch, which is
every edition below a million characters, is structured as a whole."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator

from .assemble import Numbering, build_edition
from .columns import Reading, one_column, reading_notes
from .decode import decode
from .metadata import apply_page_labels, drop_repeated_labels
from .model import Edition, Metadata
from .normalize import split_lines, stretches
from .script import ambiguities, detect_language
from .source import SourceLine


@dataclass(frozen=True)
class Part:
    """One stretch: its numbered source lines and the pages made from them (ids,
    line and page numbers are the whole edition's)."""

    lines: list[SourceLine]
    edition: Edition
    last: bool  # the edition's last stretch


def source_lines(text: str) -> list[SourceLine]:
    """The numbered lines the structure stage reads from a whole `text` (training and the
    gold labels read the same lines)."""
    return split_lines(one_column(text).text)[0]


def edition_parts(text: str, meta: Metadata | None = None, stretch: int | None = None,
                  reading: Reading | None = None) -> Iterator[Part]:
    """The edition of `text`, stretch by stretch. Continuations are linked, and
    headline placement voted, within a stretch. `reading` is `text` read column after
    column where its columns stood side by side, when the caller has read it already."""
    meta = replace(meta or Metadata(), language=detect_language(text))
    reading = reading or one_column(text)
    text = reading.text
    notes = reading_notes(reading)  # said once, with the first stretch
    numbering = Numbering()
    labels: set[str] = set()  # the page labels used so far
    for piece in stretches(text, stretch):
        lines, diagnostics = split_lines(piece.text, piece.first_line, piece.first_page)
        diagnostics += [a.diagnostic() for a in ambiguities(lines, meta.script)] + notes
        notes = []
        first_page = numbering.pages
        edition = drop_repeated_labels(apply_page_labels(build_edition(lines, meta, numbering), first_page, piece.last),
                                       labels)
        line_count = (edition.line_count if reading.origin is None
                      else max(reading.origin[:edition.line_count], default=0))
        yield Part(lines, Edition(edition.meta, edition.pages, tuple(diagnostics) + edition.diagnostics,
                                  line_count, reading.origin), piece.last)


def joined(parts: list[Part]) -> tuple[list[SourceLine], Edition]:
    """The parts as one edition (for what needs it whole: JSON, the inspect page)."""
    editions = [p.edition for p in parts]
    return ([line for p in parts for line in p.lines],
            Edition(editions[0].meta, tuple(page for e in editions for page in e.pages),
                    tuple(d for e in editions for d in e.diagnostics), max(e.line_count for e in editions),
                    editions[0].origin))


def source_and_edition(text: str, meta: Metadata | None = None) -> tuple[list[SourceLine], Edition]:
    """The numbered source lines and the edition made from them (the inspect page shows both)."""
    return joined(list(edition_parts(text, meta)))


def edition_from_text(text: str, meta: Metadata | None = None) -> Edition:
    return source_and_edition(text, meta)[1]


def edition_from_bytes(data: bytes, meta: Metadata | None = None, encoding: str | None = None) -> Edition:
    decoded = decode(data, encoding)
    edition = edition_from_text(decoded.text, meta)
    return replace(edition, diagnostics=(decoded.diagnostic(),) + edition.diagnostics)
