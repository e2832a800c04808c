"""Script detection and OpenCC normalisation (Traditional <-> Simplified).

Text in the model stays as printed; writers call `segments` to get the converted
text with the original of every changed stretch, which TEI keeps as
<choice><orig/><reg/></choice> and EPUB shows as the regularised form."""
from __future__ import annotations

from functools import lru_cache

from .model import Metadata, ScriptOption

OPENCC_CONFIG: dict[str, str] = {"hans": "t2s", "hant": "s2t", "tw": "s2twp", "hk": "s2hk"}
LANGUAGE_TAG: dict[str, str] = {"hans": "zh-Hans", "hant": "zh-Hant", "tw": "zh-Hant-TW", "hk": "zh-Hant-HK"}


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc  # imported lazily: loading its dictionaries is the slow part

    return opencc.OpenCC(config)


def convert(text: str, script: ScriptOption) -> str:
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
