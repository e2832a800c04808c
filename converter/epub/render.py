"""Content documents, and the package's own, from the Jinja2 templates in templates/epub/.

Every rendered document is parsed back as strict XML before it is packaged: a broken
one fails here, with its name, not later in a reader or EPUBCheck."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..errors import OutputError
from ..model import Metadata
from ..resources import cache_folder, template_dir
from .book import Book, article_label, stub_id, text_of
from .cover import cover_of
from .labels import date_text

STYLESHEETS = ("style.css",)
VERTICAL_STYLESHEETS = ("style.css", "vertical.css")
# One or two ASCII digits standing alone: longer numbers, decimals, times and codes
# ("2025", "3.5", "8:30", "A01") stay sideways, as they would not fit one em.
_SHORT_DIGITS = re.compile(r"(?<![0-9A-Za-z.,:])([0-9]{1,2})(?![0-9A-Za-z.,:])")
FRONT = ("cover.xhtml", "cover.svg", "title.xhtml", "nav.xhtml")


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir() / "epub")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_bytecode_cache(jinja2),
    )
    # Filters are bound when a template compiles, so the script comes from the context.
    env.filters["text"] = jinja2.pass_context(lambda context, value: context["show"](value))
    env.filters["kind"] = lambda value: type(value).__name__
    return env


def _bytecode_cache(jinja2):
    """Compiled templates kept between processes (see resources.cache_folder): compiling
    the templates takes about 60 ms a process, loading them 2 ms."""
    folder = cache_folder("jinja2")
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder else None


def stylesheets(vertical: bool) -> tuple[str, ...]:
    return VERTICAL_STYLESHEETS if vertical else STYLESHEETS


@lru_cache(maxsize=None)
def stylesheet_bytes(name: str) -> bytes:
    return (template_dir() / "epub" / name).read_bytes()


def render_front(meta: Metadata, book: Book, vertical: bool) -> dict[str, bytes]:
    """The cover (its page and its image), the title page and the navigation document."""
    env, context = _environment(), _context(meta, book, vertical)
    context["cover"] = cover_of(meta, book, context["text"])
    return {name: _well_formed(name, env.get_template(name).render(context)) for name in FRONT}


def render_pages(meta: Metadata, book: Book, vertical: bool) -> Iterator[tuple[str, bytes]]:
    """File name and XHTML bytes of every content document, one at a time."""
    content, context = _environment().get_template("content.xhtml"), _context(meta, book, vertical)
    for doc in book.documents:
        yield doc.file, _well_formed(doc.file, content.render(context, doc=doc))


def render_document(name: str, context: dict) -> bytes:
    """The template `name` rendered with `context`, checked well-formed."""
    return _well_formed(name, _environment().get_template(name).render(context))


def _context(meta: Metadata, book: Book, vertical: bool) -> dict:
    text = text_of(meta.script)
    return dict(
        book=book, meta=meta, labels=book.labels, stylesheets=stylesheets(vertical), text=text,
        show=(lambda value: upright(text(value))) if vertical else text,
        href=book.href, stub_id=stub_id, label=lambda article: article_label(article, text, book.labels),
        date=date_text(book.labels, meta.date) if meta.date else "",
    )


def upright(text: str):
    """`text` as markup with each short run of digits set upright in vertical lines
    (span.tcy: text-combine-upright), as Chinese print sets "12月3日"."""
    from markupsafe import Markup

    pieces = _SHORT_DIGITS.split(text)  # odd pieces are the runs
    return Markup("").join(Markup('<span class="tcy">{}</span>').format(piece) if i % 2 else piece
                           for i, piece in enumerate(pieces))


def _well_formed(name: str, text: str) -> bytes:
    from lxml import etree

    data = text.encode("utf-8")
    try:
        # huge_tree: our own document, whose one paragraph may hold more than 10 MB of text
        etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise OutputError(f"EPUB document {name} is not well-formed XML: {exc}") from None
    return data
