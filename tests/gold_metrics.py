"""The quality metrics of issue 3, computed on gold and output records, and their report.

`compare` scores output records against gold ones (definitions in GOLD-FORMAT.md);
`Evaluation.report` renders the result for a human: a metrics table, then every failing
unit with gold and output side by side and their source line spans."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Callable, NamedTuple

from converter.model import Edition
from converter.normalize import split_lines
from gold import ArticleRec, Fixture, Piece, Records, records_from_edition, squeeze

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


# ---------------------------------------------------------------- source positions

class Place(NamedTuple):
    first: int  # source lines
    last: int
    exact: bool  # contiguous in the source
    end: int  # offset just after it in SourceIndex.text


class SourceIndex:
    """The input with whitespace removed, knowing the source line of every character."""

    def __init__(self, text: str):
        chars, self.line_of = [], []
        for line in split_lines(text)[0]:
            key = squeeze(line.text)
            chars.append(key)
            self.line_of += [line.number] * len(key)
        self.text = "".join(chars)

    def first_line(self, char: str) -> int | None:
        at = self.text.find(char)
        return self.line_of[at] if at >= 0 else None

    def locate(self, key: str, after: int = 0) -> Place | None:
        """Where `key` is, preferably at or after character `after`; when it is not
        contiguous in the source (a stray block interrupts it), where its ends are."""
        probe = min(8, len(key))
        for start in dict.fromkeys((after, 0)):
            at = self.text.find(key, start) if key else -1
            if at >= 0:
                return Place(self.line_of[at], self.line_of[at + len(key) - 1], True, at + len(key))
            head = self.text.find(key[:probe], start) if key else -1
            tail = self.text.find(key[-probe:], head) if head >= 0 else -1
            if tail >= 0:
                return Place(self.line_of[head], self.line_of[tail + probe - 1], False, tail + probe)
        return None

    def locate_run(self, keys: list[str]) -> list[Place | None]:
        """Places of texts that follow one another in the source (a unit's body)."""
        places, cursor = [], 0
        for key in keys:
            places.append(self.locate(key, cursor))
            cursor = places[-1].end if places[-1] else cursor
        return places


def span_of(places: list[Place | None]) -> str:
    found = [p for p in places if p]
    if not found:
        return "src ?"
    first, last = min(p.first for p in found), max(p.last for p in found)
    exact = "" if len(found) == len(places) and all(p.exact for p in found) else "?"
    return (f"src {first}" if first == last else f"src {first}-{last}") + exact


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

    def holders(self, key: str, place: Place | None) -> list[int | None]:
        first, last = (place.first, place.last) if place else (None, None)
        return list(dict.fromkeys([self.holder(key, False, first), self.holder(key, True, last)]))

    def whereabouts(self, key: str, place: Place | None) -> list[str]:
        """Readable: the output pieces holding the start and the end of `key`."""
        return [self.labels[h] if h is not None else f"(「{abbrev(key[:self.PROBE])}」… is in no output text piece)"
                for h in self.holders(key, place)]


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
class UnitDiff:
    """A gold unit that the output gets wrong, told for a human."""

    lines: list[str]
    matched: bool
    paragraphs_missed: int


@dataclass
class Evaluation:
    name: str
    metrics: dict[str, Metric]
    unit_diffs: dict[int, UnitDiff]  # by gold article index, only for failing units

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
            parts += ["\n".join(d.lines) for d in self.unit_diffs.values()]
        for name, metric in self.metrics.items():
            if metric.failures and name not in _UNIT_METRICS:
                parts.append("\n".join([f"-- {name}", *metric.failures]))
        return "\n".join(parts)


_UNIT_METRICS = {"units", "paragraphs", *FIELDS}  # their failures are shown per unit


def compare(gold: Records, output: Edition | Records, input_text: str, name: str = "edition") -> Evaluation:
    out = output if isinstance(output, Records) else records_from_edition(output)
    source, where = SourceIndex(input_text), OutputIndex(out)
    pairs = match_units(gold.articles, out.articles)
    unused_paragraphs = Counter(p.key for a in out.articles for p in a.paragraphs)
    diffs = {g: d for g, a in enumerate(gold.articles)
             if (d := _unit_diff(g, a, out, pairs.get(g), source, where, unused_paragraphs))}
    metrics = {"units": Metric("units", len(pairs), len(gold.articles), BARS["units"],
                               [line for d in diffs.values() if not d.matched for line in d.lines])}
    metrics.update((f, _field_metric(f, gold, out, pairs)) for f in FIELDS)
    paragraphs = sum(len(a.paragraphs) for a in gold.articles)
    metrics["paragraphs"] = Metric(
        "paragraphs", paragraphs - sum(d.paragraphs_missed for d in diffs.values()), paragraphs,
        BARS["paragraphs"], [line for d in diffs.values() if d.paragraphs_missed for line in d.lines])
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
    return Evaluation(name, metrics, diffs)


def _field_metric(name: str, gold: Records, out: Records, pairs: dict[int, tuple[int, float]]) -> Metric:
    """Exact match on matched articles where gold or output has the field."""
    keys = [(g, o, field_key(gold.articles[g], name), field_key(out.articles[o], name))
            for g, (o, _) in pairs.items()]
    scored = [k for k in keys if k[2] or k[3]]
    wrong = [f"  #{g + 1} {gold.articles[g].where}: gold 「{gk}」 output {out.articles[o].where} 「{ok}」"
             for g, o, gk, ok in scored if gk != ok]
    return Metric(name, len(scored) - len(wrong), len(scored), BARS.get(name), wrong)


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
               source: SourceIndex, where: OutputIndex, unused_paragraphs: Counter) -> UnitDiff | None:
    """Gold unit vs its output: None when they agree, else a readable account. Consumes the
    output paragraphs it finds from `unused_paragraphs` (each reproduces one gold paragraph)."""
    body = article.blocks + article.signed + ([article.date] if article.date else []) or article.pieces()
    places = source.locate_run([p.key for p in body])
    matched = out.articles[pair[0]] if pair else None
    lines = [f"    {f:<9} gold 「{field_key(article, f)}」 output 「{field_key(matched, f)}」"
             for f in FIELDS if matched and field_key(article, f) != field_key(matched, f)]
    paragraphs = [(p, place) for p, place in zip(body[:len(article.blocks)], places) if p.label is None]
    missed = 0
    for i, (p, place) in enumerate(paragraphs, 1):
        if unused_paragraphs[p.key] > 0:
            unused_paragraphs[p.key] -= 1
            continue
        missed += 1
        lines.append(f"    ✗ ¶{i} {span_of([place])} gold 「{abbrev(p.key)}」")
        lines += [f"        output {w}" for w in where.whereabouts(p.key, place)]
    if matched and not lines:
        return None
    if matched:
        status = f"matched {matched.where} (similarity {pair[1]:.3f})"
    else:
        lengths = {a.where: len(a.body_key) for a in out.articles}
        owners = dict.fromkeys(where.owners[h] for p, place in zip(body, places)
                               for h in where.holders(p.key, place) if h is not None)
        status = f"NOT MATCHED (gold body {len(article.body_key)} chars); its text is in: " + (
            ", ".join(f"{o} (body {lengths[o]} chars)" if o in lengths else o for o in owners) or "nothing")
    name = article.head.text if article.head else abbrev(article.body_key)
    title = f"✗ #{g + 1} {article.kind} 「{name}」 {article.where} {span_of(places)}"
    return UnitDiff([title, f"    {status}", *lines], matched is not None, missed)


def evaluate(fixture: Fixture) -> Evaluation:
    return compare(fixture.gold(), fixture.convert(), fixture.input_text(), fixture.name)
