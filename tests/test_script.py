"""Script detection and the one-to-many conversion report, from OpenCC's own tables."""
from __future__ import annotations

from pathlib import Path

import pytest

from converter.model import Metadata
from converter.pipeline import edition_from_text
from converter.script import ambiguities, character_table, convert, detect_language, one_to_many_table, segments
from converter.source import SourceLine

ROOT = Path(__file__).parent.parent
SEED = (ROOT / "seeds" / "000_627fccb794dc0fc3.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("text, language", [
    (SEED, "zh-Hans"),
    (convert(SEED, "hant"), "zh-Hant"),
    (convert(SEED, "tw"), "zh-Hant"),
    ("頭髮乾了，發展經濟", "zh-Hant"),
    ("头发干了，发展经济", "zh-Hans"),
    ("Latin only, no Chinese at all.", "zh-Hans"),
    ("中文", "zh-Hans"),  # nothing script-specific: the default
])
def test_detect_language(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("name", ["hant_hk_tailheads", "hans_headfirst_pages"])
def test_detect_language_on_fixture_editions(name):
    text = (ROOT / "tests" / "fixtures" / "editions" / f"{name}.txt").read_text(encoding="utf-8")
    assert detect_language(text) == ("zh-Hant" if name.startswith("hant") else "zh-Hans")


def test_mixed_script_text_goes_by_the_majority():
    assert detect_language(convert(SEED[:2000], "hant") + SEED[:500]) == "zh-Hant"


def test_tables_come_from_opencc_dictionaries():
    s2t = one_to_many_table("s2t")
    assert s2t["发"] == ("發", "髮")
    assert set(s2t["干"]) >= {"乾", "幹", "干"} and s2t["干"][0] == convert("干", "hant")
    assert len(s2t) > 200 and all(len(targets) > 1 for targets in s2t.values())
    assert character_table("s2t")["国"] == ("國",)  # one-to-one entries are in the full table
    assert "阪" in one_to_many_table("t2s")


def test_ambiguities_give_positions_and_opencc_choice():
    lines = [SourceLine(1, "我的头发干了"), SourceLine(2, ""), SourceLine(3, "发展干部")]
    found = {a.char: a for a in ambiguities(lines, "hant")}
    assert found["发"].positions == ((1, 4, "髮"), (3, 1, "發"))
    assert found["发"].targets == ("發", "髮")
    assert [p[:2] for p in found["干"].positions] == [(1, 5), (3, 3)]
    diagnostic = found["发"].diagnostic()
    assert (diagnostic.code, diagnostic.level, str(diagnostic.span)) == ("script-ambiguous", "warning", "1,3")
    assert diagnostic.message == "发 -> 發|髮 is one-to-many; check 1:4=髮, 3:1=發"


def test_ambiguities_are_ordered_by_first_position_and_empty_when_keeping():
    lines = [SourceLine(1, "干发"), SourceLine(2, "面")]
    assert [a.char for a in ambiguities(lines, "hant")] == ["干", "发", "面"]
    assert ambiguities(lines, "keep") == []


def test_traditional_to_simplified_reports_its_own_table():
    found = ambiguities([SourceLine(7, "大阪的乾隆")], "hans")
    assert "阪" in {a.char for a in found}
    assert all(a.positions[0][0] == 7 for a in found)


def test_pipeline_reports_ambiguities_and_detects_language():
    edition = edition_from_text("頭髮乾了\n", Metadata(script="hans"))
    assert edition.meta.language == "zh-Hant"
    codes = [d.code for d in edition_from_text("头发干了\n", Metadata(script="hant")).diagnostics]
    assert codes.count("script-ambiguous") == 3  # 发, 干, 了
    assert not [d for d in edition_from_text("头发干了\n").diagnostics if d.code == "script-ambiguous"]


def test_segments_keep_original_and_converted():
    assert segments("头发abc", "hant") == [("头发", "頭髮"), "abc"]
    assert segments("abc", "keep") == ["abc"]


def test_shipped_tables_match_the_installed_opencc():
    """The character tables ship as data; they must be what the installed OpenCC's
    dictionaries say (after an OpenCC upgrade: `python scripts/opencc_tables.py`)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("opencc_tables", ROOT / "scripts" / "opencc_tables.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.OUT.read_text(encoding="utf-8") == tool.rendered()


def test_detection_runs_no_subprocess(monkeypatch):
    import subprocess

    from converter import script

    script.character_table.cache_clear()
    script._script_only.cache_clear()
    script.one_to_many_table.cache_clear()
    monkeypatch.setattr(subprocess, "run", None)
    monkeypatch.setattr(subprocess, "Popen", None)
    assert detect_language("頭髮乾了") == "zh-Hant"
    assert one_to_many_table("s2t")["发"] == ("發", "髮")
