"""Gold files (tests/fixtures/GOLD-FORMAT.md): what a careful reader says an edition holds.

A gold file and a converted `Edition` are reduced to the same plain records, which
`gold_metrics.compare` scores; `Fixture` finds a fixture edition's input, gold and metadata
and runs the pipeline on it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Iterable, get_args, get_type_hints

from converter.decode import decode
from converter.model import (
    Article, ArticleKind, Continuation, Edition, Figure, Furniture, ListBlock, ListItem, Metadata,
    Paragraph, Section, Text,
)
from converter.metadata import load_toml
from converter.pipeline import edition_from_bytes

ROOT = Path(__file__).resolve().parent.parent
EDITIONS_DIR = ROOT / "tests" / "fixtures" / "editions"
# Fixture inputs sit beside their gold as NAME.txt, except the seed's, which lives in seeds/.
INPUT_OF = {"seed": ROOT / "seeds" / "000_627fccb794dc0fc3.txt"}

def squeeze(text: str) -> str:
    """What metrics compare: the text with all whitespace removed."""
    return "".join(text.split())


# ---------------------------------------------------------------- records

@dataclass(frozen=True)
class Piece:
    """One text value; `where` is "gold:LINE" or "src LINES"; `label` marks a list item."""

    text: str
    where: str = ""
    label: str | None = None
    lines: frozenset[int] = frozenset()  # source lines of an output piece

    @property
    def key(self) -> str:
        return squeeze((self.label or "") + self.text)


@dataclass(frozen=True)
class Jump:
    direction: str  # "from" | "to"
    marker: Piece
    page: str | None = None
    sign: str | None = None

    @property
    def key(self) -> tuple:
        return self.direction, self.marker.key, self.page, self.sign


@dataclass
class ArticleRec:
    kind: str
    where: str  # gold line of "@article" or the output article's id
    kicker: Piece | None = None
    head: Piece | None = None
    subs: list[Piece] = field(default_factory=list)
    dateline: Piece | None = None
    byline: Piece | None = None
    blocks: list[Piece] = field(default_factory=list)  # paragraphs and list items in order
    signed: list[Piece] = field(default_factory=list)
    date: Piece | None = None
    source: Piece | None = None
    jumps: list[Jump] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Piece]:
        return [b for b in self.blocks if b.label is None]

    @property
    def items(self) -> list[Piece]:
        return [b for b in self.blocks if b.label is not None]

    @property
    def body_key(self) -> str:
        """What unit segmentation compares: paragraphs, items (label + text), closer."""
        return "".join(p.key for p in self.blocks + self.signed + ([self.date] if self.date else []))

    def pieces(self) -> list[Piece]:
        singles = [self.kicker, self.head, self.dateline, self.byline, self.date, self.source]
        return [p for p in singles if p] + self.subs + self.blocks + self.signed + [j.marker for j in self.jumps]


@dataclass
class FigureRec:
    where: str
    caption: Piece | None = None
    credit: Piece | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.caption.key if self.caption else ""), (self.credit.key if self.credit else "")


@dataclass
class SectionRec:
    where: str
    head: Piece | None = None
    subs: list[Piece] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(p.key for p in ([self.head] if self.head else []) + self.subs)


@dataclass
class Records:
    """An edition as the metrics see it: flat lists of units, in reading order."""

    pages: list[str | None] = field(default_factory=list)
    furniture: list[tuple[str, Piece]] = field(default_factory=list)
    sections: list[SectionRec] = field(default_factory=list)
    articles: list[ArticleRec] = field(default_factory=list)
    figures: list[FigureRec] = field(default_factory=list)
    values: list[str] = field(default_factory=list)  # every text value, for conservation


# ---------------------------------------------------------------- gold files

class GoldError(ValueError):
    """A gold file breaks GOLD-FORMAT.md; the message names the line."""


ARTICLE_KINDS = get_args(ArticleKind)
FURNITURE_KINDS = get_args(get_type_hints(Furniture)["kind"])
# Article fields in their required order; p and item share a rank (they interleave).
FIELD_RANK = {"kicker": 0, "head": 1, "sub": 2, "from": 3, "dateline": 4, "byline": 5,
              "p": 6, "item": 6, "signed": 7, "date": 8, "source": 9, "to": 10}
REPEATABLE = {"sub", "p", "item", "signed"}
_DIRECTIVE = re.compile(r"@(page|furniture|section|endsection|article|figure)(?:\s+(.*))?$")
_FIELD = re.compile(r"(?:item (?P<label>\S+)|(?P<key>[a-z]+)): (?P<value>.*\S.*)$")
_JUMP_ATTRS = {"page", "sign"}


class _GoldParser:
    def __init__(self, name: str):
        self.name = name
        self.records = Records()
        self.unit: ArticleRec | FigureRec | SectionRec | None = None
        self.rank = -1
        self.seen: set[str] = set()

    def error(self, lineno: int, message: str) -> GoldError:
        return GoldError(f"{self.name}:{lineno}: {message}")

    def start(self, unit) -> None:
        self.unit, self.rank, self.seen = unit, -1, set()

    def directive(self, lineno: int, word: str, rest: str) -> None:
        if word == "page":
            self.records.pages.append(rest or None)
            self.start(None)
        elif word == "furniture":
            kind, sep, text = rest.partition(": ")
            if not sep or kind not in FURNITURE_KINDS or not text.strip():
                raise self.error(lineno, f"expected '@furniture KIND: TEXT' with KIND in {FURNITURE_KINDS}")
            self.records.furniture.append((kind, Piece(text.strip(), f"gold:{lineno}")))
            self.records.values.append(text)
        elif word == "section":
            self.records.sections.append(SectionRec(f"gold:{lineno}"))
            self.start(self.records.sections[-1])
        elif word == "endsection":
            self.start(None)
        elif word == "article":
            if rest not in ARTICLE_KINDS:
                raise self.error(lineno, f"article kind {rest!r} is not one of {ARTICLE_KINDS}")
            self.records.articles.append(ArticleRec(rest, f"gold:{lineno}"))
            self.start(self.records.articles[-1])
        else:
            self.records.figures.append(FigureRec(f"gold:{lineno}"))
            self.start(self.records.figures[-1])

    def value(self, lineno: int, key: str, label: str | None, value: str) -> None:
        piece = Piece(value.strip(), f"gold:{lineno}", label)
        if isinstance(self.unit, ArticleRec):
            self.article_field(lineno, key, piece)
        elif isinstance(self.unit, FigureRec) and key in ("caption", "credit") and key not in self.seen:
            setattr(self.unit, key, piece)
        elif isinstance(self.unit, SectionRec) and key == "head" and self.unit.head is None:
            self.unit.head = piece
        elif isinstance(self.unit, SectionRec) and key == "sub":
            self.unit.subs.append(piece)
        else:
            raise self.error(lineno, f"field {key!r} does not belong here (or is repeated)")
        self.seen.add(key)
        # " | page=…" after a continuation marker is metadata, not text of the edition
        counted = piece.text.partition(" | ")[0] if key in ("from", "to") else piece.text
        self.records.values.append((label or "") + counted)

    def article_field(self, lineno: int, key: str, piece: Piece) -> None:
        article = self.unit
        if key not in FIELD_RANK:
            raise self.error(lineno, f"unknown article field {key!r}")
        if FIELD_RANK[key] < self.rank:
            raise self.error(lineno, f"field {key!r} out of order: fields go {' '.join(FIELD_RANK)}")
        if key in self.seen and key not in REPEATABLE:
            raise self.error(lineno, f"field {key!r} given twice")
        self.rank = FIELD_RANK[key]
        if key in ("p", "item"):
            article.blocks.append(piece)
        elif key in ("sub", "signed"):
            (article.subs if key == "sub" else article.signed).append(piece)
        elif key in ("from", "to"):
            article.jumps.append(self.jump(lineno, key, piece))
        else:
            setattr(article, key, piece)

    def jump(self, lineno: int, direction: str, piece: Piece) -> Jump:
        marker, _, attrs = piece.text.partition(" | ")
        parsed = dict(a.partition("=")[::2] for a in attrs.split())
        if set(parsed) - _JUMP_ATTRS or not all(parsed.values()):
            raise self.error(lineno, "continuation attributes are 'page=LABEL' and 'sign=SIGN'")
        return Jump(direction, Piece(marker.strip(), piece.where), parsed.get("page"), parsed.get("sign"))


def parse_gold(text: str, name: str = "gold") -> Records:
    parser = _GoldParser(name)
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        directive, fieldline = _DIRECTIVE.match(line), _FIELD.match(line)
        if directive:
            parser.directive(lineno, directive[1], (directive[2] or "").strip())
        elif fieldline:
            parser.value(lineno, fieldline["key"] or "item", fieldline["label"], fieldline["value"])
        else:
            raise parser.error(lineno, f"not a record: {line[:40]!r}")
    return parser.records


# ---------------------------------------------------------------- the model as records

def _piece(text: Text | None, label: str | None = None) -> Piece | None:
    return Piece(text.text, f"src {text.span}", label, frozenset(text.span.lines())) if text else None


def _jump(c: Continuation) -> Jump:
    return Jump(c.direction, _piece(c.text), c.page, c.sign)


def _article(a: Article, records: Records) -> ArticleRec:
    rec = ArticleRec(a.kind, a.id, _piece(a.kicker), _piece(a.head), [_piece(s) for s in a.subheads],
                     _piece(a.dateline), _piece(a.byline), source=_piece(a.source_note),
                     jumps=[_jump(c) for c in (a.continued_from, a.continued_to) if c])
    for block in a.body:
        if isinstance(block, Paragraph):
            rec.blocks.append(_piece(block.text))
        elif isinstance(block, ListBlock):
            rec.blocks += [_piece(item.text, item.label) for item in block.items]
        else:
            _add_item(block, records)
    if a.closer:
        rec.signed = [_piece(s) for s in a.closer.signed]
        rec.date = _piece(a.closer.date)
    return rec


def _add_item(item: Article | Figure | Section, records: Records) -> None:
    if isinstance(item, Section):
        records.sections.append(SectionRec(item.id, _piece(item.head), [_piece(s) for s in item.subheads]))
        for child in item.items:
            _add_item(child, records)
    elif isinstance(item, Figure):
        records.figures.append(FigureRec(item.id, _piece(item.caption), _piece(item.credit)))
    else:
        records.articles.append(_article(item, records))


def _model_strings(node) -> Iterable[str]:
    """Every text of the model, found by walking it, so no field can be forgotten."""
    if isinstance(node, Text):
        yield node.text
    elif isinstance(node, ListItem):
        yield node.label
        yield node.text.text
    elif is_dataclass(node):
        for f in fields(node):
            yield from _model_strings(getattr(node, f.name))
    elif isinstance(node, tuple):
        for child in node:
            yield from _model_strings(child)


def records_from_edition(edition: Edition) -> Records:
    records = Records(pages=[page.label for page in edition.pages])
    for page in edition.pages:
        records.furniture += [(f.kind, _piece(f.text)) for f in page.furniture]
        for item in page.items:
            _add_item(item, records)
    records.values = list(_model_strings(edition.pages))
    return records


# ---------------------------------------------------------------- fixtures and the pipeline

@dataclass(frozen=True)
class Fixture:
    name: str

    @property
    def gold_path(self) -> Path:
        return EDITIONS_DIR / f"{self.name}.gold.txt"

    @property
    def input_path(self) -> Path:
        return INPUT_OF.get(self.name, EDITIONS_DIR / f"{self.name}.txt")

    @property
    def meta_path(self) -> Path:
        return EDITIONS_DIR / f"{self.name}.meta.toml"

    def gold(self) -> Records:
        return parse_gold(self.gold_path.read_text(encoding="utf-8"), self.gold_path.name)

    def input_text(self) -> str:
        return decode(self.input_path.read_bytes()).text

    def convert(self) -> Edition:
        """Run the pipeline with the metadata a user would pass (NAME.meta.toml)."""
        given = load_toml(self.meta_path) if self.meta_path.exists() else {}
        metadata = Metadata(**given, source_name=self.input_path.name)
        return edition_from_bytes(self.input_path.read_bytes(), metadata)


def fixtures(names: Iterable[str] = ()) -> list[Fixture]:
    found = sorted(p.name.removesuffix(".gold.txt") for p in EDITIONS_DIR.glob("*.gold.txt"))
    wanted = list(names) or found
    unknown = sorted(set(wanted) - set(found))
    if unknown:
        raise GoldError(f"no gold for {', '.join(unknown)} in {EDITIONS_DIR} (have: {', '.join(found)})")
    return [Fixture(n) for n in wanted]
