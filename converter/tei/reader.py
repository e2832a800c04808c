"""TEI -> document model: the exact inverse of `writer.tei_bytes`, safe on untrusted
files (see `secure.parse_tei`). Anything outside the encoding is refused with a
one-line TeiReadError naming the line, never guessed around."""
from __future__ import annotations

from typing import Callable, get_args, get_type_hints

from lxml import etree

from ..model import (Article, ArticleKind, Closer, Continuation, Edition, Figure, Furniture, ListBlock,
                     ListItem, Page, Paragraph, Section, Text)
from .content import parse_span, read_content, read_error, read_text
from .header import read_header, when
from .names import XML_ID, local, tei
from .secure import parse_tei

ARTICLE_KINDS = frozenset(get_args(ArticleKind))
PARTS = frozenset({"I", "M", "F"})
FURNITURE_KINDS = frozenset(get_args(get_type_hints(Furniture)["kind"]))
# (element, @type) -> Article field holding one Text
ARTICLE_TEXTS = {("head", "kicker"): "kicker", ("head", "main"): "head", ("dateline", None): "dateline",
                 ("byline", None): "byline", ("note", "source"): "source_note"}


def read_tei(data: bytes) -> Edition:
    """The edition in a TEI document written by news2tei (or edited by hand within
    the encoding). Raises TeiReadError for anything else."""
    return edition_of(parse_tei(data))


def edition_of(tree: etree._ElementTree) -> Edition:
    """`read_tei` of a document already parsed with `secure.parse_tei`."""
    root = tree.getroot()
    if root.tag != tei("TEI"):
        raise read_error(root, f"not a TEI P5 document: the root element is <{local(root.tag)}>")
    header, text = _children(root, ["teiHeader", "text"])
    meta, line_count = read_header(header)
    (body,) = _children(text, ["body"])
    pages = tuple(_page(div) for div in _elements(body, "body"))
    return Edition(meta, pages, line_count=line_count)


def _page(div: etree._Element) -> Page:
    _expect(div, "div", "page")
    furniture: list[Furniture] = []
    items: list[Article | Figure | Section] = []
    for element in _elements(div, "a page"):
        if element.tag == tei("pb"):
            continue
        if element.tag == tei("fw"):
            kind = element.get("type")
            if kind not in FURNITURE_KINDS:
                raise read_error(element, f"<fw> needs @type, one of {', '.join(sorted(FURNITURE_KINDS))}")
            furniture.append(Furniture(kind, read_text(element)))
        else:
            items.append(_page_item(element, allow_section=True))
    return Page(div.get("n"), tuple(furniture), tuple(items))


def _page_item(element: etree._Element, allow_section: bool) -> Article | Figure | Section:
    if element.tag == tei("figure"):
        return _figure(element)
    kind = element.get("type") if element.tag == tei("div") else None
    if kind == "article":
        return _article(element)
    if kind == "section" and allow_section:
        return _section(element)
    raise read_error(element, f"unexpected <{local(element.tag)}> {_type_text(element)}"
                              f"(expected {'a section, ' if allow_section else ''}an article or a figure)")


def _section(div: etree._Element) -> Section:
    head: Text | None = None
    subheads: list[Text] = []
    items: list[Article | Figure] = []
    for element in _elements(div, "a section"):
        if element.tag == tei("head") and element.get("type") == "sub":
            subheads.append(read_text(element))
        elif element.tag == tei("head") and element.get("type") is None and head is None:
            head = read_text(element)
        else:
            items.append(_page_item(element, allow_section=False))  # type: ignore[arg-type]
    return Section(_id(div), head, tuple(subheads), tuple(items))


def _article(div: etree._Element) -> Article:
    fields: dict[str, object] = {}
    subheads: list[Text] = []
    body: list[Paragraph | ListBlock | Figure] = []
    for element in _elements(div, "an article"):
        key = (local(element.tag), element.get("type"))
        if key in ARTICLE_TEXTS:
            _set_once(fields, ARTICLE_TEXTS[key], read_text(element), element)
        elif key == ("head", "sub"):
            subheads.append(read_text(element))
        elif key == ("note", "continuation"):
            continuation = _continuation(element)
            field = "continued_from" if continuation.direction == "from" else "continued_to"
            _set_once(fields, field, continuation, element)
        elif key[0] in BLOCK_READERS and (key[1] is None or key[0] == "figure"):
            body.append(BLOCK_READERS[key[0]](element))
        elif key == ("closer", None):
            _set_once(fields, "closer", _closer(element), element)
        else:
            raise read_error(element, f"unexpected <{key[0]}> {_type_text(element)}in an article")
    return Article(_id(div), _choice(div, "subtype", ARTICLE_KINDS), subheads=tuple(subheads), body=tuple(body),
                   part=_choice(div, "part", PARTS, optional=True), prev=_pointer(div, "prev"),
                   next=_pointer(div, "next"), **fields)  # type: ignore[arg-type]


def _list(element: etree._Element) -> ListBlock:
    children = list(_elements(element, "a list"))
    labels, items = children[0::2], children[1::2]
    if not children or len(labels) != len(items) or any(
            label.tag != tei("label") or item.tag != tei("item") for label, item in zip(labels, items)):
        raise read_error(element, "a <list> must hold <label>, <item> pairs")
    return ListBlock(tuple(ListItem(read_content(label)[0], read_text(item)) for label, item in zip(labels, items)))


def _figure(element: etree._Element) -> Figure:
    fields: dict[str, object] = {}
    for child in _elements(element, "a figure"):
        name = {tei("head"): "caption", tei("byline"): "credit"}.get(child.tag)
        if name is None:
            raise read_error(child, f"unexpected <{local(child.tag)}> in a figure (expected <head>, <byline>)")
        _set_once(fields, name, read_text(child), child)
    return Figure(_id(element), fields.get("caption"), fields.get("credit"),  # type: ignore[arg-type]
                  element.get("type", "photo"))


BLOCK_READERS: dict[str, Callable[[etree._Element], Paragraph | ListBlock | Figure]] = {
    "p": lambda element: Paragraph(read_text(element)), "list": _list, "figure": _figure}


def _continuation(note: etree._Element) -> Continuation:
    direction = _choice(note, "subtype", frozenset({"from", "to"}))
    refs = [child for child in note if child.tag == tei("ref")]
    target = None
    holder = note
    if refs:
        if len(note) != 1 or (note.text or "").strip() or (refs[0].tail or "").strip():
            raise read_error(note, "a continuation note holds either its marker text or one <ref> around it")
        holder, target = refs[0], _pointer(refs[0], "target")
    text, breaks = read_content(holder)
    return Continuation(direction, Text(text, parse_span(holder), breaks),
                        note.get("n"), note.get("rend"), target)


def _closer(element: etree._Element) -> Closer:
    signed: list[Text] = []
    date: Text | None = None
    date_when: str | None = None
    for child in _elements(element, "a closer"):
        if child.tag == tei("signed"):
            signed.append(read_text(child))
        elif child.tag == tei("dateline") and len(child) == 1 and child[0].tag == tei("date"):
            date_element = child[0]
            if date_element.get("source") is not None or read_content(date_element)[0]:
                date = read_text(date_element)
            date_when = when(date_element)
        else:
            raise read_error(child, "a <closer> holds <signed> lines and one <dateline><date/></dateline>")
    return Closer(tuple(signed), date, date_when)


def _elements(container: etree._Element, where: str):
    """The element children of an element-only container (whitespace allowed between)."""
    if (container.text or "").strip():
        raise read_error(container, f"unexpected text {container.text.strip()[:20]!r} in {where}")
    for child in container:
        if isinstance(child.tag, str):
            yield child
        if (child.tail or "").strip():
            raise read_error(child, f"unexpected text {child.tail.strip()[:20]!r} in {where}")


def _children(parent: etree._Element, names: list[str]) -> list[etree._Element]:
    found = list(_elements(parent, f"<{local(parent.tag)}>"))
    if [local(e.tag) for e in found] != names:
        raise read_error(parent, f"<{local(parent.tag)}> must hold {', '.join(f'<{n}>' for n in names)}")
    return found


def _expect(element: etree._Element, name: str, kind: str) -> None:
    if element.tag != tei(name) or element.get("type") != kind:
        raise read_error(element, f'expected <{name} type="{kind}">, found <{local(element.tag)}> '
                                  f"{_type_text(element)}".rstrip())


def _id(element: etree._Element) -> str:
    value = element.get(XML_ID)
    if not value:
        raise read_error(element, f"<{local(element.tag)} type=\"{element.get('type')}\"> needs an xml:id")
    return value


def _choice(element: etree._Element, attribute: str, allowed: frozenset[str], optional: bool = False):
    value = element.get(attribute)
    if value is None and optional:
        return None
    if value not in allowed:
        raise read_error(element, f"@{attribute} must be one of {', '.join(sorted(allowed))}, not {value!r}")
    return value


def _pointer(element: etree._Element, attribute: str) -> str | None:
    value = element.get(attribute)
    if value is None:
        return None
    if not value.startswith("#") or len(value) == 1:
        raise read_error(element, f'@{attribute}="{value}" must point inside the file ("#id")')
    return value[1:]


def _set_once(fields: dict[str, object], name: str, value: object, element: etree._Element) -> None:
    if name in fields:
        raise read_error(element, f"a second {name.replace('_', ' ')} in one unit")
    fields[name] = value


def _type_text(element: etree._Element) -> str:
    kind = element.get("type")
    return f'type="{kind}" ' if kind else ""
