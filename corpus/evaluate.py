"""`python -m corpus eval DIR`: news2tei scored on a built corpus with the project's own metrics
(tests/gold_metrics.py), per style and pooled, plus page-furniture precision and recall.

Shares are pooled as hits/total over pages (never a mean of page shares, which would let a
page with one unit weigh as much as a page with twenty). With --groups the styles are split
into their leave-one-style-out groups: for each group, the converter is made from the pages of
the other groups and scored on the held-out group's pages. The default converter is news2tei
as installed, whose shipped model was trained on corpus pages too: its figures are not held out.
Leave-one-style-out figures come from a converter trained per fold: --converter
MODULE:FUNCTION is called with the training pages and returns a function from input bytes
and Metadata to an Edition (corpus.train:labelled_converter trains a labeller); --train CMD
runs before each fold; --models DIR takes each fold's labeller from DIR/GROUP.crfsuite, trained
once by `python -m corpus.train --folds DIR` (the same figures, without training per run)."""
from __future__ import annotations

import importlib
import json
import shlex
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from converter.errors import News2teiError
from converter.model import Edition, Metadata
from converter.labeller.model import use_labeller, use_model
from converter.pipeline import edition_from_bytes
from corpus.quality import gold, gold_metrics
from corpus.train import GoldLabeller

Converter = Callable[[bytes, Metadata], Edition]
FURNITURE = ("furniture-precision", "furniture-recall", "furniture-chars-precision", "furniture-chars-recall",
             "headings-clean")


@dataclass(frozen=True)
class CorpusPage:
    name: str
    style: str
    group: str
    directory: Path
    extractor: str = ""

    @property
    def text_path(self) -> Path:
        return self.directory / f"{self.name}.txt"

    @property
    def gold_path(self) -> Path:
        return self.directory / f"{self.name}.gold.txt"


def corpus_pages(directory: Path) -> list[CorpusPage]:
    manifest = directory / "manifest.json"
    if not manifest.exists():
        raise gold.GoldError(f"{directory}: no manifest.json (build it with python -m corpus build -o {directory})")
    return [CorpusPage(m["name"], m["style"], m["group"], directory, m.get("extractor", ""))
            for m in json.loads(manifest.read_text(encoding="utf-8"))]


def shipped_converter(training: list[CorpusPage]) -> Converter:
    """news2tei as installed, with its shipped model: nothing learnt from the fold's pages."""
    return lambda data, meta: edition_from_bytes(data, meta)


def score_page(page: CorpusPage, convert: Converter) -> dict[str, tuple[int, int]]:
    """(hits, total) per metric on one page; a page the converter rejects scores zero."""
    data = page.text_path.read_bytes()
    records = gold.parse_gold(page.gold_path.read_text(encoding="utf-8"), page.gold_path.name)
    text = data.decode("utf-8")
    try:
        output = gold.records_from_edition(convert(data, Metadata(source_name=page.text_path.name)))
    except News2teiError:
        output = gold.Records()
    evaluation = gold_metrics.compare(records, output, text, page.name)
    scores = {name: (m.hits, m.total) for name, m in evaluation.metrics.items()}
    precision = gold_metrics._multiset_metric(
        "furniture", [(k, p.key) for k, p in output.furniture], [(k, p.key) for k, p in records.furniture], str)
    scores["furniture-precision"] = (precision.hits, precision.total)
    scores["furniture-recall"] = scores.pop("furniture")
    scores.update(furniture_text_scores(records, output))
    return scores


def furniture_text_scores(records: gold.Records, output: gold.Records) -> dict[str, tuple[int, int]]:
    """Furniture as text, whatever the items it is cut into: the characters of the output's
    furniture that the gold's furniture has (precision) and the reverse (recall); and the
    headings (kickers, headlines, subheadlines, section heads) that hold no furniture item
    of the gold, which is what issue 15 asks by "furniture never in a headline"."""
    def chars(records: gold.Records) -> Counter[str]:
        return Counter("".join(p.key for _, p in records.furniture))

    expected, got = chars(records), chars(output)
    common = sum((expected & got).values())
    items = [p.key for _, p in records.furniture if len(p.key) > 1]
    headings = [p.key for a in output.articles for p in (a.kicker, a.head, *a.subs) if p]
    headings += [p.key for s in output.sections for p in ([s.head] if s.head else []) + s.subs]
    clean = sum(not any(item in heading for item in items) for heading in headings)
    return {"furniture-chars-precision": (common, sum(got.values())),
            "furniture-chars-recall": (common, sum(expected.values())),
            "headings-clean": (clean, len(headings))}


def pooled(scores: list[dict[str, tuple[int, int]]]) -> dict[str, tuple[int, int]]:
    total: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for page in scores:
        for name, (hits, count) in page.items():
            total[name][0] += hits
            total[name][1] += count
    return {name: (h, t) for name, (h, t) in total.items()}


def _metric_names() -> list[str]:
    order = list(gold_metrics.BARS) + ["subs", "source", "closer", "kind", "precision", "items", "sections", "pages"]
    return order + list(FURNITURE)


def table(rows: dict[str, dict[str, tuple[int, int]]], pages: dict[str, int]) -> str:
    names = [n for n in _metric_names() if any(n in r for r in rows.values())]
    short = {n: n.replace("furniture-chars-", "fchar-").replace("furniture-", "furn-")[:9] for n in names}
    lines = ["| set | pages | " + " | ".join(short[n] for n in names) + " |",
             "|---|---:|" + "---:|" * len(names)]
    for label, row in rows.items():
        cells = [f"{100 * row[n][0] / row[n][1]:.1f}" if n in row and row[n][1] else "n/a" for n in names]
        lines.append(f"| {label} | {pages[label]} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _factory(spec: str | None) -> Callable[[list[CorpusPage]], Converter]:
    if not spec:
        return shipped_converter
    module, _, function = spec.partition(":")
    return getattr(importlib.import_module(module), function)


def _run_train(command: str, training: list[CorpusPage], held_out: list[CorpusPage]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        lists = {}
        for key, pages in (("train", training), ("heldout", held_out)):
            lists[key] = Path(tmp) / f"{key}.txt"
            lists[key].write_text("".join(f"{p.text_path}\n" for p in pages), encoding="utf-8")
        subprocess.run(shlex.split(command.format(**{k: str(v) for k, v in lists.items()})), check=True)


def fold_converter(models: Path, group: str) -> Converter:
    """news2tei with the model trained without `group`, MODELS/GROUP.crfsuite
    (`python -m corpus.train --folds MODELS`)."""
    model = models / f"{group}.crfsuite"
    if not model.is_file():
        raise OSError(f"{model}: no model for the held-out group {group} (python -m corpus.train --folds {models})")
    use_model(model)
    return edition_from_bytes


def evaluate(directory: Path, groups: bool = False, converter: str | None = None,
             train: str | None = None, models: Path | None = None, gold_labels: bool = False) -> dict:
    """Scores pooled over all pages, per style, per group and per extractor. With
    `gold_labels`, every page's lines are labelled as its gold gives them: what the
    assembly loses then is its own (the labeller's cost is the difference)."""
    pages = corpus_pages(directory)
    factory = _factory(converter)
    folds = sorted({p.group for p in pages}) if groups else [None]
    by_page: dict[str, dict[str, tuple[int, int]]] = {}
    for fold in folds:
        held_out = [p for p in pages if fold is None or p.group == fold]
        training = [p for p in pages if fold is not None and p.group != fold]
        if train:
            _run_train(train, training, held_out)
        convert = fold_converter(models, fold) if models and fold is not None else factory(training)
        try:
            for page in held_out:
                if gold_labels:
                    use_labeller(GoldLabeller(page.text_path, page.gold_path))
                by_page[page.name] = score_page(page, convert)
        finally:
            use_labeller(None)  # the model labels again, whatever stopped the fold
    result = {"pooled": pooled(list(by_page.values())), "pages": len(by_page)}
    for key, attr in (("styles", "style"), ("groups", "group"), ("extractors", "extractor")):
        members = defaultdict(list)
        for page in pages:
            members[getattr(page, attr)].append(by_page[page.name])
        result[key] = {name: {"pages": len(s), "scores": pooled(s)} for name, s in sorted(members.items())}
    return result


def report(result: dict, groups: bool) -> str:
    rows, counts = _rows(result["groups" if groups else "styles"])
    rows["pooled"], counts["pooled"] = result["pooled"], result["pages"]
    title = "held-out group" if groups else "style"
    return (f"news2tei on the corpus, per {title} (share in %, hits/total pooled over pages)\n" + table(rows, counts)
            + "\n\nper extractor\n" + table(*_rows(result["extractors"])))


def _rows(entries: dict) -> tuple[dict, dict[str, int]]:
    """A report's table rows (scores by name) and their page counts."""
    return ({name: entry["scores"] for name, entry in entries.items()},
            {name: entry["pages"] for name, entry in entries.items()})


def run_eval(args) -> int:
    try:
        result = evaluate(args.dir, args.groups, args.converter, args.train, args.models, args.gold_labels)
    except (gold.GoldError, OSError, subprocess.CalledProcessError) as exc:
        print(f"corpus eval: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(report(result, args.groups))
    return 0
