"""An article printed in the conventions of a house style: which of its parts print, in
which form (dateline, byline, credit, jump markers), in which faces, as runs of pieces."""
from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count

from corpus.content import Article, Style
from corpus.fill import Values, fill, person, to_script, with_people
from corpus.layout import Module, Photo, Piece, Run, Unit

GOLD_KIND = {"brief": "brief", "notice": "notice", "legal": "notice", "feature": "feature",
             "editorial": "feature", "letter": "feature", "qa": "feature", "culture": "feature"}
BRIEF_SECTIONS = ("简讯", "快讯", "新闻速递", "一句话新闻", "资讯速览")
QA_CUES = ("问：", "答：")
# Page-column tags printed over a commentary or feature: （编辑手记） 【记者手记】 ■今日关注
COLUMN_TAGS = ("编辑手记", "记者手记", "今日关注", "短评", "观察", "现场", "一线调查", "本报评论员")
TAG_FORMS = ("（{}）", "【{}】", "■{}", "{}")
TAGGED_GENRES = ("feature", "editorial", "culture", "sports")
UNSIGNED_GENRES = ("notice", "legal", "letter")  # printed without dateline or byline
_PAGE_REF = re.compile(r"第[\d一二三四五六七八九十]+版|[A-Z]\d+|\d+")
_SIGN = re.compile(r"[①-⑳]")


def weighted(rng: random.Random, weights: dict[str, float], default: str) -> str:
    items = [(k, float(v)) for k, v in sorted((weights or {}).items()) if float(v) > 0]
    if not items:
        return default
    return rng.choices([k for k, _ in items], [v for _, v in items])[0]


def gold_text(text: str) -> str:
    """A printed value as the gold writes it: whitespace runs as one space, trimmed."""
    return " ".join(text.split())


def jump_attrs(marker: str) -> str:
    page, sign = _PAGE_REF.search(marker), _SIGN.search(marker)
    return (f" | page={page[0]}" if page else "") + (f" sign={sign[0]}" if sign else "")


@dataclass
class PageContext:
    """What the composer needs of the page being made."""

    style: Style
    rng: random.Random
    values: Values
    number: int
    folio_core: Callable[[int], str]  # how this paper refers to page n inside a jump marker
    groups: count = field(default_factory=count)

    @property
    def script(self) -> str:
        return self.style.script

    def text(self, value: str, source: str = "hans") -> str:
        """`value` in the page's script (Simplified text converted for a Traditional page)."""
        return to_script(value, self.script) if source != self.script else value

    def name(self) -> str:
        return self.text(person(self.rng))

    def template(self, key: str, default: str = "", **extra) -> str:
        choices = self.style.get(key) or [default]
        return fill(self.rng.choice(choices), self.values, self.name, **extra)

    def chance(self, key: str, default: float) -> bool:
        return self.rng.random() < float(self.style.get(key, default))


def _date_of(article: Article) -> dt.date:
    try:
        return dt.date.fromisoformat(article.get("date", "2025-01-01"))
    except (TypeError, ValueError):
        return dt.date(2025, 1, 1)


def _names(article: Article, ctx: PageContext) -> tuple[str, str]:
    """The reporters as printed and as the gold gives them: two-character names are sometimes
    letter-spaced to the width of three (张　蕊), which the gold does not keep."""
    reporters = [ctx.text(r, article.script) for r in article.get("reporters", [])] or [ctx.name()]
    joiner = ctx.rng.choice(("、", "　", " "))
    spaced = all(len(r) == 2 for r in reporters) and ctx.rng.random() < 0.25
    printed = [("　".join(r) if spaced else r) for r in reporters]
    return joiner.join(printed), joiner.join(reporters)


class ArticlePrinter:
    """Builds the module of one article: heading runs, body runs, figure, jump marker."""

    def __init__(self, article: Article, ctx: PageContext, kind: str | None = None):
        self.article, self.ctx, self.rng = article, ctx, ctx.rng
        self.unit = Unit("article", kind or GOLD_KIND.get(article.genre, "news"))
        self.units = [self.unit]

    def piece(self, key: str, printed: str, gold: str | None = None, **kw) -> Piece:
        return Piece(key, printed, gold_text(printed if gold is None else gold), self.unit, **kw)

    def t(self, value: str) -> str:
        return self.ctx.text(value, self.article.script)

    def text(self, key: str) -> str:
        return self.t(str(self.article.get(key, "")))

    # ---------------------------------------------------------------- heading

    def heading(self, face: str) -> list[Run]:
        runs, align = [], self.rng.choice(("center", "left", "center"))
        if self.article.genre in TAGGED_GENRES and self.rng.random() < 0.25:
            tag = self.ctx.text(self.rng.choice(COLUMN_TAGS))
            runs.append(Run([self.piece("kicker", self.rng.choice(TAG_FORMS).format(tag))], "bold", align="left"))
        elif self.article.get("kicker") and self.ctx.chance("kicker_rate", 0.3):
            runs.append(Run([self.piece("kicker", self.text("kicker"))], "kicker", align=align))
        head = self.text("head")
        spaced = len(head) <= 9 and self.rng.random() < 0.15
        runs.append(Run([self.piece("head", head.replace(" ", "　"), head)], face, align=align,
                        spacing=self.rng.choice((0.3, 0.5, 0.8)) if spaced else 0.0))
        if self.ctx.chance("sub_rate", 0.3):
            runs += [Run([self.piece("sub", self.t(s))], "sub", align=align)
                     for s in self.article.get("subs", [])]
        if self.article.get("doc_no"):
            runs.append(Run([self.piece("sub", self.text("doc_no"))], "small", align="center"))
        return runs

    # ---------------------------------------------------------------- body

    def lead_pieces(self) -> tuple[list[Run], list[Piece], list[Run]]:
        """The dateline and byline: runs above the body, pieces that open the first
        paragraph's line, runs after the body."""
        ctx, date = self.ctx, _date_of(self.article)
        if self.article.genre in UNSIGNED_GENRES:
            return [], [], []
        dateline = ctx.template("dateline", "", place=self.text("place"), month=date.month, day=date.day)
        byline = gold_byline = ""
        if self.article.get("reporters") or self.rng.random() < 0.3:
            template = with_people(self.rng.choice(ctx.style.get("byline") or [""]), ctx.name)
            printed, plain = _names(self.article, ctx)
            place = self.text("place")
            byline = fill(template, ctx.values, names=printed, place=place)
            gold_byline = fill(template, ctx.values, names=plain, place=place)
        where = weighted(self.rng, ctx.style.get("byline_position", {}), "after_dateline")
        above, opening, after = [], [], []
        if dateline.strip():
            opening.append(self.piece("dateline", dateline))
        if byline.strip() and (where == "after_dateline" and opening):
            opening.append(self.piece("byline", byline, gold_byline))
        elif byline.strip() and where == "end":
            after.append(Run([self.piece("byline", byline, gold_byline)], "body", align="right"))
        elif byline.strip():
            above.append(Run([self.piece("byline", byline, gold_byline)], self.rng.choice(("bold", "body")),
                             align=self.rng.choice(("left", "center", "right"))))
        return above, opening, after

    def block_run(self, block, face: str) -> Run:
        if isinstance(block, str):
            return Run([self.piece("p", "　　" + self.t(block), self.t(block))], face)
        if "item" in block:
            label, text = self.t(str(block["item"])), self.t(str(block.get("text", "")))
            return Run([self.piece("item", "　　" + label + text, text, label=label)], face)
        for cue, key in zip(QA_CUES, ("q", "a")):
            if key in block:
                text = self.ctx.text(cue) + self.t(str(block[key]))
                return Run([self.piece("p", "　　" + text, text)], "bold" if key == "q" else face)
        text = self.t(str(block.get("subhead", next(iter(block.values()), ""))))
        return Run([self.piece("p", text)], "bold", align="center")

    def body(self, face: str, blocks: list | None = None, opening_pieces: bool = True) -> list[Run | Photo]:
        above, opening, after = self.lead_pieces() if opening_pieces else ([], [], [])
        runs: list[Run | Photo] = list(above)
        note = self.article.get("editor_note") if opening_pieces else None
        if note:
            text = self.ctx.text("编者按：") + self.t(note)
            runs.append(Run([self.piece("p", text)], "kai"))
        blocks = [b for b in (self.article.get("body", []) if blocks is None else blocks) if b]
        body_runs = [self.block_run(block, face) for block in blocks]
        if opening and body_runs and body_runs[0].pieces[0].field == "p":
            first = body_runs[0]
            first.pieces[0].printed = "　" + first.pieces[0].printed.lstrip("　")
            opening[0].printed = "　　" + opening[0].printed
            body_runs[0] = Run(opening + first.pieces, first.face)
        elif opening:
            body_runs.insert(0, Run(opening, face))
        runs += body_runs
        self.closer(runs, face)
        runs += after
        return runs

    def closer(self, runs: list[Run | Photo], face: str) -> None:
        closer, source = self.article.get("closer"), self.article.get("source")
        if source and runs and isinstance(runs[-1], Run):
            runs[-1].pieces.append(self.piece("source", f"（{self.t(source)}）"))
        if isinstance(closer, dict):
            runs += [Run([self.piece("signed", self.t(s))], face, align="right")
                     for s in closer.get("signed", []) if s]
            if closer.get("date"):
                runs.append(Run([self.piece("date", self.t(closer["date"]))], face, align="right"))

    def figure(self, body: list[Run | Photo]) -> None:
        """The story's photo, as an empty frame with its caption, interrupting the text."""
        caption = self.article.get("caption")
        if not caption:
            return
        figure = Unit("figure")
        self.units.append(figure)
        group = next(self.ctx.groups)
        photographer = self.text("photographer") or self.ctx.name()
        credit = self.ctx.template("caption_credit", "{name} 摄", name=photographer)
        caption_piece = Piece("caption", self.t(caption), gold_text(self.t(caption)), figure)
        credit_piece = Piece("credit", credit, gold_text(credit), figure)
        form = self.rng.choice(("shared", "own", "above"))
        runs = {"shared": [Run([caption_piece, credit_piece], "caption", group=group)],
                "own": [Run([caption_piece], "caption", group=group),
                        Run([credit_piece], "caption", align="right", group=group)],
                "above": [Run([credit_piece], "caption", align="right", group=group),
                          Run([caption_piece], "caption", group=group)]}[form]
        if form == "shared":
            credit_piece.printed = "　" + credit
        paragraphs = [i for i, r in enumerate(body) if isinstance(r, Run) and r.pieces[0].field == "p"]
        at = self.rng.choice(paragraphs[1:] or [len(body)]) if self.rng.random() < 0.6 else 0
        body[at:at] = [Photo(self.rng.uniform(0.55, 0.8), group), *runs]

    def jump(self) -> Run | None:
        templates = (self.ctx.style.get("continuation") or {}).get("to") or []
        if not templates:
            return None
        target = self.ctx.number + self.rng.randint(1, 6)
        marker = fill(self.rng.choice(templates), self.ctx.values, page=self.ctx.folio_core(target),
                      n=target, sign=self.rng.choice(("", "", "①", "②")))
        return Run([self.piece("to", marker, attrs=jump_attrs(marker), kept=0)], "marker", align="right")


def article_module(article: Article, ctx: PageContext, columns: int, measure: int) -> Module:
    printer = ArticlePrinter(article, ctx)
    face = ctx.rng.choice(("body", "body", "bodysans"))
    head_face = ctx.rng.choice(("head", "headserif", "headbig" if columns > 2 else "head"))
    heading = printer.heading(head_face)
    body = printer.body(face)
    printer.figure(body)
    length = sum(len(r.text) for r in body if isinstance(r, Run))
    width = max(1, min(columns, 4, round(length / measure / ctx.rng.uniform(28, 60))))
    position = weighted(ctx.rng, ctx.style.get("headline_position", {}), "before")
    if position in ("across", "beside") and columns > 1:
        width = max(width, 2)  # a headline across or beside its body needs two columns at least
    return Module(printer.units, heading, body, width, position, printer.jump(),
                  boxed=article.genre in ("letter", "editorial") and ctx.rng.random() < 0.4)


def brief_module(articles: list[Article], ctx: PageContext) -> Module:
    """A column of briefs under a section head, each opened by the style's marker."""
    section = Unit("section")
    title = ctx.text(ctx.rng.choice(BRIEF_SECTIONS))
    Piece("head", title, title, section)
    units, runs = [section], []
    markers = ctx.style.get("brief_markers") or ["●"]
    for article in articles:
        printer = ArticlePrinter(article, ctx, "brief")
        units += printer.units
        marker = ctx.rng.choice(markers)
        blocks = [b if isinstance(b, str) else b.get("text", "") for b in article.get("body", [])]
        if ctx.rng.random() < 0.5:
            runs.append(Run([printer.piece("head", printer.text("head"))], "bold"))
        first, *rest = [printer.t(b) for b in blocks if b] or [printer.text("head")]
        brief_runs: list[Run | Photo] = [Run([printer.piece("p", "　　" + marker + first, marker + first)], "body")]
        brief_runs += [Run([printer.piece("p", "　　" + b, b)], "body") for b in rest]
        printer.closer(brief_runs, "body")
        runs += brief_runs
    units.append(Unit("endsection"))
    heading = [Run([section.pieces[0]], "sub", align="center", spacing=ctx.rng.choice((0.0, 0.5)))]
    return Module(units, heading, runs, 1, "before")


def guide_module(articles: list[Article], ctx: PageContext, folio: str) -> Module:
    """A front-page 导读 box: headlines of inside pages, a line of each, and where to find them."""
    section = Unit("section")
    title = ctx.text(ctx.rng.choice(("导读", "今日导读", "本期导读")))
    Piece("head", title, title, section)
    units, runs = [section], []
    for article in articles:
        printer = ArticlePrinter(article, ctx, "brief")
        units += printer.units
        first = next((b for b in article.get("body", []) if isinstance(b, str)), "")
        summary = printer.t(first.split("。")[0] + "。") if first else ""
        pointer = fill(folio, ctx.values, n=ctx.rng.randint(2, 16))
        runs.append(Run([printer.piece("head", printer.text("head"))], "bold"))
        runs.append(Run([printer.piece("p", summary + ctx.rng.choice(("（{}）", "→{}", " {}")).format(pointer))], "body"))
    units.append(Unit("endsection"))
    heading = [Run([section.pieces[0]], "sub", align="center", spacing=0.5)]
    return Module(units, heading, runs, 1, "before", boxed=True)


INDICATORS = (("地区生产总值", "亿元"), ("规模以上工业增加值", "亿元"), ("社会消费品零售总额", "亿元"),
              ("固定资产投资", "亿元"), ("进出口总额", "亿元"), ("一般公共预算收入", "亿元"),
              ("居民人均可支配收入", "元"), ("城镇新增就业", "万人"), ("居民消费价格指数", "%"))


def table_module(ctx: PageContext) -> Module:
    """A boxed table of figures (indicator, value, change), read as a headed list of rows with
    its source note: the gold has no table, so each row is a paragraph."""
    printer = ArticlePrinter(Article("table", "", ctx.script, "finance", {}), ctx, "news")
    month = ctx.rng.randint(2, 11)
    title = ctx.text(f"{ctx.values['year']}年1—{month}月主要经济指标")
    heading = [Run([printer.piece("head", title)], "sub", align="center")]
    rows = [Run([printer.piece("p", ctx.text("指标　　数值　　同比增长（%）"))], "bold", align="left")]
    for name, unit in ctx.rng.sample(INDICATORS, ctx.rng.randint(4, 7)):
        value = f"{ctx.rng.uniform(1, 9000):.1f}" if unit != "%" else f"{ctx.rng.uniform(99, 104):.1f}"
        change = f"{ctx.rng.uniform(-3, 12):.1f}"
        rows.append(Run([printer.piece("p", ctx.text(f"{name}（{unit}）　{value}　{change}"))], "small", align="left"))
    source = ctx.text(ctx.rng.choice(("数据来源：市统计局", "资料来源：国家统计局", "数据来源：海关统计")))
    rows.append(Run([printer.piece("source", f"（{source}）")], "small", align="right"))
    return Module(printer.units, heading, rows, 1, "before", boxed=True)


def continuation_module(article: Article, ctx: PageContext) -> Module | None:
    """The rest of a story that started on an earlier page, opened by its 'from' marker."""
    templates = (ctx.style.get("continuation") or {}).get("from") or []
    blocks = article.get("body", [])
    if not templates or len(blocks) < 3 or ctx.number < 2:
        return None
    printer = ArticlePrinter(article, ctx, "continuation")
    source = ctx.rng.randint(1, ctx.number - 1)
    marker = fill(ctx.rng.choice(templates), ctx.values, page=ctx.folio_core(source), n=source,
                  sign=ctx.rng.choice(("", "", "①", "②")))
    body = printer.body("body", blocks[len(blocks) // 2:], opening_pieces=False)
    opening = printer.piece("from", marker, attrs=jump_attrs(marker))
    if ctx.rng.random() < 0.5:
        body.insert(0, Run([opening], "marker"))
    else:
        first = body[0]
        body[0] = Run([opening, *first.pieces], first.face, first.indent, first.align)
    heading = []
    if ctx.rng.random() < 0.4:
        heading = [Run([printer.piece("head", printer.text("head").replace(" ", "　"), printer.text("head"))], "sub")]
    return Module(printer.units, heading, body, 1, "before")
