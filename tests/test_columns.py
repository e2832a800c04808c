"""Pages printed with their columns side by side (pdftotext -layout) read column after column."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from converter.columns import interleaved, one_column, side_by_side
from converter.conversion import ConvertOptions, convert_bytes
from converter.normalize import LINE_END
from converter.pipeline import edition_from_text, edition_parts, source_lines

FIXTURES = Path(__file__).parent / "fixtures" / "editions"
LEFT = ["甲乙丙丁戊己庚辛", "壬癸子丑寅卯辰巳", "午未申酉戌亥天地", "玄黄宇宙洪荒日月", "盈昃辰宿列张寒来",
        "暑往秋收冬藏闰余", "成岁律吕调阳云腾", "致雨露结为霜金生", "丽水玉出昆冈剑号", "巨阙珠称夜光果珍"]
RIGHT = ["李柰菜重芥姜海咸", "河淡鳞潜羽翔龙师", "火帝鸟官人皇始制", "文字乃服衣裳推位", "让国有虞陶唐吊民",
         "伐罪周发殷汤坐朝", "问道垂拱平章爱育", "黎首臣伏戎羌遐迩", "一体率宾归王鸣凤", "在竹白驹食场化被"]


def _row(*pieces: tuple[int, str]) -> str:
    line = ""
    for start, text in pieces:
        line = line.ljust(start) + text
    return line


def _page(head: list[str] | None = None) -> list[str]:
    rows = [_row((0, "第3版"), (30, "要闻"), (50, "2025年4月1日 星期二")), "", ""]
    rows += head or []
    rows += [_row((0, left), (20, right)) for left, right in zip(LEFT, RIGHT)]
    return rows


def _chars(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace())


def test_a_page_of_two_columns_is_read_one_column_after_the_other():
    text = "\n".join(_page()) + "\n"
    reading = one_column(text)
    lines = reading.text.split("\n")
    assert reading.pages == (0,)
    assert [line for line in lines if line][:3] == ["第3版", "要闻", "2025年4月1日 星期二"]
    body = [line for line in lines if line in LEFT + RIGHT]
    assert body == LEFT + RIGHT
    assert _chars(reading.text) == _chars(text)


def test_every_line_read_points_at_the_input_line_it_comes_from():
    text = "\r\n".join(_page()) + "\r\n"
    reading = one_column(text)
    source = text.split("\r\n")
    assert reading.origin is not None and len(reading.origin) == len(reading.text.split("\n"))
    for line, number in zip(reading.text.split("\n"), reading.origin):
        assert line.strip() in source[number - 1]


def test_a_headline_over_both_columns_is_read_before_them():
    headline = _row((2, "千字文开篇四言成句传诵千年不衰"))
    reading = one_column("\n".join(_page([headline, ""])))
    lines = [line.strip() for line in reading.text.split("\n") if line.strip()]
    assert lines.index(headline.strip()) < lines.index(LEFT[0]) < lines.index(RIGHT[0])


def test_a_piece_pushed_into_the_gutter_stays_with_its_column():
    page = _page()
    page[6] = _row((0, LEFT[3] + "，又一"), (20, RIGHT[3]))  # reaches into the gutter, not across it
    lines = [line for line in one_column("\n".join(page)).text.split("\n") if line]
    assert lines.index(RIGHT[0]) > lines.index(LEFT[-1])


def test_a_wide_space_inside_a_column_line_does_not_break_it():
    page = _page()
    page[5] = _row((0, "本报讯"), (6, "甲乙丙丁"), (20, RIGHT[2]))  # pdfplumber widens the gap after Han text
    lines = one_column("\n".join(page)).text.split("\n")
    assert "本报讯 甲乙丙丁" in lines and RIGHT[2] in lines


def test_a_paragraph_indent_is_kept_as_two_spaces():
    page = _page()
    page[5] = _row((3, LEFT[2][:6]), (20, RIGHT[2]))
    lines = one_column("\n".join(page)).text.split("\n")
    assert "  " + LEFT[2][:6] in lines


def test_pages_keep_their_form_feeds_and_only_side_by_side_pages_are_read_again():
    plain = "一行正文\n第二行正文\n"
    text = plain + "\f" + "\n".join(_page()) + "\n\f" + plain
    reading = one_column(text)
    assert reading.pages == (1,)
    assert reading.text.count("\f") == 2
    assert reading.text.startswith(plain) and reading.text.endswith(plain)
    assert reading.origin is not None and reading.origin[-1] == len(text.split("\n"))


def test_the_fixture_editions_are_not_side_by_side():
    for path in sorted(FIXTURES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert one_column(text).origin is None, path.name
        assert not any(side_by_side(page.split("\n")) for page in text.split("\f")), path.name
        assert path.name.endswith(".gold.txt") or one_column(text).interleaved == (), path.name


def test_a_page_printed_across_its_columns_one_space_apart_is_named_not_read_again():
    rows = ["第3版 要闻 2025年4月1日 星期二"] + [f"{left} {right}" for left, right in zip(LEFT, RIGHT)]
    rows[4] = LEFT[3][:3] + " " + RIGHT[3]  # a paragraph's last line
    text = "\n".join(rows) + "\n\f" + "\n".join(LEFT + RIGHT) + "\n"
    reading = one_column(text)
    assert reading.interleaved == (0,) and reading.pages == () and reading.text == text
    converted = convert_bytes(text.encode("utf-8"), ConvertOptions(formats=("tei",)), None, name="across.txt")
    [note] = [d for d in converted.diagnostics if d.code == "columns-interleaved"]
    assert note.level == "warning" and note.message.startswith("page(s) 1:")


def test_justified_lines_and_ideographic_spaces_are_not_columns():
    justified = [" ".join(line[:4]) + line[4:] for line in LEFT + RIGHT]  # spaces inside one line
    table = [f"{left}\u3000\u3000{right}" for left, right in zip(LEFT, RIGHT)]  # a table's cells
    assert not interleaved(justified) and not interleaved(table)
    assert not interleaved([f"{left} {right}" for left, right in zip(LEFT, RIGHT)][:7])  # too short to tell


def test_a_short_page_is_never_side_by_side():
    assert not side_by_side(["甲     乙"] * 3)


def test_the_edition_points_at_the_input_lines_and_says_how_it_was_read():
    text = "\n".join(_page()) + "\n"
    options = ConvertOptions(formats=("tei", "json"))
    converted = convert_bytes(text.encode("utf-8"), options, None, name="layout.txt")
    codes = [d.code for d in converted.diagnostics]
    assert "columns-side-by-side" in codes
    tei = converted.outputs["tei"].decode("utf-8")
    source = text.split("\n")
    edition = edition_from_text(text)
    for page in edition.pages:
        for item in page.items:
            for block in getattr(item, "body", ()):
                for number in block.text.span.to_input(edition.origin).lines():
                    assert set(source[number - 1]) & set(block.text.text), number
    assert _chars(tei) >= _chars("".join(LEFT + RIGHT))


def test_a_long_edition_keeps_its_pointers_from_stretch_to_stretch():
    page = "\n".join(_page()) + "\n"
    text = "\f".join([page] * 4)
    source = text.split("\n")
    parts = list(edition_parts(text, stretch=len(page)))
    assert len(parts) > 1
    for part in parts:
        for page_ in part.edition.pages:
            for item in page_.items:
                for block in getattr(item, "body", ()):
                    for number in block.text.span.to_input(part.edition.origin).lines():
                        assert set(source[number - 1]) & set(block.text.text), number


def test_text_without_runs_of_spaces_is_returned_as_it_is():
    text = "一行正文\n  第二行\n"
    assert one_column(text).text is text


def test_a_single_column_indented_deep_is_left_as_it_is():
    rows = [_row((0, "第3版"), (30, "要闻"), (50, "2025年4月1日 星期二")), "", ""]
    rows += [_row((8 if k % 3 == 0 else 0, line)) for k, line in enumerate(LEFT + RIGHT)]
    text = "\n".join(rows) + "\n"
    assert side_by_side(text.split("\n"))
    reading = one_column(text)
    assert reading.text is text and reading.pages == () and reading.origin is None


def test_the_inspect_page_names_each_line_s_input_line():
    text = "\n".join(_page()) + "\n"
    converted = convert_bytes(text.encode("utf-8"), ConvertOptions(formats=(), inspect=True), None, name="layout.txt")
    page = converted.outputs["inspect"].decode("utf-8")
    first_right = text.split("\n").index(next(line for line in text.split("\n") if RIGHT[0] in line)) + 1
    assert f'title="input line {first_right}"' in page


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(0, 60), st.text("甲乙丙丁 ，。12", min_size=1, max_size=12)),
                         max_size=4), min_size=1, max_size=30),
       st.sampled_from(["\n", "\r\n"]), st.integers(0, 3))
def test_any_text_keeps_its_characters_and_every_line_its_origin(rows, end, feeds):
    lines = [_row(*sorted(pieces)) for pieces in rows]
    text = end.join(lines + [""] * feeds).replace(end * 3, end + "\f", 1)
    reading = one_column(text)
    assert _chars(reading.text) == _chars(text)
    if reading.origin is not None:
        assert len(reading.origin) == len(LINE_END.split(reading.text))
        source = LINE_END.split(text)
        for line in source_lines(reading.text):
            assert not line.text.strip() or set(line.text.strip()) <= set(source[reading.origin[line.number - 1] - 1])
