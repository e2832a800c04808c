"""Locate the files that ship with news2tei: templates/ and schemas/.

Installed, they are the packages converter.templates and converter.schemas;
run from a source checkout (``python -m converter`` in the repository, or its
tests), they are the checkout's own top-level folders beside converter/, even
where another copy of news2tei is installed."""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

_SOURCE_TREE = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)  # asked for at every validation; it never moves
def _folder(package: str, folder: str) -> Path:
    if (_SOURCE_TREE / "pyproject.toml").is_file():
        return _SOURCE_TREE / folder
    return Path(str(files(package)))


def template_dir() -> Path:
    return _folder("converter.templates", "templates")


def schema_path(name: str) -> Path:
    return _folder("converter.schemas", "schemas") / name
