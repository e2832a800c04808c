"""Compiled patterns kept between processes (converter/patterncache.py): the same
patterns as `re` compiles, from the cache when it holds them, never from a damaged one."""
from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import converter.rules
from converter import patterncache
from converter.resources import NO_CACHE
from converter.rules import LazyPattern


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh cache directory, read anew."""
    monkeypatch.delenv(NO_CACHE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    patterncache._known.cache_clear()
    yield tmp_path / "news2tei" / "patterns" / patterncache.CACHE_FILE
    patterncache._known.cache_clear()


def _recognisers() -> list[str]:
    sources = []
    for module in pkgutil.iter_modules(converter.rules.__path__):
        loaded = importlib.import_module(f"converter.rules.{module.name}")
        for value in vars(loaded).values():
            sources += [p.source for p in (value if isinstance(value, tuple) else (value,)) if isinstance(p, LazyPattern)]
    return sources


def test_every_recogniser_compiles_to_what_re_makes_first_compiled_then_read_back(cache, monkeypatch):
    sources = _recognisers()
    assert len(sources) > 10
    assert [patterncache.compiled(s) for s in sources] == [re.compile(s) for s in sources]
    assert cache.is_file()
    patterncache._known.cache_clear()  # as a new process: everything comes from the file

    def no_compiling(*args):
        raise AssertionError("compiled again")
    monkeypatch.setattr(patterncache, "_engine_arguments", no_compiling)
    assert [patterncache.compiled(s) for s in sources] == [re.compile(s) for s in sources]


@pytest.mark.parametrize("damage", [b"", b"not marshal data", b"\xe9\x00\x00\x00\x00"])
def test_a_damaged_cache_is_compiled_again(cache, damage):
    cache.parent.mkdir(parents=True)
    cache.write_bytes(damage)
    assert patterncache.compiled(r"(?P<year>\d{4})年") == re.compile(r"(?P<year>\d{4})年")


def test_code_the_engine_refuses_is_compiled_again(cache):
    source = r"[\u4e00-\u9fff]+\s*記者"
    patterncache.compiled(source)
    patterncache._known()[source] = (0, [1, 2, 3], 0, {}, ())  # not valid engine code
    assert patterncache.compiled(source) == re.compile(source)


def test_no_cache_keeps_nothing(cache, monkeypatch):
    monkeypatch.setenv(NO_CACHE, "1")
    assert patterncache.compiled("a+b") == re.compile("a+b")
    assert not cache.parent.exists()


def test_a_python_whose_re_internals_differ_compiles_as_re_does(cache, monkeypatch):
    def internals_moved(source):
        return patterncache._parser.no_such_function(source)  # AttributeError, as on such a Python
    monkeypatch.setattr(patterncache, "_engine_arguments", internals_moved)
    assert patterncache.compiled(r"[\u4e00-\u9fff]{2}日报") == re.compile(r"[\u4e00-\u9fff]{2}日报")
    assert not cache.exists()
