"""Package metadata: Dublin Core and EPUB Accessibility 1.1, derived from the
edition and from what the book actually contains, never asserted blindly."""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from ..buildtime import parse_iso, source_date_epoch
from ..model import Metadata
from ..script import convert
from .book import Book

# uuid5 namespace for identifiers derived from an edition's content.
IDENTIFIER_NAMESPACE = uuid.UUID("6d1c4c52-4f0e-5b8e-9a57-8c1e7a3a0c11")
ZIP_EPOCH = datetime(1980, 1, 1)  # the earliest time a zip entry can hold
ACCESS_MODE = {"application/xhtml+xml": "textual", "image": "visual"}
FEATURES = ("tableOfContents", "readingOrder", "structuralNavigation")
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"


@dataclass(frozen=True)
class Meta:
    element: str  # "dc:date"..., or "meta" for an OPF <meta property=…>
    value: str
    property: str | None = None


class ContentIdentifier:
    """The given identifier, else a uuid5 of the edition's content (same content,
    same id): its metadata and its content documents, taken in as they are made."""

    def __init__(self, meta: Metadata) -> None:
        self.given = meta.identifier
        # when it was converted is not what it is: the same edition, touched, keeps its id
        self.digest = hashlib.sha256(repr(replace(meta, converted=None)).encode("utf-8"))

    def add(self, document: bytes) -> None:
        self.digest.update(document)

    @property
    def value(self) -> str:
        return self.given or f"urn:uuid:{uuid.uuid5(IDENTIFIER_NAMESPACE, self.digest.hexdigest())}"


def modified(meta: Metadata) -> datetime:
    """dcterms:modified and the zip timestamps, the reproducible-builds way:
    SOURCE_DATE_EPOCH when set, else when the edition was converted (the input
    file's time, recorded in the TEI), else now. Never the issue's date."""
    moment = source_date_epoch() or (parse_iso(meta.converted) if meta.converted else None)
    return max(moment or datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0), ZIP_EPOCH)


def metadata(meta: Metadata, book: Book, media_types: list[str]) -> list[Meta]:
    script = meta.script
    source = print_edition(meta, book)
    entries = [Meta("dc:date", meta.date)] if meta.date else []
    publisher = meta.publisher or meta.title
    if publisher:  # the paper's publisher is its author too, for a shelf sorted by author
        entries += [Meta("dc:creator", convert(publisher, script)), Meta("dc:publisher", convert(publisher, script))]
    if meta.licence:
        entries.append(Meta("dc:rights", convert(meta.licence, script)))
    if source:
        entries.append(Meta("dc:source", source))
    entries += accessibility(book, media_types, source)
    return entries


def print_edition(meta: Metadata, book: Book) -> str | None:
    """The printed issue the book comes from and its page-list follows."""
    return book.title if meta.title else None


def accessibility(book: Book, media_types: list[str], source: str | None) -> list[Meta]:
    modes = sorted({mode for kind, mode in ACCESS_MODE.items() for t in media_types if t.startswith(kind)})
    features = FEATURES + (("printPageNumbers",) if book.page_list else ())
    entries = [_property("schema:accessMode", m) for m in modes]
    entries.append(_property("schema:accessModeSufficient", ",".join(modes)))
    entries += [_property("schema:accessibilityFeature", f) for f in features]
    entries.append(_property("schema:accessibilityHazard", "none"))
    entries.append(_property("schema:accessibilitySummary", summary(book)))
    if book.page_list:
        entries.append(_property("pageBreakSource", source or book.title))
    entries.append(_property("dcterms:conformsTo", CONFORMANCE))
    return entries


def summary(book: Book) -> str:
    labels = book.labels
    sentences = [labels["summary_book"].format(title=book.title, articles=book.articles)]
    if book.page_list:
        pages = book.page_list
        sentences.append(labels["summary_pages"].format(count=len(pages), first=pages[0].label, last=pages[-1].label))
    if book.joined:
        sentences.append(labels["summary_joined"])
    if book.figures:
        sentences.append(labels["summary_figures"])
    return "".join(sentences)


def _property(name: str, value: str) -> Meta:
    return Meta("meta", value, name)
