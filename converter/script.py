"""Script detection and OpenCC normalisation (Traditional <-> Simplified).

Text in the model stays as printed; writers call `segments` to get the converted
text with the original of every changed stretch, which TEI keeps as
<choice><orig/><reg/></choice> and EPUB shows as the regularised form. Characters an
extractor gave for the printed ones ("⽇" for 日, lexicon/equivalents.py) are regularised
so whatever the script option, "keep" included."""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .lexicon.equivalents import reading_form
from .model import Diagnostic, Metadata, ScriptOption, Span
from .source import SourceLine

OPENCC_CONFIG: dict[ScriptOption, str] = {"hans": "t2s", "hant": "s2t", "tw": "s2twp", "hk": "s2hk"}
LANGUAGE_TAG: dict[str, str] = {"hans": "zh-Hans", "hant": "zh-Hant", "tw": "zh-Hant-TW", "hk": "zh-Hant-HK"}


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc  # imported lazily: loading its dictionaries is the slow part

    return opencc.OpenCC(config)


def convert(text: str, script: ScriptOption) -> str:
    text = reading_form(text)
    return text if script == "keep" else _converter(OPENCC_CONFIG[script]).convert(text)


def output_language(meta: Metadata) -> str:
    return meta.language if meta.script == "keep" else LANGUAGE_TAG[meta.script]


def segments(text: str, script: ScriptOption) -> list[str | tuple[str, str]]:
    """Split `text` into unchanged runs (str) and changed stretches (orig, reg).

    OpenCC's conversions used here map one character to one character, so the
    alignment is positional."""
    converted = convert(text, script)
    if converted == text:
        return [text] if text else []
    if len(converted) != len(text):  # phrase conversions of another length: one stretch
        return [(text, converted)]
    out: list[str | tuple[str, str]] = []
    i = 0
    while i < len(text):
        j = i
        same = text[i] == converted[i]
        while j < len(text) and (text[j] == converted[j]) == same:
            j += 1
        out.append(text[i:j] if same else (text[i:j], converted[i:j]))
        i = j
    return out


@dataclass(frozen=True)
class Ambiguity:
    """A character whose conversion is one-to-many (发 -> 發|髮): worth a human look."""

    char: str
    targets: tuple[str, ...]  # OpenCC's candidates, its default first
    positions: tuple[tuple[int, int, str | None], ...]  # (line, column, what OpenCC chose)

    def diagnostic(self) -> Diagnostic:
        where = ", ".join(f"{line}:{col}" + (f"={chosen}" if chosen else "")
                          for line, col, chosen in self.positions)
        return Diagnostic("script-ambiguous", "warning",
                          f"{self.char} -> {'|'.join(self.targets)} is one-to-many; check {where}",
                          Span.from_lines([line for line, _, _ in self.positions]))


def ambiguities(lines: Iterable[SourceLine], script: ScriptOption) -> list[Ambiguity]:
    """Every character of `lines` that `script` conversion maps one-to-many, with its
    1-based line:column positions and the form OpenCC chose there."""
    if script == "keep":
        return []
    table = one_to_many_table(OPENCC_CONFIG[script])
    pattern = _char_class(frozenset(table))
    found: dict[str, list[tuple[int, int, str | None]]] = {}
    for line in lines:
        matches = list(pattern.finditer(line.text))
        if not matches:
            continue
        converted = convert(line.text, script)
        aligned = len(converted) == len(line.text)  # phrase conversions can change the length
        for m in matches:
            chosen = converted[m.start()] if aligned else None
            found.setdefault(m.group(), []).append((line.number, m.start() + 1, chosen))
    return [Ambiguity(c, table[c], tuple(pos)) for c, pos in sorted(found.items(), key=lambda kv: kv[1][0])]


def detect_language(text: str) -> str:
    """"zh-Hant" when the text has more Traditional-only than Simplified-only
    characters (by OpenCC's character tables), else "zh-Hans" (also for text without
    Chinese). Looks at the first million characters."""
    counts = Counter(text[:_DETECT_SAMPLE])  # ~15x faster than matching a class of 4000 characters
    simplified, traditional = (sum(n for c, n in counts.items() if c in only)
                               for only in map(_script_only, ("s2t", "t2s")))
    return "zh-Hant" if traditional > simplified else "zh-Hans"


_DETECT_SAMPLE = 1 << 20


@lru_cache(maxsize=None)
def _script_only(config: str) -> frozenset[str]:
    """Characters that `config` always changes: they exist only in the source script."""
    return frozenset(c for c, targets in character_table(config).items() if c not in targets)


@lru_cache(maxsize=None)
def one_to_many_table(config: str) -> dict[str, tuple[str, ...]]:
    return {c: targets for c, targets in character_table(config).items() if len(targets) > 1}


@lru_cache(maxsize=None)
def _char_class(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(map(re.escape, chars))) + "]") if chars else re.compile("(?!)")


@lru_cache(maxsize=None)
def character_table(config: str) -> dict[str, tuple[str, ...]]:
    """The character dictionaries in the conversion chain of OpenCC's `config`
    (STCharacters, TSCharacters...): character -> candidates, default first. Shipped as
    data (`lexicon/opencc_characters.json`, made from the installed OpenCC by
    `scripts/opencc_tables.py`): reading the .ocd2 files needs a subprocess."""
    tables = _opencc_tables()
    table: dict[str, tuple[str, ...]] = {}
    for name in tables["configs"][config]:
        for char, targets in tables["dictionaries"][name].items():
            table.setdefault(char, tuple(targets.split()))  # earlier dictionaries win, as in OpenCC
    return table


@lru_cache(maxsize=1)
def _opencc_tables() -> dict:
    return json.loads((Path(__file__).parent / "lexicon" / "opencc_characters.json").read_text(encoding="utf-8"))
