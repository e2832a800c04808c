"""Parse TEI from untrusted bytes: no DOCTYPE at all (so no DTD, no entities), no
network, bounded size, libxml2's limits (10 MB of text in one node, nesting depth).
The TEI news2tei has just written is parsed `trusted`, without the size limits:
one line of a source can hold more text than an untrusted node may.

Every way a file can be hostile or broken ends as one TeiReadError whose message
fits on one line; `line` and `column` say where, when the parser knows."""
from __future__ import annotations

import re

from lxml import etree

from ..errors import TeiReadError

MAX_TEI_BYTES = 200 * 1024 * 1024  # far above any real edition (the seed's TEI is ~150 kB)
_POSITION_SUFFIX = re.compile(r"(, line \d+, column \d+)+$")  # libxml2 repeats what we report
_LIMIT_WORDS = re.compile(r"Resource limit exceeded: |,? try XML_PARSE_HUGE")  # libxml2 on a limit hit
# A DOCTYPE after what may precede it: a byte-order mark, white space, processing
# instructions (the XML declaration) and comments. Possessive, so hostile prologs scan
# in linear time.
_DOCTYPE_BYTES = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s|<\?.*?\?>|<!--.*?-->)*+<!DOCTYPE", re.S)
_DOCTYPE_TEXT = re.compile(r"\ufeff?(?:\s|<\?.*?\?>|<!--.*?-->)*+<!DOCTYPE", re.S)
# Encodings libxml2 detects from the first bytes in which "<!DOCTYPE" is not ASCII.
_WIDE_ENCODINGS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
                   (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
                   (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
                   (b"\x00<", "utf-16-be"), (b"<\x00", "utf-16-le"))


def _parser(trusted: bool) -> etree.XMLParser:
    # One parser per call: lxml parsers are not thread-safe, and building one is cheap.
    # collect_ids=False: a duplicate xml:id is the Schematron's to report, with its line.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=trusted, collect_ids=False)


def parse_tei(data: bytes, trusted: bool = False) -> etree._ElementTree:
    """The parsed document, or TeiReadError (with `.line`/`.column`, 0 when unknown).
    `trusted` only for TEI news2tei itself has just written."""
    if len(data) > MAX_TEI_BYTES and not trusted:
        raise _error(f"file is larger than the {MAX_TEI_BYTES // (1024 * 1024)} MB limit for TEI input")
    # Refused before libxml2 sees it: some parser options make libxml2 try to fetch a
    # declared external DTD even with load_dtd=False.
    if _declares_doctype(data):
        raise _error("a DOCTYPE declaration is not allowed in TEI input (entities and DTDs are refused)", 1, 1)
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser(trusted)))
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        message = _POSITION_SUFFIX.sub("", str(exc.msg or exc).splitlines()[0])
        if _LIMIT_WORDS.search(message):
            raise _error(f"too large to read safely at line {line}, column {column}: "
                         f"{_LIMIT_WORDS.sub('', message)} (TEI input is held to libxml2's limits, "
                         "e.g. 10 MB of text in one element)", line, column) from None
        raise _error(f"not well-formed XML at line {line}, column {column}: {message}", line, column) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:  # second line of defence
        raise _error("a DOCTYPE declaration is not allowed in TEI input (entities and DTDs are refused)", 1, 1)
    return tree


def _declares_doctype(data: bytes) -> bool:
    for start, codec in _WIDE_ENCODINGS:
        if data.startswith(start):
            return _DOCTYPE_TEXT.match(data.decode(codec, "replace")) is not None
    return _DOCTYPE_BYTES.match(data) is not None


def _error(message: str, line: int = 0, column: int = 0) -> TeiReadError:
    error = TeiReadError(message)
    error.line, error.column = line, column
    return error
