"""The source note closing a brief: "…环境。（杨春玲）", "（本报记者 王五）",
"（通讯员 赵六 供稿）"."""
from __future__ import annotations

import re

from ..lexicon import zh
from . import Match, solid_len

_ROLE = "|".join(sorted(map(re.escape, zh.REPORTER), key=len, reverse=True))
_NAME = rf"[{zh.CJK}·](?:\s?[{zh.CJK}·]){{1,3}}"
_NOTE = re.compile(
    rf"(?<=[。！？!?”」])\s*[（(]\s*(?:(?:{_ROLE})\s*)?{_NAME}(?:\s*[、，,\s]\s*(?:(?:{_ROLE})\s*)?{_NAME})*"
    rf"\s*(?:供稿|报道|報導)?\s*[）)]\s*$")


def source_note(loose: str) -> Match | None:
    m = _NOTE.search(loose)
    if not m:
        return None
    text = m.group(0).strip()
    return Match("".join(text.split()), solid_len(text))
