"""The document model as JSON, for data pipelines (`--format json`).

One object per edition: the page tree mirrors `model.py` field by field (every field
present, null when empty; spans are lists of [first, last] source line ranges; items
of mixed kinds carry a "type"), and beside it a flat `articles` list of plain strings
for consumers that want one record per article. Every article, figure and section
also has a `uid`, its id qualified by the edition's, unique across a corpus. Text in
the tree is as printed; when a script conversion was asked for, a text the conversion
changes also carries its converted form as "reg", and the flat list is converted.
`schemas/edition.schema.json` describes the result."""
from __future__ import annotations

import hashlib
import json
from dataclasses import fields, is_dataclass
from typing import Any, Iterator, Sequence

from . import __version__
from .model import Article, Edition, Figure, ListBlock, Paragraph, ScriptOption, Section, Span, Text
from .script import convert, output_language

FORMAT_VERSION = 2
# Items of union types (page items, body blocks) say what they are.
TYPE_TAGS: dict[type, str] = {Paragraph: "paragraph", ListBlock: "list", Figure: "figure",
                              Article: "article", Section: "section"}
# Fields not written: the source lines' origin is written as the spans' input lines.
NOT_EXPORTED = frozenset({"origin"})
DIGEST_CHARS = 16  # of a SHA-256 in hex: 64 bits tell a corpus's editions apart


def edition_json(edition: Edition, source_digest: str | None = None) -> dict[str, Any]:
    """`source_digest` (SHA-256 hex of the input bytes) names an edition without an identifier."""
    edition_id = edition_identifier(edition, source_digest)
    tree = _value(edition, edition.meta.script, f"{edition_id}/", edition.origin)
    return {"format": "news2tei-edition", "version": FORMAT_VERSION,
            "generator": {"name": "news2tei", "version": __version__}, "edition_id": edition_id,
            "language": output_language(edition.meta), **tree,
            "articles": list(flat_articles(edition, f"{edition_id}/"))}


def json_bytes(edition: Edition, source_digest: str | None = None) -> bytes:
    return (json.dumps(edition_json(edition, source_digest), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def edition_identifier(edition: Edition, source_digest: str | None) -> str:
    """The identifier given, else a digest of the input (or, without one, of the text read)."""
    if edition.meta.identifier:
        return edition.meta.identifier
    digest = source_digest or hashlib.sha256(repr(edition.pages).encode("utf-8")).hexdigest()
    return f"sha256-{digest[:DIGEST_CHARS]}"


def flat_articles(edition: Edition, prefix: str) -> Iterator[dict[str, Any]]:
    """Every article in reading order as plain strings, with its page and section."""
    def text(value: Text | None) -> str | None:
        return convert(value.text, edition.meta.script) if value else None

    for number, page in enumerate(edition.pages, start=1):
        for item in page.items:
            section = item if isinstance(item, Section) else None
            for article in section.items if section else (item,):
                if isinstance(article, Article):
                    yield {"uid": prefix + article.id, "id": article.id, "page": page.label, "page_number": number,
                           "section": text(section.head) if section else None, "kind": article.kind,
                           "kicker": text(article.kicker), "headline": text(article.head),
                           "subheads": [text(s) for s in article.subheads], "dateline": text(article.dateline),
                           "byline": text(article.byline), "text": _body_text(article, text)}


def _body_text(article: Article, text) -> str:
    """Paragraphs and list items (label, then text), one a line."""
    lines: list[str] = []
    for block in article.body:
        if isinstance(block, Paragraph):
            lines.append(text(block.text))
        elif isinstance(block, ListBlock):
            lines += [f"{item.label}{text(item.text)}" for item in block.items]
    return "\n".join(lines)


def _value(obj: Any, script: ScriptOption, prefix: str, origin: Sequence[int] | None) -> Any:
    """`obj` as JSON; spans point at the input's lines (`origin`: see Edition.origin)."""
    if isinstance(obj, Span):
        return [list(r) for r in obj.to_input(origin).ranges]
    if isinstance(obj, tuple):
        return [_value(x, script, prefix, origin) for x in obj]
    if not is_dataclass(obj):
        return obj
    out = {"type": TYPE_TAGS[type(obj)]} if type(obj) in TYPE_TAGS else {}
    out.update((f.name, _value(getattr(obj, f.name), script, prefix, origin)) for f in fields(obj)
               if f.name not in NOT_EXPORTED)
    if isinstance(obj, (Article, Figure, Section)):
        out["uid"] = prefix + obj.id
    if isinstance(obj, Text):
        reg = convert(obj.text, script)
        if reg != obj.text:
            out["reg"] = reg
    return out
