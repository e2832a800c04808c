"""The inspect page: every source line shown with the unit and roles it became, units
linked to their lines, diagnostics linked to theirs, and the batch index."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner
from inspect_fixture import (EDITION, EXPECTED_LINES, SOURCE, line_problems, lines_of, parse, rows_by_line,
                             source_lines)

from converter.cli import main
from converter.model import Counts
from converter.proof import ROLES, IndexEntry, index_html, inspect_html
from converter.model import Article, Edition, Metadata, Page, Paragraph, Span, Text
from converter.pipeline import source_and_edition

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_627fccb794dc0fc3.txt"


@pytest.fixture(scope="module")
def page():
    return parse(inspect_html(EDITION, source_lines()))


def test_every_line_shows_its_unit_and_roles(page):
    shown = {}
    for number, rows in rows_by_line(page).items():
        for row in rows:
            if row.find_class("text")[0].text_content().strip():
                shown[number] = (row.get("data-owners"), row.get("data-roles"))
    assert shown == EXPECTED_LINES


def test_line_codes_name_the_roles_not_only_colours(page):
    row = page.get_element_by_id("L6")
    assert row.find_class("codes")[0].text_content().split() == ["DATE", "BY", "P"]
    assert "r-dateline" in row.get("class").split()


def test_article_links_point_to_its_lines_across_an_interruption(page):
    article = page.get_element_by_id("u-p1-a2")
    assert article.get("data-lines") == "6-7,10-13"
    hrefs = [a.get("href") for a in article.find_class("unit-head")[0].iter("a")]
    assert hrefs == ["#L6", "#L10"]
    for href in hrefs:
        assert page.get_element_by_id(href[1:]).get("data-owners") == "p1-a2"
    owned = {n for n, rows in rows_by_line(page).items() if rows[-1].get("data-owners") == "p1-a2"}
    assert owned == lines_of(article.get("data-lines"))


def test_reading_view_puts_a_trailing_headline_first(page):
    article = page.get_element_by_id("u-p1-a2")
    roles = [p.get("class").split()[1] for p in article.find_class("piece")]
    assert roles == ["r-kicker", "r-headline", "r-dateline", "r-byline", "r-paragraph", "r-continuation"]
    assert article.find_class("r-headline")[0].tag == "h4"
    assert article.find_class("r-continuation")[0].find("a").get("href") == "#u-p2-a1"


def test_each_line_links_to_its_unit(page):
    for number, (owner, _) in EXPECTED_LINES.items():
        row = rows_by_line(page)[number][-1]
        assert [a.get("href") for a in row.find_class("owner")[0].iter("a") if "flag" not in a.classes] \
            == [f"#u-{owner}"]
        assert page.get_element_by_id(f"u-{owner}") is not None


def test_form_feed_starts_a_page_without_duplicate_ids(page):
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))
    blank, marker = rows_by_line(page)[14]
    assert marker.get("id") == "L14" and blank.get("id") is None
    assert (marker.get("data-owners"), blank.get("data-owners")) == ("p2-a1", "")
    assert marker.getprevious().get("class") == "pagebreak"
    assert [h.text_content() for h in page.xpath('//section[@class="page"]/h2')] == ["Page A02", "Page A03"]


def test_diagnostics_are_listed_and_linked_both_ways(page):
    first, second = page.get_element_by_id("d1"), page.get_element_by_id("d2")
    assert "headline-ambiguous" in first.text_content() and "warning" in first.text_content()
    assert first.get("data-lines") == "12-13"
    assert [a.get("href") for a in first.iter("a")] == ["#L12"]
    assert second.get("data-lines") is None and not list(second.iter("a"))
    for n in (12, 13):
        assert [a.get("href") for a in page.get_element_by_id(f"L{n}").find_class("flag")] == ["#d1"]
    assert not page.get_element_by_id("L11").find_class("flag")


def test_counts_cover_sections_body_figures_and_continuations():
    assert Counts.of(EDITION) == Counts(pages=2, articles=3, captions=2, continuations_linked=1,
                                        continuations_unlinked=1, diagnostics=2)


def test_legend_names_every_role_with_its_code(page):
    legend = page.find_class("legend")[0].text_content()
    for role in ROLES.values():
        assert f"{role.code} {role.label}" in " ".join(legend.split())


def test_only_another_units_lines_interrupt_a_unit_not_blank_lines():
    def paragraph(text: str, line: int) -> Paragraph:
        return Paragraph(Text(text, Span.of(line)))

    edition = Edition(Metadata(), (Page(None, (), (
        Article("a", body=(paragraph("甲", 1), paragraph("乙", 3), paragraph("丁", 6))),
        Article("b", body=(paragraph("丙", 4),)),
    )),))
    page = parse(inspect_html(edition, source_lines("甲\n\n乙\n丙\n\n丁")))
    assert page.get_element_by_id("u-a").get("data-lines") == "1-3,6"
    assert page.get_element_by_id("u-b").get("data-lines") == "4"


def test_gaps_and_overlaps_are_marked_on_the_lines():
    edition = Edition(Metadata(), (Page(None, (), (
        Article("a", body=(Paragraph(Text("甲乙", Span.of(1, 2))),)),
        Article("b", body=(Paragraph(Text("乙", Span.of(2))),)),
    )),))
    page = parse(inspect_html(edition, source_lines("甲\n乙\n丙")))
    status = {n: rows[0].get("class").split()[1] for n, rows in rows_by_line(page).items()}
    assert status == {1: "assigned", 2: "conflict", 3: "unassigned"}
    assert line_problems(page) == ["line 2 '乙': claimed by a, b", "line 3 '丙': claimed by no element"]
    counts = " ".join(page.find_class("counts")[0].text_content().split())
    assert "1 unassigned line" in counts and "1 line claimed twice" in counts


def test_text_is_escaped_and_the_page_is_self_contained():
    edition = Edition(Metadata(), (Page(None, (), (
        Article("a", body=(Paragraph(Text("<script>alert(1)</script>", Span.of(1))),)),)),))
    html = inspect_html(edition, source_lines("<script>alert(1)</script>"))
    page = parse(html)
    assert len(page.xpath("//script")) == 1  # the page's own
    assert page.get_element_by_id("L1").find_class("text")[0].text == "<script>alert(1)</script>"
    assert not page.xpath("//*[@src] | //link")
    assert "http://" not in html and "https://" not in html


def test_reading_view_shows_the_converted_script_and_the_source_the_original():
    edition = dataclasses.replace(EDITION, meta=dataclasses.replace(EDITION.meta, script="hant"))
    page = parse(inspect_html(edition, source_lines()))
    assert page.get_element_by_id("u-s1").find_class("r-section")[0].text_content() == "簡訊"
    assert page.get_element_by_id("L2").find_class("text")[0].text_content() == " 简讯"


def test_index_lists_failed_then_most_doubtful_first():
    counts = Counts.of(EDITION)
    entries = [
        IndexEntry("b.txt", "b.html", dataclasses.replace(counts, diagnostics=1), 0.5),
        IndexEntry("c.txt", None, None, 0.1, error="input is empty"),
        IndexEntry("a.txt", "a.html", dataclasses.replace(counts, diagnostics=7), 1.25),
    ]
    page = parse(index_html(entries))
    rows = page.xpath("//tbody/tr")
    assert [r.xpath("string(td[1])") for r in rows] == ["c.txt", "a.txt", "b.txt"]
    assert "input is empty" in rows[0].text_content() and rows[0].get("class") == "failed"
    cells = [td.text_content() for td in rows[1].xpath("td")]
    assert cells == ["a.txt", "7", "2", "3", "2", "1", "1", "1.25"]
    assert rows[1].xpath("td[1]/a/@href") == ["a.html"]


def test_index_links_are_url_encoded():
    entry = IndexEntry("x.txt", "2024/第1期 #2?.html", Counts.of(EDITION), 0.5)
    [href] = parse(index_html([entry])).xpath("//tbody/tr/td[1]/a/@href")
    assert href == "2024/%E7%AC%AC1%E6%9C%9F%20%232%3F.html"


def test_cli_writes_the_page(tmp_path):
    source = tmp_path / "edition.txt"
    source.write_text(SOURCE, encoding="utf-8")
    out = tmp_path / "out" / "edition.html"
    result = CliRunner().invoke(main, ["inspect", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(out)
    assert rows_by_line(parse(out.read_text(encoding="utf-8")))[13][0].find_class("text")[0].text \
        == "以“清”育美德 用“廉”润心田"


def test_cli_reports_a_missing_input_in_one_line(tmp_path):
    out = tmp_path / "x.html"
    result = CliRunner().invoke(main, ["inspect", str(tmp_path / "missing.txt"), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "cannot read" in result.output
    assert not out.exists()


def test_seed_every_line_belongs_to_exactly_one_element_and_units_link_their_lines():
    """Done-when of issue 8, written against whatever the structure stage produces."""
    lines, edition = source_and_edition(SEED.read_text(encoding="utf-8"))
    page = parse(inspect_html(edition, lines))
    problems = line_problems(page)
    assert not problems, (f"{len(problems)} source line(s) not owned by exactly one element:\n"
                          + "\n".join(problems))
    rows = rows_by_line(page)
    content = {n for n, rs in rows.items() if any(r.find_class("text")[0].text_content().strip() for r in rs)}
    for unit in page.find_class("unit"):
        unit_id, spec = unit.get("id")[2:], unit.get("data-lines")
        owned = {n for n, rs in rows.items() if any(unit_id in r.get("data-owners").split() for r in rs)}
        assert lines_of(spec) & content == owned, f"{unit_id}: links say lines {spec}, rows owned differ"
        for href in unit.find_class("unit-head")[0].xpath(".//a/@href"):
            target = int(href[2:])
            assert target in lines_of(spec) and target in rows, f"{unit_id}: link {href} is not to its lines"


def test_convert_inspect_writes_the_page_beside_the_outputs(tmp_path):
    result = CliRunner().invoke(main, ["convert", str(SEED), "--format", "json", "--inspect", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    page = tmp_path / "000_627fccb794dc0fc3.html"
    assert result.stdout.split() == [str(tmp_path / "000_627fccb794dc0fc3.json"), str(page)]
    assert not line_problems(parse(page.read_text(encoding="utf-8")))


def test_batch_inspect_writes_an_index_of_the_pages_most_doubtful_first(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    (src / "2024").mkdir(parents=True)
    (src / "2024" / "fixture.txt").write_text(SOURCE, encoding="utf-8")
    (src / "seed.txt").write_bytes(SEED.read_bytes())
    (src / "empty.txt").write_bytes(b"")
    args = ["batch", str(src), "-o", str(out), "--format", "json", "--inspect", "--jobs", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # the empty edition failed
    assert result.stdout.strip() == str(out / "index.html")
    rows = parse((out / "index.html").read_text(encoding="utf-8")).xpath("//tbody/tr")
    assert rows[0].get("class") == "failed" and "empty.txt" in rows[0].text_content()
    links = [row.xpath("td[1]/a/@href")[0] for row in rows[1:]]
    assert sorted(links) == ["2024/fixture.html", "seed.html"]
    assert all((out / link).is_file() for link in links)
    diagnostics = [int(row.xpath("string(td[2])")) for row in rows[1:]]
    assert diagnostics == sorted(diagnostics, reverse=True)
    resumed = CliRunner().invoke(main, [*args, "--resume"])
    assert resumed.exit_code == 1 and isinstance(resumed.exception, SystemExit), resumed.exception
    again = parse((out / "index.html").read_text(encoding="utf-8")).xpath("//tbody/tr[@class='skipped']")
    assert sorted(row.xpath("string(td[1]/a/@href)") for row in again) == ["2024/fixture.html", "seed.html"]
