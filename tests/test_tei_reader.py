"""The TEI reader on hostile and malformed input: no DTDs, entities, network or
XInclude; a size limit; always one TeiReadError with a one-line message."""
from __future__ import annotations

import re

import pytest

from converter.errors import TeiReadError
from converter.model import Metadata
from converter.tei import secure
from converter.tei.reader import read_tei
from converter.tei.writer import tei_bytes
from tei_editions import rich_edition

VALID = tei_bytes(rich_edition())
TEI_OPEN = b'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="zh-Hans">'

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE TEI [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p>&d;&d;&d;&d;&d;</p></body></text></TEI>"""


def with_paragraph(replacement: bytes) -> bytes:
    """VALID with the first paragraph's content replaced."""
    start = VALID.index(b"<p source=")
    end = VALID.index(b"</p>", start) + len(b"</p>")
    return VALID[:start] + replacement + VALID[end:]


def read_error(data: bytes) -> str:
    with pytest.raises(TeiReadError) as caught:
        read_tei(data)
    message = str(caught.value)
    assert "\n" not in message and message
    return message


@pytest.mark.parametrize("data, expected", [
    (BILLION_LAUGHS, "DOCTYPE"),
    (b'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + TEI_OPEN + b"<text>&x;</text></TEI>", "DOCTYPE"),
    (b'<!DOCTYPE TEI SYSTEM "http://example.invalid/tei.dtd">' + TEI_OPEN + b"</TEI>", "DOCTYPE"),
    (b'<?xml version="1.0"?>\n<!-- <TEI> -->\n<!DOCTYPE TEI SYSTEM "file:///etc/passwd">' + TEI_OPEN + b"</TEI>",
     "DOCTYPE"),
    (('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE TEI SYSTEM "x.dtd">' + TEI_OPEN.decode() + "</TEI>")
     .encode("utf-16"), "DOCTYPE"),
    (TEI_OPEN + b"<teiHeader>&x;</teiHeader></TEI>", "Entity 'x' not defined"),
    (TEI_OPEN + b"<teiHeader>", "not well-formed XML at line 1"),
    (b"\xff\xfe\x00\x01garbage", "not well-formed XML"),
    (b"", "not well-formed XML"),
    (b'<html xmlns="http://www.w3.org/1999/xhtml"/>', "not a TEI P5 document: the root element is <{"),
    (TEI_OPEN + b"<text/></TEI>", "<TEI> must hold <teiHeader>, <text>"),
])
def test_hostile_and_malformed_files_give_one_line_errors(data, expected):
    assert expected in read_error(data)


def test_entities_are_never_expanded_even_where_declared():
    data = VALID.replace(b"<TEI", b'<!DOCTYPE TEI [<!ENTITY x "INJECTED">]>\n<TEI', 1)
    data = data.replace("新春".encode(), b"&x;", 1)
    assert "DOCTYPE" in read_error(data)


def test_xinclude_is_not_processed():
    data = with_paragraph(b'<p><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" '
                          b'parse="text"/></p>')
    assert "unexpected <{http://www.w3.org/2001/XInclude}include> inside <p>" in read_error(data)


def test_files_over_the_size_limit_are_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(secure, "MAX_TEI_BYTES", len(VALID) - 1)
    assert "limit" in read_error(VALID)


def test_a_header_without_a_language_reads_as_the_default_language():
    data = re.sub(rb"<profileDesc>.*?</profileDesc>", b"", VALID, flags=re.DOTALL)
    assert read_tei(data).meta.language == Metadata().language


LONG_TEXT = "字" * 3_500_000  # 10.5 MB of UTF-8: more than libxml2 lets one text node hold


def test_user_tei_beyond_the_parser_limits_is_one_clear_line():
    message = read_error(with_paragraph(f"<p>{LONG_TEXT}</p>".encode()))
    assert message.startswith("too large to read safely at line ") and "Text node too long" in message
    assert "XML_PARSE_HUGE" not in message


def test_the_tei_news2tei_wrote_is_read_back_whatever_its_size():
    data = with_paragraph(f"<p>{LONG_TEXT}</p>".encode())
    tree = secure.parse_tei(data, trusted=True)
    assert LONG_TEXT in (element.text for element in tree.iter())


@pytest.mark.parametrize("edit, expected", [
    ((b'subtype="brief"', b'subtype="gossip"'), "@subtype must be one of"),
    ((b' xml:id="p1-a1"', b""), "needs an xml:id"),
    ((b'source="line:4-4 line:6-7"', b'source="lines 4 to 7"'), '@source "lines" is not a source-line pointer'),
    ((b'next="#p2-a1"', b'next="p2-a1"'), 'must point inside the file ("#id")'),
    ((b'<list>', b'<list><item>x</item>'), "a <list> must hold <label>, <item> pairs"),
    ((b'<head type="main"', b'<head type="main">x</head><head type="main"'), "a second head in one unit"),
    ((b'<div type="page" n="A02">', b'<div type="page" n="A02">stray'), "unexpected text 'stray' in a page"),
])
def test_files_outside_the_encoding_are_refused_with_the_line(edit, expected):
    data = VALID.replace(*edit, 1)
    assert data != VALID
    message = read_error(data)
    assert expected in message and message.startswith("line ")


def test_comments_are_ignored_and_hand_edits_are_read():
    edited = with_paragraph("<p><!-- checked -->改过的段落</p>".encode())
    article = read_tei(edited).pages[0].items[0].items[0]
    assert article.body[0].text.text == "改过的段落"


def test_a_header_without_lang_usage_reads_as_the_default_language():
    start, end = VALID.index(b"<langUsage>"), VALID.index(b"</langUsage>") + len(b"</langUsage>")
    assert read_tei(VALID[:start] + VALID[end:]).meta.language == "zh-Hans"
