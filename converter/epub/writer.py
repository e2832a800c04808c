"""Edition -> EPUB 3 bytes: plan the book, render its documents, package them.

`epub_bytes` is deterministic: the same model (and the same SOURCE_DATE_EPOCH,
if set) always gives a byte-identical file."""
from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import IO

from ..buildtime import build_time
from ..errors import InputError
from ..model import Edition, Metadata
from ..output import write_atomic
from .book import Book, joined_books, plan_book
from .metadata import ContentIdentifier, metadata, modified
from .package import PACKAGE_DIR, Archive, Package, Resource, finish_package
from .render import render_front, render_pages, stylesheet_bytes, stylesheets

XHTML = "application/xhtml+xml"
SVG = "image/svg+xml"

__all__ = ["EpubStream", "epub_bytes", "epub_from_tei_file"]


def epub_bytes(edition: Edition, vertical: bool = False) -> bytes:
    buffer = io.BytesIO()
    book = EpubStream(buffer, edition.meta, vertical)
    book.add(edition, last=True)
    book.close()
    return buffer.getvalue()


class EpubStream:
    """An EPUB written to `out` a stretch of pages at a time (`add`, in order): each
    stretch's content documents are rendered and zipped at once; the title page,
    navigation and package, which list them all, come at `close`."""

    def __init__(self, out: IO[bytes], meta: Metadata, vertical: bool = False) -> None:
        self.meta, self.vertical = meta, vertical
        self.archive = Archive(out, modified(meta))
        self.identifier = ContentIdentifier(meta)
        self.books: list[Book] = []
        self.pages = 0

    def add(self, edition: Edition, last: bool) -> None:
        book = plan_book(edition, first_page=self.pages + 1, whole=last and not self.books)
        for name, data in render_pages(self.meta, book, self.vertical):
            self.archive.add(f"{PACKAGE_DIR}/{name}", data)
            self.identifier.add(data)
        self.books.append(joined_books([book]))  # its outline: the pages' content is let go
        self.pages += len(edition.pages)

    def close(self) -> None:
        book = joined_books(self.books)
        front = render_front(self.meta, book, self.vertical)
        for name, data in {**front, **{n: stylesheet_bytes(n) for n in stylesheets(self.vertical)}}.items():
            self.archive.add(f"{PACKAGE_DIR}/{name}", data)
        resources = (
            Resource("cover.xhtml", XHTML, in_spine=True),
            Resource("cover.svg", SVG, properties=("cover-image",)),
            Resource("title.xhtml", XHTML, in_spine=True),
            Resource("nav.xhtml", XHTML, in_spine=True, properties=("nav",)),
            *(Resource(d.file, XHTML, in_spine=True) for d in book.documents),
            *(Resource(name, "text/css") for name in stylesheets(self.vertical)),
        )
        finish_package(self.archive, Package(
            identifier=self.identifier.value,
            title=book.title,
            language=book.language,
            modified=self.archive.when,
            # The cover says in pictures what the title page says in words: not a mode of its own.
            metadata=tuple(metadata(self.meta, book, [r.media_type for r in resources
                                                      if "cover-image" not in r.properties])),
            resources=resources,
            toc=book.toc,
            rtl=self.vertical,
        ))


def epub_from_tei_file(source: Path, target: Path, vertical: bool = False) -> Path:
    """`news2tei epub`: a (possibly hand-edited) TEI edition file -> an EPUB file. The
    file must validate (schema and Schematron) first: InvalidTei holds its errors."""
    from ..tei.reader import edition_of
    from ..tei.secure import parse_tei
    from ..validate import InvalidTei, tree_problems

    try:
        data = Path(source).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror or exc}") from None
    tree = parse_tei(data)
    errors = tree_problems(tree, data, warnings=False)
    if errors:
        raise InvalidTei(f"{source} does not validate ({len(errors)} error(s), the first at line {errors[0].line}); "
                         "no EPUB written", errors)
    edition = edition_of(tree)
    if edition.meta.converted is None:  # a TEI not written by news2tei: dated by its file
        edition = replace(edition, meta=replace(edition.meta, converted=build_time(Path(source))))
    write_atomic(Path(target), epub_bytes(edition, vertical))
    return Path(target)


def default_target(source: Path) -> Path:
    """EDITION.tei.xml -> EDITION.epub beside it."""
    return Path(source).with_name(Path(source).name.removesuffix(".xml").removesuffix(".tei") + ".epub")
