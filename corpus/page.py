"""One corpus page of a house style: its sheets (PDF pages), each with positioned boxes and the
gold units in reading order. Newspaper pages are set on a column grid; the A4 export flows
its stories down one column over as many A4 sheets as they need."""
from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field
from itertools import count

from corpus.compose import (
    PageContext,
    article_module,
    brief_module,
    continuation_module,
    gold_text,
    guide_module,
    table_module,
    weighted,
)
from corpus.content import Article, Style
from corpus.fill import fill, page_values, to_script
from corpus.layout import (
    Box,
    Geometry,
    Module,
    Piece,
    Run,
    Unit,
    _sequential,
    place_slugs,
    set_module,
    slugs_of,
    stack,
)

MARGIN = 28.0


@dataclass
class Sheet:
    width: float
    height: float
    boxes: list[Box] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    label: str | None = None
    masthead: dict[str, str] = field(default_factory=dict)  # what its masthead printed (manifest.json)
    size: float = 10.0  # body font size, pt
    text_font: str = "serif"  # render.FAMILIES key of the running text
    head_font: str = "sans-bold"  # and of the headlines


@dataclass
class Pool:
    """The articles a style prints: its regions and script first, then its script only."""

    style: Style
    articles: list[Article]
    used: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        own = [a for a in self.articles if a.region in self.style.regions and a.script == self.style.script]
        same_script = [a for a in self.articles if a.script == self.style.script]
        self.articles = own or same_script or list(self.articles)

    def draw(self, rng: random.Random, genre: str | None = None) -> Article:
        """An article of `genre` (any when there is none), not yet printed on this page. With
        the style's `desk_rate` (optional), that share of the draws first looks among the
        articles filed for one of the style's own `desks`."""
        fresh = [a for a in self.articles if a.id not in self.used] or self.articles
        wanted = [a for a in fresh if a.genre == genre] if genre else []
        rate = float(self.style.get("desk_rate", 0) or 0)
        if rate > 0 and rng.random() < rate:
            desks = set(self.style.get("desks", []))
            own = [a for a in (wanted or fresh) if a.get("desk") in desks]
            wanted = own or wanted
        article = rng.choice(wanted or fresh)
        self.used.add(article.id)
        return article


def _folio_core(style: Style, template: str):
    def core(n: int) -> str:
        label = fill(template, page_values(random.Random(0), "", dt.date(2025, 1, 1), n, style.script))
        return "".join(re.findall(r"\d+", label)) or str(n)
    return core


def _context(style: Style, rng: random.Random, number: int, articles: list[Article]) -> tuple[PageContext, str]:
    paper = to_script(rng.choice(style.get("paper_names", ["新闻日报"])), style.script)
    date = dt.date.fromisoformat(rng.choice([a.get("date", "2025-06-01") for a in articles[:50]] or ["2025-06-01"])[:10]) \
        if articles else dt.date(2025, 6, 1)
    values = page_values(rng, paper, date, number, style.script)
    folio = rng.choice(style.get("folio", ["第{n}版"]))
    return PageContext(style, rng, values, number, _folio_core(style, folio), count()), folio


def _furniture(kind: str, text: str, units: list[Unit]) -> Piece:
    unit = Unit("furniture", kind)
    units.append(unit)
    return Piece(kind, text, gold_text(text), unit)


_PUBLISHES = re.compile(r"(?P<publisher>\S+?)(?:出版|主办|主辦)")  # a line of its own


def _masthead_values(templates: list[str], values) -> dict[str, str]:
    """The values a masthead prints, as a reader should take them: the paper, its publisher
    (the line "X出版" or "X主办"), the date in ISO form, the issue number."""
    printed = {"paper": values["paper"]}
    for template in templates:
        publishes = _PUBLISHES.fullmatch(fill(template, values))
        if publishes:
            printed["publisher"] = publishes["publisher"]
        if "{date_cn}" in template or "{roc_date}" in template:
            printed["date"] = f"{values['year']:04d}-{values['month']:02d}-{values['day']:02d}"
        if "{issue}" in template:
            printed["issue"] = values["issue"]
    return printed


def _band(ctx: PageContext, folio: str, sheet: Sheet, geo: Geometry) -> float:
    """Masthead (front page) or running head with the folio; returns where the text starts."""
    style, rng, width = ctx.style, ctx.rng, sheet.width - 2 * MARGIN
    masthead = style.get("masthead")
    top = MARGIN
    if ctx.number == 1 and masthead and rng.random() < float(masthead.get("rate", 1)):
        lines = [fill(t, ctx.values, ctx.name) for t in masthead.get("lines", [])]
        lines = [line for line in lines if line.strip()]
        title, small = (lines[0], lines[1:]) if lines else (ctx.values["paper"], [])
        boxes, height = stack([Run([_furniture("header", title, sheet.units)], "masthead", align="center",
                                   spacing=0.2)], width, MARGIN, top, geo)
        left, right = small[: (len(small) + 1) // 2], small[(len(small) + 1) // 2:]
        side = width / 3
        boxes += stack([Run([_furniture("header", t, sheet.units)], "small", align="left") for t in left],
                       side, MARGIN, top, geo)[0]
        boxes += stack([Run([_furniture("header", t, sheet.units)], "small", align="right") for t in right],
                       side, MARGIN + width - side, top, geo)[0]
        sheet.boxes += boxes
        top += max(height, geo.lead("small") * max(len(left), len(right)))
        sheet.label = fill(folio, ctx.values)
        sheet.masthead = _masthead_values(masthead.get("lines", []), ctx.values)
    else:
        label = fill(folio, ctx.values)
        sheet.label = label
        heads = [fill(t, ctx.values, ctx.name) for t in style.get("running_head", [])[:1]]
        runs = [Run([_furniture("folio", label, sheet.units)], "sub", align="left")]
        desk = to_script(rng.choice(style.get("desks", ["要闻"])), style.script)
        runs.append(Run([_furniture("header", desk, sheet.units)], "sub", align="center", spacing=0.3))
        runs += [Run([_furniture("header", h, sheet.units)], "small", align="right") for h in heads if h.strip()]
        third = width / 3
        heights = []
        for i, run in enumerate(runs[:3]):
            boxes, height = stack([run], third, MARGIN + i * third, top, geo)
            sheet.boxes += boxes
            heights.append(height)
        top += max(heights)
    sheet.boxes.append(Box(MARGIN, top + 2, width=width, height=0.8, frame=True))
    return top + geo.size


def _footer(ctx: PageContext, sheet: Sheet, geo: Geometry) -> float:
    """Editor line and small print at the foot; returns where the text must end."""
    lines = []
    if ctx.style.get("editor_line") and ctx.rng.random() < 0.8:
        lines.append(ctx.template("editor_line"))
    if ctx.number == 1:
        lines += [fill(t, ctx.values, ctx.name) for t in ctx.style.get("small_print", [])]
    runs = [Run([_furniture("header", line, sheet.units)], "small", align="left") for line in lines if line.strip()]
    height = sum(geo.lead("small") * 1 for _ in runs)
    bottom = sheet.height - MARGIN - height * 1.6
    boxes, _ = stack(runs, sheet.width - 2 * MARGIN, MARGIN, bottom + geo.size * 0.5, geo)
    sheet.boxes += boxes
    return bottom


def _modules(ctx: PageContext, pool: Pool, columns: int, measure: int, folio: str):
    """An endless stream of modules in the style's mix of genres."""
    rng = ctx.rng
    if ctx.number == 1 and rng.random() < 0.5:
        yield guide_module([pool.draw(rng) for _ in range(rng.randint(3, 5))], ctx, folio)
    if rng.random() < 0.12:
        yield table_module(ctx)
    if rng.random() < 0.3:
        module = continuation_module(pool.draw(rng), ctx)
        if module:
            yield module
    while True:
        genre = weighted(rng, ctx.style.get("genre_weights", {}), "news")
        if genre == "brief":
            yield brief_module([pool.draw(rng, "brief") for _ in range(rng.randint(2, 5))], ctx)
        else:
            yield article_module(pool.draw(rng, genre), ctx, columns, measure)


def newspaper_sheet(style: Style, articles: list[Article], number: int, rng: random.Random) -> Sheet:
    ctx, folio = _context(style, rng, number, articles)
    columns = rng.randint(*style.span("columns", (4, 6)))
    measure = rng.randint(*style.span("column_chars", (10, 14)))
    geo = Geometry(rng.choice((8.5, 9.0, 9.5, 10.0, 10.5)), measure, rng.choice((1.5, 2.0, 2.5)))
    width = 2 * MARGIN + geo.span_pt(columns)
    sheet = Sheet(width, min(1300.0, max(560.0, width * rng.uniform(1.3, 1.5))), size=geo.size,
                  text_font=rng.choice(("serif", "serif", "sans")), head_font=rng.choice(("sans-bold", "serif-bold")))
    top = _band(ctx, folio, sheet, geo)
    bottom = _footer(ctx, sheet, geo)
    sky, failures = [top] * columns, 0
    modules = _modules(ctx, Pool(style, articles), columns, measure, folio)
    while failures < 8 and min(sky) < bottom - 5 * geo.lead("body"):
        module = next(modules)
        placed = _place(module, sky, bottom, geo)
        failures = failures + 1 if placed is None else 0
        if placed is not None:
            start, height, boxes = placed
            sheet.boxes += boxes
            sheet.units += module.units
            for c in range(start, start + module.width):
                sky[c] = sky[start] + height + geo.size
    return sheet


def _place(module: Module, sky: list[float], bottom: float, geo: Geometry):
    """The module at the lowest free place among the widths it may take; None when it fits
    nowhere. Sets module.width to the width used."""
    for width in range(min(module.width, len(sky)), 0, -1):
        starts = sorted(range(len(sky) - width + 1), key=lambda c: (max(sky[c:c + width]), c))
        start = starts[0]
        y = max(sky[start:start + width])
        module.width = width
        placed = set_module(module, MARGIN + geo.column_x(start), y, bottom - y, geo)
        if placed is not None:
            for c in range(start, start + width):
                sky[c] = y
            return start, placed.height, placed.boxes
    return None


def export_sheets(style: Style, articles: list[Article], number: int, rng: random.Random) -> list[Sheet]:
    """The one-column A4 export: story after story, head, author line, source line, body
    without blank lines, 第 N 页 at each foot."""
    ctx, folio = _context(style, rng, number, articles)
    size = rng.choice((10.0, 10.5, 11.0, 12.0))
    geo = Geometry(size, (595 - 2 * 56) / size, 1.0)
    pool, runs, units = Pool(style, articles), [], []
    for _ in range(rng.randint(2, 4)):
        module = article_module(pool.draw(rng, weighted(rng, style.get("genre_weights", {}), "news")), ctx, 1, 30)
        for run in module.heading:
            run.align = "center"
        source = fill(rng.choice(style.get("source_line", ["《{paper}》（{date_cn}　第 {n:02d} 版）"])),
                      ctx.values, n=rng.randint(1, 12))
        source_run = Run([_furniture("header", source, units)], "small", align="left")
        runs += module.heading + [r for r in module.body if isinstance(r, Run)][:1] + [source_run]
        runs += [r for r in module.body if isinstance(r, Run)][1:]
        units += module.units
    slugs = slugs_of(runs, geo.span_pt(1), geo)
    pages = _sequential(slugs, 10_000, 842 - 2 * 56 - 30)
    sheets = []
    for i, column in enumerate(pages, 1):
        sheet = Sheet(595, 842, place_slugs([column], 56, 56, geo.span_pt(1), geo), size=size)
        foot = fill(folio, ctx.values, n=i)
        sheet.boxes += stack([Run([_furniture("pageNum", foot, sheet.units)], "small", align="center")],
                             geo.span_pt(1), 56, 842 - 40, geo)[0]
        sheets.append(sheet)
    _share_units(sheets, pages, units)
    return sheets


def _share_units(sheets: list[Sheet], pages, units: list[Unit]) -> None:
    """Each story's units go with the sheet where its first line is printed."""
    first_sheet: dict[int, int] = {}
    for i, column in enumerate(pages):
        for slug in column:
            if slug.run is not None:
                for piece in slug.run.pieces:
                    first_sheet.setdefault(id(piece.unit), i)
    for unit in units:
        sheets[first_sheet.get(id(unit), 0)].units.append(unit)
