"""Units (article bodies) from a flow's paragraphs, by the labeller's roles: the
labels decide what a paragraph is; recognisers only find where an element ends
inside a line it shares."""
from __future__ import annotations

import pytest

from converter.body import split_units
from converter.unwrap import Run, piece


def _flow(*paragraphs: list[tuple[str, str]]):
    """Paragraphs of (role, line text); lines are numbered from 1 in order, each
    paragraph's first line labelled B, the others I."""
    runs, labels, n = [], {}, 0
    for lines in paragraphs:
        pieces = []
        for k, (role, text) in enumerate(lines):
            n += 1
            labels[n] = f"{role}-{'I' if k else 'B'}"
            pieces.append(piece(n, text))
        runs.append(Run(tuple(pieces)))
    return runs, labels


def test_a_byline_closing_a_story_is_its_byline_whatever_its_form():
    runs, roles = _flow([("p", "居民可以把吃不完的面包放进冰箱。")], [("byline", "报道：郭慧玲")])
    [unit] = split_units(runs, roles)
    assert unit.byline.text == "报道：郭慧玲"
    assert [r.text for r in unit.paragraphs] == ["居民可以把吃不完的面包放进冰箱。"]


def test_a_reporter_note_closing_a_story_of_several_paragraphs_is_its_byline():
    """A brief's note names its reporter in one paragraph; after a story's several
    paragraphs the same form is the story's closing byline. A reprint or data note stays a note."""
    story = [("p", "第一段正文。")], [("p", "第二段正文。")]
    runs, roles = _flow(*story, [("source", "（记者 夏天）")])
    [unit] = split_units(runs, roles)
    assert unit.byline.text == "（记者夏天）" and unit.source_note is None
    runs, roles = _flow([("p", "一段简讯。")], [("source", "（记者 夏天）")])
    [brief] = split_units(runs, roles)
    assert brief.byline is None and brief.source_note.text == "（记者夏天）"
    for note in ("（摘自10月24日《北方时评》作者：史知远）", "（资料来源：国家统计局）"):
        runs, roles = _flow(*story, [("source", note)])
        [unit] = split_units(runs, roles)
        assert unit.byline is None and unit.source_note.text == note


def test_a_byline_line_after_a_dateline_line_opens_the_same_story():
    runs, roles = _flow([("dateline", "新华社绥化10月2日电")], [("byline", "（记者 于海涛、姜丽）")],
                        [("p", "国庆前后，黑土地上一派丰收景象。")])
    [unit] = split_units(runs, roles)
    assert (unit.dateline.text, unit.byline.text) == ("新华社绥化10月2日电", "（记者于海涛、姜丽）")
    assert unit.source_note is None and len(unit.paragraphs) == 1


def test_a_dateline_no_form_knows_ends_at_its_closing_bracket_or_sending_word():
    runs, roles = _flow([("dateline", "（吉隆坡23日讯）当局昨日宣布"), ("p", "新措施。")],
                        [("dateline", "東海日報訊 本港昨日"), ("p", "天晴。")])
    first, second = split_units(runs, roles)
    assert first.dateline.text == "（吉隆坡23日讯）" and first.paragraphs[0].text == "当局昨日宣布新措施。"
    assert second.dateline.text == "東海日報訊" and second.paragraphs[0].text == "本港昨日天晴。"


def test_a_byline_before_more_text_opens_a_new_story():
    runs, roles = _flow([("p", "第一篇的正文。")], [("byline", "林诺洋 报道")], [("p", "第二篇的正文。")])
    first, second = split_units(runs, roles)
    assert first.byline is None and second.byline.text == "林诺洋 报道"


def test_a_paragraph_labelled_body_keeps_a_dateline_lookalike():
    runs, roles = _flow([("p", "本报讯不是每篇都有的。")])
    [unit] = split_units(runs, roles)
    assert unit.dateline is None and unit.paragraphs[0].text == "本报讯不是每篇都有的。"


def test_a_signature_block_the_labels_found_is_the_closer_even_wrapped():
    runs, labels = _flow([("p", "对本公告有异议的，可于十个工作日内提出。")],
                         [("closer", "武义县人民"), ("closer", "政府"), ("closer", "2025年11"), ("closer", "月8日")])
    labels[4] = "closer-B"  # the date begins a new item
    [unit] = split_units(runs, labels)
    closer = unit.closer
    assert ([t.text for t in closer.signed], closer.date.text, closer.date_when) == (["武义县人民政府"], "2025年11月8日", "2025-11-08")


def test_text_begun_on_the_dateline_line_goes_on_into_the_next_paragraph():
    runs, labels = _flow([("dateline", "本报讯（记者李新和）如")], [("p", "何把群众关注的事项办好。")],
                         [("p", "第二段。")])
    [unit] = split_units(runs, labels)
    assert [r.text for r in unit.paragraphs] == ["如何把群众关注的事项办好。", "第二段。"]


def test_a_byline_after_a_dateline_on_its_line_is_read_with_the_line_s_spacing():
    runs, labels = _flow([("dateline", "本报讯本报记者 马宏伟 第二十四"), ("p", "届环湖赛21日进行。")])
    [unit] = split_units(runs, labels)
    assert (unit.dateline.text, unit.byline.text) == ("本报讯", "本报记者 马宏伟")
    assert unit.paragraphs[0].text == "第二十四届环湖赛21日进行。"


def test_a_byline_ending_the_dateline_s_line_ends_there():
    runs, labels = _flow([("dateline", "本报讯记者 蒲丽"), ("p", "放碑附近的一条老街上，年货节正热闹。")])
    [unit] = split_units(runs, labels)
    assert (unit.dateline.text, unit.byline.text) == ("本报讯", "记者 蒲丽")
    assert unit.paragraphs[0].text == "放碑附近的一条老街上，年货节正热闹。"


def test_a_reporters_byline_wrapped_after_a_dateline_is_the_byline():
    runs, roles = _flow([("dateline", "综合新华社电记者毛"), ("byline", "鹏飞报道： 第46届东"), ("p", "盟峰会26日开幕。")])
    [unit] = split_units(runs, roles)
    assert (unit.dateline.text, unit.byline.text) == ("综合新华社电", "记者毛鹏飞报道：")
    assert [r.text for r in unit.paragraphs] == ["第46届东盟峰会26日开幕。"]


@pytest.mark.parametrize("lines, dateline, byline, text", [
    (("【東海日報專訊】■記者", "張志軒 治安警察局數據顯", "示，七月份旅客增加。"),
     "【東海日報專訊】", "■記者張志軒", "治安警察局數據顯示，七月份旅客增加。"),
    # two roles: it ends at the last gap before the text
    (("本报讯本报记者 符晓 王丽梅", "通讯员 方海洋 11月18日，记", "者从有关部门获悉。"),
     "本报讯", "本报记者 符晓 王丽梅通讯员 方海洋", "11月18日，记者从有关部门获悉。"),
])
def test_a_byline_wrapped_from_the_dateline_line_ends_at_a_gap_in_the_next(lines, dateline, byline, text):
    runs, roles = _flow(list(zip(("dateline", "byline", "p"), lines)))
    [unit] = split_units(runs, roles)
    assert (unit.dateline.text, unit.byline.text) == (dateline, byline)
    assert [r.text for r in unit.paragraphs] == [text]


def test_a_readers_letter_after_another_story_is_a_story_of_its_own():
    runs, roles = _flow([("p", "市民投喂海鸥时，请使用专用鸥粮。")], [("p", "编辑同志：我今年72岁，患有心脏病。")],
                        [("p", "那天我把药落在了公交车上。")])
    first, second = split_units(runs, roles)
    assert [r.text for r in first.paragraphs] == ["市民投喂海鸥时，请使用专用鸥粮。"]
    assert [r.text for r in second.paragraphs] == ["编辑同志：我今年72岁，患有心脏病。", "那天我把药落在了公交车上。"]


def test_a_reprint_note_ending_a_line_inside_a_paragraph_ends_its_story_there():
    runs, roles = _flow([("p", "秋冬季节要注意保暖。（摘自10月30日《申江健康报》作者：葛宇宁）"),
                         ("p", "饭，饭菜软烂适口，还能跟老邻居们聊聊天。")])
    first, second = split_units(runs, roles)
    assert first.source_note is not None and first.source_note.text == "（摘自10月30日《申江健康报》作者：葛宇宁）"
    assert [r.text for r in first.paragraphs] == ["秋冬季节要注意保暖。"]
    assert [r.text for r in second.paragraphs] == ["饭，饭菜软烂适口，还能跟老邻居们聊聊天。"]


def test_a_byline_line_running_into_the_text_ends_after_its_names():
    runs, roles = _flow([("byline", "本报记者 吴晓兰 5月5"), ("p", "日，一批梵净山抹茶从铜仁运往上海港。")])
    [unit] = split_units(runs, roles)
    assert unit.byline.text == "本报记者 吴晓兰"
    assert [r.text for r in unit.paragraphs] == ["5月5日，一批梵净山抹茶从铜仁运往上海港。"]


def test_a_byline_before_a_dateline_opens_the_next_story_when_the_one_before_has_its_own():
    runs, roles = _flow([("byline", "維城經濟日報記者 顧永康")], [("p", "美國聯儲局啟動減息周期後，港股高息股跑贏大市。")],
                        [("byline", "維城經濟日報記者 馮卓謙")], [("dateline", "【本報訊】 日本央行昨日結束議息會議。")])
    first, second = split_units(runs, roles)
    assert first.byline.text == "維城經濟日報記者 顧永康" and second.byline.text == "維城經濟日報記者 馮卓謙"
    assert second.dateline.text == "【本報訊】"
    # a story with no byline yet takes the byline printed after it, before the next dateline
    runs, roles = _flow([("p", "美國聯儲局啟動減息周期後。")], [("byline", "（記者 馮卓謙）")],
                        [("dateline", "【本報訊】 日本央行昨日結束議息會議。")])
    first, second = split_units(runs, roles)
    assert first.byline.text == "（記者馮卓謙）" and second.byline is None


def test_a_page_that_prints_bylines_before_datelines_opens_stories_with_them():
    from converter.body import bylines_open

    opening, roles = _flow([("byline", "本報記者 區曉晴")], [("dateline", "【本報訊】 在營地大街一帶的窄巷裏。")])
    ambiguous, more = _flow([("p", "臨時小販及推廣攤位許可證。")], [("byline", "（記者區曉晴）")],
                            [("dateline", "【本報訊】 一個青年服務團體昨日公布調查結果。")])
    more = {n + len(roles): label for n, label in more.items()}  # the second flow's lines come after
    ambiguous = [Run(tuple(piece(p.line + len(roles), p.text) for p in run.pieces)) for run in ambiguous]
    labels = {**roles, **more}
    assert bylines_open([opening, ambiguous], labels)
    first, second = split_units(ambiguous, labels, bylines_first=True)
    assert first.byline is None and second.byline.text == "（記者區曉晴）"
    # a page whose bylines end its stories votes the other way
    closing, closing_roles = _flow([("p", "正文。")], [("byline", "（記者區曉晴）")])
    assert not bylines_open([closing], closing_roles)


def test_a_byline_no_recogniser_reads_takes_the_lines_labelled_byline():
    runs, roles = _flow([("byline", "本报记者"), ("byline", "黎明"), ("p", "3月16日，记者走访广州多个农贸市场。")])
    [unit] = split_units(runs, roles)
    assert unit.byline.text == "本报记者黎明"
    assert [r.text for r in unit.paragraphs] == ["3月16日，记者走访广州多个农贸市场。"]


def test_a_marker_read_both_ways_alone_on_its_line_goes_with_the_text_it_touches():
    """"（接A03）" alone on its line, a blank line above it and the continued text right
    under it, opens that text, though the text before it breaks off mid-sentence."""
    runs = [Run((piece(1, "一篇报道的最后一行没有"),)), Run((piece(3, "（接A03）"),)),
            Run((piece(4, "南市警察局指出，案件仍在调查。"),))]
    first, second = split_units(runs, {1: "p-B", 3: "jump-B", 4: "p-B"})
    assert first.continued_to is None
    assert second.continued_from.direction == "from" and second.continued_from.page == "A03"
    # right under the text that breaks off, with a blank line after it, it closes that text
    runs = [Run((piece(1, "一篇报道的最后一行没有"),)), Run((piece(2, "（接A03）"),)),
            Run((piece(4, "另一篇的正文。"),))]
    first, second = split_units(runs, {1: "p-B", 2: "jump-B", 4: "p-B"})
    assert first.continued_to.direction == "to" and second.continued_from is None
