"""Continuation markers (issue 16, item 4) and the line layout every Text keeps.

A marker is read by where it stands (opening a story: continued from; closing one:
continued to) and is always part of a story, never an article of its own. Every Text
of the model splits at its `breaks` into the pieces of its source lines, headlines
joined from two lines included."""
from __future__ import annotations

import dataclasses
from typing import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gold
from conservation import conservation_problems
from converter.metadata import load_toml
from converter.model import Article, Edition, Metadata, Paragraph, Text
from converter.pipeline import edition_from_text, source_and_edition
from converter.rules.continuation import marker_line
from converter.source import SourceLine

FIXTURES = gold.fixtures()


def _texts(edition: Edition) -> Iterator[Text]:
    stack: list[object] = list(edition.pages)
    while stack:
        item = stack.pop()
        if isinstance(item, Text):
            yield item
        elif isinstance(item, tuple):
            stack.extend(item)
        elif dataclasses.is_dataclass(item):
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))


def _squeezed(text: str) -> str:
    return "".join(text.split())


def layout_problems(lines: list[SourceLine], edition: Edition) -> list[str]:
    """Texts whose pieces (the text split at its breaks) are not their source lines'
    texts, whitespace aside: a piece is the whole line, except that the first may
    start and the last may end inside it (a marker or dateline cut off)."""
    source = {line.number: _squeezed(line.text) for line in lines}
    problems = []
    for text in _texts(edition):
        bounds = (0, *text.breaks, len(text.text))
        pieces = [_squeezed(text.text[a:b]) for a, b in zip(bounds, bounds[1:])]
        numbers = text.span.lines()
        fits = len(pieces) == len(numbers) and all(
            piece in source[n] if len(pieces) == 1 else
            source[n].endswith(piece) if k == 0 else
            source[n].startswith(piece) if k == len(pieces) - 1 else source[n] == piece
            for k, (n, piece) in enumerate(zip(numbers, pieces)))
        if not fits:
            problems.append(f"{text.text!r} split at {text.breaks} into {pieces}, "
                            f"source lines {[source[n] for n in numbers]}")
    return problems


def _fixture_source_and_edition(fixture: gold.Fixture) -> tuple[list[SourceLine], Edition]:
    given_meta = load_toml(fixture.meta_path) if fixture.meta_path.exists() else {}
    return source_and_edition(fixture.input_text(), Metadata(**given_meta))


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_every_text_of_a_fixture_edition_rebuilds_its_source_lines(fixture):
    lines, edition = _fixture_source_and_edition(fixture)
    assert layout_problems(lines, edition) == []


def _articles(edition: Edition) -> list[Article]:
    return [item for item in edition.all_items() if isinstance(item, Article)]


def _marker_only(article: Article) -> bool:
    return bool(article.continued_from or article.continued_to) and not (
        article.head or article.kicker or article.subheads or article.body or article.dateline
        or article.byline or article.closer or article.source_note)


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
def test_no_fixture_article_is_a_continuation_marker_alone(fixture):
    assert [a.id for a in _articles(fixture.convert()) if _marker_only(a)] == []


# ---------------------------------------------------------------- headlines over two lines

_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


@st.composite
def _headline_line(draw) -> str:
    """A headline line as an extractor leaves it: CJK characters, some letter-spaced,
    maybe a space between two halves, maybe a leading space."""
    chars = draw(st.lists(_HAN, min_size=2, max_size=12))
    gaps = draw(st.lists(st.sampled_from(["", "", " ", "  "]), min_size=len(chars) - 1, max_size=len(chars) - 1))
    lead = draw(st.sampled_from(["", " ", "\u3000"]))
    return lead + chars[0] + "".join(g + c for g, c in zip(gaps, chars[1:]))


BODY = "本报讯 记者从市园林局获悉，今年春季全市新增花坛四十余处，市民纷纷走上街头赏花拍照。\n"


@settings(max_examples=150, deadline=None)
@given(first=_headline_line(), second=_headline_line())
def test_a_headline_over_two_lines_rebuilds_both_lines(first, second):
    lines, edition = source_and_edition(f"{first}\n{second}\n\n{BODY}")
    assert layout_problems(lines, edition) == []


def _headline(text: str) -> Text:
    heads = [a.head for a in _articles(edition_from_text(text)) if a.head]
    assert len(heads) == 1
    return heads[0]


def test_the_space_between_two_headline_lines_sits_at_the_line_break():
    # Whether the labeller reads the second line as the headline's or as a subheadline,
    # two lines joined as one title keep the space at their break.
    from converter.headgroup import _text

    head = _text([SourceLine(1, "春风十里 花开满园"), SourceLine(2, "满城春色关不住")])
    assert head.text == "春风十里 花开满园 满城春色关不住"
    assert head.text[:head.breaks[0]].strip() == "春风十里 花开满园"


# ---------------------------------------------------------------- markers read by position

STORY_A = ("城市更新项目集中开工\n本报讯 3月13日，我市城市更新首批项目集中开工，涉及老旧小区改造等多个领域，"
           "总投资约\n八十亿元，预计年内完成投资三十亿元，惠及居民两万余户。\n")
STORY_B = ("春季植树活动启动\n本报讯 近日，我市春季义务植树活动在北山启动，数千名干部群众参加，共栽植各类苗木\n"
           "三万余株，新增绿化面积一千余亩，为城市增添了新绿。\n")


def _markers(edition: Edition) -> list[tuple[str, str, str]]:
    """(article head, direction, marker text) for every marker, in reading order."""
    return [(a.head.text if a.head else "", c.direction, c.text.text) for a in _articles(edition)
            for c in (a.continued_from, a.continued_to) if c]


CASES = {
    "a from marker alone before a headline opens that story": (
        "（上接A01版）\n\n" + STORY_A, [("城市更新项目集中开工", "from", "（上接A01版）")]),
    "a from marker alone between two stories opens the next": (
        STORY_A + "\n（上接A01版）\n\n" + STORY_B, [("春季植树活动启动", "from", "（上接A01版）")]),
    "a to marker alone first on its page opens the story after it": (
        "（下转A03版）\n\n" + STORY_A, [("城市更新项目集中开工", "from", "（下转A03版）")]),
    "a from marker alone last on its page closes the story before it": (
        STORY_A + "\n（上接A01版）\n", [("城市更新项目集中开工", "to", "（上接A01版）")]),
    "續 opening a story: continued from": (
        "（續A1版）記者了解到，為破解資金難題，市府設立專項基金，吸引社會資本參與。\n", [("", "from", "（續A1版）")]),
    "續 closing a story: continued to": (
        "城市更新項目集中開工\n本報訊 3月13日，我市城市更新首批項目集中開工，涉及老舊小區改造等多個\n領域。（續A5版）\n",
        [("城市更新項目集中開工", "to", "（續A5版）")]),
    "續見 closing a story": (
        STORY_A.replace("户。", "户。（續見A5版）"), [("城市更新项目集中开工", "to", "（續見A5版）")]),
    "转 opening a story: position wins": (
        "（转A5版）记者了解到，为破解资金难题，市里设立了专项基金，吸引社会资本参与。\n", [("", "from", "（转A5版）")]),
    "上接 closing a story: position wins": (
        STORY_A.replace("户。", "户。（上接A5版）"), [("城市更新项目集中开工", "to", "（上接A5版）")]),
    "接上版 names no page": (
        "（接上版）记者了解到，为破解资金难题，市里设立了专项基金，吸引社会资本参与。\n", [("", "from", "（接上版）")]),
}


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_a_marker_is_read_by_its_position_and_joins_a_story(text, expected):
    edition = edition_from_text(text)
    assert _markers(edition) == expected
    assert not any(_marker_only(a) for a in _articles(edition))


@pytest.mark.parametrize("case, disagrees", [
    ("转 opening a story: position wins", True),
    ("上接 closing a story: position wins", True),
    ("a from marker alone last on its page closes the story before it", True),
    ("續 opening a story: continued from", False),
    ("續見 closing a story", False),
])
def test_a_marker_worded_against_its_position_is_reported(case, disagrees):
    codes = [d.code for d in edition_from_text(CASES[case][0]).diagnostics]
    assert ("continuation-direction" in codes) == disagrees


def test_a_marker_alone_keeps_the_story_it_closes_apart_from_the_next():
    edition = edition_from_text(STORY_A + "\n（下转A03版）\n\n" + STORY_B)
    assert _markers(edition) == [("城市更新项目集中开工", "to", "（下转A03版）")]
    assert [len([b for b in a.body if isinstance(b, Paragraph)]) for a in _articles(edition)] == [1, 1]


def test_a_marker_alone_closes_the_story_that_breaks_off_when_its_neighbour_is_closed():
    """An extractor prints a column's closing marker where the column ends on the page:
    after the next story's own marker, far from the text it closes."""
    broken_off = STORY_A.replace("惠及居民两万余户。", "惠及居民两万")
    closed = STORY_B.replace("新绿。", "新绿。（下转A04版）")
    edition = edition_from_text(broken_off + "\n" + closed + "\n（下转A03版）\n")
    assert sorted(_markers(edition)) == [("城市更新项目集中开工", "to", "（下转A03版）"),
                                         ("春季植树活动启动", "to", "（下转A04版）")]
    assert "continuation-direction" not in [d.code for d in edition.diagnostics]


_MARKERS = ["（下转A03版）", "（上接A01版）", "（續A5版）", "（续见第2版）", "（接上版）", "（转第4版）", "（承A1版）"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(_MARKERS)), min_size=3, max_size=3),
       st.lists(st.booleans(), min_size=3, max_size=3))
def test_a_marker_alone_between_stories_always_joins_one(markers, glued):
    """A marker line (or none) before, between and after two stories, glued to the
    text beside it or set apart by blank lines: every marker belongs to a story, and
    no character is lost."""
    pieces = [(markers[0], glued[0]), (STORY_A, False), (markers[1], glued[1]), (STORY_B, False),
              (markers[2], glued[2])]
    present = [(text.strip("\n"), glue) for text, glue in pieces if text]
    source = present[0][0] + "".join(("\n" if glue or glue_before else "\n\n") + text
                                     for (_, glue_before), (text, glue) in zip(present, present[1:])) + "\n"
    edition = edition_from_text(source)
    assert conservation_problems(source, edition) == {}
    assert not any(_marker_only(a) for a in _articles(edition))
    assert len(_markers(edition)) == sum(m is not None for m in markers)


@pytest.mark.parametrize("line, whole", [
    ("（下转第05版）", True), ("詳情見於A08", True), ("（接1版）", True), ("（續A12）", True),
    ("→B14", False), ("▶第6版", False),  # an arrow names where a brief is printed in full
    ("記者會上表示。詳情見於A08", False), ("详见", False), ("", False),
])
def test_a_marker_line_is_a_worded_jump_marker_and_nothing_else(line, whole):
    assert marker_line(line) is whole


class _AlwaysHeadline:
    """A tagger that reads every line as a headline, half sure."""

    def tag(self, rows):
        return ["head-B"] * len(rows)

    def marginal(self, label, k):
        return 0.5


def test_a_line_that_is_a_worded_jump_marker_is_labelled_one_whatever_the_model_says():
    from converter.labeller.model import Labeller
    from converter.source import SourceLine

    labeller = Labeller()
    labeller._tagger, labeller.labels = _AlwaysHeadline(), ("head-B", "jump-B")
    lines = [SourceLine(1, "陸委會：兩岸學術交流應依法申請"), SourceLine(2, "詳情見於A08"),
             SourceLine(3, "（下转第10"), SourceLine(4, "版）")]
    assert [x.label for x in labeller.label(lines)] == ["head-B", "jump-B", "jump-B", "jump-I"]
