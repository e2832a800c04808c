"""Fast unit tests of the recognisers, each driven by its own fixture table.

Every table `tests/fixtures/rules/NAME.txt` tests the module `converter.rules.NAME`
(`unwrap.txt`: `converter.unwrap`, `numerals.txt` and `dates.txt`: the lexicon's
parsers); its syntax is in `tests/fixtures/rules/README.md`.
A failing case names its table and line. The rest of this file tests, on small
hand-made cases, what does not fit one line: splitting a run, heading roles."""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from converter.headgroup import labelled_roles, side_by_side
from converter.rules import Match, solid_len
from converter.source import SourceLine
from converter.unwrap import Run, piece
from converter.words import shared_words

TABLES = Path(__file__).parent / "fixtures" / "rules"
ARROW, NOTHING, YES, FIELDS = "⇒", "∅", "✓", "¦"
MODULES = {"unwrap": "converter.unwrap", "numerals": "converter.lexicon.numerals",
           "dates": "converter.lexicon.dates"}  # default: converter.rules.<table>
# Which end of the input a Match-returning recogniser claims its `size` from.
ANCHORS = {"dateline": "start", "byline_after_dateline": "start", "marker_at_start": "start",
           "list_label": "start", "standalone_byline": "whole", "credit": "end",
           "marker_at_end": "end", "source_note": "end", "opening_byline": "start"}
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass(frozen=True)
class Case:
    table: str
    line: int
    function: str
    text: str
    expected: str
    fields: tuple[tuple[str, str], ...] = ()
    options: tuple[tuple[str, str], ...] = ()  # keyword arguments given in the [function …] header
    problem: str = ""  # a malformed line, reported by the test instead of crashing collection

    def __str__(self) -> str:
        return f"{self.table}.txt:{self.line}"

    @property
    def where(self) -> str:
        return f"tests/fixtures/rules/{self.table}.txt:{self.line}: {self.function}({self.text!r})"


def _unescape(text: str) -> str:
    """`\\u3000` in a table stands for that character (spaces at an edge, ideographic space)."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def load(table: str) -> list[Case]:
    cases: list[Case] = []
    function, options = "", ()
    for number, raw in enumerate((TABLES / f"{table}.txt").read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("  # ", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            function, *given = line[1:-1].split()
            options = tuple(tuple(o.partition("=")[::2]) for o in given)
            continue
        text, arrow, result = line.partition(ARROW)
        expected, _, fields = result.partition(FIELDS)
        problem = ("no [function] section before this case" if not function
                   else f"no {ARROW} in this case" if not arrow else "")
        pairs = tuple(tuple(f.partition("=")[::2]) for f in fields.split())
        cases.append(Case(table, number, function, _unescape(text.strip()), _unescape(expected.strip()),
                          pairs, options, problem))
    return cases


ALL_TABLES = sorted(p.stem for p in TABLES.glob("*.txt"))
ALL_CASES = [case for table in ALL_TABLES for case in load(table)]


def _recogniser(case: Case):
    module = importlib.import_module(MODULES.get(case.table, f"converter.rules.{case.table}"))
    return getattr(module, case.function, None)


def _shown(result) -> str:
    if isinstance(result, Match):
        fields = " ".join(f"{k}={v}" for k, v in result.fields)
        return f"{result.text!r} (size {result.size}{', ' + fields if fields else ''})"
    return repr(result)


@pytest.mark.parametrize("case", ALL_CASES, ids=str)
def test_table_case(case: Case):
    assert not case.problem, f"{case.where}: {case.problem}"
    recognise = _recogniser(case)
    assert recognise is not None, f"{case.where}: the module has no function {case.function!r}"
    result = recognise(case.text, **{k: _value(v) for k, v in case.options})
    wrong = f"{case.where} gave {_shown(result)}, expected {case.expected!r}"
    if case.expected == NOTHING:
        assert result is None or result is False or result == [], wrong
    elif case.expected == YES:
        assert result is True, wrong
    elif isinstance(result, float):
        assert result == float(case.expected), wrong
    elif isinstance(result, Match):
        assert result.text == case.expected, wrong
        _check_fields(case, result, wrong)
        _check_size(case, result, wrong)
    elif isinstance(result, list):  # records found in order: shown one after another, fields of the first
        assert " ".join(map(str, result)) == case.expected, wrong
        _check_fields(case, result[0], wrong)
    else:  # a str, a number, or a record shown by its str (the lexicon's dates)
        assert str(result) == case.expected, wrong
        _check_fields(case, result, wrong)


def _value(option: str) -> object:
    return int(option) if option.isdigit() else {"True": True, "False": False}.get(option, option)


def _check_fields(case: Case, result, wrong: str) -> None:
    for name, value in case.fields:
        got = result.get(name) if isinstance(result, Match) else str(getattr(result, name))
        assert got == value, f"{wrong}; field {name}={got!r}, expected {value!r}"


def _check_size(case: Case, result: Match, wrong: str) -> None:
    """`size` is what the caller cuts the source at: it must cover exactly the
    matched text, at the recogniser's end of the input."""
    solid, claimed = "".join(case.text.split()), "".join(result.text.split())
    assert result.size == solid_len(result.text), f"{wrong}; size {result.size} != {solid_len(result.text)}"
    covered = {"start": solid[:result.size], "end": solid[len(solid) - result.size:], "whole": solid}
    assert covered[ANCHORS[case.function]] == claimed, \
        f"{wrong}; size {result.size} covers {covered[ANCHORS[case.function]]!r}, not the match"


@pytest.mark.parametrize("table", ALL_TABLES)
def test_table_has_matches_and_non_matches(table):
    """Every table says what a rule must accept AND what it must leave alone."""
    expected = [case.expected for case in load(table)]
    assert any(e == NOTHING for e in expected) and any(e != NOTHING for e in expected), table


def test_every_rule_module_has_a_table():
    modules = {p.stem for p in (Path(__file__).parent.parent / "converter" / "rules").glob("*.py")} - {"__init__"}
    assert modules <= set(ALL_TABLES)


# --- Run.split_solid: the cut every recogniser's `size` is used for ---

def _run(*lines: str) -> Run:
    return Run(tuple(piece(n, text) for n, text in enumerate(lines, 1)))


@pytest.mark.parametrize("count, head, head_lines, tail, tail_lines", [
    (0, "", [], "本报讯（记者李新和）眼下，正是春耕备耕的关键时期。", [1, 2, 3]),
    (3, "本报讯", [1], "（记者李新和）眼下，正是春耕备耕的关键时期。", [1, 2, 3]),
    (10, "本报讯（记者李新和）", [1], "眼下，正是春耕备耕的关键时期。", [1, 2, 3]),
    (11, "本报讯（记者李新和）眼", [1], "下，正是春耕备耕的关键时期。", [2, 3]),  # a line's end
    (12, "本报讯（记者李新和）眼下", [1, 2], "，正是春耕备耕的关键时期。", [2, 3]),
    (25, "本报讯（记者李新和）眼下，正是春耕备耕的关键时期。", [1, 2, 3], "", []),
    (99, "本报讯（记者李新和）眼下，正是春耕备耕的关键时期。", [1, 2, 3], "", []),
])
def test_split_solid_cuts_after_count_characters(count, head, head_lines, tail, tail_lines):
    # Justification spaces in the source do not count: the run's text has none.
    first, second = _run("本报讯 （记者李新和） 眼", "下，正是春耕", "备耕的关键时期。").split_solid(count)
    assert (first.text, first.lines, second.text, second.lines) == (head, head_lines, tail, tail_lines)


def test_split_solid_conserves_every_character():
    run = _run("新华社北京2 月6日电（记", "者胡喆）2023年，GDP 5.2%", "的增长。")
    solid = "".join(run.text.split())
    for count in range(len(solid) + 1):
        first, second = run.split_solid(count)
        assert "".join((first.text + second.text).split()) == solid
        assert solid_len(first.text) == count


def test_split_solid_at_a_line_end_between_latin_words():
    first, second = _run("Hello", "world 2024").split_solid(5)
    assert (first.text, second.text, first.lines, second.lines) == ("Hello", "world 2024", [1], [2])


def test_run_joins_latin_words_wrapped_at_a_line_end_with_one_space():
    assert _run("本届 Mobile", "World Congress 在").text == "本届Mobile World Congress在"


def test_run_to_text_records_line_breaks_and_span():
    text = _run("本报讯 （记者李新和） 眼", "下，正是春耕", "备耕的关键时期。").to_text()
    assert (text.text, text.span.ranges, text.breaks) == (
        "本报讯（记者李新和）眼下，正是春耕备耕的关键时期。", ((1, 3),), (11, 17))


def test_heading_run_keeps_the_space_between_title_halves():
    text = _run("以“清”育美德  用“廉”润心田").to_text(heading=True)
    assert text.text == "以“清”育美德 用“廉”润心田"


# --- headgroup: kicker, headline, subheadlines ---

def _roles(*lines: tuple[str, str]):
    """Roles of a hand-made heading group of (text, label) lines numbered from 1."""
    source = [SourceLine(n, text) for n, (text, _) in enumerate(lines, 1)]
    roles = labelled_roles(source, {n: label for n, (_, label) in enumerate(lines, 1)})
    kicker, head, subs = roles.kicker, roles.head, roles.subs
    return (kicker and kicker.text, head and head.text, [s.text for s in subs])


@pytest.mark.parametrize("lines, kicker, head, subs", [
    ([("以“清”育美德 用“廉”润心田", "head-B")], None, "以“清”育美德 用“廉”润心田", []),
    # two parallel halves over two lines keep a space between them
    ([("构建良好教育生态", "head-B"), ("营造协同育人环境", "head-I")], None, "构建良好教育生态 营造协同育人环境", []),
    ([("焦作市第一中学", "kicker-B"), ("以“清”育美德 用“廉”润心田", "head-B")],
     "焦作市第一中学", "以“清”育美德 用“廉”润心田", []),
    # a title wrapped over two lines joins without a space; every other title is a subheadline
    ([("关于焦作市2023年国民经济和社会发展", "head-B"), ("计划执行情况与2024年计划的决议", "head-I"),
      ("（2024年2月6日焦作市第十四届人民代表大会第二次会议通过）", "sub-B")],
     None, "关于焦作市2023年国民经济和社会发展计划执行情况与2024年计划的决议",
     ["（2024年2月6日焦作市第十四届人民代表大会第二次会议通过）"]),
    # a stack always has a headline: a lone kicker is one
    ([("清风廉润满怀川", "kicker-B"), ("——我市深入推进清廉焦作建设之清廉学校篇", "sub-B")],
     None, "清风廉润满怀川", ["——我市深入推进清廉焦作建设之清廉学校篇"]),
    ([], None, None, []),
])
def test_labelled_roles(lines, kicker, head, subs):
    assert _roles(*lines) == (kicker, head, subs)


def test_a_page_pointer_closes_a_guide_entry_and_leaves_its_title():
    roles = labelled_roles([SourceLine(13, "全市重点项目建设提速 ▶A3")], {13: "head-B"})
    assert (roles.head.text, roles.pointer.text.text, roles.pointer.page) == ("全市重点项目建设提速", "▶A3", "A3")


def _lines(*texts: str) -> list[SourceLine]:
    return [SourceLine(n, t) for n, t in enumerate(texts, 1)]


def test_two_headlines_set_side_by_side_and_read_across_are_read_down_their_columns():
    page = shared_words("".join(["个人所得税年度汇算开始，不会填报怎么办？", "张掖玉米制种基地迎来收获季节。"]))
    first, second = side_by_side(_lines("个人所得税年 张掖玉米制", "度汇算怎么 种基地迎来", "办？", "收获"), page)
    assert (first.text, second.text) == ("个人所得税年度汇算怎么办？", "张掖玉米制种基地迎来收获")
    assert first.span.ranges == ((1, 3),) and second.span.ranges == ((1, 2), (4, 4))
    # the right one ends first: the lines after go on with the left one
    page = shared_words("".join(["深圳企业加快将人工智能应用到终端产品中。", "“刷单返利”背后往往是骗局。"]))
    first, second = side_by_side(_lines("深圳消 “刷单返", "费电子 利”背后的", "企业加 骗局", "快AI产品", "布局"), page)
    assert (first.text, second.text) == ("深圳消费电子企业加快AI产品布局", "“刷单返利”背后的骗局")


def test_one_headline_with_a_space_between_its_halves_stays_one():
    page = shared_words("".join(["台股昨天封關，全年大漲逾兩成。"]))
    assert side_by_side(_lines("台股封關 全", "年大漲逾兩成"), page) is None
    assert side_by_side(_lines("台股封關 全年", "大漲逾 兩成"), page) is None  # read across, it is the text's


def test_heading_roles_keep_source_spans():
    lines = [SourceLine(7, "焦作市第一中学"), SourceLine(9, "构建良好教育生态"), SourceLine(10, "营造协同育人环境")]
    roles = labelled_roles(lines, {7: "kicker-B", 9: "head-B", 10: "head-I"})
    kicker, head, subs = roles.kicker, roles.head, roles.subs
    assert (kicker.span.ranges, head.span.ranges, head.breaks, subs) == (((7, 7),), ((9, 10),), (9,), [])
