"""`python -m corpus build`: pages composed, typeset, rendered, extracted, given their gold and
verified, two processes at a time. Page i of seed S depends only on (S, i) and the data."""
from __future__ import annotations

import json
import multiprocessing
import random
import time
from dataclasses import dataclass
from pathlib import Path

from corpus.content import Article, Style
from corpus.extract import ExtractError, extract
from corpus.fill import GIVEN, SURNAMES, to_script
from corpus.goldfile import gold_of, verify
from corpus.page import export_sheets, newspaper_sheet
from corpus.render import FAMILIES, font_subsets, render_pdf

EXTRACTOR_WEIGHTS = {"pdftotext": 0.45, "nopgbrk": 0.25, "pdfminer": 0.3}
WORKERS = 2


@dataclass(frozen=True)
class PagePlan:
    index: int
    style: Style
    extractor: str
    number: int  # the page's number in its edition (1: front page)

    @property
    def name(self) -> str:
        return f"{self.index:04d}-{self.style.name}-{self.extractor}"


def plan(styles: list[Style], pages: int, seed: int) -> list[PagePlan]:
    """Styles in turn; each page's extractor and page number drawn from (seed, index)."""
    plans = []
    for index in range(pages):
        rng = random.Random(f"plan:{seed}:{index}")
        style = styles[index % len(styles)]
        extractor = "ocr" if style.kind == "ocr" else rng.choices(
            list(EXTRACTOR_WEIGHTS), list(EXTRACTOR_WEIGHTS.values()))[0]
        masthead = style.get("masthead") or {}
        front = 0.15 + 0.6 * float(masthead.get("rate", 0)) if masthead else 0.0
        number = 1 if rng.random() < front else rng.randint(2, 16)
        plans.append(PagePlan(index, style, extractor, number))
    return plans


def corpus_chars(styles: list[Style], articles: list[Article]) -> str:
    """Every character a page may print, in both scripts, for the font subsets."""
    text = json.dumps([a.raw for a in articles] + [s.raw for s in styles], ensure_ascii=False)
    text += SURNAMES + GIVEN + "问答编者按简讯快讯新闻速递一句话资讯速览第页版号期摄"
    return "".join(sorted(set(text + to_script(text, "hant"))))


_STATE: dict = {}


def _init(articles: list[Article], fonts: dict, out: str, seed: int) -> None:
    _STATE.update(articles=articles, fonts=fonts, out=Path(out), seed=seed)


def make_page(page: PagePlan) -> tuple[str, str | None, float, dict[str, str]]:
    """Writes NAME.pdf, NAME.txt, NAME.gold.txt; returns (name, verification error, seconds,
    what the masthead printed)."""
    started = time.perf_counter()
    out, rng = _STATE["out"], random.Random(f"page:{_STATE['seed']}:{page.index}")
    articles = _STATE["articles"]
    if page.style.kind == "a4-export":
        sheets = export_sheets(page.style, articles, page.number, rng)
    else:
        sheets = [newspaper_sheet(page.style, articles, page.number, rng)]
    pdf = out / f"{page.name}.pdf"
    pdf.write_bytes(render_pdf(sheets, _STATE["fonts"]))
    text = extract(pdf, page.extractor)
    gold = gold_of(sheets, f"{page.name}: style {page.style.name}, extractor {page.extractor}")
    _write_page(out, page.name, text, gold)
    return page.name, verify(text, gold), time.perf_counter() - started, sheets[0].masthead


def _write_page(out: Path, name: str, text: str, gold: str) -> None:
    (out / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
    (out / f"{name}.gold.txt").write_text(gold, encoding="utf-8")


def _write_manifest(out: Path, manifest: list[dict]) -> None:
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _subset(args: tuple[str, str, bool]) -> tuple[str, Path]:
    family, chars, fast = args
    return family, font_subsets(chars, [family], fast)[family]


def build(styles: list[Style], articles: list[Article], pages: int, seed: int, out: Path,
          workers: int = WORKERS, fast_fonts: bool = False, log=lambda line: print(line, flush=True)) -> list[tuple[str, str]]:
    """Builds the corpus into `out`; returns the pages that fail verification."""
    out.mkdir(parents=True, exist_ok=True)
    plans = plan(styles, pages, seed)
    chars = corpus_chars(styles, articles)
    context = multiprocessing.get_context("fork")
    started = time.perf_counter()
    with context.Pool(workers) as pool:
        families = ["hei"] if fast_fonts else list(FAMILIES)
        fonts = dict(pool.map(_subset, [(f, chars, fast_fonts) for f in families]))
    log(f"fonts ready ({time.perf_counter() - started:.0f} s)")
    failures, mastheads = [], {}
    with context.Pool(workers, _init, (articles, fonts, str(out), seed)) as pool:
        for done, (name, error, _seconds, masthead) in enumerate(pool.imap(make_page, plans, chunksize=1), 1):
            mastheads[name] = masthead
            if error:
                failures.append((name, error))
                log(f"{name}: NOT VERIFIED: {error}")
            if done % 20 == 0 or done == len(plans):
                log(f"{done}/{len(plans)} pages ({time.perf_counter() - started:.0f} s)")
    manifest = [{"name": p.name, "style": p.style.name, "group": p.style.group, "kind": p.style.kind,
                 "script": p.style.script, "extractor": p.extractor, "number": p.number}
                | ({"masthead": mastheads[p.name]} if mastheads[p.name] else {}) for p in plans]
    _write_manifest(out, manifest)
    return failures


def reextract(source: Path, out: Path, extractor: str, log=lambda line: print(line, flush=True)) -> list[tuple[str, str]]:
    """A built corpus's pages read again from their PDFs by `extractor`: each NAME.txt beside
    its NAME.gold.txt in `out` (names kept: the pages pair with the source's), and the manifest
    naming the extractor. The gold is the typeset page's, whoever reads it. Returns the pages
    that fail verification."""
    out.mkdir(parents=True, exist_ok=True)
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    failures = []
    for entry in manifest:
        name = entry["name"]
        pdf = source / f"{name}.pdf"
        if not pdf.is_file():  # (the committed sample keeps text and gold only)
            error: str | None = "no PDF to read"
        else:
            try:
                text = extract(pdf, extractor)
            except ExtractError as failed:
                error = str(failed)
            else:
                gold = (source / f"{name}.gold.txt").read_text(encoding="utf-8")
                _write_page(out, name, text, gold)
                error = verify(text, gold)
        if error:
            failures.append((name, error))
            log(f"{name}: NOT VERIFIED: {error}")
        entry["extractor"] = extractor
    _write_manifest(out, manifest)
    return failures
