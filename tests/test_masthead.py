"""What the page itself says: page labels read from folios and running heads (pb/@n), checked
against the gold of every fixture edition and of the committed corpus sample, the user's
labels winning; and the masthead read into the header as the corpus generator printed it."""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from lxml import etree

from converter.conversion import ConvertOptions, convert_bytes
from converter.metadata import from_text, resolve
from converter.model import Article, Metadata, Section
from converter.pipeline import edition_from_text
from converter.rules.masthead import furniture_fields, furniture_kind, page_label, printout_header

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = ROOT / "tests" / "fixtures" / "editions"
CORPUS_SAMPLE = ROOT / "tests" / "fixtures" / "corpus"
TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.mark.parametrize("line, label", [
    ("A01 要闻", "A01"), ("A01要闻", "A01"), ("要闻 A1", "A1"), ("B03", "B03"), ("p08", "p08"), ("05 国内·国际", "05"),
    ("第 2 版", "第2版"), ("第十五版 城事", "第十五版"), ("第5頁", "第5頁"), ("2025年3月10日 星期一 第4版", "第4版"),
    ("2025年3月14日 星期五 经济 A4", "A4"), ("A4 | 经济 | 责编 X", "A4"),
    # no label: codes and numbers that end or open a masthead line, a printout's sheet number
    ("代号1-18", None), ("CN 11-0000", None), ("ISSN 4501-6131", None), ("第12345期 今日8版", None),
    ("2025年3月14日 星期五", None), ("1950年创刊", None), ("邮编：100033", None), ("第 1 页", None),
])
def test_page_label_of_a_folio_or_running_head(line, label):
    assert page_label(line) == label


@pytest.mark.parametrize("line, kind", [
    ("A01 要闻", "folio"), ("第3版", "folio"), ("第1页", "pageNum"), ("第 2 頁 共 4 頁", "pageNum"), ("- 3 -", "pageNum"),
    ("Page 2 of 4", "pageNum"), ("2025年3月14日 星期五", "header"), ("第1页的内容", None),
])
def test_furniture_kind_tells_a_page_label_from_a_printouts_sheet_number(line, kind):
    assert furniture_kind(line) == kind


def _printed_labels(gold: Path) -> dict[int, str]:
    """Page index -> its gold label, for the pages whose furniture prints that label at a
    line's start or end (a label the user gave but the page does not print is left out)."""
    labels, page, label = {}, -1, ""
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.startswith("@page"):
            page += 1
            label = line.removeprefix("@page").strip()
        elif line.startswith("@furniture") and label:
            printed = "".join(line.split(":", 1)[1].split())
            if printed.startswith(label) or printed.endswith(label):
                labels[page] = label
    return labels


def _labels_read(directory: Path) -> list[tuple[str, dict[int, str], dict[int, str | None]]]:
    """(edition, gold labels printed, labels read from the text alone), per edition."""
    found = []
    for gold in sorted(directory.glob("*.gold.txt")):
        printed = _printed_labels(gold)
        if not printed:
            continue
        text = gold.with_name(gold.name.removesuffix(".gold.txt") + ".txt").read_text(encoding="utf-8")
        pages = edition_from_text(text).pages
        found.append((gold.name, printed, {i: pages[i].label if i < len(pages) else None for i in printed}))
    return found


def test_every_printed_page_label_is_read_on_the_fixture_editions():
    read = _labels_read(EDITIONS)
    assert sum(len(printed) for _, printed, _ in read) >= 20
    assert [(name, got) for name, printed, got in read if got != printed] == []


def test_page_labels_are_read_on_the_committed_corpus_sample():
    """The committed pages are read, nothing is built. OCR fuses a folio into the text
    under it and pdfminer can read it mid-page: 22 of the sample's 24 printed labels are
    read (125 of 138 on 160 pages built with seed 5), so the bar is nine pages in ten."""
    read = _labels_read(CORPUS_SAMPLE)
    pages = sum(len(printed) for _, printed, _ in read)
    right = sum(got[i] == label for _, printed, got in read for i, label in printed.items())
    assert pages >= 20 and right >= pages * 0.9


def test_labels_reach_the_tei_and_link_the_jumps():
    """pb/@n is the printed label, and （下转A03版） on A01 finds the page printed A03."""
    data = (EDITIONS / "hans_headfirst_pages.txt").read_bytes()
    result = convert_bytes(data, ConvertOptions(formats=("tei",)))
    tree = etree.fromstring(result.outputs["tei"])
    assert [pb.get("n") for pb in tree.iter(f"{TEI}pb")] == ["A01", "A02", "A03"]
    jumped = [a for a in _articles(result.edition.pages[0]) if a.continued_to]
    assert jumped and all(a.next in {b.id for b in _articles(result.edition.pages[2])} for a in jumped)


def _articles(page) -> list[Article]:
    return [a for item in page.items for a in (item.items if isinstance(item, Section) else (item,))
            if isinstance(a, Article)]


def test_given_labels_win_and_a_different_printed_one_is_reported():
    text = (EDITIONS / "hans_headfirst_pages.txt").read_text(encoding="utf-8")
    edition = edition_from_text(text, Metadata(pages=("B01", "A02", "3")))
    assert [p.label for p in edition.pages] == ["B01", "A02", "3"]  # "3" and the printed A03 differ
    conflicts = [d.message for d in edition.diagnostics if d.code == "page-label-conflict"]
    assert conflicts == ["page 1 is labelled A01 in the text but B01 was given; using B01",
                         "page 3 is labelled A03 in the text but 3 was given; using 3"]


def test_given_label_printed_another_way_is_no_conflict():
    text = (EDITIONS / "heldout2_hans_crlf_indents.txt").read_text(encoding="utf-8")  # prints 第2版
    edition = edition_from_text(text, Metadata(pages=("02",)))
    assert [p.label for p in edition.pages] == ["02"]
    assert not [d for d in edition.diagnostics if d.code == "page-label-conflict"]


def test_a_label_printed_twice_names_its_first_page_only():
    page = "A01 要闻\n2025年3月14日 星期五\n\n本报讯 市里今天召开会议，部署全年工作。\n"
    edition = edition_from_text(page + "\f" + page)
    assert [p.label for p in edition.pages] == ["A01", None]
    assert [d.code for d in edition.diagnostics if d.code.startswith("page-label")] == ["page-label-repeated"]


def test_front_page_masthead_columns_printed_amid_the_stories_are_read():
    text = ("长风日报社出版\n2025年4月11日 星期五\n\n本报讯 市里今天召开会议，部署全年工作。\n"
            + "会议要求，各部门抓好落实，确保各项任务按期完成。\n" * 12
            + "\nCN 43-0079\n代号1-18\n总第25704期 今日20版\n\n会议还研究了其他事项。\n")
    values = resolve(from_text(text)).values
    assert (values["title"], values["publisher"], values["date"], values["edition"], values["cn"]) == (
        "长风日报", "长风日报社", "2025-04-11", "总第25704期", "CN43-0079")
    assert {s.field: str(s.span) for s in values["sources"]}["edition"] == "20"


def test_a_block_of_stories_is_given_up_at_its_first_line(monkeypatch):
    """The front page is searched for masthead columns block by block: a story's block stops
    being read at its first sentence, so a long front page costs a line per block."""
    import converter.metadata as metadata

    read = []
    monkeypatch.setattr(metadata, "masthead_values", lambda text: read.append(text) or {})
    story = "本报讯 市里今天召开会议，部署全年工作。\n" + "会议要求，各部门抓好落实，确保各项任务按期完成。\n" * 30
    from_text("长风日报\n\n" + story + "\n" + story)
    assert len(read) <= 10 + 3  # the page's top lines, then one line of each block


def test_a_second_title_on_a_page_is_its_subtitle():
    text = "西岭日报\n中共西岭市委机关报\n2025年5月20日 星期二\n\n正文。\n"
    values = resolve(from_text(text)).values
    assert (values["title"], values["subtitle"]) == ("西岭日报", "中共西岭市委机关报")


# --- the corpus generator's mastheads --------------------------------------------------

def _corpus():
    """The generator package corpus/ (tests/test_bench.py may have put bench/corpus.py first)."""
    if not hasattr(sys.modules.get("corpus"), "__path__"):
        sys.modules.pop("corpus", None)
        sys.path.insert(0, str(ROOT))
    from corpus import content, goldfile, page
    return content, goldfile, page


FIELDS = {"paper": "title", "publisher": "publisher", "date": "date", "issue": "edition"}


def test_every_corpus_masthead_is_read_as_printed():
    """Each house style's front page, its masthead lines in reading order: the header holds
    the paper, publisher, ISO date and issue number the generator printed."""
    content, goldfile, page = _corpus()
    data = ROOT / "corpus" / "data"
    styles = [s for s in content.load_styles(data) if s.get("masthead") and s.kind != "a4-export"]
    articles = content.load_articles(data)
    misses, checked = [], 0
    for style in styles:
        for seed in range(3):
            sheet = page.newspaper_sheet(style, articles, 1, random.Random(f"masthead:{style.name}:{seed}"))
            gold = goldfile.gold_of([sheet], style.name)
            lines = [line.split(": ", 1)[1] for line in gold.splitlines() if line.startswith("@furniture")]
            values = resolve(from_text("\n".join(lines) + "\n\n本报讯 正文。\n")).values
            for printed, field in FIELDS.items():
                if printed in sheet.masthead:
                    checked += 1
                    if values.get(field) != sheet.masthead[printed]:
                        misses.append((style.name, printed, sheet.masthead[printed], values.get(field)))
    assert checked >= 40 and misses == []


@pytest.mark.parametrize("line, fields", [
    ("责任编辑：吴鹏书", {"staff"}), ("美術：潘紅源", {"staff"}), ("電話：10826036", {"contact"}),
    ("承印：東海印務有限公司 地址：香港柴灣利眾街8號", {"contact"}), ("星期五", {"masthead"}), ("南溟日报", {"masthead"}),
    ("2025年4月4日", {"masthead"}), ("农历乙巳年二月初十", {"masthead"}), ("本報為出版銷數公證會會員", set()), ("律师", set()),
])
def test_furniture_fields_name_what_a_piece_of_a_furniture_line_prints(line, fields):
    assert furniture_fields(line) == fields


def _furniture_of(lines: list[str], labels: list[str]) -> list[str]:
    from converter.labeller.model import use_labeller
    from test_labeller import _GivenLabels

    use_labeller(_GivenLabels(labels))
    try:
        edition = edition_from_text("\n".join(lines) + "\n")
    finally:
        use_labeller(None)
    return [f.text.text for f in edition.pages[0].furniture]


def test_a_piece_of_a_furniture_line_printed_apart_goes_back_to_the_line_of_its_field():
    """The extractor printed a masthead line's weekday and an editor line's second role far
    from them, with other furniture between: each piece goes to the line printing its field."""
    lines = ["2025年4月4日", "本报讯 昨日，市里召开会议。", "责任编辑：吴鹏书", "本報為出版銷數公證會會員", "美编：廖蓉若", "星期五"]
    labels = ["furniture-B", "dateline-B", "furniture-B", "furniture-B", "furniture-I", "furniture-I"]
    assert _furniture_of(lines, labels) == ["2025年4月4日星期五", "责任编辑：吴鹏书美编：廖蓉若", "本報為出版銷數公證會會員"]


def test_a_running_heads_date_cut_apart_goes_to_the_pages_desk_not_to_the_editors_line():
    """No line prints the masthead's fields: the date and the paper's name, and the
    weekday cut in two after them, go with the desk that names the page, not with the
    editors' line before them; a phone number still goes with the editors' line."""
    lines = ["体育", "本报讯 昨日，市里召开会议。", "责任编辑：吴鹏书", "电话：10826036", "会议指出，要抓好落实。",
             "2025年3月26日", "星", "期三", "飞羽体育报"]
    labels = ["furniture-B", "dateline-B", "furniture-B", "furniture-I", "p-B", "furniture-I", "furniture-I",
              "furniture-I", "furniture-I"]
    assert _furniture_of(lines, labels) == ["体育2025年3月26日星期三飞羽体育报", "责任编辑：吴鹏书电话：10826036"]


@pytest.mark.parametrize("text", ["京东工商广登字20240012号", "2025年13月5日", "20251032"])
def test_a_number_whose_month_or_day_cannot_be_is_no_date(text):
    from converter.lexicon.dates import gregorian_dates

    assert gregorian_dates(text) == [] and "masthead" not in furniture_fields(text)


@pytest.mark.parametrize("line, header", [
    ("《某某日报》（2025年3月31日第05版）", True), ("《某某日報》（二〇二五年三月十八日 第 06 版）", True),
    ("《某某日报》（2025年3月31日", False), ("第05版）", False), ("《某某日报》报道", False),
    ("据《某某日报》（2025年3月31日第05版）报道", False),
])
def test_a_printout_header_names_the_paper_date_and_page_and_nothing_else(line, header):
    assert printout_header(line) is header


def test_a_printout_header_is_furniture_whatever_the_model_says_also_wrapped_across_a_blank_line():
    """A change of font leaves a blank line inside the header; both halves are one piece of
    furniture, the story's headline and text stay the story's."""
    from test_continuations import _AlwaysHeadline
    from converter.labeller.model import Labeller
    from converter.source import SourceLine

    labeller = Labeller()
    labeller._tagger, labeller.labels = _AlwaysHeadline(), ("head-B", "furniture-B")
    lines = [SourceLine(1, "合肥新能源汽车产量突破百万辆"), SourceLine(2, "《某某日报》（2025年4月5日"), SourceLine(3, ""),
             SourceLine(4, "第 01 版）"), SourceLine(5, "《某某日报》（2025年4月5日第02版）")]
    assert [x.label for x in labeller.label(lines)] == ["head-B", "furniture-B", None, "furniture-I", "furniture-B"]
