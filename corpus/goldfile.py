"""The gold of a page, written from what was typeset (tests/fixtures/GOLD-FORMAT.md), and the
proof that the extracted text holds exactly its characters."""
from __future__ import annotations

from collections import Counter

from corpus.compose import gold_text
from corpus.layout import Piece, Unit
from corpus.page import Sheet
from corpus.quality import gold

FIELD_ORDER = gold.FIELD_RANK


def _value(piece: Piece) -> str:
    if piece.kept is None:
        return piece.gold
    shown = gold_text(piece.shown)
    return shown.removeprefix(piece.label) if piece.label else shown


def _unit_lines(unit: Unit) -> list[str]:
    pieces = [(p, _value(p)) for p in unit.pieces if p.kept != 0]
    pieces = [(p, v) for p, v in pieces if v.strip()]
    if unit.kind == "endsection":
        return ["@endsection"]
    if not pieces:
        return []
    if unit.kind == "article":
        pieces.sort(key=lambda pv: FIELD_ORDER[pv[0].field])
        lines = [f"@article {unit.sub}"]
    else:
        lines = ["@figure" if unit.kind == "figure" else "@section"]
        pieces.sort(key=lambda pv: pv[0].field != "caption")
    for piece, value in pieces:
        key = f"item {piece.label}" if piece.field == "item" else piece.field
        lines.append(f"{key}: {value}{piece.attrs if piece.kept is None else ''}")
    return lines


def gold_of(sheets: list[Sheet], title: str) -> str:
    lines = [f"# {title}", "# Gold by construction: what was typeset (python -m corpus build)."]
    for sheet in sheets:
        lines.append(f"@page {sheet.label}" if sheet.label else "@page")
        furniture = [u for u in sheet.units if u.kind == "furniture"]
        lines += [f"@furniture {u.sub}: {gold_text(u.pieces[0].printed)}" for u in furniture
                  if u.pieces[0].printed.strip()]
        for unit in sheet.units:
            if unit.kind != "furniture":
                lines += _unit_lines(unit)
    return "\n".join(lines) + "\n"


def verify(extracted: str, gold_text_: str) -> str | None:
    """None when the extracted text's non-whitespace characters are, as a multiset, those of
    the gold's values; else which characters differ."""
    records = gold.parse_gold(gold_text_)
    want = Counter("".join("".join(v.split()) for v in records.values))
    got = Counter("".join(extracted.split()))
    missing, extra = want - got, got - want
    if not missing and not extra:
        return None
    return f"gold characters not extracted: {_shown(missing) or '-'}; extracted but not in gold: {_shown(extra) or '-'}"


def _shown(counts: Counter) -> str:
    return " ".join(f"{ch!r}×{n}" for ch, n in counts.most_common(12))
