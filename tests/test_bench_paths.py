"""Fast paths found by the benchmark keep their meaning: convert's validity check
skips only the Schematron warnings, never an error."""
from __future__ import annotations

from pathlib import Path

from converter.conversion import ConvertOptions, convert_bytes
from converter.validate import validate_tei

EDITION = Path(__file__).parent / "fixtures/editions/hans_wide_xinhua_briefs.txt"


def _tei() -> bytes:
    return convert_bytes(EDITION.read_bytes(), ConvertOptions(formats=("tei",)), EDITION).outputs["tei"]


def test_validation_without_warnings_drops_only_warnings():
    tei = _tei()
    everything = validate_tei(tei)
    assert any(p.level == "warning" for p in everything)
    assert validate_tei(tei, warnings=False) == [p for p in everything if p.level == "error"] == []


def test_validation_without_warnings_still_locates_errors():
    tei = _tei()
    ids = [token.split(b'"')[1] for token in tei.split(b'xml:id=')[1:] if token.startswith(b'"p1-a')]
    broken = tei.replace(b'xml:id="' + ids[1] + b'"', b'xml:id="' + ids[0] + b'"', 1)
    errors = validate_tei(broken, warnings=False)
    assert errors and all(p.level == "error" for p in errors)
    assert any("used more than once" in p.message and p.line > 0 for p in errors)
