"""The structure stage reports the genuinely ambiguous places, and only those."""
from pathlib import Path

from converter.pipeline import edition_from_text

ROOT = Path(__file__).resolve().parents[1]
EDITIONS = ROOT / "tests" / "fixtures" / "editions"


def _diagnostics(path: Path) -> set[tuple[str, int]]:
    edition = edition_from_text(path.read_text(encoding="utf-8"))
    return {(d.code, d.span.first) for d in edition.diagnostics if d.span}


def test_seed_reports_its_ambiguous_places():
    found = _diagnostics(ROOT / "seeds" / "000_627fccb794dc0fc3.txt")
    assert found == {
        ("paragraph-layout", 530),  # blank line after a full line ending a sentence: column break or paragraph?
        ("label-as-section", 793),  # a lone label: kicker of the next story, or the page's label?
        ("continuation-unlinked", 992),  # jumps from page A01, which is not in the file
        ("continuation-unlinked", 1049),
    }


def test_stray_headline_is_reported():
    found = _diagnostics(EDITIONS / "hans_narrow_stray.txt")
    assert ("headline-stray", 58) in found


def test_clear_editions_report_nothing():
    for name in ("hant_tw_headfirst_notice", "hant_hk_tailheads", "hans_wide_xinhua_briefs"):
        assert _diagnostics(EDITIONS / f"{name}.txt") == set(), name
