"""Packaging: ebooklib assembles the publication (OPF, container, NCX); the
archive is written deterministically.

ebooklib 0.20 stamps zip entries with the clock, would put a random uuid4 in the
OPF and `datetime.now()` in dcterms:modified, and `write_epub` returns False
instead of raising: so the identifier and mtime are always set here, and its
writer is driven directly (errors propagate), handing over the entries it would
zip (container, OPF, NCX) instead of zipping them. Documents
go into the archive as they are rendered (a long edition is never held whole);
ebooklib gets every resource empty, to list it in the OPF and NCX. The one
thing ebooklib cannot express, xml:lang on the package element (which Ace
requires), is set on its OPF afterwards."""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from ..errors import OutputError
from .metadata import Meta

MIMETYPE = b"application/epub+zip"
OPF = "EPUB/content.opf"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Resource:
    file: str  # relative to the package directory; its content is in the Archive
    media_type: str
    in_spine: bool = False
    properties: tuple[str, ...] = ()


@dataclass(frozen=True)
class Package:
    identifier: str
    title: str
    language: str
    modified: datetime
    metadata: tuple[Meta, ...]
    resources: tuple[Resource, ...]  # spine order for the documents in the spine
    toc: tuple[tuple[str, str], ...]  # (label, href) for the EPUB 2 NCX
    rtl: bool = False


class Archive:
    """The EPUB's zip, written as the book is made: mimetype first and stored, every
    entry with fixed timestamps and permissions, so the same book gives the same bytes."""

    def __init__(self, out: BinaryIO, when: datetime) -> None:
        self.zip = zipfile.ZipFile(out, "w")
        self.when = when
        self.names: set[str] = set()
        self.add("mimetype", MIMETYPE)

    def add(self, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=self.when.timetuple()[:6])
        info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
        info.create_system = 3  # Unix, whatever the host
        info.external_attr = 0o100644 << 16
        self.zip.writestr(info, data, compresslevel=9)
        self.names.add(name)

    def close(self) -> None:
        self.zip.close()


def finish_package(archive: Archive, package: Package) -> None:
    """Add what ebooklib makes of `package` (container, OPF, NCX), then close the
    archive, which holds every resource already."""
    entries = _ebooklib_entries(package)
    entries[OPF] = _with_language(entries[OPF], package.language)
    for name, data in entries.items():
        if name not in archive.names:
            archive.add(name, data)
    archive.close()


def _ebooklib_entries(package: Package) -> dict[str, bytes]:
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier(package.identifier)
    book.set_title(package.title)
    book.set_language(package.language)
    for entry in package.metadata:
        book.add_metadata(entry.namespace, entry.name, entry.value, entry.attributes)
    if package.rtl:
        book.set_direction("rtl")
    for number, resource in enumerate(package.resources):
        item = epub.EpubItem(uid=f"item-{number}", file_name=resource.file,
                             media_type=resource.media_type, content=b"")
        item.properties = list(resource.properties)
        book.add_item(item)
        if resource.in_spine:
            book.spine.append(item)
    book.add_item(epub.EpubNcx())
    book.toc = [epub.Link(href, label, f"ncx-{n}") for n, (label, href) in enumerate(package.toc)]
    writer = epub.EpubWriter(None, book, {"mtime": package.modified, "epub2_guide": False})
    writer.process()
    # What `writer.write()` does, into a dict instead of a zip: no zip to read back.
    writer.out = entries = _Entries()
    try:
        writer._write_container()
        writer._write_opf()
        writer._write_items()
    except (OSError, ValueError) as exc:
        raise OutputError(f"cannot assemble the EPUB: {exc}") from None
    return entries


class _Entries(dict):
    """Stands for the zip ebooklib's writer writes to: keeps each entry's bytes."""

    def writestr(self, name: str, data: str | bytes, **_: object) -> None:
        self[name] = data.encode("utf-8") if isinstance(data, str) else data


def _with_language(opf: bytes, language: str) -> bytes:
    from lxml import etree

    root = etree.fromstring(opf)
    root.set(XML_LANG, language)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)
