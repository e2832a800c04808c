"""The line labeller: gold alignment, features, the label-driven elements, the shipped
model, deterministic training and the doubt diagnostics."""
from __future__ import annotations

import pytest

from converter.labeller import model as labeller_model
from converter.labeller.features import edition_shapes, page_features
from converter.labeller.model import Labelled, closing_signatures, closing_stacks, photo_credits, signature_elements, heading_bylines, labeller, pages_of
from converter.labeller.roles import LABELS, ROLES, label, role_of, starts
from converter.labeller.segments import Element, page_elements
from converter.normalize import split_lines
from converter.pipeline import edition_from_text
from converter.source import SourceLine
from corpus.align import Value, align, gold_values
from corpus.train import examples, train
from gold import fixtures


@pytest.mark.parametrize("fixture", fixtures(), ids=lambda f: f.name)
def test_every_gold_value_is_found_again_in_its_lines(fixture):
    lines, _ = split_lines(fixture.input_text())
    aligned = align(lines, gold_values(fixture.gold()))
    assert aligned.unmatched == 0
    assert all((y is None) == line.blank for line, y in zip(lines, aligned.labels))
    assert set(filter(None, aligned.labels)) <= set(LABELS)


def test_alignment_prefers_the_place_after_the_previous_line():
    lines = [SourceLine(1, "滨江日报"), SourceLine(2, "要闻"), SourceLine(3, "滨江日报讯 今天")]
    values = [Value("furniture", "滨江日报"), Value("section", "要闻"), Value("dateline", "滨江日报讯"),
              Value("p", "今天")]
    assert align(lines, values).labels == ["furniture-B", "section-B", "dateline-B"]


def test_alignment_puts_a_line_whose_words_recur_where_the_next_line_goes_on():
    lines = [SourceLine(1, "市人大会议"), SourceLine(2, "听取了报告。")]
    values = [Value("sub", "（市人大会议通过）"), Value("p", "市人大会议听取了报告。")]
    assert align(lines, values).labels == ["p-B", "p-I"]


def test_labels_are_roles_with_begin_or_inside():
    assert len(LABELS) == 2 * len(ROLES) and label("head", True) == "head-B"
    assert role_of("p-I") == "p" and starts("kicker-B") and not starts("p-I")
    with pytest.raises(ValueError):
        label("headline", True)


def test_features_one_per_filled_line_and_repeats_across_pages():
    text = "A3 经济\n\n标题在此\n正文一行，很长很长很长。\n\fA4 经济\n另一页的正文。\n"
    lines, _ = split_lines(text)
    pages = pages_of(lines)
    shapes = edition_shapes(pages)
    rows = page_features(pages[0], shapes)
    assert len(rows) == sum(not line.blank for line in pages[0])
    assert "repeats" in rows[0] and "repeats" not in rows[1]  # "A0经济" runs on both pages
    assert "blank_before=<=1" in rows[1] and "from_top=<=0" in rows[0]
    assert page_features(pages[0], shapes) == rows  # deterministic


def _page(rows: list[tuple[str, str | None]]) -> list[Labelled]:
    return [Labelled(SourceLine(n, text), y, 1.0) for n, (text, y) in enumerate(rows, 1)]


def test_labels_make_heading_stacks_flows_strays_and_figures():
    page = _page([("引题在这里", "kicker-B"), ("主标题在这里", "head-B"), ("——副题", "sub-B"), ("", None),
                  ("第一段开头，", "p-B"), ("还在说", "p-I"), ("插进来的标题", "head-B"), ("的话。", "p-I"),
                  ("第二段。", "p-B"), ("", None), ("图为一张照片。", "caption-B"), ("张三 摄", "credit-B"),
                  ("另一张照片。", "caption-B")])
    elements, paragraph_starts = page_elements(page)
    assert [e.kind for e in elements] == ["heading", "body", "caption", "caption"]
    heading, flow = elements[0], elements[1]
    assert [line.number for line in heading.lines] == [1, 2, 3]
    assert [s.kind for s in flow.strays] == ["heading"] and flow.strays[0].lines[0].number == 7
    assert [line.number for line in flow.lines] == [5, 6, 8, 9]
    assert {5, 9} <= paragraph_starts and 8 not in paragraph_starts
    assert [line.number for line in elements[2].lines] == [11, 12]


def test_a_heading_after_a_briefs_page_reference_opens_the_next_brief_not_a_stray():
    # a digest's briefs have no indent: the model may read the next brief's first line as going on
    page = _page([("导读标题一", "head-B"), ("市政署本周六在公园举办市集，入场免費。 B15", "p-B"),
                  ("导读标题二", "head-B"), ("警方表示，车公诞期间", "p-I"), ("将实施交通管制。（B8）", "p-I")])
    elements, paragraph_starts = page_elements(page)
    assert [(e.kind, [line.number for line in e.lines], e.strays) for e in elements] == [
        ("heading", [1], []), ("body", [2], []), ("heading", [3], []), ("body", [4, 5], [])]
    assert paragraph_starts == {2, 4}


def test_a_heading_after_a_bare_number_stays_a_stray_when_the_text_goes_on():
    page = _page([("武汉马拉松鸣枪开跑。3", "p-B"), ("插进来的标题", "head-B"), ("的话。", "p-I")])
    elements, _ = page_elements(page)
    assert [e.kind for e in elements] == ["body"] and [s.kind for s in elements[0].strays] == ["heading"]


def test_a_headline_printed_around_a_line_of_furniture_stays_one_headline():
    page = _page([("浚县玉米收获", "head-B"), ("", None), ("《长风日报》（2025年3月31日", "furniture-B"), ("", None),
                  ("无人农机下地作业", "head-I"), ("", None), ("本报讯 正文。", "dateline-B")])
    elements, _ = page_elements(page)
    assert [e.kind for e in elements] == ["heading", "furniture", "body"]
    assert [line.number for line in elements[0].lines] == [1, 5]


def test_a_kicker_waits_for_its_headline_across_a_line_of_furniture():
    page = _page([("■今日关注", "kicker-B"), ("", None), ("副刊", "furniture-B"), ("", None),
                  ("西湖秋色", "head-B"), ("", None), ("秋天的西湖，是要慢慢看的。", "p-B")])
    elements, _ = page_elements(page)
    assert [e.kind for e in elements] == ["heading", "furniture", "body"]
    assert [line.number for line in elements[0].lines] == [1, 5]
    # a headline after a headline there is another stack
    page = _page([("标题一", "head-B"), ("", None), ("副刊", "furniture-B"), ("", None), ("标题二", "head-B")])
    assert [e.kind for e in page_elements(page)[0]] == ["heading", "furniture", "heading"]


def test_a_headline_after_a_subheadline_starts_a_new_stack():
    page = _page([("标题一", "head-B"), ("副题一", "sub-B"), ("标题二", "head-B")])
    elements, _ = page_elements(page)
    assert [len(e.lines) for e in elements if isinstance(e, Element)] == [2, 1]


def test_the_shipped_model_labels_every_line_with_a_probability():
    lines, _ = split_lines(fixtures(["seed"])[0].input_text())
    labelled = labeller().label(lines)
    assert [x.line for x in labelled] == lines
    assert all((x.label is None) == x.line.blank for x in labelled)
    assert all(0 < x.confidence <= 1 for x in labelled)
    assert all(y in labeller().labels for x in labelled for y, _ in x.alternatives)


def test_training_is_deterministic(tmp_path):
    data = [e for e in examples([], True) if e.name in ("hans_narrow_stray", "hant_hk_tailheads")]
    train(data, tmp_path / "a.crfsuite")
    train(data, tmp_path / "b.crfsuite")
    assert (tmp_path / "a.crfsuite").read_bytes() == (tmp_path / "b.crfsuite").read_bytes()


def test_doubtful_lines_are_reported_with_their_alternatives(tmp_path, monkeypatch):
    """A model trained on one edition is unsure of another's lines, and says so."""
    data = [e for e in examples([], True) if e.name == "hant_hk_tailheads"]
    train(data, tmp_path / "narrow.crfsuite")
    shipped = labeller_model.MODEL_PATH
    labeller_model.use_model(tmp_path / "narrow.crfsuite")
    try:
        edition = edition_from_text(fixtures(["hans_narrow_stray"])[0].input_text())
    finally:
        labeller_model.use_model(shipped)
    doubts = [d for d in edition.diagnostics if d.code == "label-doubt"]
    assert doubts and all(d.level == "info" and "probability" in d.message for d in doubts)
    assert all(d.span and d.span.first == d.span.last for d in doubts)


def test_a_credit_printed_above_its_caption_makes_one_figure_with_it():
    page = _page([("（胡斌 摄）", "credit-B"), ("游客在集市选购陶瓷作品。", "caption-B"),
                  ("另一张照片。", "caption-B")])
    elements, _ = page_elements(page)
    assert [[line.number for line in e.lines] for e in elements] == [[1, 2], [3]]


def test_a_figure_takes_its_credit_from_the_labels_even_begun_inside_the_caption_line():
    text = "霞姐在劏房內貼\n上揮春。 （資\n料圖片）\n\n新社记者 江涛 摄\n新安江深渡镇段江景。\n"
    labels = ["caption-B", "caption-I", "credit-I", None, "credit-B", "caption-B"]
    lines = split_lines(text)[0]
    page = [Labelled(line, y, 1.0) for line, y in zip(lines, labels)]
    from converter.assemble import Labels, Numbering, _figure

    first, second = (_figure(e.blocks, Numbering(), Labels({x.line.number: x.label for x in page if x.label}, set()))
                     for e in page_elements(page)[0])
    assert (first.caption.text, first.credit.text) == ("霞姐在劏房內貼上揮春。", "（資料圖片）")
    assert (second.caption.text, second.credit.text) == ("新安江深渡镇段江景。", "新社记者江涛摄")


def _built_page(parts):
    """A page built from its parts alone (no page before it; headlines face their text)."""
    from converter.assemble import _page, _settle

    return _page(parts, _settle(parts, False, [], None), 0)


def test_text_going_on_after_a_column_break_goes_on_with_the_story_waiting_mid_sentence():
    # the column before the break ends a paragraph (its last line ends a sentence short of the
    # line before), the story above broke off mid-sentence: the text after the break is the
    # rest of that story, not of the one it is printed after
    from converter.assemble import Labels, Numbering, _parts

    page = _page([("石化基地产值增长", "head-B"), ("", None), ("港区企业生产的聚烯烃产品供", "p-B"), ("", None),
                  ("城市公园开放", "head-B"), ("", None), ("城市公园今天开放，市民可", "p-B"), ("入园。", "p-I"),
                  ("", None), ("不应求，产能还将扩大。", "p-I")])
    labels = Labels({x.line.number: x.label for x in page if x.label}, set())
    parts = _parts(page_elements(page)[0], Numbering(), [], labels)
    built = _built_page(parts)
    assert [[p.text.text for p in a.body] for a in built.items] == [
        ["港区企业生产的聚烯烃产品供不应求，产能还将扩大。"], ["城市公园今天开放，市民可入园。"]]


def test_a_full_line_that_ends_a_sentence_before_a_column_break_goes_on_after_it():
    # a column may break right after a sentence: a full last line does not end the paragraph
    from converter.assemble import Labels, Numbering, _parts

    page = _page([("石化基地产值增长", "head-B"), ("", None), ("港区企业生产的聚烯烃产品供", "p-B"), ("", None),
                  ("城市公园开放", "head-B"), ("", None), ("城市公园今天开放，市民", "p-B"), ("可以自由入园参观游览。", "p-I"),
                  ("", None), ("不少市民前来游览。", "p-I")])
    labels = Labels({x.line.number: x.label for x in page if x.label}, set())
    built = _built_page(_parts(page_elements(page)[0], Numbering(), [], labels))
    assert [[p.text.text for p in a.body] for a in built.items] == [
        ["港区企业生产的聚烯烃产品供"], ["城市公园今天开放，市民可以自由入园参观游览。不少市民前来游览。"]]


def test_a_credit_whose_first_characters_are_printed_after_the_rest_is_one_credit():
    from converter.assemble import Labels, Numbering, _figure

    page = _page([("志愿者指导孩子们制作风筝。", "caption-B"), ("强 摄", "credit-I"), ("", None),
                  ("黎国", "credit-B"), ("", None), ("另一张照片。", "caption-B"), ("张三 摄", "credit-B")])
    elements, _ = page_elements(page)
    assert [[line.number for line in e.lines] for e in elements] == [[1, 2, 4], [6, 7]]
    labels = Labels({x.line.number: x.label for x in page if x.label}, set())
    figure = _figure(elements[0].blocks, Numbering(), labels)
    assert (figure.caption.text, figure.credit.text) == ("志愿者指导孩子们制作风筝。", "黎国强 摄")


def test_two_headlines_read_across_by_the_extractor_head_their_own_stories():
    from converter.assemble import Labels, Numbering, _parts

    page = _page([("个人所得税年 张掖玉米制", "head-B"), ("度汇算怎么 种基地迎来", "head-I"), ("办？", "head-I"),
                  ("收获", "head-I"), ("", None), ("本报讯 个人所得税年度汇算开始，不会填报怎么办？", "dateline-B"),
                  ("", None), ("本报讯 张掖玉米制种基地迎来收获季节。", "dateline-B")])
    elements, paragraph_starts = page_elements(page)
    labels = Labels({x.line.number: x.label for x in page if x.label}, paragraph_starts)
    built = _built_page(_parts(elements, Numbering(), [], labels))
    assert sorted((a.head.text, a.body[0].text.text[:4]) for a in built.items) == [
        ("个人所得税年度汇算怎么办？", "个人所得"), ("张掖玉米制种基地迎来收获", "张掖玉米")]
    assert all(a.dateline.text == "本报讯" for a in built.items)


def test_a_furniture_line_cut_in_two_by_the_extractor_is_one_item():
    from converter.assemble import Labels, _furniture

    lines = [SourceLine(1, "首席编辑：唐宁英"), SourceLine(2, "组版：孟红国"), SourceLine(3, "B09")]
    items = _furniture(lines, Labels({1: "furniture-B", 2: "furniture-I", 3: "furniture-B"}, set()))
    assert [(f.kind, f.text.text) for f in items] == [("header", "首席编辑：唐宁英组版：孟红国"), ("folio", "B09")]
    assert items[0].text.span.ranges == ((1, 2),)


def test_a_furniture_line_printed_in_pieces_apart_is_one_item_of_its_page():
    from converter.assemble import Labels, Numbering, _parts

    page = _page([("二〇二五年四月十五日", "furniture-B"), ("", None), ("正文。", "p-B"), ("", None),
                  ("星期二 青川日报", "furniture-I")])
    labels = Labels({x.line.number: x.label for x in page if x.label}, {3})
    parts = _parts(page_elements(page)[0], Numbering(), [], labels)
    assert [f.text.text for f in parts.furniture] == ["二〇二五年四月十五日星期二 青川日报"]


def test_a_story_goes_on_past_furniture_and_a_figure_until_a_dateline_opens_another():
    page = _page([("第一段。", "p-B"), ("", None), ("本版编辑：张三", "furniture-B"), ("", None),
                  ("图为一张照片。", "caption-B"), ("", None), ("第二段。", "p-B"), ("", None),
                  ("本报讯 另一篇", "dateline-B")])
    elements, _ = page_elements(page)
    assert [e.kind for e in elements] == ["body", "furniture", "body"]
    assert [line.number for line in elements[0].lines] == [1, 7]
    assert [s.kind for s in elements[0].strays] == ["caption"]


def test_a_banner_of_a_dash_subtitle_alone_is_headed_by_it_and_loses_no_line():
    page = _page([("——我市深入推进清廉建设之清廉学校篇", "section-B")])
    from converter.assemble import _section_head

    head = _section_head(page_elements(page)[0][0])
    assert head.head.text == "——我市深入推进清廉建设之清廉学校篇" and head.subs == []


def test_a_heading_stack_of_an_issuer_down_to_a_bare_date_after_text_is_a_signature():
    texts = ["特此公告。", "雲岳資產管理股份有", "限公司", "中華民國114年11月", "14日", "債權讓與公告"]
    tags = ["p-I", "head-B", "head-I", "sub-B", "sub-I", "head-B"]
    assert closing_stacks(texts, tags) == [1, 2, 3, 4]  # the next notice's title stays a headline
    assert closing_stacks(["特此公告。", "董事會 謹啟", "2025年3月16日"], ["p-I", "kicker-B", "head-B"]) == [1, 2]


def test_signer_lines_read_as_a_headline_over_a_date_or_a_closer_are_a_signature():
    texts = ["會員準時出席。", "澳門氹仔坊眾聯誼會會員大", "會主席 盧志強", "二零二五年五月十五日", "周年會員", "大會召集"]
    # the date read as the headline's last line, the next notice's title as going on with it
    assert closing_stacks(texts, ["p-I", "head-B", "head-I", "head-I", "head-I", "head-I"]) == [1, 2, 3]
    # the date read as a closer already
    assert closing_stacks(texts, ["p-I", "head-B", "head-I", "closer-B", "head-B", "head-I"]) == [1, 2]
    # the date an element of its own under the signer's, the next title read as going on with it
    texts = ["證金不予發還。", "信衡資產管理股份", "有限公司", "中華民國114年10", "月2日", "不動", "產公告"]
    assert closing_stacks(texts, ["p-I", "head-B", "head-I", "sub-B", "sub-I", "sub-I", "sub-I"]) == [1, 2, 3, 4]


def test_a_date_opening_a_heading_stack_under_a_closer_is_the_signatures():
    texts = ["予計算。", "主任委員　許嘉文", "中華民國114年5", "月6日", "區分", "所有"]
    assert closing_stacks(texts, ["p-I", "closer-B", "head-B", "head-I", "head-I", "head-I"]) == [2, 3]
    # under text, a headline may open with a date
    assert closing_stacks(texts, ["p-I", "p-I", "head-B", "head-I", "head-I", "head-I"]) == []


def test_a_paragraph_of_signer_lines_over_a_bare_date_is_a_signature():
    texts = ["特此聲明作", "廢。", "股東　鄭淑芬", "中華民國114年8", "月5日", "股票遺失聲明"]
    tags = ["p-I", "p-I", "p-B", "p-I", "p-I", "head-B"]
    assert closing_signatures(texts, tags) == {2: "closer-B", 3: "closer-B", 4: "closer-I"}
    texts = ["特此聲明作廢。", "晴田小吃店", "負責人　涂美華", "中華民國114年5月20日", "遺失聲明"]
    tags = ["p-I", "p-B", "p-I", "p-I", "head-B"]
    assert closing_signatures(texts, tags) == {1: "closer-B", 2: "closer-I", 3: "closer-B"}
    # the issuer's lines read as going on with the text
    texts = ["123，特此", "声明作废。", "惠州市惠阳", "区佳美电子", "有限公司", "2025年4月", "10日", "遗失声明"]
    tags = ["p-B", "p-I", "p-I", "p-I", "p-I", "p-I", "p-I", "head-B"]
    assert closing_signatures(texts, tags) == {2: "closer-B", 3: "closer-I", 4: "closer-I", 5: "closer-B", 6: "closer-I"}


def test_a_signers_title_and_name_or_a_date_begins_an_element_of_a_signature():
    texts = ["晴田小吃店", "負責人　涂美華", "中華民國114年3", "月5日", "恒毅綠能科技股份有", "限公司"]
    tags = ["closer-B", "closer-I", "closer-I", "closer-I", "closer-B", "closer-I"]
    assert signature_elements(texts, tags) == [1, 2]


def test_a_signature_read_as_headings_and_text_is_one_when_it_names_an_issuer_or_official():
    texts = ["司無關。", "澄光精密五金有限", "公司", "負責人　賴守正", "中華民國114年3", "月12日", "遺失聲明"]
    tags = ["p-I", "head-B", "head-I", "p-B", "p-I", "p-I", "head-I"]
    assert closing_signatures(texts, tags) == {1: "closer-B", 2: "closer-I", 3: "closer-B", 4: "closer-B",
                                               5: "closer-I"}
    # a headline over a date names no issuer: no signature
    texts = ["互相帮助。", "中国队获得亚洲", "篮球锦标赛亚军", "2025年4月13日", "本报讯"]
    assert closing_signatures(texts, ["p-I", "head-B", "head-I", "p-B", "dateline-B"]) == {}


def test_a_byline_that_a_credits_last_line_goes_on_from_is_the_credits():
    assert photo_credits(["p-I", "byline-B", "credit-I", "p-I"]) == [1]  # "晚报记者　黄伟" / "摄"
    assert photo_credits(["p-I", "byline-B", "byline-I", "credit-I"]) == [1, 2]
    assert photo_credits(["byline-B", "dateline-B", "credit-B", "credit-I"]) == []


def test_a_paragraph_is_no_signature_with_sentences_after_running_text_or_without_a_date():
    tags = ["p-I", "p-B", "p-I", "head-B"]
    assert closing_signatures(["特此公告。", "會議決議如下，請周知。", "2025年3月16日", "續"], tags) == {}
    assert closing_signatures(["记者从公安部获悉", "股東　鄭淑芬", "2025年3月16日", "續"], tags) == {}
    assert closing_signatures(["特此公告。", "股東　鄭淑芬", "2025年3月16日起施行", "續"], tags) == {}
    assert closing_signatures(["特此公告。", "2025年3月16日", "股東　鄭淑芬", "續"], tags) == {}


def test_the_next_notices_title_after_a_signature_starts_a_stack(monkeypatch):
    lines, _ = split_lines("會員準時出席。\n澳門氹仔坊眾聯誼會會員大\n會主席 盧志強\n二零二五年五月十五日\n周年會員\n大會召集\n")
    tagger = type("Tagger", (), {"tag": lambda self, rows: ["p-I", "head-B", "head-I", "head-I", "head-I", "head-I"],
                                 "marginal": lambda self, tag, k: 1.0})()
    labelled = labeller_model.Labeller.__new__(labeller_model.Labeller)
    labelled._tagger = tagger
    monkeypatch.setattr(labeller_model, "certain_lines", lambda filled: {})
    tags = [str(line.label) for line in labelled.label(lines) if line.label]
    assert tags[1:] == ["closer-B", "closer-I", "closer-B", "head-B", "head-I"]  # the date an element of its own


def test_a_heading_stack_is_no_signature_without_a_bare_date_text_before_it_or_with_sentences():
    assert closing_stacks(["特此公告。", "董事會 謹啟", "2025年3月16日起施行"], ["p-I", "head-B", "sub-B"]) == []
    assert closing_stacks(["本报讯", "董事會 謹啟", "2025年3月16日"], ["furniture-B", "head-B", "sub-B"]) == []
    assert closing_stacks(["特此公告。", "會議決議如下，請周知。", "2025年3月16日"], ["p-I", "head-B", "sub-B"]) == []
    assert closing_stacks(["特此公告。", "2025年3月", "16日", "續"], ["p-I", "head-B", "head-I", "head-I"]) == []
    assert closing_stacks(["特此公告。", "會議決議如下，請周知。", "2025年3月16日"], ["p-I", "head-B", "closer-B"]) == []


class _GivenLabels:
    """A labeller that gives the non-blank lines these labels, in order."""

    def __init__(self, labels: list[str]) -> None:
        self.labels = labels

    def label(self, lines):
        given = iter(self.labels)
        return [Labelled(line, None if line.blank else next(given), 1.0) for line in lines]


def test_two_headlines_read_across_with_a_subheadline_among_their_lines_keep_every_character_once():
    """A head line after a subheadline is a title of its own: the headlines set side by side
    are read from the headline's own lines only, not from it as well."""
    from collections import Counter

    from converter.labeller.model import use_labeller
    from gold import records_from_edition

    text = ("10月份社会 前两个月规\n消费品零售 模以上工业\n总额同比增 增加值增\n长2.9%\n长5.9%\n"
            "国家统计局发布数据，10月份社会消费品零售总额同比增长2.9%。\n前两个月，规模以上工业增加值增长5.9%。\n")
    use_labeller(_GivenLabels(["head-B", "head-I", "sub-B", "sub-I", "head-I", "p-B", "p-B"]))
    try:
        edition = edition_from_text(text)
    finally:
        use_labeller(None)
    out = Counter("".join("".join(value.split()) for value in records_from_edition(edition).values))
    assert out == Counter("".join(text.split()))


def test_a_byline_read_as_the_last_line_of_a_heading_stack_is_a_byline():
    texts = ["组屋区增设乐龄健身角", "长者反应热烈", "报道：郑慧玲", "本地一个组屋区近日增设乐龄健身角，"]
    assert heading_bylines(texts, ["head-B", "head-I", "head-I", "p-B"]) == [2]
    assert heading_bylines(texts, ["head-B", "head-I", "sub-B", "p-B"]) == [2]


def test_a_heading_line_is_no_byline_unless_the_whole_line_is_one_and_text_follows():
    texts = ["记者手记", "新华社记者", "报道：郑慧玲", "报道：郑慧玲"]
    assert heading_bylines(texts, ["kicker-B", "head-B", "p-B", "head-B"]) == []  # "记者手记": a column tag
    assert heading_bylines(["侯子报道", "金管局维持新元汇率"], ["head-I", "head-B"]) == []  # a heading goes on


def test_a_credit_printed_apart_from_its_caption_goes_with_the_nearest_caption_without_one():
    from converter.labeller.model import use_labeller
    from gold import records_from_edition

    text = ("首段文字写在这里，说明了情况。\n卢晓 摄\n四川启动新一轮消费品以旧换新\n“小巷管家”在鼓浪屿巡查。\n"
            "本报厦门7月25日电 清晨，鼓浪屿上的游客还不多。\n")
    use_labeller(_GivenLabels(["p-B", "credit-B", "head-B", "caption-B", "dateline-B"]))
    try:
        edition = edition_from_text(text)
    finally:
        use_labeller(None)
    assert [f.key for f in records_from_edition(edition).figures] == [("“小巷管家”在鼓浪屿巡查。", "卢晓摄")]


def test_a_piece_of_a_credit_printed_apart_completes_the_nearest_credit_it_reads_as_one_with():
    from converter.labeller.model import use_labeller
    from gold import records_from_edition

    text = "男子100米决赛冲线瞬间。\n蒋凡\n本报讯 昨日，运动会开幕。\n摄\n"
    use_labeller(_GivenLabels(["caption-B", "credit-B", "dateline-B", "credit-I"]))
    try:
        edition = edition_from_text(text)
    finally:
        use_labeller(None)
    assert [f.key for f in records_from_edition(edition).figures] == [("男子100米决赛冲线瞬间。", "蒋凡摄")]
