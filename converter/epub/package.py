"""Packaging: the container, the package document (OPF) and the EPUB 2 NCX, from
the Jinja2 templates in templates/epub/ as the content documents are; the archive
is written deterministically.

Documents go into the archive as they are rendered (a long edition is never held
whole); the package, which lists them all, comes last. Nothing in it comes from
the clock or a random source: the identifier and dcterms:modified are given."""
from __future__ import annotations

import itertools
import zipfile
from dataclasses import dataclass
from datetime import datetime
from typing import IO

from .book import TocEntry
from .metadata import Meta
from .render import render_document

MIMETYPE = b"application/epub+zip"
PACKAGE_DIR = "EPUB"  # the package document and every resource it lists
OPF, NCX = "content.opf", "toc.ncx"  # in PACKAGE_DIR
# Archive name -> template, in the order they are zipped.
PACKAGE_FILES = {"META-INF/container.xml": "container.xml", f"{PACKAGE_DIR}/{OPF}": OPF, f"{PACKAGE_DIR}/{NCX}": NCX}


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
    toc: tuple[TocEntry, ...]  # the navigation document's, repeated in the EPUB 2 NCX
    rtl: bool = False


class Archive:
    """The EPUB's zip, written as the book is made: mimetype first and stored, every
    entry with fixed timestamps and permissions, so the same book gives the same bytes."""

    def __init__(self, out: IO[bytes], when: datetime) -> None:
        self.zip = zipfile.ZipFile(out, "w")
        self.when = when
        self.add("mimetype", MIMETYPE)

    def add(self, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=self.when.timetuple()[:6])
        info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
        info.create_system = 3  # Unix, whatever the host
        info.external_attr = 0o100644 << 16
        self.zip.writestr(info, data, compresslevel=9)

    def close(self) -> None:
        self.zip.close()


@dataclass(frozen=True)
class NavPoint:
    id: str
    play_order: int
    label: str
    href: str
    children: tuple["NavPoint", ...]


def finish_package(archive: Archive, package: Package) -> None:
    """Add the container, OPF and NCX of `package`, then close the archive, which
    holds every resource already."""
    context = {"package": package, "modified": package.modified.strftime("%Y-%m-%dT%H:%M:%SZ"),
               "opf": f"{PACKAGE_DIR}/{OPF}", "ncx": NCX,
               "nav_points": nav_points(package.toc), "depth": toc_depth(package.toc)}
    for name, template in PACKAGE_FILES.items():
        archive.add(name, render_document(template, context))
    archive.close()


def nav_points(toc: tuple[TocEntry, ...]) -> tuple[NavPoint, ...]:
    """The TOC as NCX navPoints, numbered in reading order. NCX wants one playOrder
    per target, counted from 1 without gaps: an href met again keeps its number."""
    ids = itertools.count(1)
    orders: dict[str, int] = {}

    def point(entry: TocEntry) -> NavPoint:
        number, order = next(ids), orders.setdefault(entry.href, len(orders) + 1)
        return NavPoint(f"nav-{number}", order, entry.label, entry.href, tuple(map(point, entry.children)))

    return tuple(map(point, toc))


def toc_depth(toc: tuple[TocEntry, ...]) -> int:
    return max((1 + toc_depth(entry.children) for entry in toc), default=0)
