"""Gold files (tests/fixtures/GOLD-FORMAT.md) and the quality metrics of issue 3.

A gold file and a converted `Edition` are reduced to the same plain records;
`compare` scores the output records against the gold ones, and `Evaluation.report`
renders the result for a human: a metrics table, then every failing unit with gold
and output side by side and their source line spans."""
from __future__ import annotations

import inspect
import re
import tomllib
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, fields, is_dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Callable, Iterable, get_args, get_type_hints

from converter.decode import decode_bytes
from converter.model import (
    Article, ArticleKind, Continuation, Edition, Figure, Furniture, ListBlock, ListItem, Metadata,
    Paragraph, Section, Text,
)
from converter.normalize import split_lines
from converter.pipeline import edition_from_bytes

ROOT = Path(__file__).resolve().parent.parent
EDITIONS_DIR = ROOT / "tests" / "fixtures" / "editions"
# Fixture inputs sit beside their gold as NAME.txt, except the seed's, which lives in seeds/.
INPUT_OF = {"seed": ROOT / "seeds" / "000_627fccb794dc0fc3.txt"}

UNIT_SIMILARITY = 0.95
BARS = {  # issue 3, "Quality bar": the least share each metric must reach
    "units": 0.95, "kicker": 0.95, "head": 0.95, "byline": 0.95, "dateline": 0.95,
    "paragraphs": 0.92, "captions": 0.95, "continuations": 1.0, "cjk-spaces": 1.0,
    "conservation": 1.0,
}

# Characters of CJK text, punctuation included; whitespace is excluded (U+3000 is a space).
_CJK = ("\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3200-\u9fff"
        "\uf900-\ufaff\ufe30-\ufe4f\uff01-\uffef\U00020000-\U0003ffff“”‘’—…·")
CJK_SPACE = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")


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
        return decode_bytes(self.input_path.read_bytes())

    def convert(self) -> Edition:
        """Run the pipeline with the metadata a user would pass (NAME.meta.toml)."""
        meta = tomllib.loads(self.meta_path.read_text(encoding="utf-8")) if self.meta_path.exists() else {}
        metadata = Metadata(title=meta.get("title"), date=meta.get("date"), edition=meta.get("edition"),
                            source_name=self.input_path.name)
        options = {}
        if "pages" in meta and "pages" in inspect.signature(edition_from_bytes).parameters:
            options["pages"] = tuple(meta["pages"])  # page labels, once the pipeline accepts them
        return edition_from_bytes(self.input_path.read_bytes(), metadata, **options)


def fixtures(names: Iterable[str] = ()) -> list[Fixture]:
    found = sorted(p.name.removesuffix(".gold.txt") for p in EDITIONS_DIR.glob("*.gold.txt"))
    wanted = list(names) or found
    unknown = sorted(set(wanted) - set(found))
    if unknown:
        raise GoldError(f"no gold for {', '.join(unknown)} in {EDITIONS_DIR} (have: {', '.join(found)})")
    return [Fixture(n) for n in wanted]


def evaluate(fixture: Fixture) -> "Evaluation":
    return compare(fixture.gold(), fixture.convert(), fixture.input_text(), fixture.name)


# ---------------------------------------------------------------- source positions

class SourceIndex:
    """The input with whitespace removed, knowing the source line of every character."""

    def __init__(self, text: str):
        self.lines = split_lines(text)[0]
        chars, self.line_of = [], []
        for line in self.lines:
            key = squeeze(line.text)
            chars.append(key)
            self.line_of += [line.number] * len(key)
        self.text = "".join(chars)

    def locate(self, key: str) -> tuple[int, int, bool] | None:
        """First and last source line of `key`, and whether it is contiguous there; when it
        is not (a stray block interrupts it), where its first and last characters are."""
        at = self.text.find(key) if key else -1
        if at >= 0:
            return self.line_of[at], self.line_of[at + len(key) - 1], True
        probe = min(8, len(key))
        head, tail = self.text.find(key[:probe]), self.text.rfind(key[-probe:]) if key else -1
        if head >= 0 and tail >= head:
            return self.line_of[head], self.line_of[tail + probe - 1], False
        return None

    def span(self, *keys: str) -> str:
        found = [f for f in map(self.locate, keys) if f]
        if not found:
            return "src ?"
        first, last = min(f[0] for f in found), max(f[1] for f in found)
        exact = "" if all(f[2] for f in found) and len(found) == len(keys) else "?"
        return (f"src {first}" if first == last else f"src {first}-{last}") + exact

    def first_line(self, char: str) -> int | None:
        at = self.text.find(char)
        return self.line_of[at] if at >= 0 else None


class OutputIndex:
    """Every output text piece, searchable, to show where a gold text ended up."""

    PROBE = 10  # characters looked for at each end of a gold text

    def __init__(self, records: Records):
        self.owners: list[str] = []  # output article id or "figure ID", per piece
        self.pieces: list[Piece] = []
        self.labels: list[str] = []
        keys: list[str] = []
        units = [(a.where, _named_pieces(a)) for a in records.articles]
        units += [(f"figure {f.where}", [("caption", f.caption), ("credit", f.credit)]) for f in records.figures]
        for owner, named in units:
            for name, piece in named:
                if piece:
                    keys.append(piece.key)
                    self.pieces.append(piece)
                    self.owners.append(owner)
                    self.labels.append(f"{owner} {name} {piece.where} 「{abbrev(piece.key)}」")
        self.starts = [0]
        for key in keys[:-1]:
            self.starts.append(self.starts[-1] + len(key) + 1)
        self.text = "\x00".join(keys)

    def holder(self, key: str, at_end: bool, near: int | None) -> int | None:
        """Index of the piece holding the start (or end) of `key`: the first of a few
        windows near that end that the output has in one piece; of several pieces holding
        it, preferably one made from source line `near`."""
        for shift in range(6):
            probe = key[-self.PROBE - shift:len(key) - shift] if at_end else key[shift:shift + self.PROBE]
            found = [bisect_right(self.starts, m.start()) - 1
                     for m in re.finditer(re.escape(probe), self.text)] if probe else []
            if found:
                return next((i for i in found if near in self.pieces[i].lines), found[0])
        return None

    def holders(self, key: str, span: tuple[int, int, bool] | None) -> list[int | None]:
        first, last = span[:2] if span else (None, None)
        return list(dict.fromkeys([self.holder(key, False, first), self.holder(key, True, last)]))

    def whereabouts(self, key: str, span: tuple[int, int, bool] | None) -> list[str]:
        """Readable: the output pieces holding the start and the end of `key`."""
        return [self.labels[h] if h is not None else f"(「{abbrev(key[:self.PROBE])}」… is in no output text piece)"
                for h in self.holders(key, span)]


def _named_pieces(a: ArticleRec) -> list[tuple[str, Piece | None]]:
    named = [("kicker", a.kicker), ("head", a.head), ("dateline", a.dateline), ("byline", a.byline),
             ("source", a.source), ("date", a.date)] + [("sub", s) for s in a.subs]
    named += [(f"¶{i}", p) for i, p in enumerate(a.paragraphs, 1)]
    named += [(f"item {p.label}", p) for p in a.items] + [("signed", s) for s in a.signed]
    return named + [(j.direction, j.marker) for j in a.jumps]


def abbrev(text: str, keep: int = 14) -> str:
    return text if len(text) <= 2 * keep + 1 else f"{text[:keep]}…{text[-keep:]}({len(text)})"


# ---------------------------------------------------------------- metrics

@dataclass
class Metric:
    name: str
    hits: int
    total: int
    bar: float | None  # least share required; None: reported for information only
    failures: list[str] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        return self.hits / self.total if self.total else None

    @property
    def passed(self) -> bool:
        return self.bar is None or self.total == 0 or self.hits >= self.bar * self.total - 1e-9

    def row(self) -> str:
        score = f"{self.hits}/{self.total}  {100 * self.share:5.1f}%" if self.total else "n/a"
        bar = f">={100 * self.bar:.0f}%" if self.bar is not None else ""
        verdict = "" if self.bar is None else ("ok" if self.passed else "FAIL")
        return f"  {self.name:<15}{score:>22}  {bar:>6}  {verdict}"


def similarity(gold: str, output: str, floor: float = UNIT_SIMILARITY) -> float:
    """SequenceMatcher ratio, skipped (returning an upper bound below `floor`) when the
    cheap upper bounds already rule the pair out."""
    matcher = SequenceMatcher(None, gold, output, autojunk=False)
    for bound in (matcher.real_quick_ratio, matcher.quick_ratio):
        if (value := bound()) < floor:
            return value
    return matcher.ratio()


def match_units(gold: list[ArticleRec], output: list[ArticleRec]) -> dict[int, tuple[int, float]]:
    """One-to-one: gold index -> (output index, similarity), greedy by best similarity."""
    candidates = sorted(
        ((s, g, o) for g, ga in enumerate(gold) for o, oa in enumerate(output)
         if (s := similarity(ga.body_key, oa.body_key)) >= UNIT_SIMILARITY),
        key=lambda c: (-c[0], c[1], c[2]))
    pairs: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    for s, g, o in candidates:
        if g not in pairs and o not in taken:
            pairs[g] = (o, s)
            taken.add(o)
    return pairs


FIELDS: dict[str, Callable[[ArticleRec], list[Piece | None]]] = {
    "kicker": lambda a: [a.kicker], "head": lambda a: [a.head], "byline": lambda a: [a.byline],
    "dateline": lambda a: [a.dateline], "subs": lambda a: a.subs, "source": lambda a: [a.source],
    "closer": lambda a: a.signed + [a.date], "kind": lambda a: [Piece(a.kind)],
}


def field_key(article: ArticleRec, name: str) -> str:
    return " | ".join(p.key for p in FIELDS[name](article) if p)


def _multiset_metric(name: str, gold: list, output: list, show: Callable[[object], str]) -> Metric:
    """Share of gold keys the output reproduces, each output key used once."""
    left = Counter(output)
    failures = []
    for key in gold:
        if left[key] > 0:
            left[key] -= 1
        else:
            failures.append(show(key))
    return Metric(name, len(gold) - len(failures), len(gold), BARS.get(name), failures)


def body_pieces(records: Records) -> list[Piece]:
    """Running text (paragraphs, list items, captions), where no whitespace may stay
    between CJK characters; heads, bylines, signatures and credits may keep a space."""
    return [p for a in records.articles for p in a.blocks] + [f.caption for f in records.figures if f.caption]


def cjk_space_metric(records: Records) -> Metric:
    pieces = body_pieces(records)
    offending = [(piece, m) for piece in pieces for m in CJK_SPACE.finditer(piece.text)]
    failures = [f"  {piece.where}: 「{piece.text[max(0, m.start() - 6):m.end() + 6]}」" for piece, m in offending]
    clean = len(pieces) - len({id(piece) for piece, _ in offending})
    return Metric("cjk-spaces", clean, len(pieces), BARS["cjk-spaces"], failures)


def conservation_metric(source: SourceIndex, records: Records) -> Metric:
    expected, got = Counter(source.text), Counter(squeeze("".join(records.values)))
    missing, extra = expected - got, got - expected
    failures = [f"  missing 「{c}」×{n} (first in src {source.first_line(c)})" for c, n in missing.most_common()]
    failures += [f"  extra 「{c}」×{n}" for c, n in extra.most_common()]
    total = sum(expected.values()) + sum(extra.values())
    return Metric("conservation", total - sum(missing.values()) - sum(extra.values()), total,
                  BARS["conservation"], failures)


@dataclass
class Evaluation:
    name: str
    metrics: dict[str, Metric]
    unit_diffs: dict[int, list[str]]  # gold article index -> readable diff, for failing units

    def table(self) -> str:
        bar = [m.row() for m in self.metrics.values() if m.bar is not None]
        info = [m.row() for m in self.metrics.values() if m.bar is None]
        return "\n".join([f"{self.name}", f"  {'metric':<15}{'score':>22}  {'bar':>6}", *bar,
                          "  -- for information", *info])

    @property
    def failed(self) -> list[str]:
        return [name for name, m in self.metrics.items() if not m.passed]

    def explain(self, name: str, limit: int = 80) -> str:
        lines = self.metrics[name].failures
        more = [f"  … {len(lines) - limit} more lines (python tests/quality_report.py {self.name})"]
        return "\n".join([self.table(), f"-- {name}", *lines[:limit], *(more if len(lines) > limit else [])])

    def report(self) -> str:
        parts = [self.table()]
        if self.unit_diffs:
            parts.append(f"-- failing units ({len(self.unit_diffs)})")
            parts += ["\n".join(d) for d in self.unit_diffs.values()]
        for name, metric in self.metrics.items():
            if metric.failures and name not in _UNIT_METRICS:
                parts.append("\n".join([f"-- {name}", *metric.failures]))
        return "\n".join(parts)


_UNIT_METRICS = {"units", "paragraphs", *FIELDS}  # their failures are shown per unit


def compare(gold: Records, output: Edition | Records, input_text: str, name: str = "edition") -> Evaluation:
    out = output if isinstance(output, Records) else records_from_edition(output)
    source, where = SourceIndex(input_text), OutputIndex(out)
    pairs = match_units(gold.articles, out.articles)
    metrics = {"units": Metric("units", len(pairs), len(gold.articles), BARS["units"])}
    diffs = {g: _unit_diff(g, a, out, pairs.get(g), source, where) for g, a in enumerate(gold.articles)}
    for f in FIELDS:
        scored = [(g, o) for g, (o, _) in pairs.items()
                  if field_key(gold.articles[g], f) or field_key(out.articles[o], f)]
        wrong = [(g, o) for g, o in scored if field_key(gold.articles[g], f) != field_key(out.articles[o], f)]
        metrics[f] = Metric(f, len(scored) - len(wrong), len(scored), BARS.get(f), [
            f"  #{g + 1} {gold.articles[g].where}: gold 「{field_key(gold.articles[g], f)}」"
            f" output {out.articles[o].where} 「{field_key(out.articles[o], f)}」" for g, o in wrong])
    metrics["paragraphs"] = _multiset_metric(
        "paragraphs", [p.key for a in gold.articles for p in a.paragraphs],
        [p.key for a in out.articles for p in a.paragraphs], str)
    metrics["units"].failures = [l for g, d in diffs.items() if g not in pairs for l in d]
    metrics["paragraphs"].failures = [l for d in diffs.values() if any("✗ ¶" in x for x in d) for l in d]
    metrics["captions"] = _multiset_metric(
        "captions", [f.key for f in gold.figures], [f.key for f in out.figures],
        lambda k: f"  ✗ 「{abbrev(k[0])}」 credit 「{k[1]}」 -> " + "; ".join(
            where.whereabouts(k[0], source.locate(k[0]))))
    metrics["continuations"] = _multiset_metric(
        "continuations", [j.key for a in gold.articles for j in a.jumps],
        [j.key for a in out.articles for j in a.jumps],
        lambda k: f"  ✗ {k[0]} 「{k[1]}」 page={k[2]} sign={k[3]} -> " + (
            "; ".join(f"{j.direction} page={j.page} sign={j.sign} in {a.where}"
                      for a in out.articles for j in a.jumps if j.marker.key == k[1]) or "not recognised"))
    metrics["cjk-spaces"] = cjk_space_metric(out)
    metrics["conservation"] = conservation_metric(source, out)
    _information(metrics, gold, out, pairs)
    return Evaluation(name, metrics, {g: d for g, d in diffs.items() if d})


def _information(metrics: dict[str, Metric], gold: Records, out: Records, pairs: dict) -> None:
    """Metrics outside the bar that still tell the structure engineer what is wrong."""
    nonempty = [o for o, a in enumerate(out.articles) if a.body_key]
    matched = {o for o, _ in pairs.values()}
    metrics["precision"] = Metric("precision", len(matched & set(nonempty)), len(nonempty), None, [
        f"  output {out.articles[o].where} matches no gold unit: 「{abbrev(out.articles[o].body_key)}」"
        for o in nonempty if o not in matched])
    metrics["items"] = _multiset_metric("items", [p.key for a in gold.articles for p in a.items],
                                        [p.key for a in out.articles for p in a.items], lambda k: f"  ✗ {k}")
    metrics["sections"] = _multiset_metric("sections", [s.key for s in gold.sections],
                                           [s.key for s in out.sections], lambda k: f"  ✗ {' / '.join(k)}")
    metrics["furniture"] = _multiset_metric("furniture", [(k, p.key) for k, p in gold.furniture],
                                            [(k, p.key) for k, p in out.furniture], lambda k: f"  ✗ {k}")
    if gold.pages:
        same = sum(g == o for g, o in zip(gold.pages, out.pages))
        metrics["pages"] = Metric("pages", same, max(len(gold.pages), len(out.pages)), None,
                                  [] if gold.pages == out.pages else [f"  gold {gold.pages} output {out.pages}"])


def _unit_diff(g: int, article: ArticleRec, out: Records, pair: tuple[int, float] | None,
               source: SourceIndex, where: OutputIndex) -> list[str]:
    """Gold unit vs its output: nothing when they agree, else a readable account."""
    body = article.blocks + article.signed + ([article.date] if article.date else []) or article.pieces()
    name = article.head.text if article.head else abbrev(article.body_key)
    title = f"#{g + 1} {article.kind} 「{name}」 {article.where} {source.span(*(p.key for p in body))}"
    matched = out.articles[pair[0]] if pair else None
    lines = [f"    {f:<9} gold 「{field_key(article, f)}」 output 「{field_key(matched, f)}」"
             for f in FIELDS if matched and field_key(article, f) != field_key(matched, f)]
    output_paragraphs = Counter(p.key for a in out.articles for p in a.paragraphs)
    for i, p in enumerate(article.paragraphs, 1):
        if output_paragraphs[p.key] <= 0:
            lines.append(f"    ✗ ¶{i} {source.span(p.key)} gold 「{abbrev(p.key)}」")
            lines += [f"        output {w}" for w in where.whereabouts(p.key, source.locate(p.key))]
        output_paragraphs[p.key] -= 1
    if not lines:
        return []
    if matched:
        status = f"matched {matched.where} (similarity {pair[1]:.3f})"
    else:
        lengths = {a.where: len(a.body_key) for a in out.articles}
        owners = dict.fromkeys(where.owners[h] for p in body
                               for h in where.holders(p.key, source.locate(p.key)) if h is not None)
        status = f"NOT MATCHED (gold body {len(article.body_key)} chars); its text is in: " + (
            ", ".join(f"{o} (body {lengths[o]} chars)" if o in lengths else o for o in owners) or "nothing")
    return [f"✗ {title}", f"    {status}", *lines]
