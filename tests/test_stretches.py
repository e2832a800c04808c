"""A long edition is structured and written a stretch of whole pages at a time, so
that memory follows the stretch, not the edition: the stretches number lines and
pages as the whole text does, and what they make together is one valid edition
that loses no character."""
from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree

from conservation import conservation_problems
from converter.conversion import ConvertOptions, convert_bytes, convert_file
from converter.normalize import page_tops, split_lines, stretches
from converter.pipeline import edition_from_text, edition_parts
from converter.tei.reader import read_tei
from converter.tei.writer import tei_bytes
from converter.validate import validate_tei
from long_edition import STRETCH, long_edition_text, small_stretches

TEXT = long_edition_text()


def _content(lines):
    return [(line.number, line.text, line.page) for line in lines if not line.blank]


@pytest.mark.parametrize("text", [
    TEXT,
    "甲\f乙\r\n丙\f\f丁\n\n戊\f",  # form feeds inside lines, in a row, at the end; CRLF
    "没有换页的一段文字\n第二行",
])
@pytest.mark.parametrize("size", [1, 7, 500, STRETCH, 10**9])
def test_stretches_number_lines_and_pages_as_the_whole_text_does(text, size):
    pieces = list(stretches(text, size))
    assert [p.last for p in pieces] == [False] * (len(pieces) - 1) + [True]
    assert "\f".join(p.text for p in pieces) == text
    lines = [line for p in pieces for line in split_lines(p.text, p.first_line, p.first_page)[0]]
    assert _content(lines) == _content(split_lines(text)[0])


def test_a_stretch_is_whole_pages_of_about_the_size_asked():
    pieces = list(stretches(TEXT, STRETCH))
    assert len(pieces) >= 8
    assert all(len(p.text) >= STRETCH for p in pieces[:-1])


def test_an_edition_below_the_stretch_size_is_one_stretch():
    assert [p.last for p in edition_parts(TEXT)] == [True]


@pytest.fixture(scope="module")
def stretched(tmp_path_factory):
    """The long edition converted through the files, a dozen stretches or so."""
    source = tmp_path_factory.mktemp("long") / "long_20250314.txt"
    source.write_text(TEXT, encoding="utf-8")
    with small_stretches():
        assert len(list(edition_parts(TEXT))) >= 8
        convert_file(source, source.parent / "out", ConvertOptions())
    return source, (source.parent / "out" / "long_20250314.tei.xml").read_bytes()


def test_the_stretches_make_one_edition_valid_against_every_schema(stretched, tei_all):
    _, stretched = stretched
    assert [p for p in validate_tei(stretched) if p.level == "error"] == []
    assert tei_all.validate(etree.fromstring(stretched)), tei_all.error_log


def test_the_stretches_lose_no_character(stretched):
    _, stretched = stretched
    assert conservation_problems(TEXT, read_tei(stretched)) == {}


def test_ids_and_pages_run_on_across_stretches(stretched):
    _, stretched = stretched
    whole = edition_from_text(TEXT)
    edition = read_tei(stretched)
    assert [p.label for p in edition.pages] == [p.label for p in whole.pages]
    ids = [i for i in etree.fromstring(stretched).xpath("//@xml:id")]
    assert ids and max(Counter(ids).values()) == 1
    figures = [i for i in ids if i.startswith("f")]
    assert figures == [f"f{n}" for n in range(1, len(figures) + 1)]


def test_the_header_counts_the_whole_edition(stretched):
    source, stretched = stretched
    whole = convert_bytes(source.read_bytes(), ConvertOptions(formats=("tei",)), source).outputs["tei"]
    assert stretched[:stretched.index(b"<text>")] == whole[:whole.index(b"<text>")]


def test_one_stretch_is_written_exactly_as_a_whole_edition():
    edition = edition_from_text(TEXT)
    assert convert_bytes(TEXT.encode("utf-8"), ConvertOptions(formats=("tei",))).outputs["tei"] == tei_bytes(edition)


@pytest.mark.parametrize("text", [TEXT, "\n" * 100 + "人民日报\n第二行\f\f刊头\n\n正文", "甲\f乙\r\n丙"])
def test_page_tops_are_the_first_lines_with_text_of_every_page(text):
    tops: dict[int, list] = {}
    for line in split_lines(text)[0]:
        if not line.blank:
            tops.setdefault(line.page, []).append((line.number, line.text, line.page))
    expected = [line for page in tops.values() for line in page[:3]]
    assert [(line.number, line.text, line.page) for line in page_tops(text, 3, scan=8)] == expected
