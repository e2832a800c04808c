"""Edition metadata <-> teiHeader.

Only what the model knows is written: an absent value is an absent element, never a
placeholder. Prose written by news2tei (how the text was made) is English and
marked `xml:lang="en"`; metadata values carry the language of the source text."""
from __future__ import annotations

import re
from dataclasses import fields
from functools import lru_cache
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from lxml import etree

from ..errors import TeiReadError
from ..model import Edition, FieldSource, Metadata, ScriptOption
from ..script import OPENCC_CONFIG, output_language
from .content import LINE_SCHEME, parse_span, span_pointers
from .names import XML_LANG, tei

TOOL = "news2tei"
LANGUAGE_NAMES = {
    "zh-Hans": "Chinese, Simplified script", "zh-Hant": "Chinese, Traditional script",
    "zh-Hant-TW": "Chinese, Traditional script (Taiwan standard)",
    "zh-Hant-HK": "Chinese, Traditional script (Hong Kong standard)",
}
SCRIPT_OF_CONFIG = {config: script for script, config in OPENCC_CONFIG.items()}
_W3C_DATE = re.compile(r"-?\d{4,}(-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?)?)?")
_NS = {"t": "http://www.tei-c.org/ns/1.0"}
_URL = re.compile(r"https?://\S+")
DATE_TYPES = {"weekday": "weekday", "lunar_date": "lunar"}
ISSUE_FIELDS = ("title", "subtitle", "cn", "issn", "price", "publisher", "pub_place", "date", "date_printed",
                "weekday", "lunar_date", "edition")

UNWRAPPING = ("Column lines hard-wrapped by the text extractor were rejoined into headlines, "
              "paragraphs and list items; no character was added.")
DIPLOMATIC = (" Every original line break is kept as lb with break=\"no\", preceded by cb where the "
              "text goes on in another column; pb marks each page.")
SPACES = ("Justification spaces between CJK characters were removed; a single space is kept "
          "between Latin or digit tokens and between the halves of a headline.")
EXTRACTED_FORMS = ("A character the text extractor gave for the one printed (a CJK radical for an ideograph, "
                   "U+2F47 for 日; a vertical presentation form; a compatibility ideograph; another code "
                   "page's dash or middle dot) is a choice of orig (as extracted) and reg (the character "
                   "it stands for).")


def write_header(edition: Edition, keep_breaks: bool) -> etree._Element:
    meta = edition.meta
    header = etree.Element(tei("teiHeader"), {XML_LANG: "en"})
    file_desc = _sub(header, "fileDesc")
    _title_stmt(_sub(file_desc, "titleStmt"), meta)
    _publication_stmt(_sub(file_desc, "publicationStmt"), meta)
    _source_desc(_sub(file_desc, "sourceDesc"), edition)
    _encoding_desc(_sub(header, "encodingDesc"), meta, keep_breaks)
    lang_usage = _sub(_sub(header, "profileDesc"), "langUsage")
    for tag in dict.fromkeys((meta.language, output_language(meta))):
        _sub(lang_usage, "language", _language_name(tag, meta), {"ident": tag})
    return header


def _title_stmt(title_stmt: etree._Element, meta: Metadata) -> None:
    """The digital edition's title, then the newspaper it is an issue of."""
    known = [v for v in (meta.title, meta.date, meta.edition) if v]
    if known:
        _sub(title_stmt, "title", " ".join(known), {XML_LANG: meta.language})
    else:
        fallback = f"Newspaper edition from {meta.source_name}" if meta.source_name else "Untitled newspaper edition"
        _sub(title_stmt, "title", fallback, {XML_LANG: "en"})
    _optional(title_stmt, "title", meta.title, {"level": "j", XML_LANG: meta.language})


def _publication_stmt(publication: etree._Element, meta: Metadata) -> None:
    """This digital edition: who publishes it, when it was made, under what licence."""
    if meta.digital_publisher is not None:
        _sub(publication, "publisher", meta.digital_publisher)
    else:
        _sub(publication, "distributor", TOOL)
    if meta.converted is not None:
        set_when(_sub(publication, "date", meta.converted, {"type": "conversion"}), meta.converted)
    if meta.licence is not None:
        url = {"target": meta.licence} if _URL.fullmatch(meta.licence) else {}
        _sub(_sub(publication, "availability"), "licence", meta.licence, url)
    _optional(publication, "idno", meta.identifier, {"type": "edition"})


def _source_desc(source_desc: etree._Element, edition: Edition) -> None:
    meta = edition.meta
    labels = [page.label for page in edition.pages if page.label]
    if any(getattr(meta, name) is not None for name in ISSUE_FIELDS) or labels:
        _monogr(_sub(_sub(source_desc, "biblStruct"), "monogr"), meta, labels, edition.origin)
    if meta.source_name is not None or edition.line_count:
        text_file = _sub(source_desc, "bibl", attributes={"type": "file"})
        _optional(text_file, "idno", meta.source_name, {"type": "filename"})
        if edition.line_count:
            extent = _sub(text_file, "extent")
            _sub(extent, "measure", f"{edition.line_count} lines",
                 {"unit": "line", "quantity": str(edition.line_count)})
    if not len(source_desc):
        _sub(source_desc, "p", "Text extracted from the pages of a printed newspaper; "
                               "no description of the issue was given.")


def _monogr(monogr: etree._Element, meta: Metadata, labels: list[str], origin: Sequence[int] | None) -> None:
    """The printed issue, in TEI's order: titles and numbers, notes, imprint, scope.
    A value read from the text points at its line(s) with @source."""
    sources = {s.field: span_pointers(s.span, origin) for s in meta.sources}
    printed = {XML_LANG: meta.language}

    def put(parent: etree._Element, element: str, name: str, attributes: dict[str, str]) -> etree._Element | None:
        value = getattr(meta, name)
        if value is None:
            return None
        source = {"source": sources[name]} if name in sources else {}
        return _sub(parent, element, value, {**attributes, **source})

    put(monogr, "title", "title", {"level": "j", **printed})
    put(monogr, "title", "subtitle", {"level": "j", "type": "sub", **printed})
    put(monogr, "idno", "cn", {"type": "CN"})
    put(monogr, "idno", "issn", {"type": "ISSN"})
    put(monogr, "note", "price", {"type": "price", **printed})
    imprint = _sub(monogr, "imprint")
    put(imprint, "publisher", "publisher", printed)
    put(imprint, "pubPlace", "pub_place", printed)
    if meta.date is not None or meta.date_printed is not None:
        _issue_date(_sub(imprint, "date", meta.date if meta.date_printed is None else meta.date_printed,
                         {"type": "issue"}), meta,
                    sources.get("date", sources.get("date_printed")))
    for name, kind in DATE_TYPES.items():
        put(imprint, "date", name, {"type": kind, **printed})
    if not len(imprint):  # TEI requires an imprint; an empty date claims nothing
        _sub(imprint, "date")
    put(monogr, "biblScope", "edition", {"unit": "issue", **printed})
    if labels:
        _sub(monogr, "biblScope", ", ".join(labels), {"unit": "page", "from": labels[0], "to": labels[-1]})


def _issue_date(issued: etree._Element, meta: Metadata, source: str | None) -> None:
    """The issue's date as printed (in the source language), the ISO date in @when."""
    if meta.date_printed is not None:
        issued.set(XML_LANG, meta.language)
    if meta.date is not None:
        set_when(issued, meta.date)
    if source is not None:
        issued.set("source", source)


def _encoding_desc(encoding: etree._Element, meta: Metadata, keep_breaks: bool) -> None:
    applications = _sub(encoding, "appInfo")
    tool = _sub(applications, "application", attributes={"ident": TOOL, "version": _version(TOOL)})
    _sub(tool, "label", TOOL)
    _sub(tool, "p", "Converted the text extracted from the printed pages into this TEI edition.")
    if meta.script != "keep":
        _sub(_sub(applications, "application", attributes={"ident": "OpenCC", "version": _version("opencc")}),
             "label", "OpenCC")
    editorial = _sub(encoding, "editorialDecl")
    _sub(_sub(editorial, "segmentation"), "p", UNWRAPPING + (DIPLOMATIC if keep_breaks else ""))
    _sub(_sub(editorial, "normalization", attributes={"method": "silent"}), "p", SPACES)
    _sub(_sub(editorial, "normalization", attributes={"method": "markup"}), "p", EXTRACTED_FORMS)
    if meta.script != "keep":
        p = _sub(_sub(editorial, "normalization", attributes={"method": "markup"}), "p",
                 "The script was normalised with the OpenCC configuration ")
        _sub(p, "ident", OPENCC_CONFIG[meta.script], {"type": "opencc"}).tail = (
            "; every changed stretch is a choice of orig (as printed) and reg (normalised).")
    if meta.source_name is not None:
        prefix = _sub(_sub(encoding, "listPrefixDef"), "prefixDef", attributes={
            "ident": LINE_SCHEME, "matchPattern": "([0-9]+)-([0-9]+)",
            "replacementPattern": f"{quote(meta.source_name)}#L$1-L$2"})
        _sub(prefix, "p", f"{LINE_SCHEME}:A-B in @source points at lines A to B (1-based, inclusive) "
                          f"of the source text {meta.source_name}.")


def _language_name(tag: str, meta: Metadata) -> str:
    name = LANGUAGE_NAMES.get(tag, f"Chinese ({tag})")
    if tag == meta.language:
        return f"{name}, as printed"
    return f"{name}, normalised with OpenCC {OPENCC_CONFIG[meta.script]}"


@lru_cache(maxsize=None)
def _version(distribution: str) -> str:
    """The installed version, trimmed to what TEI's application/@version accepts."""
    if distribution == TOOL:
        from .. import __version__ as version
    else:
        from importlib import metadata  # costs 10 ms: only for a script conversion

        try:
            version = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            return "0"
    match = re.match(r"\d+(\.\d+){0,3}", version)
    return match.group() if match else "0"


def set_when(element: etree._Element, value: str) -> None:
    """ISO dates go in @when; anything else is kept verbatim in @when-custom."""
    element.set("when" if _W3C_DATE.fullmatch(value) else "when-custom", value)


def when(element: etree._Element) -> str | None:
    return element.get("when", element.get("when-custom"))


def _sub(parent: etree._Element, name: str, text: str | None = None,
         attributes: dict[str, str] | None = None) -> etree._Element:
    element = etree.SubElement(parent, tei(name), attributes or {})
    element.text = text
    return element


def _optional(parent: etree._Element, name: str, text: str | None, attributes: dict[str, str]) -> None:
    if text is not None:
        _sub(parent, name, text, attributes)


# Metadata field -> where read_header finds it (an XPath from teiHeader).
_MONOGR = "t:fileDesc/t:sourceDesc/t:biblStruct/t:monogr/"
_IMPRINT = _MONOGR + "t:imprint/"
HEADER_PATHS = {
    "title": _MONOGR + "t:title[@level='j'][not(@type)]", "subtitle": _MONOGR + "t:title[@level='j'][@type='sub']",
    "weekday": _IMPRINT + "t:date[@type='weekday']", "lunar_date": _IMPRINT + "t:date[@type='lunar']",
    "edition": _MONOGR + "t:biblScope[@unit='issue']", "publisher": _IMPRINT + "t:publisher",
    "pub_place": _IMPRINT + "t:pubPlace", "cn": _MONOGR + "t:idno[@type='CN']",
    "issn": _MONOGR + "t:idno[@type='ISSN']", "price": _MONOGR + "t:note[@type='price']",
    "digital_publisher": "t:fileDesc/t:publicationStmt/t:publisher",
    "licence": "t:fileDesc/t:publicationStmt/t:availability/t:licence",
    "identifier": "t:fileDesc/t:publicationStmt/t:idno[@type='edition']",
    "source_name": "t:fileDesc/t:sourceDesc/t:bibl[@type='file']/t:idno[@type='filename']",
}
_ISSUE_DATE = _IMPRINT + "t:date[@type='issue']"
_CONVERTED = "t:fileDesc/t:publicationStmt/t:date[@type='conversion']"
_FIELD_ORDER = [f.name for f in fields(Metadata)]


def read_header(header: etree._Element) -> tuple[Metadata, int]:
    """The edition's metadata and its source line count."""
    def first(path: str) -> etree._Element | None:
        found = header.xpath(path, namespaces=_NS)
        return found[0] if found else None

    values: dict[str, Any] = {}
    sources: list[FieldSource] = []
    for name, path in HEADER_PATHS.items():
        element = first(path)
        if element is not None:
            values[name] = element.text or ""
            if element.get("source") is not None:
                sources.append(FieldSource(name, parse_span(element)))
    issued, converted = first(_ISSUE_DATE), first(_CONVERTED)
    if issued is not None:
        _read_issue_date(issued, values, sources)
    if converted is not None:
        values["converted"] = when(converted) or ""
    # Plain strings: lxml's "smart" ones keep their whole document alive.
    languages = header.xpath("t:profileDesc/t:langUsage/t:language/@ident", namespaces=_NS, smart_strings=False)
    quantity = header.xpath("t:fileDesc/t:sourceDesc/t:bibl[@type='file']/t:extent/t:measure[@unit='line']/@quantity",
                            namespaces=_NS, smart_strings=False)
    meta = Metadata(
        **values, sources=tuple(sorted(sources, key=lambda s: _FIELD_ORDER.index(s.field))),
        language=languages[0] if languages else Metadata().language,
        script=_script(header.xpath("t:encodingDesc/t:editorialDecl//t:ident[@type='opencc']", namespaces=_NS)))
    if quantity and not quantity[0].isdigit():
        raise TeiReadError(f"the source line count {quantity[0]!r} is not a number")
    return meta, int(quantity[0]) if quantity else 0


def _read_issue_date(issued: etree._Element, values: dict[str, Any], sources: list[FieldSource]) -> None:
    if when(issued) is not None:
        values["date"] = when(issued)
    if issued.get(XML_LANG) is not None:
        values["date_printed"] = issued.text or ""
    if issued.get("source") is not None:
        sources.append(FieldSource("date" if "date" in values else "date_printed", parse_span(issued)))


def _script(idents: list[etree._Element]) -> ScriptOption:
    if not idents:
        return "keep"
    config = idents[0].text or ""
    if config not in SCRIPT_OF_CONFIG:
        raise TeiReadError(f"line {idents[0].sourceline}: unknown OpenCC configuration {config!r} "
                           f"(known: {', '.join(SCRIPT_OF_CONFIG)})")
    return SCRIPT_OF_CONFIG[config]
