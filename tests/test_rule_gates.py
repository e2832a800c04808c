"""The cheap gates in front of the recognisers' large patterns never turn a text away
that the pattern itself would accept.

A `LazyPattern` with an `opening` answers None, without trying (or compiling) the
full pattern, where the opening does not match; credit patterns are tried only on
texts ending as they can; list labels, jump markers and source notes are looked
for only after a text's first or last character allows them. All are promises
about the patterns, checked here on every line, pair of lines and block of the
fixture editions."""
from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache
from pathlib import Path

import pytest

import converter.rules
from converter.rules import LazyPattern, first_match
from converter.rules import continuation, dateline, listitem, search_tail, source_note
from converter.rules import credit as credit_rules

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = sorted((ROOT / "tests" / "fixtures" / "editions").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))


@lru_cache(maxsize=1)
def _texts() -> tuple[str, ...]:
    """Lines, pairs of lines and blocks, as read and in the loose form recognisers see."""
    texts: set[str] = set()
    for path in EDITIONS:
        for block in re.split(r"\n\s*\n|\f", path.read_text(encoding="utf-8")):
            lines = [line for line in block.splitlines() if line.strip()]
            texts.update(lines)
            texts.update(a + b for a, b in zip(lines, lines[1:]))
            texts.add(" ".join(lines))
    loose = {" ".join(t.split()) for t in texts}
    return tuple(sorted(texts | loose | {t.strip() for t in texts}))


def _gated_patterns() -> list[tuple[str, LazyPattern]]:
    found = []
    for info in pkgutil.iter_modules(converter.rules.__path__):
        module = importlib.import_module(f"converter.rules.{info.name}")
        for name, value in vars(module).items():
            candidates = value if isinstance(value, tuple) else (value,)
            for k, pattern in enumerate(candidates):
                if isinstance(pattern, LazyPattern) and pattern._opening is not None:
                    found.append((f"{info.name}.{name}[{k}]", pattern))
    return found


@pytest.mark.parametrize("name, pattern", _gated_patterns(), ids=lambda v: v if isinstance(v, str) else "")
def test_an_opening_never_turns_away_a_match(name: str, pattern: LazyPattern) -> None:
    full = re.compile(pattern.source)
    missed = [t for t in _texts() if full.match(t) and not pattern.match(t)]
    assert not missed, f"{name}: the opening rejects texts the pattern matches: {missed[:3]}"


def test_credit_tries_every_pattern_that_could_match() -> None:
    every = tuple(pattern for pattern, _ in credit_rules._PATTERNS)
    for text in _texts():
        found = credit_rules.credit(text)
        unguarded = first_match(every, text)
        assert (found is None) == (unguarded is None), text
        if found is not None:
            assert found.size == credit_rules.solid_len(unguarded.group(0).strip()), text


def _note(pattern):
    """A source-note pattern's match in the whole text, unless it is bracketed words naming nobody."""
    return lambda text: (m := pattern.search(text)) and not source_note._NOT_A_NOTE.search(m.group(0))


@pytest.mark.parametrize("name, gated, patterns", [
    ("list label", listitem.list_label, [lambda t, p=p: p.match(t.translate(listitem._WIDE_DIGITS))
                                         for p in listitem._LABELS]),
    ("jump marker", continuation.marker_at_end, [lambda t, p=p: search_tail(p, t)
                                                  for p in (continuation._AT_END, continuation._POINTER)]),
    ("source note", source_note.source_note, [_note(source_note._EDITOR), _note(source_note._NOTE)]),
])
def test_a_character_gate_never_turns_away_a_match(name, gated, patterns) -> None:
    missed = [t for t in _texts() if any(found(t) for found in patterns) and gated(t) is None]
    assert not missed, f"{name}: the gate rejects texts a pattern matches: {missed[:3]}"


def test_the_dateline_start_test_accepts_every_dateline() -> None:
    """starts_with_dateline, made of the dateline forms' leads, says yes wherever a form matches."""
    missed = [t for t in _texts() if dateline.dateline(t) and not dateline.starts_with_dateline(t)]
    assert not missed, f"dateline starts missed: {missed[:3]}"
