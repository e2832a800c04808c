"""The document model as JSON, for data pipelines (`--format json`).

One object per edition, mirroring `model.py` field by field: every field is present
(null when empty), spans are lists of [first, last] source line ranges, and items of
mixed kinds carry a "type". Text is as printed; when a script conversion was asked
for, a text the conversion changes also carries its converted form as "reg".
`schemas/edition.schema.json` describes the result."""
from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from typing import Any

from .model import Article, Edition, Figure, ListBlock, Paragraph, ScriptOption, Section, Span, Text
from .script import convert, output_language

FORMAT_VERSION = 1
# Items of union types (page items, body blocks) say what they are.
TYPE_TAGS: dict[type, str] = {Paragraph: "paragraph", ListBlock: "list", Figure: "figure",
                              Article: "article", Section: "section"}


def edition_json(edition: Edition) -> dict[str, Any]:
    return {"format": "news2tei-edition", "version": FORMAT_VERSION,
            "language": output_language(edition.meta), **_value(edition, edition.meta.script)}


def json_bytes(edition: Edition) -> bytes:
    return (json.dumps(edition_json(edition), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _value(obj: Any, script: ScriptOption) -> Any:
    if isinstance(obj, Span):
        return [list(r) for r in obj.ranges]
    if isinstance(obj, tuple):
        return [_value(x, script) for x in obj]
    if not is_dataclass(obj):
        return obj
    out = {"type": TYPE_TAGS[type(obj)]} if type(obj) in TYPE_TAGS else {}
    out.update((f.name, _value(getattr(obj, f.name), script)) for f in fields(obj))
    if isinstance(obj, Text) and script != "keep":
        reg = convert(obj.text, script)
        if reg != obj.text:
            out["reg"] = reg
    return out
