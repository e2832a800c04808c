"""Train the line labeller: `python -m corpus.train [--corpus DIR]... [-o MODEL]`.

Training data: every page of the given built corpora (NAME.txt beside NAME.gold.txt,
see corpus/README.md) and the hand-written fixture editions (tests/fixtures/editions),
labelled by aligning their gold files with their lines (labeller/align.py). Same data
and options, same model bytes: CRFsuite's L-BFGS is deterministic and the pages are
read in sorted order.

`--loso` scores instead of training the shipped model: for each style group of the
corpus, a model trained without it labels its pages (line accuracy per label). `--folds DIR`
keeps those models, for `python -m corpus eval --groups --models DIR`."""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from converter.decode import decode
from converter.labeller.features import edition_shapes, page_features
from converter.labeller.model import MODEL_PATH, Labelled, pages_of
from converter.model import Edition, Metadata
from converter.pipeline import source_lines
from converter.source import SourceLine

from .align import align, gold_values

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "editions"
SEED = ROOT / "seeds" / "000_627fccb794dc0fc3.txt"
FIXTURE_GROUP = "fixtures"  # always trained on, never held out
# L1 and L2 penalties chosen on held-out style groups (300 pages, each of 9 groups labelled by a
# model trained without it; line accuracy): c1 0.05 -> 95.00%, 0.3 -> 95.45%, 1.0 -> 95.74%;
# 2.0 was worse on 5 of 6 groups; c2 0.1 (with c1 0.3) -> 95.49%. A sparser model leans less
# on what one house style alone prints.
PARAMS = {"c1": 1.0, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}


@dataclass
class Example:
    name: str
    group: str  # the style group (leave-one-style-out holds a group out at once)
    pages: list[tuple[list[dict[str, float]], list[str]]]  # per page: items and labels
    unmatched: int


def examples(corpora: list[Path], fixtures: bool) -> Iterator[Example]:
    for corpus in corpora:
        groups = _groups(corpus)
        for gold in sorted(corpus.rglob("*.gold.txt")):
            text = gold.with_name(gold.name.removesuffix(".gold.txt") + ".txt")
            yield _example(text, gold, groups.get(text.stem, "corpus"))
    if fixtures:
        for gold in sorted(FIXTURES.glob("*.gold.txt")):
            name = gold.name.removesuffix(".gold.txt")
            yield _example(SEED if name == "seed" else FIXTURES / f"{name}.txt", gold, FIXTURE_GROUP)


def _groups(corpus: Path) -> dict[str, str]:
    """Page name -> style group, from the corpus manifest when there is one."""
    manifest = corpus / "manifest.json"
    if not manifest.is_file():
        return {}
    return {p["name"]: p["group"] for p in json.loads(manifest.read_text(encoding="utf-8"))}


def labelled_converter(training: list) -> Callable[[bytes, Metadata], Edition]:
    """For `python -m corpus eval --groups --converter corpus.train:labelled_converter`:
    news2tei with a labeller trained on `training` (corpus pages) and the fixture editions."""
    from converter.labeller.model import use_model
    from converter.pipeline import edition_from_bytes

    data = [_cached_example(p.text_path, p.gold_path, p.group) for p in training] + list(examples([], True))
    model = Path(tempfile.mkdtemp(prefix="news2tei-fold-")) / "model.crfsuite"
    train([e for e in data if not e.unmatched], model)
    use_model(model)
    return edition_from_bytes


_EXAMPLES: dict[Path, Example] = {}


def _cached_example(text_path: Path, gold_path: Path, group: str) -> Example:
    """Every fold of an evaluation trains on most pages again: read each once."""
    if text_path not in _EXAMPLES:
        _EXAMPLES[text_path] = _example(text_path, gold_path, group)
    return _EXAMPLES[text_path]


def gold_labels(lines: list[SourceLine], gold_path: Path) -> tuple[dict[int, str | None], int]:
    """Each line's label as its page's gold gives it (None for a blank line), and the
    number of source characters in no gold value."""
    aligned = align(lines, gold_values(_parse_gold(gold_path)))
    return {line.number: y for line, y in zip(lines, aligned.labels)}, aligned.unmatched


class GoldLabeller:
    """Labels a page's lines as its gold does, sure of each: what the assembly makes of
    perfect labels (`python -m corpus eval --gold-labels`). A line no gold value holds
    goes on with the text before it."""

    def __init__(self, text_path: Path, gold_path: Path) -> None:
        self.labels, _ = gold_labels(source_lines(decode(text_path.read_bytes()).text), gold_path)

    def label(self, lines: Sequence[SourceLine]) -> list[Labelled]:
        return [Labelled(line, None if line.blank else self.labels.get(line.number) or "p-I", 1.0)
                for line in lines]


def _example(text_path: Path, gold_path: Path, group: str) -> Example:
    lines = source_lines(decode(text_path.read_bytes()).text)
    label_of, unmatched = gold_labels(lines, gold_path)
    pages = pages_of(lines)
    shapes = edition_shapes(pages)
    seqs = [(page_features(page, shapes), [label_of[l.number] or "" for l in page if not l.blank])
            for page in pages]
    return Example(text_path.stem, group, [s for s in seqs if s[0]], unmatched)


def _parse_gold(path: Path):
    from .quality import gold

    return gold.parse_gold(path.read_text(encoding="utf-8"), path.name)


# The hand-written fixture editions are few against the corpus's pages, but they are real
# extractor output read by people: each counts this many times. (With c1 = 1.0 and weight 12
# the fixtures' paragraphs fell to 97.9%; 20 keeps them at 99.2% and finds as many articles on
# 300 unseen corpus pages; 30 found 15 fewer headlines there.)
FIXTURE_WEIGHT = 20


def train(data: list[Example], out: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for example in data:
        for _ in range(FIXTURE_WEIGHT if example.group == FIXTURE_GROUP else 1):
            for items, labels in example.pages:
                trainer.append(items, labels)
    trainer.set_params(PARAMS)
    trainer.train(str(out))


def fold_models(data: list[Example], directory: Path, only: Sequence[str] = ()) -> dict[str, Path]:
    """For each style group of the corpus (or each of `only`), a model trained on every
    other group and the fixture editions, written to DIRECTORY/GROUP.crfsuite (for `python -m
    corpus eval --groups --models DIRECTORY`: leave-one-style-out in minutes, not a training
    per run). Two processes given half the groups each share a 2-core machine's work."""
    directory.mkdir(parents=True, exist_ok=True)
    models = {}
    for group in sorted(({e.group for e in data} - {FIXTURE_GROUP}) & set(only or {e.group for e in data})):
        models[group] = directory / f"{group}.crfsuite"
        train([e for e in data if e.group != group and not e.unmatched], models[group])
    return models


def loso(data: list[Example]) -> dict[str, dict[str, list[int]]]:
    """Per held-out group: label -> [right, total] on its pages, by a model trained without it."""
    import pycrfsuite

    scores: dict[str, dict[str, list[int]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for group, model in fold_models(data, Path(tmp)).items():
            tagger = pycrfsuite.Tagger()
            tagger.open(str(model))
            table = scores.setdefault(group, {})
            for example in (e for e in data if e.group == group):
                for items, labels in example.pages:
                    for gold, got in zip(labels, tagger.tag(items)):
                        cell = table.setdefault(gold, [0, 0])
                        cell[0] += gold == got
                        cell[1] += 1
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpus.train", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, action="append", default=[], help="a built corpus (repeatable)")
    parser.add_argument("--no-fixtures", action="store_true", help="leave out the hand-written fixture editions")
    parser.add_argument("-o", "--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--loso", action="store_true", help="leave-one-style-out scores instead of a model")
    parser.add_argument("--folds", type=Path, metavar="DIR",
                        help="instead of a model, one per style group trained without it, into DIR")
    parser.add_argument("--group", action="append", default=[], metavar="GROUP",
                        help="with --folds: only the fold holding out GROUP (repeatable)")
    args = parser.parse_args(argv)
    empty = [c for c in args.corpus if not any(c.rglob("*.gold.txt"))]
    if empty:
        parser.error(f"no corpus pages (NAME.txt beside NAME.gold.txt) in {', '.join(map(str, empty))}")
    data = list(examples(args.corpus, not args.no_fixtures))
    unmatched = sum(e.unmatched for e in data)
    print(f"{len(data)} editions, {sum(len(e.pages) for e in data)} pages, "
          f"{sum(len(labels) for e in data for _, labels in e.pages)} lines; "
          f"{unmatched} source characters in no gold value (pages with any are left out: "
          f"{sum(1 for e in data if e.unmatched)})", file=sys.stderr)
    if args.loso:
        report = loso(data)
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    if args.folds:
        for group, model in fold_models(data, args.folds, args.group).items():
            print(f"{group}: {model} ({model.stat().st_size} bytes)", file=sys.stderr)
        return 0
    train([e for e in data if not e.unmatched], args.output)
    print(f"model written to {args.output} ({args.output.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
