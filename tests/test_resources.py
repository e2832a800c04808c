"""A source checkout reads its own templates and schemas, even where another copy of
news2tei is installed (an editable install of another checkout, say): its tests test it."""
from __future__ import annotations

from pathlib import Path

from converter.resources import schema_path, template_dir

REPO = Path(__file__).resolve().parent.parent


def test_a_checkout_uses_its_own_templates_and_schemas():
    assert template_dir() == REPO / "templates"
    assert schema_path("news2tei.rng") == REPO / "schemas" / "news2tei.rng"
