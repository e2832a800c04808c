"""Every TEI news2tei writes is valid against the project RelaxNG, its Schematron
rules and tei_all; the encoding puts each model element where docs/encoding.md says."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from converter.cli import main
from converter.model import Metadata
from converter.tei.writer import tei_bytes
from converter.validate import validate_tei
from tei_editions import catalogued_edition, rich_edition, unlabelled_edition

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_627fccb794dc0fc3.txt"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
EDITIONS = {"rich": rich_edition(), "rich-hant": rich_edition("hant"), "rich-tw": rich_edition("tw"),
            "rich-hk": rich_edition("hk"), "traditional-to-hans": rich_edition("hans", "zh-Hant"),
            "unlabelled": unlabelled_edition(), "catalogued": catalogued_edition(),
            "title-only": replace(unlabelled_edition(), meta=Metadata(title="焦作日报"))}  # an empty imprint


def assert_valid(data: bytes, tei_all) -> None:
    errors = [p for p in validate_tei(data) if p.level == "error"]
    assert errors == []
    document = etree.fromstring(data)
    assert tei_all.validate(document), tei_all.error_log


@pytest.mark.parametrize("keep_breaks", [False, True], ids=["reading", "diplomatic"])
@pytest.mark.parametrize("name", EDITIONS)
def test_hand_built_editions_are_valid(name, keep_breaks, tei_all):
    assert_valid(tei_bytes(EDITIONS[name], keep_breaks=keep_breaks), tei_all)


@pytest.mark.parametrize("options", [[], ["--keep-breaks", "--script", "hant"]], ids=["default", "diplomatic-hant"])
def test_the_seed_converted_through_the_cli_is_valid(options, tmp_path, tei_all):
    result = CliRunner().invoke(main, ["convert", str(SEED), "-o", str(tmp_path), "--format", "tei", *options])
    assert result.exit_code == 0, result.output
    assert_valid((tmp_path / "000_627fccb794dc0fc3.tei.xml").read_bytes(), tei_all)


FIXTURE_TEXTS = sorted(p for p in (REPO / "tests" / "fixtures" / "editions").glob("*.txt")
                       if not p.name.endswith(".gold.txt"))


@pytest.mark.parametrize("keep_breaks", [False, True], ids=["reading", "diplomatic"])
@pytest.mark.parametrize("path", FIXTURE_TEXTS, ids=lambda p: p.stem)
def test_every_fixture_edition_gives_a_valid_tei(path, keep_breaks, tei_all):
    """What the structure stage makes of real-looking editions, every element it can
    produce in every combination the editions hold, is valid in both encodings."""
    from converter.pipeline import edition_from_bytes

    assert_valid(tei_bytes(edition_from_bytes(path.read_bytes()), keep_breaks=keep_breaks), tei_all)


@pytest.fixture(scope="module")
def rich() -> etree._Element:
    return etree.fromstring(tei_bytes(rich_edition("hant"), keep_breaks=True))


def xpath(root: etree._Element, path: str):
    return root.xpath(path, namespaces=NS)


def test_pages_have_labels_pb_and_furniture(rich):
    pages = xpath(rich, "//t:body/t:div")
    assert [(p.get("type"), p.get("n")) for p in pages] == [("page", "A01"), ("page", "A02")]
    assert [pb.get("n") for pb in xpath(rich, "//t:div[@type='page']/*[1][self::t:pb]")] == ["A01", "A02"]
    assert [fw.get("type") for fw in xpath(rich, "//t:div[@n='A01']/t:fw")] == ["header", "header", "pageNum"]


def test_article_parts_come_in_the_documented_order(rich):
    resolution = xpath(rich, "//t:div[@xml:id='p2-a2']")[0]
    assert resolution.get("subtype") == "resolution"
    order = [(etree.QName(c).localname, c.get("type")) for c in resolution]
    assert order == [("head", "kicker"), ("head", "main"), ("head", "sub"), ("p", None), ("list", None),
                     ("closer", None)]
    assert [etree.QName(c).localname for c in xpath(resolution, "t:list/*")] == ["label", "item", "label", "item"]
    assert xpath(resolution, "string(t:closer/t:dateline/t:date/@when)") == "2024-02-06"
    school = [(etree.QName(c).localname, c.get("type")) for c in xpath(rich, "//t:div[@xml:id='p1-a3']/*")]
    assert school == [("head", "kicker"), ("head", "main"), ("dateline", None), ("byline", None), ("p", None),
                      ("figure", "photo")]


def test_split_articles_are_linked_both_ways(rich):
    first, last = xpath(rich, "//t:div[@xml:id='p1-a2']")[0], xpath(rich, "//t:div[@xml:id='p2-a1']")[0]
    assert (first.get("part"), first.get("next")) == ("I", "#p2-a1")
    assert (last.get("part"), last.get("prev")) == ("F", "#p1-a2")
    to = xpath(first, "t:note[@type='continuation']")[0]
    assert (to.get("subtype"), to.get("n"), xpath(to, "string(t:ref/@target)")) == ("to", "A02", "#p2-a1")
    back = xpath(last, "t:note[@type='continuation']")[0]
    assert (back.get("subtype"), back.get("n"), back.get("rend")) == ("from", "A01", "①")
    assert xpath(back, "string(t:ref/@target)") == "#p1-a2"


def test_sections_figures_and_source_notes(rich):
    banner = xpath(rich, "//t:div[@xml:id='p1-s2']")[0]
    assert [h.get("type") for h in xpath(banner, "t:head")] == [None, "sub"]
    between = xpath(rich, "//t:div[@n='A02']/t:figure")[0]
    assert (between.get("type"), xpath(between, "string(t:byline/t:choice/t:orig)")) == ("photo", "摄")
    assert xpath(rich, "string(//t:div[@xml:id='p1-a1']/t:note[@type='source']/@source)") == "line:7-7"
