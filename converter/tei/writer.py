"""Document model -> TEI P5 bytes (the encoding is docs/encoding.md; the project
schema in schemas/ says it formally). Deterministic: same model, same bytes."""
from __future__ import annotations

import shutil
from typing import IO

from lxml import etree

from ..errors import ValidationError
from ..model import Article, Closer, Edition, Figure, ListBlock, Metadata, Page, Paragraph, Section
from ..output import spool
from ..script import output_language
from .content import TextWriter
from .header import set_when, write_header
from .names import TEI_NS, XML_ID, XML_LANG, tei

INDENT = "  "
BODY_OPEN, BODY_CLOSE = b"<body>", b"\n" + 2 * INDENT.encode() + b"</body>"  # body sits at depth 2
# Elements whose content is only other elements: the only ones indented, so that no
# whitespace is ever added to text content.
CONTAINERS = frozenset(tei(n) for n in (
    "TEI", "teiHeader", "fileDesc", "titleStmt", "publicationStmt", "availability", "sourceDesc", "biblStruct",
    "monogr", "imprint", "bibl", "extent", "encodingDesc", "appInfo", "application", "editorialDecl",
    "segmentation", "normalization", "listPrefixDef", "prefixDef", "profileDesc", "langUsage", "text", "body",
    "div", "list", "figure", "closer"))


def tei_bytes(edition: Edition, keep_breaks: bool = False) -> bytes:
    """The edition as a TEI document: UTF-8, XML declaration, indented.

    `keep_breaks` (diplomatic mode) adds every original line break as <lb break="no"/>."""
    if not edition.pages:
        raise ValidationError("the edition has no pages: a TEI body needs at least one")
    meta = edition.meta
    language = output_language(meta)
    root = etree.Element(tei("TEI"), {XML_LANG: language}, nsmap={None: TEI_NS})
    root.append(write_header(edition, keep_breaks))
    body = etree.SubElement(etree.SubElement(root, tei("text")), tei("body"))
    writer = _Writer(TextWriter(meta.script, keep_breaks, meta.language if meta.language != language else None,
                                edition.origin))
    for page in edition.pages:
        writer.page(body, page)
    _indent(root, 0)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


class TeiStream:
    """A TEI document made a stretch of pages at a time (`add`, in order). Each
    stretch comes as its own complete document, which the caller validates and
    reads back; its page divisions are spooled. `close` writes the header, which
    counts the whole edition, then the spooled pages. An edition of one stretch is
    that stretch's document."""

    def __init__(self, keep_breaks: bool = False) -> None:
        self.keep_breaks = keep_breaks
        self.spool = spool()
        self.meta: Metadata | None = None
        self.labels: list[str | None] = []  # one per page: the header lists them
        self.line_count = 0
        self.stretches = 0
        self.head_and_tail = (b"", b"")  # of the first stretch's document

    def add(self, edition: Edition, document: bytes) -> None:
        """`document` is `tei_bytes(edition, keep_breaks)`."""
        head, body, tail = _body_parts(document)
        if not self.stretches:
            self.head_and_tail = (head, tail)
        self.stretches += 1
        self.spool.write(body)
        self.meta = self.meta or edition.meta
        self.labels += [page.label for page in edition.pages]
        self.line_count = max(self.line_count, edition.line_count)

    def close(self, out: IO[bytes]) -> None:
        head, tail = self.head_and_tail if self.stretches == 1 else self._outline()
        out.write(head)
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, out)
        self.spool.close()
        out.write(tail)

    def _outline(self) -> tuple[bytes, bytes]:
        """Head and tail of a document listing every page (and nothing on them)."""
        outline = Edition(self.meta or Metadata(), tuple(Page(label) for label in self.labels),
                          line_count=self.line_count)
        head, _, tail = _body_parts(tei_bytes(outline, self.keep_breaks))
        return head, tail


def _body_parts(document: bytes) -> tuple[bytes, bytes, bytes]:
    """A document written by `tei_bytes` cut before and after the content of <body>."""
    start = document.index(BODY_OPEN) + len(BODY_OPEN)
    end = document.rindex(BODY_CLOSE)
    return document[:start], document[start:end], document[end:]


class _Writer:
    def __init__(self, text: TextWriter) -> None:
        self.text = text

    def page(self, body: etree._Element, page: Page) -> None:
        label = {"n": page.label} if page.label is not None else {}
        div = etree.SubElement(body, tei("div"), {"type": "page", **label})
        etree.SubElement(div, tei("pb"), label)
        for furniture in page.furniture:
            self.text.element(div, "fw", furniture.text, type=furniture.kind)
        for item in page.items:
            self.item(div, item)

    def item(self, parent: etree._Element, item: Article | Figure | Section) -> None:
        if isinstance(item, Article):
            self.article(parent, item)
        elif isinstance(item, Figure):
            self.figure(parent, item)
        else:
            self.section(parent, item)

    def section(self, parent: etree._Element, section: Section) -> None:
        div = etree.SubElement(parent, tei("div"), {"type": "section", XML_ID: section.id})
        if section.head is not None:
            self.text.element(div, "head", section.head)
        for sub in section.subheads:
            self.text.element(div, "head", sub, type="sub")
        for item in section.items:
            self.item(div, item)

    def article(self, parent: etree._Element, article: Article) -> None:
        div = etree.SubElement(parent, tei("div"), _article_attributes(article))
        for head, kind in ((article.kicker, "kicker"), (article.head, "main")):
            if head is not None:
                self.text.element(div, "head", head, type=kind)
        for sub in article.subheads:
            self.text.element(div, "head", sub, type="sub")
        self.continuation(div, article, "from")
        for name, text in (("dateline", article.dateline), ("byline", article.byline)):
            if text is not None:
                self.text.element(div, name, text)
        for block in article.body:
            self.block(div, block)
        self.closer(div, article)
        if article.source_note is not None:
            self.text.element(div, "note", article.source_note, type="source")
        self.continuation(div, article, "to")

    def block(self, parent: etree._Element, block: Paragraph | ListBlock | Figure) -> None:
        if isinstance(block, Paragraph):
            self.text.element(parent, "p", block.text)
        elif isinstance(block, ListBlock):
            if not block.items:
                raise ValidationError("a list without items cannot be written as TEI")
            list_element = etree.SubElement(parent, tei("list"))
            for item in block.items:
                self.text.write(etree.SubElement(list_element, tei("label")), item.label)
                self.text.element(list_element, "item", item.text)
        else:
            self.figure(parent, block)

    def figure(self, parent: etree._Element, figure: Figure) -> None:
        element = etree.SubElement(parent, tei("figure"), {"type": figure.kind, XML_ID: figure.id})
        if figure.caption is not None:
            self.text.element(element, "head", figure.caption)
        if figure.credit is not None:
            self.text.element(element, "byline", figure.credit)

    def continuation(self, parent: etree._Element, article: Article, direction: str) -> None:
        continuation = article.continued_from if direction == "from" else article.continued_to
        if continuation is None:
            return
        if continuation.direction != direction:
            raise ValidationError(f"article {article.id}: a {continuation.direction!r} marker where "
                                  f"a {direction!r} one belongs")
        attributes = {"type": "continuation", "subtype": direction}
        attributes.update({k: v for k, v in (("n", continuation.page), ("rend", continuation.sign)) if v is not None})
        if continuation.target is None:
            self.text.element(parent, "note", continuation.text, **attributes)
            return
        note = etree.SubElement(parent, tei("note"), attributes)
        self.text.element(note, "ref", continuation.text, target=f"#{continuation.target}")

    def closer(self, parent: etree._Element, article: Article) -> None:
        closer: Closer | None = article.closer
        if closer is None:
            return
        if not any(isinstance(b, (Paragraph, ListBlock)) for b in article.body):
            raise ValidationError(f"article {article.id}: a closer needs a paragraph or list before it in TEI")
        element = etree.SubElement(parent, tei("closer"))
        for signed in closer.signed:
            self.text.element(element, "signed", signed)
        if closer.date is None and closer.date_when is None:
            return
        dateline = etree.SubElement(element, tei("dateline"))
        date = (self.text.element(dateline, "date", closer.date) if closer.date is not None
                else etree.SubElement(dateline, tei("date")))
        if closer.date_when is not None:
            set_when(date, closer.date_when)


def _article_attributes(article: Article) -> dict[str, str]:
    attributes = {"type": "article", "subtype": article.kind, XML_ID: article.id}
    if article.part is not None:
        attributes["part"] = article.part
    for name, target in (("prev", article.prev), ("next", article.next)):
        if target is not None:
            attributes[name] = f"#{target}"
    return attributes


def _indent(element: etree._Element, level: int) -> None:
    """Indent element-only content (CONTAINERS); text content is never touched."""
    if element.tag not in CONTAINERS or not len(element):
        return
    inner = "\n" + INDENT * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + INDENT * level
