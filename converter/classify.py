"""Lines -> document model (placeholder: one article, one paragraph per block)."""
from __future__ import annotations

from .model import Article, Edition, Metadata, Page, Paragraph, Span, Text
from .source import SourceLine


def build_edition(lines: list[SourceLine], meta: Metadata) -> Edition:
    blocks: list[list[SourceLine]] = [[]]
    for line in lines:
        if line.blank:
            blocks.append([])
        else:
            blocks[-1].append(line)
    body = []
    for block in filter(None, blocks):
        parts = ["".join(l.text.split()) for l in block]
        breaks = tuple(sum(len(p) for p in parts[:i + 1]) for i in range(len(parts) - 1))
        body.append(Paragraph(Text("".join(parts), Span.from_lines([l.number for l in block]), breaks)))
    article = Article(id="p1-a1", body=tuple(body))
    return Edition(meta, (Page(None, (), (article,)),), line_count=len(lines))
