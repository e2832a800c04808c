"""Locate the files that ship with news2tei: templates/ and schemas/.

Installed, they are the packages converter.templates and converter.schemas;
run from a source checkout (``python -m converter`` in the repository, or its
tests), they are the checkout's own top-level folders beside converter/, even
where another copy of news2tei is installed."""
from __future__ import annotations

import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

_SOURCE_TREE = Path(__file__).resolve().parent.parent
NO_CACHE = "NEWS2TEI_NO_CACHE"  # set (to anything) to keep nothing compiled between runs


@lru_cache(maxsize=None)  # asked for at every validation; it never moves
def _folder(package: str, folder: str) -> Path:
    if (_SOURCE_TREE / "pyproject.toml").is_file():
        return _SOURCE_TREE / folder
    return Path(str(files(package)))


def template_dir() -> Path:
    return _folder("converter.templates", "templates")


def schema_path(name: str) -> Path:
    return _folder("converter.schemas", "schemas") / name


def cache_folder(name: str) -> Path | None:
    """A writable folder for what news2tei compiles once and keeps between processes, in
    the user's cache directory ($XDG_CACHE_HOME or ~/.cache, then news2tei/NAME), never
    beside the outputs. None when $NEWS2TEI_NO_CACHE is set or the folder cannot be made."""
    if os.environ.get(NO_CACHE):
        return None
    try:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "news2tei" / name
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # RuntimeError: no home directory
        return None
    return folder if os.access(folder, os.W_OK) else None
