"""Attachment over a page's parts: heading groups find their stories, and headless
fragments go on with the story they were cut from."""
from __future__ import annotations

from converter.attach import (Group, SectionHead, Story, attach_headlines, join_fragments, join_headed_fragments,
                              join_opened_columns)
from converter.body import Unit, finish
from converter.model import Article, Continuation, Span, Text
from converter.unwrap import Run, piece


def _story(*paragraphs: str, first_line: int = 1, mid_sentence: bool = False) -> Story:
    runs = [Run((piece(first_line + k, text),)) for k, text in enumerate(paragraphs)]
    unit = Unit(runs)
    finish(unit)
    return Story(unit, mid_sentence=mid_sentence)


def _group(head: str, kicker: str | None = None, line: int = 100) -> Group:
    text = lambda s, n: Text(s, Span.from_lines([n]))  # noqa: E731
    return Group(text(kicker, line - 1) if kicker else None, text(head, line), [])


def _after_joining(host_text: str, other_text: str, other_head: str, fragment_text: str,
                   mid_sentence: bool = True) -> tuple[list, Story, Story, Story]:
    """join_fragments over [a story, a headed story, a fragment]: the parts after it, and
    the three."""
    host = _story(host_text)
    other = _story(other_text, first_line=10)
    other.group = _group(other_head)
    fragment = _story(fragment_text, first_line=20, mid_sentence=mid_sentence)
    parts = [host, other, fragment]
    join_fragments(parts)
    return parts, host, other, fragment


def _joined(host_text: str, other_text: str, other_head: str, fragment_text: str) -> Story:
    """The host story after join_fragments over [host, a headed story, a fragment]: the
    fragment must have gone on with the host."""
    parts, host, other, _ = _after_joining(host_text, other_text, other_head, fragment_text)
    assert parts == [host, other]
    return host


def test_a_fragment_cut_mid_sentence_goes_on_with_the_story_it_was_cut_from():
    story = _joined("港区里一座座炼化装置高耸入云，企业生产的聚烯烃产品供不", "另一篇报道讲的是城市里的公园。", "公园",
                    "应求，聚烯烃产能还将扩大。")
    assert [r.text for r in story.unit.paragraphs] == ["港区里一座座炼化装置高耸入云，企业生产的聚烯烃产品供不应求，聚烯烃产能还将扩大。"]
    assert story.unit.paragraphs[0].lines == [1, 20]


def test_a_fragment_goes_on_with_the_story_sharing_its_words_not_merely_the_nearest():
    story = _joined("古雷石化基地去年实现产值超过千亿元。", "南京试点中小学周末开放校园。", "南京试点",
                    "基地是国家七大石化产业基地之一。")
    assert [r.text for r in story.unit.paragraphs] == ["古雷石化基地去年实现产值超过千亿元。基地是国家七大石化产业基地之一。"]


def test_a_fragment_goes_on_with_the_story_that_breaks_off_mid_sentence_before_one_that_shares_more_words():
    story = _joined("古雷石化基地的企业生产的聚烯烃产品供不", "聚烯烃产能去年扩大了一成。", "聚烯烃产能扩大",
                    "应求，聚烯烃产能还将扩大。")
    assert story.unit.paragraphs[0].lines == [1, 20]


def test_a_fragment_printed_before_the_story_it_ends_goes_on_with_it():
    # an extractor may print a column's last lines before the story's opening column
    fragment = _story("雨，多处电力线路受损停电。", first_line=1, mid_sentence=True)
    complete = _story("另一篇报道讲的是城市里的公园。", first_line=5)
    complete.group = _group("公园")
    waiting = _story("受台风影响，部分乡镇遭遇强风暴", first_line=10)
    waiting.group = _group("台风过境后恢复供电")
    parts = [fragment, complete, waiting]
    join_fragments(parts)
    assert parts == [complete, waiting]
    assert [r.text for r in waiting.unit.paragraphs] == ["受台风影响，部分乡镇遭遇强风暴雨，多处电力线路受损停电。"]


def test_a_fragment_closed_by_a_byline_goes_on_with_its_story_and_takes_the_byline():
    story = _story("餐飲業界表示，黃金周期")
    story.group = _group("入境旅客逾百萬人次")
    fragment = _story("間不少食肆需要排隊入座。", first_line=20, mid_sentence=True)
    fragment.byline = Text("■記者 何嘉雯", Span.from_lines([30]))
    parts = [story, fragment]
    join_fragments(parts)
    assert parts == [story]
    assert story.unit.paragraphs[0].text == "餐飲業界表示，黃金周期間不少食肆需要排隊入座。"
    assert story.byline is not None and story.byline.text == "■記者 何嘉雯"


def _later_column_first(opener_text: str, dateline: str | None = "新华社重庆9月5日电") -> tuple[list, Story, Group]:
    """[a headline over text that begins mid-sentence, a story without one]: an extractor
    printed the story's second column, under the headline, before its first."""
    later = _story("子，就是全部的家当。", first_line=10, mid_sentence=True)
    later.group = group = _group("山城的台阶", line=8)
    opener = _story(opener_text, first_line=20)
    opener.unit.dateline = Text(dateline, Span.from_lines([19])) if dateline else None
    return [later, opener], opener, group


def test_a_headline_over_a_later_column_goes_to_the_story_that_opens_and_breaks_off_before_it():
    parts, opener, group = _later_column_first("石梯上最热闹的，是那些挑夫，一根竹棒、两根绳")
    join_headed_fragments(parts)
    assert parts == [opener] and opener.group is group
    assert [r.text for r in opener.unit.paragraphs] == ["石梯上最热闹的，是那些挑夫，一根竹棒、两根绳子，就是全部的家当。"]


def test_a_headline_over_a_later_column_finds_its_first_column_anywhere_on_the_page_by_its_words():
    parts, opener, group = _later_column_first("山城的台阶上最热闹的，是那些挑夫，一根竹棒、两根绳")
    other = _story("新编越剧在大剧院首演。", first_line=15)
    parts = [parts[0], other, opener]  # another story stands between the two columns
    join_headed_fragments(parts)
    assert parts == [other, opener] and opener.group is group
    assert opener.unit.paragraphs[-1].text.endswith("两根绳子，就是全部的家当。")


def test_a_headline_over_a_later_column_stays_when_no_first_column_shares_its_words():
    parts, opener, group = _later_column_first("石梯上最热闹的，是那些挑夫，一根竹棒、两根绳")
    other = _story("新编越剧在大剧院首演。", first_line=5)
    parts = [parts[0], other, opener]
    join_headed_fragments(parts)
    assert len(parts) == 3 and parts[0].group is group


def test_a_story_that_ends_its_sentence_keeps_its_place_beside_a_headed_later_column():
    parts, opener, _ = _later_column_first("石梯上最热闹的，是那些挑夫。")
    join_headed_fragments(parts)
    assert len(parts) == 2 and opener.group is None


def test_a_headed_story_opened_by_its_own_dateline_is_no_later_column():
    parts, opener, _ = _later_column_first("石梯上最热闹的，是那些挑夫，一根竹棒、两根绳")
    parts[0].unit.dateline = Text("本报讯", Span.from_lines([9]))
    join_headed_fragments(parts)
    assert len(parts) == 2 and opener.group is None


def test_text_that_begins_a_paragraph_goes_on_with_the_one_story_it_shares_its_words_with():
    parts, story, other, _ = _after_joining("库布其沙漠腹地的绿氢项目正式投产，绿氢是深度脱碳的途径。", "新编越剧在大剧院首演。",
                                            "越剧首演", "业内人士指出，绿氢是深度脱碳的重要途径。", mid_sentence=False)
    assert parts == [story, other]
    assert [r.text for r in story.unit.paragraphs] == ["库布其沙漠腹地的绿氢项目正式投产，绿氢是深度脱碳的途径。",
                                                       "业内人士指出，绿氢是深度脱碳的重要途径。"]


def test_text_that_begins_a_paragraph_may_be_a_story_of_its_own_and_is_left_alone():
    # it shares nothing telling with any story: perhaps its headline was missed
    story = _story("古雷石化基地去年实现产值超过千亿元。")
    fragment = _story("南京三十所中小学试点周末开放校园。", first_line=20)
    parts = [story, fragment]
    join_fragments(parts)
    assert parts == [story, fragment]


def test_text_that_begins_a_paragraph_sharing_words_with_two_stories_alike_is_left_alone():
    parts, *three = _after_joining("古雷石化基地去年实现产值超过千亿元。", "古雷石化基地今年新开工项目十个。", "古雷新项目",
                                   "古雷石化基地是国家七大石化产业基地之一。", mid_sentence=False)
    assert parts == three


def test_text_opened_by_a_headline_dateline_or_bullet_is_no_fragment():
    story = _story("第一篇的正文。")
    bulleted = _story("■第二条简讯。", first_line=10)
    headed = _story("第三篇的正文。", first_line=20)
    headed.group = _group("第三篇")
    parts = [story, bulleted, headed]
    join_fragments(parts)
    assert parts == [story, bulleted, headed]


def test_a_headline_printed_away_from_its_story_finds_it_by_shared_words():
    far_body = _story("证券监管机构昨日宣布，再向两间虚拟资产交易平台发牌，持牌平台增至十二家。", first_line=30)
    parts = [_group("虚拟资产交易平台再获发牌", kicker="监管机构：只可经持牌平台交易"),
             _group("公屋轮候时间须有实质下降", line=10), _story("房屋当局最新公布公屋轮候时间。", first_line=12),
             far_body]
    orphans = attach_headlines(parts, facing_after=False, diagnostics=(found := []))
    assert orphans == [] and far_body.group is parts[0]
    assert "headline-far" in [d.code for d in found]


def test_a_lone_title_sharing_words_with_no_story_labels_what_follows():
    parts = [_group("要闻"), _group("城市公园开放", line=9), _story("城市公园今天开放。", first_line=10)]
    attach_headlines(parts, facing_after=False, diagnostics=[])
    assert isinstance(parts[0], SectionHead)


def test_a_headline_whose_neighbours_share_nothing_with_it_takes_the_far_story_that_does():
    near = _story("今天天气晴朗，市民纷纷外出踏青。", first_line=1)
    other_head = _group("市民踏青", line=20)
    far_body = _story("证券监管机构昨日宣布，再向两间虚拟资产交易平台发牌。", first_line=30)
    parts = [near, _group("虚拟资产交易平台再获发牌", line=10), other_head, far_body]
    found: list = []
    attach_headlines(parts, facing_after=True, diagnostics=found)
    assert far_body.group is parts[1] and near.group is other_head
    assert {d.code for d in found} == {"headline-far"}


def test_a_story_that_goes_on_from_another_page_takes_no_far_headline():
    continued = _story("虚拟资产交易平台的发牌工作还将继续。", first_line=30)
    continued.unit.continued_from = Continuation("from", Text("（上接A01版）", Span.from_lines([29])), "A01")
    group = _group("虚拟资产交易平台再获发牌", line=10)
    group.stray = True
    parts = [_story("无关的正文。"), group, continued]
    attach_headlines(parts, facing_after=False, diagnostics=[])
    assert continued.group is None


def test_a_byline_line_before_a_headline_with_its_own_byline_closes_the_story_before():
    from converter.assemble import _attach_bylines

    first, second = _story("房屋局提醒申请人。"), _story("横琴推出新一轮便利措施。", first_line=40)
    byline = lambda s, n: Text(s, Span.from_lines([n]))  # noqa: E731
    group = _group("横琴推澳门居民购房优惠", line=36)
    parts = [first, byline("东海日报记者 区嘉欣", 34), group, byline("东海日报记者 梁志豪", 38), second]
    _attach_bylines(parts)
    assert first.byline.text == "东海日报记者 区嘉欣" and second.byline.text == "东海日报记者 梁志豪"
    assert parts == [first, group, second]


def test_a_byline_given_to_the_next_headline_goes_back_when_that_story_has_its_own():
    from converter.assemble import _return_bylines

    before = _story("有區議員建議，當局可考慮在海濱引入更多元化的活動。")
    group = _group("虛擬資產交易平台再獲發牌")
    group.byline, group.byline_else = Text("記者 區詠詩 報道", Span.from_lines([50])), before
    story = _story("證券監管機構昨日宣布，再向兩間平台發牌。", first_line=80)
    story.group, story.byline = group, Text("記者 蕭子健 報道", Span.from_lines([79]))
    _return_bylines([before, story])
    assert before.byline is not None and before.byline.text == "記者 區詠詩 報道"
    assert group.byline is None
    # a story without a byline of its own keeps the headline's
    group.byline, before.byline, story.byline = before.byline, None, None
    _return_bylines([before, story])
    assert group.byline is not None and before.byline is None


def test_a_printouts_page_that_opens_with_text_goes_on_with_the_story_the_page_before_left_open():
    before = _story("8月的青岛，海风习习，海水浴场迎来游客最高峰。")
    before.group = _group("海水浴场迎来“最热周末”")
    fragment = _story("为保障游客安全，各海水浴场增派了救生员。", first_line=40)
    other = _story("深秋时节，站在延安市宝塔区的山梁上远眺。", first_line=50)
    other.group = _group("黄土高坡上的“绿色接力”", line=45)
    parts = [fragment, other]
    join_fragments(parts, before)
    assert parts == [other]
    assert [r.text for r in before.unit.paragraphs][-1] == "为保障游客安全，各海水浴场增派了救生员。"
    # without the story the page before left open, the text stays a story of its own
    fragment = _story("为保障游客安全，各海水浴场增派了救生员。", first_line=40)
    parts = [fragment, other]
    join_fragments(parts)
    assert parts == [fragment, other]


def test_the_story_a_page_leaves_open_is_its_last_with_text_not_an_empty_one_after_it():
    from converter.assemble import _last_open

    story = _story("一封读者来信，反映的往往是一件小事，却直接影响着群众的获得感和对政府的")
    empty = Story(Unit([], byline=Text("本报记者 王明", Span.from_lines([30]))))
    assert _last_open([story, empty]) is story
    story.unit.paragraphs = [Run((piece(1, "一封读者来信，反映的往往是一件小事。"),))]
    story.unit.closed = True
    assert _last_open([story, empty]) is None


def test_a_dateline_cut_off_from_its_text_opens_the_next_story():
    from converter.assemble import _open_next_story

    opening = Story(Unit([], dateline=Text("【本報訊】", Span.from_lines([48]))))
    story = _story("一年一度的新春賀歲足球賽昨日在大球場舉行。", first_line=50)
    parts = [opening, story]
    _open_next_story(parts)
    assert parts == [story] and story.unit.dateline is not None and story.unit.dateline.text == "【本報訊】"
    # a story with a dateline of its own keeps it; the lone one stays where it is
    parts = [Story(Unit([], dateline=Text("【本報訊】", Span.from_lines([30])))), story]
    _open_next_story(parts)
    assert len(parts) == 2 and story.unit.dateline.span.first == 48


def test_an_editors_note_and_the_byline_after_it_open_the_story_that_follows():
    from converter.assemble import _merge_editor_notes

    note = _story("編者按：老店是城市的記憶。本版推出系列報道。", first_line=57)
    note.unit.byline = Text("（記者何穎琳）", Span.from_lines([61]))
    story = _story("福隆新街的紅窗木門，是不少遊客拍照的背景。", first_line=63)
    parts = [note, story]
    _merge_editor_notes(parts)
    assert parts == [story]
    assert story.unit.paragraphs[0].text.startswith("編者按") and story.unit.byline.text == "（記者何穎琳）"


def _opened_first_column(lead: str) -> tuple[list, Story, Story, Group]:
    """[a story opened by a dateline, another story, a headline over text that begins a
    paragraph]: the first, the headed one and the headline."""
    first = _story(lead, first_line=2)
    first.unit.dateline = Text("本报讯", Span.from_lines([1]))
    other = _story("新编越剧在大剧院首演，观众反响热烈。", first_line=10)
    other.unit.dateline = Text("本报讯", Span.from_lines([9]))
    later = _story("业内人士认为，新政将惠及更多家庭。", first_line=30)
    later.group = group = _group("住房公积金贷款额度提高", line=29)
    return [first, other, later], first, later, group


def test_a_headline_over_a_later_column_goes_to_the_opened_story_that_shares_its_words():
    parts, first, later, group = _opened_first_column("记者从市住房公积金中心获悉，住房公积金贷款额度提高至一百万元。")
    join_opened_columns(parts)
    assert len(parts) == 2 and first.group is group and later not in parts
    assert [r.text for r in first.unit.paragraphs][-1] == "业内人士认为，新政将惠及更多家庭。"


def test_an_opened_story_that_shares_no_words_with_the_headline_stays_apart():
    parts, first, later, group = _opened_first_column("秋收时节，田野里一片繁忙景象。")
    join_opened_columns(parts)
    assert len(parts) == 3 and later.group is group and first.group is None


def _byline_before_headline(closing_elsewhere: bool) -> tuple[list, Story, Story, Group]:
    """[a story (closed by its byline, or opened by it), a story, a byline line, a headline,
    its story]: the parts after the bylines are attached, the second story, the last one
    and the headline."""
    from converter.assemble import _attach_bylines

    first = _story("甲地新建的公园昨日开放。", first_line=2)
    first.unit.byline = Text("（记者王明）", Span.from_lines([3 if closing_elsewhere else 1]))
    second = _story("乙地书展昨日开幕，吸引大批读者。", first_line=5)
    group = _group("丙地修路", line=8)
    last = _story("丙地道路改造工程昨日动工。", first_line=9)
    parts = [first, second, Text("记者李华报道", Span.from_lines([6])), group, last]
    _attach_bylines(parts)
    return parts, second, last, group


def test_a_byline_before_a_headline_closes_the_story_before_it_on_a_page_whose_bylines_close():
    _, second, _, group = _byline_before_headline(closing_elsewhere=True)
    assert second.byline.text == "记者李华报道" and group.byline is None


def test_a_byline_before_a_headline_goes_with_it_on_a_page_whose_bylines_open():
    _, second, _, group = _byline_before_headline(closing_elsewhere=False)
    assert second.byline is None and group.byline.text == "记者李华报道"


def _interleaved_columns(later_column: str):
    """Two stories whose first columns break off mid-sentence, then a column that goes on
    mid-sentence: the extractor printed the first story's later column under the second's."""
    from converter.labeller.model import use_labeller
    from converter.pipeline import edition_from_text
    from test_labeller import _GivenLabels

    lines = ["深夜急诊室", "凌晨一点，急诊科的灯还亮着。急诊科医生", "陈明正在抢救一位胸痛患者，急诊", "",
             "轮椅上的剑客", "傍晚六点，击剑馆里剑锋相击，轮椅击剑", "运动员陆文杰坐在轮椅上，手持重剑，目光", "",
             later_column]
    use_labeller(_GivenLabels(["head-B", "p-B", "p-I", "head-B", "p-B", "p-I", "p-I"]))
    try:
        edition = edition_from_text("\n".join(lines) + "\n")
    finally:
        use_labeller(None)
    articles = sorted((a for a in edition.all_items() if isinstance(a, Article)), key=lambda a: a.head.span.first)
    moved = [d.span.first for d in edition.diagnostics if d.code == "column-moved"]
    return [(a.head.text, "".join(b.text.text for b in a.body)) for a in articles], moved


def test_a_later_column_sharing_the_words_of_another_story_that_breaks_off_goes_on_with_it():
    [(first, first_text), (second, second_text)], moved = _interleaved_columns(
        "室里每天都有胸痛患者，急诊科医生说，抢救胸痛患者要和时间赛跑。")
    assert (first, second) == ("深夜急诊室", "轮椅上的剑客") and moved == [9]  # reported for the proof-reader
    assert first_text.endswith("急诊室里每天都有胸痛患者，急诊科医生说，抢救胸痛患者要和时间赛跑。")
    assert second_text.endswith("目光")


def test_a_later_column_sharing_no_more_words_with_another_story_stays_where_it_was_printed():
    [(_, first_text), (_, second_text)], moved = _interleaved_columns("坚定，观众席上响起了掌声。")
    assert first_text.endswith("急诊") and second_text.endswith("目光坚定，观众席上响起了掌声。") and not moved


def test_a_long_text_that_begins_a_paragraph_goes_on_with_the_story_whose_headline_it_speaks_of():
    # few of its many words are in the short story, but most of the story's headline's are in it
    host = _story("八月的海滨，游人如织。")
    host.group = _group("海滨浴场增派救生员", line=0)
    other = _story("新编越剧在大剧院首演，观众座无虚席。", first_line=10)
    other.group = _group("越剧首演")
    fragment = _story("为保障游客安全，各浴场增派了救生员，在深水区设置了防护网和警示浮标，沙滩上还设立了医疗"
                      "救护站和走失儿童寻找点，救生员每隔半小时轮换一次，全天候盯守海面。", first_line=20)
    parts = [host, other, fragment]
    join_fragments(parts)
    assert parts == [host, other] and len(host.unit.paragraphs) == 2


def test_a_far_choice_early_on_page_does_not_shut_out_a_neighbours_better_one_later():
    # the first headline's neighbour shares nothing with it, so it may take a body from afar,
    # and shares a little with the bank story's; the bank headline, right over that body,
    # shares much more: it must win, though a story between joins the two paths
    first = _group("政府公布住宅地供应计划", line=1)
    idle = _story("今天天气晴朗，市民纷纷外出踏青。", first_line=2)
    middle = _group("城市公园开放", line=10)
    park = _story("城市公园今天开放，城市公园设有步道。", first_line=11)
    bank = _group("本地银行推绿色按揭", line=20)
    bank_body = _story("本地一间中型银行昨日推出绿色按揭，政府亦公布资助计划，绿色按揭息率较低。", first_line=21)
    parts = [first, idle, middle, park, bank, bank_body]
    attach_headlines(parts, facing_after=False, diagnostics=[])
    assert bank_body.group is bank and park.group is middle


def test_a_page_of_many_far_claims_finds_every_story():
    # a digest of the page's own stories: every title may claim its story from afar
    titles = ["港口吞吐量创新高", "乡村公路通客车", "高校食堂推半份菜", "古镇办起数字会客厅", "湿地迎来候鸟",
              "夜市摊位一位难求", "山区学校建起球场", "老街烟火重生", "茶园建起数字大棚", "地铁新线开通"] * 3
    parts, bodies = [], []
    for k, title in enumerate(titles):
        parts += [_group(f"{title}{k}", line=10 * k + 1), _group(f"第{k}条", line=10 * k + 2)]
        bodies.append(_story(f"记者获悉，{title}{k}，相关部门表示将继续推进。", first_line=1000 + k))
    parts += [_story("与以上各条无关的一段文字。", first_line=999), *bodies]
    attach_headlines(parts, facing_after=False, diagnostics=[])
    assert all(body.group is not None and body.group.text.startswith(title)
               for body, title in zip(bodies, titles))
