"""Compiled regular expressions kept between processes.

`re` compiles in pure Python, and the recognisers' patterns (long alternations of cue
words around classes of CJK ranges, each class filling a table of 65,536 entries one by
one) took some 100 ms a process to compile. What the compiler makes is code for the
regex engine, `_sre`: a list of integers, which is kept here in the user's cache
directory (resources.cache_folder) and handed back to the engine in microseconds. The
engine checks the code it is given, and the file is named by the engine's version, so a
cache another Python wrote, or a damaged one, is never used: the pattern is compiled
again."""
from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import marshal
import os
import re
import sys
import tempfile
from contextlib import suppress
from functools import lru_cache
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

from .resources import cache_folder

CACHE_FILE = f"{sys.implementation.cache_tag}-sre{_sre.MAGIC}.marshal"


def compiled(source: str) -> re.Pattern[str]:
    """re.compile(source), from the cache when it holds the pattern."""
    table = _known()
    if source in table:
        try:
            return _sre.compile(source, *table[source])
        except (TypeError, ValueError, RuntimeError):  # not code this engine takes
            pass
    try:
        arguments = _engine_arguments(source)
        pattern = _sre.compile(source, *arguments)
    except (AttributeError, TypeError, ValueError, RuntimeError):  # another Python's `re` internals
        return re.compile(source)
    table[source] = arguments
    _save(table)
    return pattern


def _engine_arguments(source: str) -> tuple[Any, ...]:
    """What re._compiler.compile hands the engine for `source`, after the pattern itself."""
    parsed = _parser.parse(source, 0)
    groups = parsed.state.groupdict
    names: list[str | None] = [None] * parsed.state.groups
    for name, index in groups.items():
        names[index] = name
    code = [int(word) for word in _compiler._code(parsed, 0)]  # (opcodes are int subclasses marshal refuses)
    return int(parsed.state.flags), code, parsed.state.groups - 1, dict(groups), tuple(names)


@lru_cache(maxsize=1)
def _known() -> dict[str, tuple[Any, ...]]:
    """The cache file's table, read once a process; patterns compiled since are added to it."""
    folder = cache_folder("patterns")
    try:
        table = marshal.loads((folder / CACHE_FILE).read_bytes()) if folder else {}
    except (OSError, ValueError, EOFError, TypeError):
        table = {}
    return table if isinstance(table, dict) else {}


def _save(table: dict[str, tuple[Any, ...]]) -> None:
    """Written whole and renamed into place: processes running at once never read half a file."""
    folder = cache_folder("patterns")
    if folder is None:
        return
    try:
        descriptor, name = tempfile.mkstemp(dir=folder, prefix=".patterns.")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(marshal.dumps(table))
        os.replace(name, folder / CACHE_FILE)
    except OSError:
        with suppress(OSError):
            os.unlink(name)
