"""The gold files themselves: they parse, and they obey the rules they grade the converter by."""
from __future__ import annotations

from collections import Counter

import pytest

import gold
import gold_metrics as metrics

FIXTURES = gold.fixtures()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_gold_conserves_every_character_of_its_input(fixture):
    expected = Counter(metrics.SourceIndex(fixture.input_text()).text)
    written = Counter(gold.squeeze("".join(fixture.gold().values)))
    missing, extra = expected - written, written - expected
    assert not missing and not extra, (
        f"{fixture.gold_path.name}: missing {dict(missing)} extra {dict(extra)}")


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_gold_body_text_has_no_space_between_cjk_characters(fixture):
    offending = [f"{p.where}: {p.text[:30]}" for p in metrics.body_pieces(fixture.gold())
                 if metrics.CJK_SPACE.search(p.text)]
    assert not offending


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_every_gold_article_has_a_body_to_match_by(fixture):
    assert all(a.body_key for a in fixture.gold().articles)


def test_the_seed_gold_is_discovered_with_its_input_in_seeds():
    seed = next(f for f in FIXTURES if f.name == "seed")
    assert seed.input_path == gold.ROOT / "seeds" / "000_627fccb794dc0fc3.txt"
    with pytest.raises(gold.GoldError, match="no gold for nosuch"):
        gold.fixtures(["nosuch"])


SAMPLE = """\
# comment lines and blank lines are ignored

@page A02
@furniture header: 滨江日报 2025年3月14日
@section
head: 简讯
sub: ——副题
@article brief
p: ●消防讲座举办。
source: （杨春玲）
@endsection
@article resolution
kicker: 专栏
head: 关于报告的决议
sub: （2024年2月6日会议通过）
from: （上接A01版①） | page=A01 sign=①
dateline: 本报讯
byline: （记者 甲）
p: 第一段。
item 1.: 完善设施
item （二）: 推进建设
p: 现予公告。
signed: 主席团
date: 2024年2月6日
to: （下转A03版） | page=A03
@figure
caption: 图片说明。
credit: 张三 摄
"""


def test_parse_gold_reads_every_record():
    records = gold.parse_gold(SAMPLE)
    assert records.pages == ["A02"]
    assert [(k, p.text) for k, p in records.furniture] == [("header", "滨江日报 2025年3月14日")]
    (section,) = records.sections
    assert section.head.text == "简讯" and [s.text for s in section.subs] == ["——副题"]
    brief, resolution = records.articles
    assert brief.kind == "brief" and brief.source.text == "（杨春玲）"
    assert resolution.kicker.text == "专栏" and resolution.head.where == "gold:14"
    assert [p.text for p in resolution.paragraphs] == ["第一段。", "现予公告。"]
    assert [(p.label, p.text) for p in resolution.items] == [("1.", "完善设施"), ("（二）", "推进建设")]
    assert resolution.body_key == "第一段。1.完善设施（二）推进建设现予公告。主席团2024年2月6日"
    assert [j.key for j in resolution.jumps] == [("from", "（上接A01版①）", "A01", "①"),
                                                 ("to", "（下转A03版）", "A03", None)]
    assert records.figures[0].key == ("图片说明。", "张三摄")


def test_gold_values_hold_text_only_not_jump_attributes():
    values = gold.parse_gold(SAMPLE).values
    assert "（上接A01版①）" in values and not any("page=" in v for v in values)
    assert "1.完善设施" in values and "滨江日报 2025年3月14日" in values


@pytest.mark.parametrize("text, message", [
    ("@article news\np: 正文。\nhead: 标题", "field 'head' out of order"),
    ("@article news\nhead: 一\nhead: 二", "field 'head' given twice"),
    ("@article news\nheadline: 标题", "unknown article field 'headline'"),
    ("@article story", "article kind 'story'"),
    ("p: 无处安放", "field 'p' does not belong here"),
    ("@figure\ncaption: 一\ncaption: 二", "field 'caption' does not belong here"),
    ("@furniture masthead: 报名", "@furniture KIND: TEXT"),
    ("@article continuation\nfrom: （上接A01版） | page", "continuation attributes"),
    ("@article news\nhead:标题", "not a record"),
    ("@pages A01", "not a record"),
])
def test_parse_gold_names_the_faulty_line(text, message):
    with pytest.raises(gold.GoldError, match=rf"^x\.gold\.txt:\d+: .*{message}"):
        gold.parse_gold(text, "x.gold.txt")
