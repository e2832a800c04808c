"""Tune the attachment's weights on a built corpus: `python -m corpus.tune --corpus DIR`.

Which heading group goes with which body is decided in `converter/attach.py` by the words
a group shares with each body, a prior for the page's prevailing direction, and the
thresholds for leaving a group without a body or finding a stray's story. This command
scores every combination of the candidate values below on the corpus pages (articles
found, headlines and kickers right, pooled) and prints them best first, so the values in
attach.py are chosen on data, not by hand on single editions. Tune on a training corpus,
never on the pages the figures are reported for."""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

from converter import attach

from .evaluate import corpus_pages, pooled, score_page, shipped_converter
from .quality import gold

GRID: dict[str, tuple[float, ...]] = {
    "LAYOUT_PRIOR": (0.05, 0.15, 0.3),
    "UNASSIGNED": (-0.15, -0.05, 0.0),
    "STRAY_MATCH": (0.1, 0.3),
    "PAGE_VOTE_MARGIN": (0.25, 0.75, 1.5),
}
SCORED = ("units", "head", "kicker")


def tune(directory: Path, grid: dict[str, tuple[float, ...]] = GRID) -> list[tuple[float, dict[str, float]]]:
    """(score, values) for every combination, best first: the score is the sum of the
    pooled shares of SCORED."""
    pages = corpus_pages(directory)
    convert = shipped_converter(pages)
    from converter.labeller import model

    label = model.Labeller.label
    model.Labeller.label = _once(label)  # type: ignore[method-assign]
    results = []
    shipped = {name: getattr(attach, name) for name in grid}
    try:
        for values in itertools.product(*grid.values()):
            setting = dict(zip(grid, values))
            for name, value in setting.items():
                setattr(attach, name, value)
            scores = pooled([score_page(page, convert) for page in pages])
            results.append((sum(scores[m][0] / max(scores[m][1], 1) for m in SCORED), setting))
    finally:
        model.Labeller.label = label  # type: ignore[method-assign]
        for name, value in shipped.items():
            setattr(attach, name, value)
    return sorted(results, key=lambda r: -r[0])


def _once(label):
    """The labels do not depend on the attachment: each page is labelled once."""
    seen: dict = {}

    def cached(self, lines):
        key = tuple((line.number, line.page, line.text) for line in lines)
        if key not in seen:
            seen[key] = label(self, lines)
        return seen[key]
    return cached


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpus.tune", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--only", metavar="NAME=V1,V2", action="append", default=[],
                        help="score only these values of one weight (repeatable): a narrower grid")
    args = parser.parse_args(argv)
    grid = dict(GRID)
    for item in args.only:
        name, _, values = item.partition("=")
        try:
            if name not in GRID:
                raise ValueError(f"no weight {name!r}")
            grid[name] = tuple(float(v) for v in values.split(","))
        except ValueError as exc:
            parser.error(f"--only {item}: {exc}")
    try:
        results = tune(args.corpus, grid)
    except (gold.GoldError, OSError) as exc:
        print(f"corpus tune: {exc}", file=sys.stderr)
        return 2
    for score, setting in results[: args.top]:
        print(f"{score:.4f} {json.dumps(setting)}")
    print(f"{len(results)} settings scored on {args.corpus}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
