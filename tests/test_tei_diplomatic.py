"""Diplomatic mode (--keep-breaks): the original line sequence can be rebuilt from the
TEI alone, from @source spans, <lb/> positions and the printed text in <orig>."""
from __future__ import annotations

from collections import defaultdict

import pytest
from lxml import etree

from converter.tei.writer import tei_bytes
from tei_editions import SOURCE, rich_edition

TEI = "{http://www.tei-c.org/ns/1.0}"


def rebuilt_lines(data: bytes) -> dict[int, str]:
    """Source line number -> the printed text the TEI puts on that line, in document
    order; a list <label> is printed at the start of its item's first line."""
    lines: dict[int, str] = defaultdict(str)
    label = ""
    for element in etree.fromstring(data).find(f"{TEI}text").iter(f"{TEI}*"):
        if element.tag == f"{TEI}label":
            label = "".join(printed_pieces(element))
            continue
        if element.get("source") is None:
            continue
        numbers = [n for pointer in element.get("source").split()
                   for first, last in [map(int, pointer.removeprefix("line:").split("-"))]
                   for n in range(first, last + 1)]
        pieces = printed_pieces(element)
        pieces[0] = label + pieces[0]
        label = ""
        assert len(pieces) == len(numbers), element.get("source")
        for number, piece in zip(numbers, pieces):
            lines[number] += piece
    return lines


def printed_pieces(element: etree._Element) -> list[str]:
    """The element's text as printed, split at each <lb/>."""
    pieces = [element.text or ""]
    for child in element:
        if child.tag == f"{TEI}lb":
            pieces.append("")
        elif child.tag == f"{TEI}choice":
            orig = printed_pieces(child.find(f"{TEI}orig"))
            pieces[-1] += orig[0]
            pieces.extend(orig[1:])
        pieces[-1] += child.tail or ""
    return pieces


@pytest.mark.parametrize("script", ["keep", "hant", "tw"])
def test_every_source_line_is_rebuilt_from_the_tei(script):
    lines = rebuilt_lines(tei_bytes(rich_edition(script), keep_breaks=True))
    expected = {n: "".join(text.split()) for n, text in enumerate(SOURCE, start=1) if text.strip()}
    assert {n: "".join(text.split()) for n, text in lines.items()} == expected


def test_column_breaks_and_page_breaks_are_marked():
    root = etree.fromstring(tei_bytes(rich_edition(), keep_breaks=True))
    brief = root.find(f".//{TEI}div[@type='article']/{TEI}p")
    # Line 5 is blank: the paragraph goes on in the next column after "消防安".
    assert [(c.tag.removeprefix(TEI), c.get("break")) for c in brief] == [("cb", None), ("lb", "no"), ("lb", "no")]
    assert brief[0].tail is None and brief.text == "●为深刻汲取近期消防安"
    assert len(root.findall(f".//{TEI}pb")) == 2


def test_reading_mode_has_no_line_breaks():
    data = tei_bytes(rich_edition())
    assert b"<lb" not in data and b"<cb" not in data
