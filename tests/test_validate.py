"""`validate_tei` and `news2tei validate`: one broken file per Schematron rule, each
reported with the expected message at the right line; grammar errors; exit codes."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from converter.cli import main
from converter.tei.secure import parse_tei
from converter.tei.writer import tei_bytes
from converter.validate import MAX_CHILDREN, has_errors, relaxng_input, validate_tei
from tei_editions import rich_edition

VALID = tei_bytes(rich_edition())


def line_of(data: bytes, needle: str, occurrence: int = 1) -> int:
    """1-based line of the `occurrence`-th line containing `needle`."""
    hits = [n for n, line in enumerate(data.decode().splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


def broken(old: str, new: str) -> bytes:
    data = VALID.replace(old.encode(), new.encode(), 1)
    assert data != VALID, old
    return data


def problems_at(data: bytes) -> set[tuple[int, str, str]]:
    return {(p.line, p.level, p.message) for p in validate_tei(data)}


def test_the_rich_edition_has_only_the_expected_headline_warnings():
    problems = validate_tei(VALID)
    assert not has_errors(problems)
    assert {p.message for p in problems} == {f'article {a} has no main headline (head type="main")'
                                             for a in ("p1-a1", "p1-a2")}


CJK_SPACE = "whitespace between two CJK characters in a paragraph (a justification space left behind)"
# Schematron rule -> (edit, needle on the line to report, message)
RULES = {
    "ids-unique": (('xml:id="p2-f1"', 'xml:id="p1-f1"'), ('xml:id="p1-f1"', 2),
                   'xml:id "p1-f1" is used more than once'),
    "ref-target-resolves": (('target="#p2-a1"', 'target="#p9-a9"'), ('target="#p9-a9"', 1),
                            'ref target "#p9-a9" does not point at an article in this file'),
    "next-resolves": (('next="#p2-a1"', 'next="#p1-f1"'), ('next="#p1-f1"', 1),
                      'next "#p1-f1" does not point at an article in this file'),
    "prev-resolves": (('prev="#p1-a2"', 'prev="#p1-f1"'), ('prev="#p1-f1"', 1),
                      'prev "#p1-f1" does not point at an article in this file'),
    "empty-p": (("<p source=\"line:31-31\">会议决定2024年办好以下民生实事：</p>", '<p source="line:31-31"/>'),
                ('<p source="line:31-31"/>', 1), "empty p: a p must hold text"),
    "empty-head": (('<head source="line:3-3">简讯</head>', '<head source="line:3-3"> </head>'),
                   ('<head source="line:3-3">', 1), "empty head: a head must hold text"),
    **{f"cjk-space-{name}": (("李亦博要求，", f"李亦博{space}要求，"), (f"李亦博{space}要求", 1), CJK_SPACE)
       for name, space in (("ascii", " "), ("ideographic", "\u3000"), ("no-break", "\u00a0"))},
    "language-tag": (('<title xml:lang="zh-Hans">', '<title xml:lang="ja">'), ('<title xml:lang="ja">', 1),
                     'xml:lang "ja" is not a BCP 47 Chinese tag (zh, zh-Hans, zh-Hant, zh-Hant-TW…)'),
    "header-in-english": (('<teiHeader xml:lang="en">', '<teiHeader xml:lang="zh-Hans">'), ("<teiHeader", 1),
                          'the header\'s prose is English: teiHeader needs xml:lang="en"'),
    "language-ident": (('<language ident="zh-Hans">', '<language ident="Chinese">'), ('<language ident=', 1),
                       'language ident "Chinese" is not a BCP 47 Chinese tag (zh, zh-Hans, zh-Hant, zh-Hant-TW…)'),
    "page-label-unique": (('<div type="page" n="A02">', '<div type="page" n="A01">'),
                          ('<div type="page" n="A01">', 2), 'page label "A01" is used by more than one page'),
}


@pytest.mark.parametrize("rule", RULES)
def test_each_schematron_rule_reports_an_error_at_its_line(rule):
    (old, new), (needle, occurrence), message = RULES[rule]
    data = broken(old, new)
    assert (line_of(data, needle, occurrence), "error", message) in problems_at(data)
    assert has_errors(validate_tei(data))


def test_a_report_is_an_error_even_when_no_assertion_fails():
    # Schematron.validate() looks at failed assertions only: a <report> alone went unseen.
    data = broken("李亦博要求，", "李亦博 要求，")
    assert [(p.line, p.message) for p in validate_tei(data, warnings=False)] == [
        (line_of(data, "李亦博 要求"), CJK_SPACE)]


def test_a_missing_headline_is_a_warning_not_an_error():
    data = broken('<head type="main" source="line:20-20">以“清”育美德 用“廉”润心田</head>', "")
    line = line_of(data, 'xml:id="p1-a3"')
    warning = (line, "warning", 'article p1-a3 has no main headline (head type="main")')
    assert warning in problems_at(data)
    assert not has_errors(validate_tei(data))


def test_grammar_errors_come_from_the_project_relaxng_with_their_line():
    data = broken('<dateline source="line:16-16">本报讯</dateline>', '<salute>本报讯</salute>')
    errors = [p for p in validate_tei(data) if p.level == "error"]
    assert line_of(data, "<salute>") in {p.line for p in errors}
    assert all(p.message for p in errors)


def test_malformed_and_hostile_files_are_one_problem():
    assert [(p.line, p.level) for p in validate_tei(VALID[:-40])] == [(len(VALID[:-40].splitlines()), "error")]
    [doctype] = validate_tei(b'<!DOCTYPE TEI SYSTEM "x.dtd"><TEI/>')
    assert "DOCTYPE" in doctype.message and doctype.level == "error"


def test_schematron_problems_have_columns():
    data = broken('target="#p2-a1"', 'target="#p9-a9"')
    [problem] = [p for p in validate_tei(data) if "p9-a9" in p.message]
    line = data.decode().splitlines()[problem.line - 1]
    assert line[problem.column - 1:].startswith("<ref ")


# ------------------------------------------------- hostile input, linear work

FIRST_P = "<p source=\"line:31-31\">会议决定2024年办好以下民生实事：</p>"


def test_a_namespace_uri_in_the_input_is_never_evaluated_as_xpath():
    # Once pasted into the location path of the finding, this URI matched every element.
    evil = '<x:note xmlns:x="urn:a\'or\'1\'=\'1\'or\'b" xml:id="p1-f1"/>'
    data = broken(FIRST_P, f"{FIRST_P}\n{evil}")
    assert (line_of(data, "urn:a"), "error", 'xml:id "p1-f1" is used more than once') in problems_at(data)


def test_ten_thousand_schematron_findings_are_each_at_their_line():
    # Each finding's location used to be found by counting its preceding siblings and
    # evaluating that path: minutes for this file.
    count = 10_000
    data = broken(FIRST_P, FIRST_P + "\n<p/>" * count)
    first = line_of(data, "<p/>")
    empty = [p.line for p in validate_tei(data) if p.message == "empty p: a p must hold text"]
    assert empty == list(range(first, first + count))


def diplomatic_paragraph(breaks: int, odd_one: int | None = None) -> bytes:
    """VALID with one paragraph of `breaks` lines (an <lb/> each); `odd_one` breaks the schema."""
    lines = [f'<lb break="{"yes" if n == odd_one else "no"}"/>a' for n in range(breaks)]
    return broken(FIRST_P, FIRST_P.replace("</p>", "\n".join(lines) + "</p>"))


def test_a_paragraph_of_a_hundred_thousand_lines_validates_with_few_children_per_element():
    # RelaxNG takes time quadratic in the children of one text element (minutes here).
    data = diplomatic_paragraph(100_000)
    assert not has_errors(validate_tei(data))
    assert max(len(element) for element in relaxng_input(parse_tei(data)).iter()) <= MAX_CHILDREN


def test_a_bad_line_break_among_a_hundred_thousand_is_reported_as_among_ten():
    def errors(data: bytes) -> set[tuple[int, str]]:
        return {(p.line, p.message) for p in validate_tei(data) if p.level == "error"}

    assert errors(diplomatic_paragraph(100_000, odd_one=54_321)) == errors(diplomatic_paragraph(10, odd_one=5))
    assert errors(diplomatic_paragraph(10, odd_one=5))


# ---------------------------------------------------------------- command line

def run(*args: str):
    return CliRunner().invoke(main, ["validate", *args])


def test_cli_prints_file_line_col_level_message_and_exits_by_errors(tmp_path):
    good, bad = tmp_path / "good.tei.xml", tmp_path / "bad.tei.xml"
    good.write_bytes(VALID)
    bad.write_bytes(broken("李亦博要求，", "李亦博 要求，"))
    ok = run(str(good))
    assert ok.exit_code == 0
    assert all(re.fullmatch(rf"{re.escape(str(good))}:\d+:\d+: warning: .+", line) for line in ok.output.splitlines())
    failed = run(str(bad), str(good))
    assert failed.exit_code == 1
    expected = f"{bad}:{line_of(bad.read_bytes(), '李亦博 要求')}:"
    assert any(line.startswith(expected) and ": error: whitespace between two CJK" in line
               for line in failed.output.splitlines())
    assert f"{good}:" in failed.output  # the second file is still checked


def test_cli_reports_an_unreadable_file_and_goes_on(tmp_path):
    good = tmp_path / "good.tei.xml"
    good.write_bytes(VALID)
    result = run(str(tmp_path / "missing.xml"), str(good))
    assert result.exit_code == 1
    assert f"{tmp_path / 'missing.xml'}:0:0: error: cannot read: No such file or directory" in result.output


def test_cli_tei_all_option_validates_against_the_given_schema(tmp_path):
    # A stand-in schema (the real tei_all loads only through the session fixture).
    only_foo = tmp_path / "only-foo.rng"
    only_foo.write_text('<element name="foo" xmlns="http://relaxng.org/ns/structure/1.0"><empty/></element>')
    good = tmp_path / "good.tei.xml"
    good.write_bytes(VALID)
    result = run(str(good), "--tei-all", str(only_foo))
    assert result.exit_code == 1
    assert f"{good}:2:0: error: tei_all: " in result.output
