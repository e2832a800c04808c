"""A hand-built edition for the inspect tests, and helpers to read the page back.

The edition exercises what the page must get right: furniture, a section with a brief,
an article interrupted by a photo and headed after its body, a form feed, a linked
and an unlinked continuation, a list, a closer and a figure inside an article."""
from __future__ import annotations

from collections import defaultdict

import lxml.html

from converter.model import (Article, Closer, Continuation, Diagnostic, Edition, Figure, Furniture,
                             ListBlock, ListItem, Metadata, Page, Paragraph, Section, Span, Text)
from converter.normalize import split_lines
from converter.source import SourceLine

SOURCE = "\n".join([
    "焦作日报",  # 1 furniture
    " 简讯",  # 2 section head
    "●为深刻汲取近期消防安",  # 3 brief
    "全事故教训。（杨春玲）",  # 4 brief + its source note
    "",  # 5
    "本报讯（记者李新和）新春",  # 6 dateline, byline, paragraph
    "佳节即将到来。",  # 7
    "学生们在描绘廉洁故事。",  # 8 caption of a photo that interrupts the article
    "陈啸虎 摄",  # 9 its credit
    "校园焕然一新。",  # 10 the article goes on
    "（下转A03版）",  # 11
    "温县祥云镇村小学",  # 12 kicker, printed after the body
    "以“清”育美德 用“廉”润心田",  # 13 headline, printed after the body
    "\f（上接A02版）",  # 14 a form feed: page 2 starts inside this line
    "1.完善设施",  # 15
    "校园一角",  # 16 caption inside the article's body
    "新华社发",  # 17 its credit
    "焦作市人民政府",  # 18
    "2025年2月6日",  # 19
])


def t(text: str, first: int, last: int | None = None) -> Text:
    return Text(text, Span.of(first, last))


EDITION = Edition(
    Metadata(title="焦作日报", date="2025-02-06", source_name="fixture.txt"),
    (
        Page("A02", (Furniture("header", t("焦作日报", 1)),), (
            Section("s1", t("简讯", 2), items=(
                Article("p1-a1", "brief", body=(Paragraph(t("●为深刻汲取近期消防安全事故教训。", 3, 4)),),
                        source_note=t("（杨春玲）", 4)),
            )),
            Article("p1-a2", kicker=t("温县祥云镇村小学", 12), head=t("以“清”育美德 用“廉”润心田", 13),
                    dateline=t("本报讯", 6), byline=t("（记者李新和）", 6),
                    body=(Paragraph(Text("新春佳节即将到来。校园焕然一新。", Span(((6, 7), (10, 10))))),),
                    continued_to=Continuation("to", t("（下转A03版）", 11), "A03", target="p2-a1"),
                    part="I", next="p2-a1"),
            Figure("p1-f1", t("学生们在描绘廉洁故事。", 8), t("陈啸虎 摄", 9)),
        )),
        Page("A03", (), (
            Article("p2-a1", "continuation",
                    continued_from=Continuation("from", t("（上接A02版）", 14), "A02"),
                    body=(ListBlock((ListItem("1.", t("完善设施", 15)),)),
                          Figure("p2-f1", t("校园一角", 16), t("新华社发", 17))),
                    closer=Closer((t("焦作市人民政府", 18),), t("2025年2月6日", 19), "2025-02-06"),
                    part="F", prev="p1-a2"),
        )),
    ),
    diagnostics=(
        Diagnostic("headline-ambiguous", "warning", "headline may belong to p1-a2 or to the next article",
                   Span.of(12, 13)),
        Diagnostic("metadata-date-inferred", "info", "date taken from the file name"),
    ),
    line_count=19,
)

# line -> (the unit it belongs to, its roles in reading order)
EXPECTED_LINES = {
    1: ("page1-furniture", "furniture"), 2: ("s1", "section"), 3: ("p1-a1", "paragraph"),
    4: ("p1-a1", "paragraph source-note"), 6: ("p1-a2", "dateline byline paragraph"),
    7: ("p1-a2", "paragraph"), 8: ("p1-f1", "caption"), 9: ("p1-f1", "credit"),
    10: ("p1-a2", "paragraph"), 11: ("p1-a2", "continuation"), 12: ("p1-a2", "kicker"),
    13: ("p1-a2", "headline"), 14: ("p2-a1", "continuation"), 15: ("p2-a1", "list-item"),
    16: ("p2-a1", "caption"), 17: ("p2-a1", "credit"), 18: ("p2-a1", "closer"), 19: ("p2-a1", "closer"),
}


def source_lines(text: str = SOURCE) -> list[SourceLine]:
    return split_lines(text)[0]


def parse(html: str):
    return lxml.html.document_fromstring(html)


def rows_by_line(page) -> dict[int, list]:
    """The source rows of the page, by line number (a form feed splits a line in two rows)."""
    rows = defaultdict(list)
    for row in page.xpath('//*[@data-line]'):
        rows[int(row.get("data-line"))].append(row)
    return dict(rows)


def lines_of(spec: str) -> set[int]:
    """'3-5,9' -> {3, 4, 5, 9}"""
    lines: set[int] = set()
    for part in filter(None, spec.split(",")):
        first, _, last = part.partition("-")
        lines.update(range(int(first), int(last or first) + 1))
    return lines


def line_problems(page) -> list[str]:
    """Non-blank source lines not owned by exactly one unit, described for a failure message."""
    problems = []
    for number, rows in sorted(rows_by_line(page).items()):
        for row in rows:
            text = row.find_class("text")[0].text_content()
            owners = row.get("data-owners").split()
            if text.strip() and len(owners) != 1:
                problems.append(f"line {number} {text.strip()[:12]!r}: "
                                + (f"claimed by {', '.join(owners)}" if owners else "claimed by no element"))
    return problems
