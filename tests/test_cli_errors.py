"""A bug anywhere still gives one line and a non-zero exit, never a traceback
(unless --debug asks for it)."""
from click.testing import CliRunner

import converter.validate
from converter.cli import INTERNAL_ERROR, main


def _explode(*args, **kwargs):
    raise RuntimeError("boom")


def test_an_unexpected_error_is_one_line(monkeypatch, tmp_path):
    monkeypatch.setattr(converter.validate, "validate_tei", _explode)
    page = tmp_path / "x.tei.xml"
    page.write_bytes(b"<TEI/>")
    result = CliRunner().invoke(main, ["validate", str(page)])
    assert result.exit_code in (1, INTERNAL_ERROR)
    assert "Traceback" not in result.output
    lines = [l for l in result.output.splitlines() if l.strip()]
    assert len(lines) == 1 and "boom" in lines[0], result.output


def test_debug_shows_the_traceback(monkeypatch, tmp_path):
    monkeypatch.setattr(converter.validate, "validate_tei", _explode)
    page = tmp_path / "x.tei.xml"
    page.write_bytes(b"<TEI/>")
    result = CliRunner().invoke(main, ["--debug", "validate", str(page)])
    assert isinstance(result.exception, RuntimeError)
