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
from converter.lexicon import dates, zh
from converter.rules import closer, continuation, dateline, headline, listitem, search_tail, source_note
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


DATES = ("2025年3月14日", "２０２５年１０月２０日", "二〇二五年十月二十日", "2025-10-20", "2025.10.20", "10月20日",
         "中華民國113年6月22日", "113年6月22日", "农历八月廿九日", "2025年 3月1 4日", "2025年3月14日 星期五",
         "2025年2月30日", "20251020", "1 2月5日电")


def _plain_whole_date(text: str, roc: bool) -> object:
    compact = "".join(text.split())
    found = dates.gregorian_dates(compact, roc=roc)
    return found[0] if len(found) == 1 and found[0].year and found[0].end - found[0].start == len(compact) else None


@pytest.mark.parametrize("roc", (False, True))
def test_whole_date_tries_only_the_start_yet_finds_what_a_search_finds(roc: bool) -> None:
    texts = _texts() + DATES
    assert [dates.whole_date(t, roc) for t in texts] == [_plain_whole_date(t, roc) for t in texts]
    assert all(dates.whole_date(t) for t in DATES[:5]) and dates.whole_date("113年6月22日", roc=True)


def _plain_heading(text: str) -> bool:
    text = re.sub(r"(?<=\d)[,，](?=\d{3})", "", text)
    compact = "".join(text.split())
    if continuation.marker_at_start(compact) or re.search(r"[A-Za-z]{2}[.,;:]$", text.rstrip()):
        return False
    if not compact or len(compact) > headline.MAX_HEADING_WIDTH + 20:
        return False
    if headline.is_subtitle_line(compact):
        return not any(c in "。；！？" for c in compact[:-1])
    if headline._SPEAKER.match(compact):
        return False
    halves = [headline._without_lead_colon(half) for half in text.split()]
    if halves and halves == text.split() and halves[-1][-1:] in "？！?!" and halves[-1][-2:-1] not in "？！?!":
        halves[-1] = halves[-1][:-1]
    return not any(c in zh.SENTENCE_PUNCT for half in halves for c in half) and len(compact) <= headline.MAX_HEADING_WIDTH


def test_heading_lines_are_what_the_plain_definition_says() -> None:
    texts = _texts() + ("——副题在此。", "问：这是什么？", "小区充电桩何时能装上？", "浙江：今天，晴", "1,186億元大单")
    assert [headline.is_heading_line(t) for t in texts] == [_plain_heading(t) for t in texts]


def _plain_issuer(text: str) -> bool:
    compact = "".join(text.split())
    return (2 <= len(compact) <= 40 and not any(c in zh.SENTENCE_PUNCT for c in compact)
            and (compact.endswith(zh.ISSUER_ENDINGS) or bool(closer._SIGNER.match(compact))))


def _plain_signer(line: str) -> bool:
    text = " ".join(line.split())
    if " " not in text or any(c in zh.SENTENCE_PUNCT for c in text) or not closer._SIGNATURE.match(text):
        return False
    who = text.rsplit(" ", 1)[0]
    return who[:1] in "◎●□■—-" or who.endswith(zh.SIGNER_DESCRIPTORS)


def test_signature_lines_are_what_the_plain_definitions_say() -> None:
    texts = _texts()
    assert [closer.looks_like_issuer(t) for t in texts] == [_plain_issuer(t) for t in texts]
    assert [closer.looks_like_signer(t) for t in texts] == [_plain_signer(t) for t in texts]
    assert any(map(closer.looks_like_issuer, texts)) and any(map(closer.looks_like_signer, texts))
