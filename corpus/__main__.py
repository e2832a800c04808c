"""python -m corpus build --pages N --seed S -o DIR | reextract DIR -o DIR --extractor X | styles |
eval DIR (see corpus/README.md)."""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from corpus.content import DATA_DIR, ContentError, load_articles, load_styles
from corpus.extract import EXTRACTORS

TOOLS_HINT = ("install the corpus tools: pip install '.[corpus]' and "
              "apt-get install poppler-utils fonts-noto-cjk fonts-wqy-microhei")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m corpus", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="typeset, extract and give gold to N pages")
    build.add_argument("--pages", type=int, default=30)
    build.add_argument("--seed", type=int, default=1)
    build.add_argument("-o", "--out", type=Path, required=True)
    build.add_argument("--data", type=Path, default=DATA_DIR, help="styles.json and articles/ (default: corpus/data)")
    build.add_argument("--style", action="append", default=[], help="only these styles (repeatable)")
    build.add_argument("--workers", type=int, default=2)
    build.add_argument("--fast-fonts", action="store_true",
                       help="one quick-to-subset font (WenQuanYi) for every face: for quick checks")
    again = commands.add_parser("reextract", help="a built corpus's PDFs read by another extractor")
    again.add_argument("dir", type=Path)
    again.add_argument("-o", "--out", type=Path, required=True)
    again.add_argument("--extractor", choices=EXTRACTORS, required=True)
    styles = commands.add_parser("styles", help="the house styles, one name a line")
    styles.add_argument("--data", type=Path, default=DATA_DIR)
    evaluate = commands.add_parser("eval", help="score news2tei on a built corpus")
    evaluate.add_argument("dir", type=Path)
    evaluate.add_argument("--json", action="store_true", help="machine-readable output")
    evaluate.add_argument("--groups", action="store_true", help="leave-one-style-group-out folds")
    evaluate.add_argument("--train", metavar="CMD",
                          help="with --groups: run CMD before scoring each fold ({train} and {heldout} "
                               "name files listing the fold's page texts)")
    evaluate.add_argument("--models", type=Path, metavar="DIR",
                          help="with --groups: each fold's labeller from DIR/GROUP.crfsuite "
                               "(python -m corpus.train --folds DIR)")
    evaluate.add_argument("--gold-labels", action="store_true",
                          help="label every line as the gold does: the assembly's own losses")
    evaluate.add_argument("--converter", metavar="MODULE:FUNCTION",
                          help="converter factory called per fold with the training pages (default: news2tei's rules)")
    return parser


def _build(args) -> int:
    from corpus.build import build

    missing = [tool for tool in ("pdftotext",) if shutil.which(tool) is None]
    if missing:
        print(f"corpus: {', '.join(missing)} not found; {TOOLS_HINT}", file=sys.stderr)
        return 2
    styles = load_styles(args.data)
    chosen = [s for s in styles if not args.style or s.name in args.style]
    if not chosen:
        print(f"corpus: no style named {', '.join(args.style)} (see python -m corpus styles)", file=sys.stderr)
        return 2
    articles = load_articles(args.data)
    if not articles:
        print(f"corpus: no articles in {args.data / 'articles'}", file=sys.stderr)
        return 2
    failures = build(chosen, articles, args.pages, args.seed, args.out, args.workers, args.fast_fonts)
    print(f"{args.pages} pages in {args.out}; {args.pages - len(failures)} verified")
    return 1 if failures else 0


def _reextract(args) -> int:
    from corpus.build import reextract

    if not (args.dir / "manifest.json").is_file():
        print(f"corpus: {args.dir} is no built corpus (no manifest.json)", file=sys.stderr)
        return 2
    if args.out.resolve() == args.dir.resolve():
        print("corpus: reextract writes beside the source, not over it: give another -o", file=sys.stderr)
        return 2
    try:
        failures = reextract(args.dir, args.out, args.extractor)
    except (ValueError, KeyError, TypeError) as error:  # a manifest.json that is not a corpus's
        print(f"corpus: {args.dir / 'manifest.json'} lists no pages by name ({error!r})", file=sys.stderr)
        return 2
    print(f"{args.dir} read by {args.extractor} into {args.out}; {len(failures)} not verified")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "styles":
            print("\n".join(s.name for s in load_styles(args.data)))
            return 0
        if args.command == "build":
            return _build(args)
        if args.command == "reextract":
            return _reextract(args)
        from corpus.evaluate import run_eval

        return run_eval(args)
    except ContentError as exc:
        print(f"corpus: {exc}", file=sys.stderr)
        return 2
    except ImportError as exc:
        print(f"corpus: {exc.name or exc} is missing; {TOOLS_HINT}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
