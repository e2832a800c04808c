"""model -> TEI -> model is the identity (diplomatic mode), or the identity up to
line breaks (default mode, which does not record them); output is deterministic."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from converter.errors import ValidationError
from converter.model import (Article, Closer, Continuation, Edition, Figure, Furniture, ListBlock, ListItem,
                             Metadata, Page, Paragraph, Section, Span, Text)
from converter.tei.reader import read_tei
from converter.tei.writer import tei_bytes
from tei_editions import T, catalogued_edition, rich_edition, unlabelled_edition, without_breaks

NS = {"t": "http://www.tei-c.org/ns/1.0"}
SCRIPTS = ["keep", "hans", "hant", "tw", "hk"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_rich_edition_round_trips_exactly_in_diplomatic_mode(script):
    edition = rich_edition(script)
    assert read_tei(tei_bytes(edition, keep_breaks=True)) == edition


@pytest.mark.parametrize("edition", [rich_edition(), rich_edition("hant"), unlabelled_edition()])
def test_default_mode_round_trips_everything_but_line_breaks(edition):
    back = read_tei(tei_bytes(edition))
    assert back == without_breaks(edition)
    assert back != edition or edition == without_breaks(edition)


def test_output_is_deterministic_and_stable_through_a_read():
    edition = rich_edition("tw")
    first = tei_bytes(edition, keep_breaks=True)
    assert tei_bytes(edition, keep_breaks=True) == first
    assert tei_bytes(read_tei(first), keep_breaks=True) == first
    assert first.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"")


def test_script_conversion_keeps_the_printed_text_in_orig():
    root = etree.fromstring(tei_bytes(rich_edition("hant")))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hant"
    choice = root.xpath("//t:fw[1]/t:choice", namespaces=NS)[0]
    assert choice.xpath("string(t:orig)", namespaces=NS) == "报"
    assert choice.xpath("string(t:reg)", namespaces=NS) == "報"
    assert root.xpath("string(//t:normalization[@method='markup']//t:ident[@type='opencc'])", namespaces=NS) == "s2t"


def test_absent_metadata_is_absent_from_the_header():
    header = etree.fromstring(tei_bytes(unlabelled_edition())).find("t:teiHeader", NS)
    assert header.xpath("string(.//t:titleStmt/t:title)", namespaces=NS) == "Untitled newspaper edition"
    for invented in ("//t:bibl", "//t:date", "//t:idno", "//t:publisher", "//t:biblScope", "//t:listPrefixDef"):
        assert header.xpath(invented, namespaces=NS) == [], invented


def _header(edition):
    """The edition's teiHeader, and a reader of one XPath's string value in it."""
    header = etree.fromstring(tei_bytes(edition)).find("t:teiHeader", NS)
    return header, lambda path: header.xpath(f"string({path})", namespaces=NS)


def test_header_records_what_is_known():
    header, value = _header(rich_edition("tw"))
    assert value(".//t:titleStmt/t:title[1]") == "焦作日报 2024-02-07 第12345期"
    assert value(".//t:titleStmt/t:title[@level='j']") == "焦作日报"
    assert value(".//t:publicationStmt/t:date[@type='conversion']/@when") == "2026-01-02T03:04:05Z"
    assert value(".//t:licence/@target") == "https://creativecommons.org/licenses/by/4.0/"
    assert value(".//t:publicationStmt/t:idno") == "jzrb-2024-02-07"
    monogr = ".//t:sourceDesc/t:biblStruct/t:monogr"
    assert value(f"{monogr}/t:title[@level='j']") == "焦作日报"
    assert value(f"{monogr}/t:title[@level='j']/@source") == "line:1-1"
    assert value(f"{monogr}/t:idno[@type='CN']") == "CN41-0038"
    assert value(f"{monogr}/t:imprint/t:publisher") == "焦作日报社"
    assert value(f"{monogr}/t:imprint/t:pubPlace") == "焦作"
    assert value(f"{monogr}/t:imprint/t:date[@type='issue']/@when") == "2024-02-07"
    assert value(f"{monogr}/t:imprint/t:date[@type='issue']") == "2024年2月7日"
    assert value(f"{monogr}/t:imprint/t:date[@type='issue']/@source") == "line:2-2"
    assert value(f"{monogr}/t:imprint/t:date[@type='weekday']") == "星期三"
    assert value(f"{monogr}/t:biblScope[@unit='issue']") == "第12345期"
    assert value(f"{monogr}/t:biblScope[@unit='page']") == "A01, A02"
    assert value(".//t:application[@ident='news2tei']/@version")
    assert value(".//t:prefixDef/@replacementPattern") == "jzrb%202024-02-07.txt#L$1-L$2"
    assert header.xpath(".//t:langUsage/t:language/@ident", namespaces=NS) == ["zh-Hans", "zh-Hant-TW"]


def test_header_names_a_digital_publisher_a_worded_licence_and_the_rest_of_the_masthead():
    header, value = _header(catalogued_edition())
    assert value(".//t:publicationStmt/t:publisher") == "某大學圖書館"
    assert header.xpath(".//t:distributor", namespaces=NS) == []
    assert value(".//t:licence") == "僅供研究使用" and value(".//t:licence/@target") == ""
    monogr = ".//t:sourceDesc/t:biblStruct/t:monogr"
    assert value(f"{monogr}/t:title[@type='sub']") == "晚報"
    assert value(f"{monogr}/t:idno[@type='ISSN']") == "1234-5678"
    assert value(f"{monogr}/t:note[@type='price']/@source") == "line:1-1"
    assert value(f"{monogr}/t:imprint/t:date[@type='issue']") == "中華民國114年3月14日"
    assert value(f"{monogr}/t:imprint/t:date[@type='lunar']") == "乙巳年二月十五"
    assert read_tei(tei_bytes(catalogued_edition())).meta == catalogued_edition().meta


def test_an_english_fallback_title_is_tagged_english():
    header = etree.fromstring(tei_bytes(unlabelled_edition())).find("t:teiHeader", NS)
    assert header.xpath("//t:titleStmt/t:title/@xml:lang", namespaces=NS) == ["en"]


@pytest.mark.parametrize("broken, message", [
    (Edition(Metadata(), ()), "no pages"),
    (Edition(Metadata(), (Page(None, (), (Article("a", body=(ListBlock(()),)),)),)), "list without items"),
    (Edition(Metadata(), (Page(None, (), (Article("a", closer=Closer((T((1, "主席团")),))),)),)), "closer needs"),
    (Edition(Metadata(), (Page(None, (), (Article("a", continued_to=Continuation("from", T((1, "（上接A01版）")))),)),)),
     "'from' marker where a 'to' one belongs"),
])
def test_models_tei_cannot_hold_are_refused_with_a_reason(broken, message):
    with pytest.raises(ValidationError, match=message):
        tei_bytes(broken)


# ---------------------------------------------------------------- generated models

# Everything XML 1.0 can hold (no controls, surrogates or non-characters); CJK-heavy.
chars = st.characters(blacklist_categories=("Cs", "Cc", "Cn"))
strings = st.text(st.one_of(chars, st.sampled_from("报紙讯發后里面台湾 （）①")), max_size=12)
ids = st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True)
spans = st.lists(st.tuples(st.integers(1, 2000), st.integers(0, 30)), min_size=1, max_size=3).map(
    lambda pairs: Span(tuple((a, a + n) for a, n in pairs)))


@st.composite
def texts(draw) -> Text:
    text = draw(strings)
    breaks = sorted(draw(st.lists(st.integers(0, len(text)), max_size=4)))
    return Text(text, draw(spans), tuple(breaks))


optional_texts = st.none() | texts()


def continuations(direction: str):
    return st.builds(Continuation, st.just(direction), texts(), st.none() | strings, st.none() | strings,
                     st.none() | ids)


figures = st.builds(Figure, ids, optional_texts, optional_texts, st.sampled_from(["photo", "graphic"]))
text_blocks = st.one_of(st.builds(Paragraph, texts()),
                        st.builds(ListBlock, st.lists(st.builds(ListItem, strings, texts()), min_size=1, max_size=3)
                                  .map(tuple)))


@st.composite
def articles(draw) -> Article:
    body = tuple(draw(st.lists(st.one_of(text_blocks, figures), max_size=3)))
    has_text = any(isinstance(b, (Paragraph, ListBlock)) for b in body)
    closer = draw(st.none() | st.builds(Closer, st.lists(texts(), max_size=2).map(tuple), optional_texts,
                                        st.none() | st.sampled_from(["2024-02-06", "2024-02", "二月六日"])))
    return Article(
        draw(ids), draw(st.sampled_from(["news", "brief", "feature", "resolution", "notice", "continuation"])),
        draw(optional_texts), draw(optional_texts), tuple(draw(st.lists(texts(), max_size=2))),
        draw(optional_texts), draw(optional_texts), draw(st.none() | continuations("from")), body,
        closer if has_text else None, draw(optional_texts), draw(st.none() | continuations("to")),
        draw(st.none() | st.sampled_from(["I", "M", "F"])), draw(st.none() | ids), draw(st.none() | ids))


sections = st.builds(Section, ids, optional_texts, st.lists(texts(), max_size=2).map(tuple),
                     st.lists(st.one_of(articles(), figures), max_size=2).map(tuple))
furniture = st.builds(Furniture, st.sampled_from(["header", "folio", "pageNum", "sig", "catch"]), texts())
pages = st.builds(Page, st.none() | strings, st.lists(furniture, max_size=2).map(tuple),
                  st.lists(st.one_of(articles(), figures, sections), max_size=2).map(tuple))
optional_strings = st.none() | strings
metadata = st.builds(
    Metadata, title=optional_strings, subtitle=optional_strings, edition=optional_strings,
    date=st.none() | st.sampled_from(["2024-02-07", "2024", "2024年2月7日"]), date_printed=optional_strings,
    weekday=optional_strings, lunar_date=optional_strings, publisher=optional_strings, pub_place=optional_strings,
    cn=optional_strings, issn=optional_strings, price=optional_strings, digital_publisher=optional_strings,
    licence=optional_strings, identifier=optional_strings, source_name=optional_strings,
    converted=st.none() | st.just("2026-01-02T03:04:05Z"),
    language=st.sampled_from(["zh-Hans", "zh-Hant", "zh-Hant-TW"]), script=st.sampled_from(SCRIPTS))
editions = st.builds(Edition, metadata, st.lists(pages, min_size=1, max_size=2).map(tuple),
                     line_count=st.integers(0, 5000))


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(editions)
def test_generated_models_round_trip(edition):
    assert read_tei(tei_bytes(edition, keep_breaks=True)) == edition
    assert read_tei(tei_bytes(edition)) == without_breaks(edition)


def test_a_break_inside_a_converted_stretch_goes_inside_orig():
    text = Text("臺灣報紙", Span.of(1, 3), (1, 3))
    edition = Edition(Metadata(script="hans", language="zh-Hant"),
                      (Page(None, (), (Article("a", body=(Paragraph(text),)),)),))
    data = tei_bytes(edition, keep_breaks=True)
    assert ('<choice><orig xml:lang="zh-Hant">臺<lb break="no"/>灣報<lb break="no"/>紙</orig><reg>台湾报纸</reg>'
            '</choice>').encode() in data
    assert read_tei(data) == edition
    assert read_tei(tei_bytes(edition)).pages[0].items[0].body[0].text == replace(text, breaks=())


FIXTURE_TEXTS = sorted(p for p in (Path(__file__).resolve().parent / "fixtures" / "editions").glob("*.txt")
                       if not p.name.endswith(".gold.txt"))


@pytest.mark.parametrize("path", FIXTURE_TEXTS, ids=lambda p: p.stem)
def test_every_fixture_edition_round_trips_exactly_in_diplomatic_mode(path):
    from converter.pipeline import edition_from_bytes

    edition = edition_from_bytes(path.read_bytes())
    assert read_tei(tei_bytes(edition, keep_breaks=True)) == edition
