"""`news2tei epub`: the EPUB made from a TEI file, including one corrected by hand."""
from __future__ import annotations

import io
import re
import zipfile

from click.testing import CliRunner

from converter.cli import main
from converter.epub.writer import epub_bytes
from converter.tei.reader import read_tei
from converter.tei.writer import tei_bytes
from epub_fixtures import rich


def page_text(epub: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(epub)).read(f"EPUB/{name}").decode("utf-8")


def test_hand_edited_headline_reaches_the_epub(tmp_path):
    tei = tei_bytes(rich()).decode("utf-8")
    old, new = "关于召开2025年度工作会议的通知", "关于召开2025年度全市工作会议的通知"
    assert tei.count(old) == 1
    (tmp_path / "edited.tei.xml").write_text(tei.replace(old, new), encoding="utf-8")
    result = CliRunner().invoke(main, ["epub", str(tmp_path / "edited.tei.xml")])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(tmp_path / "edited.epub")
    epub = (tmp_path / "edited.epub").read_bytes()
    assert f'class="headline">{new}</h2>' in page_text(epub, "page-001.xhtml")
    assert f">{new}</a>" in page_text(epub, "nav.xhtml") and old not in page_text(epub, "nav.xhtml")


def test_epub_command_is_the_writer_on_the_tei_read_back(tmp_path):
    source = tmp_path / "rich.tei.xml"
    source.write_bytes(tei_bytes(rich()))
    target = tmp_path / "out" / "book.epub"
    result = CliRunner().invoke(main, ["epub", str(source), "-o", str(target), "--vertical"])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == epub_bytes(read_tei(source.read_bytes()), vertical=True)


def test_unreadable_or_broken_tei_is_one_line_and_no_file(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(main, ["epub", str(tmp_path / "none.tei.xml")])
    assert missing.exit_code == 1 and missing.output.count("\n") == 1 and "cannot read" in missing.output
    broken = tmp_path / "broken.tei.xml"
    broken.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>", encoding="utf-8")
    result = runner.invoke(main, ["epub", str(broken), "-o", str(tmp_path / "broken.epub")])
    assert result.exit_code == 1 and result.output.startswith("news2tei: error:")
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == [broken]


def test_a_tei_file_that_does_not_validate_is_refused_with_its_first_errors(tmp_path):
    # Without <profileDesc> the reader once crashed (AttributeError); the file is invalid anyway.
    tei = re.sub("<profileDesc>.*?</profileDesc>", "", tei_bytes(rich()).decode("utf-8"), flags=re.DOTALL)
    source = tmp_path / "edited.tei.xml"
    source.write_text(tei, encoding="utf-8")
    result = CliRunner().invoke(main, ["epub", str(source)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    *problems, last = result.stderr.splitlines()
    assert problems and all(re.fullmatch(rf"{re.escape(str(source))}:\d+:\d+: error: .+", p) for p in problems)
    assert last.startswith(f"news2tei: error: {source} does not validate (") and last.endswith("no EPUB written")
    assert list(tmp_path.iterdir()) == [source]
