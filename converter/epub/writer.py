"""Edition -> EPUB 3 bytes: plan the book, render its documents, package them.

`epub_bytes` is deterministic: the same model (and the same SOURCE_DATE_EPOCH,
if set) always gives a byte-identical file."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Edition
from ..output import write_atomic
from .book import plan_book
from .metadata import identifier, metadata, modified
from .package import Package, Resource, epub_archive
from .render import render_documents, stylesheet_bytes, stylesheets

XHTML = "application/xhtml+xml"

__all__ = ["epub_bytes", "epub_from_tei_file"]


def epub_bytes(edition: Edition, vertical: bool = False) -> bytes:
    book = plan_book(edition)
    documents = render_documents(edition, book, vertical)
    resources = (
        Resource("title.xhtml", XHTML, documents["title.xhtml"], in_spine=True),
        Resource("nav.xhtml", XHTML, documents["nav.xhtml"], in_spine=True, properties=("nav",)),
        *(Resource(d.file, XHTML, documents[d.file], in_spine=True) for d in book.documents),
        *(Resource(name, "text/css", stylesheet_bytes(name)) for name in stylesheets(vertical)),
    )
    package = Package(
        identifier=identifier(edition),
        title=book.title,
        language=book.language,
        modified=modified(edition),
        metadata=tuple(metadata(edition, book, [r.media_type for r in resources])),
        resources=resources,
        toc=tuple((entry.label, entry.href) for entry in book.toc),
        rtl=vertical,
    )
    return epub_archive(package)


def epub_from_tei_file(source: Path, target: Path, vertical: bool = False) -> Path:
    """`news2tei epub`: a (possibly hand-edited) TEI edition file -> an EPUB file."""
    from ..tei.reader import read_tei

    try:
        data = Path(source).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror or exc}") from None
    write_atomic(Path(target), epub_bytes(read_tei(data), vertical))
    return Path(target)


def default_target(source: Path) -> Path:
    """EDITION.tei.xml -> EDITION.epub beside it."""
    return Path(source).with_name(Path(source).name.removesuffix(".xml").removesuffix(".tei") + ".epub")
