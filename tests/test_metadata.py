"""Metadata: options, metadata files, inference from file name and masthead, conflicts, page labels."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from converter.conversion import ConvertOptions, convert_bytes
from converter.errors import InputError
from converter.metadata import Source, apply_page_labels, checked, from_file_name, from_text, load_toml, \
    masthead_values, resolve
from converter.model import Edition, Metadata, Page

FIXTURES = Path(__file__).parent / "fixtures" / "editions"


@pytest.mark.parametrize("line, values", [
    ("焦作日报", {"title": "焦作日报"}),
    ("焦 作 日 报", {"title": "焦作日报"}),
    ("港島日報", {"title": "港島日報"}),
    ("2024年2月6日 星期二", {"date": "2024-02-06", "date_printed": "2024年2月6日", "weekday": "星期二"}),
    ("2024年2月6日　星期二　农历癸卯年十二月廿七　第12345期",
     {"date": "2024-02-06", "date_printed": "2024年2月6日", "weekday": "星期二", "edition": "第12345期",
      "lunar_date": "农历癸卯年十二月廿七"}),
    ("二〇二四年二月二十六日 星期一", {"date": "2024-02-26", "date_printed": "二〇二四年二月二十六日", "weekday": "星期一"}),
    ("2025年3月14日 星期五 乙巳年二月十五",
     {"date": "2025-03-14", "date_printed": "2025年3月14日", "weekday": "星期五", "lunar_date": "乙巳年二月十五"}),
    ("２０２４年２月６日", {"date": "2024-02-06", "date_printed": "２０２４年２月６日"}),
    ("中華民國113年6月22日 星期六",  # the ROC era, as the lexicon reads it
     {"date": "2024-06-22", "date_printed": "中華民國113年6月22日", "weekday": "星期六"}),
    ("2024年2月6日 礼拜二 农历腊月廿七",
     {"date": "2024-02-06", "date_printed": "2024年2月6日", "weekday": "礼拜二", "lunar_date": "农历腊月廿七"}),
    ("2025年4月17日（星期四）　乙巳年三月二十",
     {"date": "2025-04-17", "date_printed": "2025年4月17日", "weekday": "星期四", "lunar_date": "乙巳年三月二十"}),
    ("2025年4月2日●星期三", {"date": "2025-04-02", "date_printed": "2025年4月2日", "weekday": "星期三"}),
    ("乙巳年二月十五", {"lunar_date": "乙巳年二月十五"}),
    ("第12345期 今日8版", {"edition": "第12345期"}),
    ("第12345期　每周二、四出版", {"edition": "第12345期"}),  # when it is published, not who publishes it
    ("CN 41-0017 第 12,345 期", {"edition": "第12,345期", "cn": "CN41-0017"}),
    ("国内统一连续出版物号　CN 26-0051　邮发代号37-1", {"cn": "CN26-0051"}),
    ("CN 17-0082　ISSN 4501-6131", {"cn": "CN17-0082", "issn": "ISSN4501-6131"}),
    ("零售价：2.00元　新闻热线：12345678", {"price": "零售价：2.00元"}),
    # the publisher, and the paper whose office it is
    ("中川日报社出版", {"publisher": "中川日报社", "title": "中川日报"}),
    ("中共校委宣传部主办", {"publisher": "中共校委宣传部"}),
    ("主办单位：某某市委宣传部", {"publisher": "某某市委宣传部"}),
    ("中共县委机关报", {"subtitle": "中共县委机关报"}),  # the organ line under a title is no title
    # running heads: the paper and the date beside the desk and the editors
    ("长风日报　二〇二五年三月二十八日　星期五",
     {"title": "长风日报", "date": "2025-03-28", "date_printed": "二〇二五年三月二十八日", "weekday": "星期五"}),
    ("2025年3月3日 星期一 责编：卢晓 美编：汤静", {"date": "2025-03-03", "date_printed": "2025年3月3日", "weekday": "星期一"}),
    # not mastheads: body text, a resolution's adoption line, an impossible date, a short issue phrase
    ("2024年2月6日，市委召开会议", {}),
    ("（2024年2月6日焦作市第十四届人民代表大会第二次会议通过）", {}),
    ("2024年2月30日 星期五", {}),
    ("第3期培训班开班", {}),
    ("工作报告", {}),
    ("广告经营许可证：京西工商广字第0045号 零售每份1.50元", {}),
])
def test_masthead_values(line, values):
    assert masthead_values(line) == values


@pytest.mark.parametrize("name, date", [
    ("jzrb_20240206.txt", "2024-02-06"), ("2024-02-06-A01.txt", "2024-02-06"), ("x_2024_02_06.txt", "2024-02-06"),
    ("焦作日报2024年2月6日.txt", "2024-02-06"), ("000_627fccb794dc0fc3.txt", None), ("jzrb_20241306.txt", None), ("id_120240206.txt", None),
])
def test_date_from_file_name(name, date):
    source = from_file_name(name)
    assert (source.values["date"] if source else None) == date


def test_masthead_only_at_the_top_of_each_page():
    body = "\n".join(f"正文第{i}行。" for i in range(20))
    text = f"滨江日报\n2025年3月14日 星期五\n{body}\n2025年3月15日 星期六\n\f滨江日报\n2025年3月14日 星期五\n"
    sources = from_text(text)
    assert [(s.name, s.values.get("date")) for s in sources] == [
        ("text line 1", None), ("text line 2", "2025-03-14"), ("text line 24", None), ("text line 25", "2025-03-14")]


def test_fixture_masthead_is_inferred():
    values = resolve(from_text((FIXTURES / "hans_headfirst_pages.txt").read_text(encoding="utf-8"))).values
    sources = values.pop("sources")
    assert values == {"title": "滨江日报", "date": "2025-03-14", "date_printed": "2025年3月14日", "weekday": "星期五",
                      "lunar_date": "乙巳年二月十五", "edition": "第12345期", "cn": "CN11-0000"}
    # the lines each came from, for the TEI header's @source
    assert [(s.field, str(s.span)) for s in sources] == [
        ("title", "1"), ("date", "3"), ("date_printed", "3"), ("weekday", "3"), ("lunar_date", "4"),
        ("edition", "5"), ("cn", "6")]


def test_explicit_value_wins_and_disagreement_is_reported():
    sources = [Source("command line", {"date": "2024-02-07"}, True),
               Source("text line 3", {"date": "2024-02-06"}, False, line=3)]
    resolved = resolve(sources)
    assert resolved.values == {"date": "2024-02-07"}
    (d,) = resolved.diagnostics
    assert (d.code, d.level, str(d.span)) == ("metadata-conflict", "warning", "3")
    assert d.message == "date: 2024-02-07 from command line; 2024-02-06 from text line 3; using command line"


def test_inferred_values_that_disagree_are_not_guessed():
    resolved = resolve([from_file_name("p_20240208.txt"), *from_text("2024年2月6日 星期二\n正文")])
    assert "date" not in resolved.values
    assert "left empty" in resolved.diagnostics[0].message


def test_agreeing_sources_are_quiet_and_issue_numbers_compare_by_digits():
    resolved = resolve([Source("command line", {"edition": "12345"}, True),
                        Source("text line 5", {"edition": "第12345期"}, False, line=5),
                        Source("file name", {"date": "2024-02-06"}, False),
                        Source("text line 2", {"date": "2024-02-06"}, False, line=2)])
    assert resolved.values == {"edition": "12345", "date": "2024-02-06"}
    assert resolved.diagnostics == ()


def test_weekday_that_does_not_fit_the_date_is_reported():
    (d,) = resolve(from_text("2024年2月6日 星期三\n正文")).diagnostics
    assert d.code == "metadata-weekday-mismatch" and "2024-02-06 is not a 星期三" in d.message


def test_toml_file_is_validated(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text('title = "焦作日报"\ndate = 2024-02-06\nedition = 12345\npages = ["A01", "A02"]\n',
                    encoding="utf-8")
    assert load_toml(good) == {"title": "焦作日报", "date": "2024-02-06", "edition": "12345",
                               "pages": ("A01", "A02")}
    for content, message in [
        ('titel = "x"', "unknown metadata key.*titel"),
        ('date = "2024-02-30"', "not a calendar date"),
        ('pages = ["A01", "A01"]', "given twice: A01"),
        ('pages = [1, 2]', "pages must be a list"),
        ('title = ["a"]', "title must be text"),
        ('title = "unclosed', "metadata file .*bad.toml"),
    ]:
        bad = tmp_path / "bad.toml"
        bad.write_text(content, encoding="utf-8")
        with pytest.raises(InputError, match=message):
            load_toml(bad)
    with pytest.raises(InputError, match="cannot read metadata file"):
        load_toml(tmp_path / "missing.toml")


def test_options_are_validated_like_files():
    assert checked({"pages": "A01, A02", "date": datetime.date(2024, 2, 6), "title": None}, "x") == {
        "pages": ("A01", "A02"), "date": "2024-02-06"}
    with pytest.raises(InputError, match="command line: empty page label"):
        checked({"pages": "A01,,A02"}, "command line")


def _pages(*labels):
    return tuple(Page(label) for label in labels)


def test_page_labels_are_applied_in_order():
    edition = apply_page_labels(Edition(Metadata(pages=("A01", "A02")), _pages(None, None)))
    assert [p.label for p in edition.pages] == ["A01", "A02"] and not edition.diagnostics


@pytest.mark.parametrize("given, found, labels, message", [
    (("A01", "A02", "A03"), (None, None), ["A01", "A02"], "3 page label(s) given for 2 page(s); the extra"),
    (("A01",), (None, "A05"), ["A01", "A05"], "1 page label(s) given for 2 page(s); the remaining"),
    (("A01", "A02"), ("A01", "B02"), ["A01", "A02"], "page 2 is labelled B02 in the text but A02 was given"),
])
def test_page_label_mismatches_are_warnings(given, found, labels, message):
    edition = apply_page_labels(Edition(Metadata(pages=given), _pages(*found)))
    assert [p.label for p in edition.pages] == labels
    (d,) = edition.diagnostics
    assert d.level == "warning" and message.replace("page(s);", "page(s) in the text;") in d.message


def test_convert_merges_options_beside_file_run_file_and_inference(tmp_path):
    source = tmp_path / "bjrb_20250314.txt"
    source.write_bytes((FIXTURES / "hans_headfirst_pages.txt").read_bytes())
    (tmp_path / "bjrb_20250314.meta.toml").write_text('publisher = "滨江日报社"\npages = ["A01","A02","A03"]\n',
                                                      encoding="utf-8")
    run_file = tmp_path / "run.toml"
    run_file.write_text('publisher = "某出版社"\nidentifier = "bj-2025-03-14"\n', encoding="utf-8")
    options = ConvertOptions.build({"title": "滨江晚报"}, run_file, formats=("json",))
    edition = convert_bytes(source.read_bytes(), options, source).edition
    meta = edition.meta
    assert (meta.title, meta.date, meta.edition, meta.publisher, meta.identifier, meta.source_name) == (
        "滨江晚报", "2025-03-14", "第12345期", "滨江日报社", "bj-2025-03-14", "bjrb_20250314.txt")
    assert [p.label for p in edition.pages] == ["A01", "A02", "A03"]
    conflicts = [d.message for d in edition.diagnostics if d.code == "metadata-conflict"]
    assert conflicts == ["title: 滨江晚报 from command line; 滨江日报 from text line 1; using command line",
                         f"publisher: 滨江日报社 from bjrb_20250314.meta.toml; 某出版社 from {run_file}; "
                         "using bjrb_20250314.meta.toml"]


def test_many_page_labels_are_checked_in_linear_time():
    labels = [f"P{n}" for n in range(200_000)]
    assert checked({"pages": labels}, "x")["pages"] == tuple(labels)
    with pytest.raises(InputError, match="given twice: P7$"):
        checked({"pages": [*labels, "P7"]}, "x")


@pytest.mark.parametrize("content, message", [
    ('title = "焦作\\u0007日报"', r"bad.toml: title holds a control character \(U\+0007\)"),
    ('publisher = "a\\u001bb"', r"publisher holds a control character \(U\+001B\)"),
    ('pages = ["A01", "A\\u0000"]', r"pages holds a control character \(U\+0000\)"),
    ('edition = "\\uFFFE"', r"edition holds a character XML cannot hold \(U\+FFFE\)"),
    ("pages = " + "[" * 5000 + "]" * 5000, "bad.toml: nested too deeply"),
    ("title = " + "[" * 5000 + "]" * 5000, "bad.toml: nested too deeply"),
], ids=["bell", "escape", "nul", "non-character", "deep-pages", "deep-title"])
def test_hostile_metadata_files_give_one_line(tmp_path, content, message):
    bad = tmp_path / "bad.toml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_toml(bad)


def test_control_characters_in_options_are_refused():
    with pytest.raises(InputError, match=r"command line: title holds a control character \(U\+0008\)"):
        checked({"title": "焦作\b日报"}, "command line")
