"""Locate the files that ship with news2tei: templates/ and schemas/ (installed as
converter.templates and converter.schemas)."""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def template_dir() -> Path:
    return Path(str(files("converter.templates")))


def schema_path(name: str) -> Path:
    return Path(str(files("converter.schemas").joinpath(name)))
