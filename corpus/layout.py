"""What a page is made of, and how a module (an article, a column of briefs) is set on it.

A module's text is a list of runs; each run is printed as one or more lines and is made of
pieces, each piece one value of the gold (a dateline, a byline and a first paragraph can share
a run, as they share a printed line). The layout records how much of each piece it printed,
so the gold says exactly what the page shows, jumps included."""
from __future__ import annotations

from dataclasses import dataclass, field

from corpus.typeset import Line, break_lines, line_html

# face: (font family, size relative to the body text, bold, line height). Leading stays below
# 1.5 em: poppler starts a new text block at wider line spacing, as it would on a real page.
FACES = {
    "body": ("serif", 1.0, False, 1.4), "bodysans": ("sans", 1.0, False, 1.4),
    "kai": ("hei", 1.0, False, 1.4), "bold": ("sans", 1.0, True, 1.4),
    "head": ("sans", 2.0, True, 1.2), "headserif": ("serif", 2.2, True, 1.2),
    "headbig": ("sans", 2.8, True, 1.15), "kicker": ("serif", 1.25, False, 1.4),
    "sub": ("sans", 1.3, False, 1.4), "caption": ("hei", 0.9, False, 1.35),
    "small": ("sans", 0.85, False, 1.35), "masthead": ("serif", 5.0, True, 1.1),
    "marker": ("sans", 0.9, False, 1.35),
}


@dataclass(eq=False)
class Unit:
    """One record of the gold: an article, a figure, a section opening or closing, furniture."""

    kind: str  # "article" | "figure" | "section" | "endsection" | "furniture"
    sub: str = ""  # the article kind, the furniture kind
    pieces: list[Piece] = field(default_factory=list)


@dataclass(eq=False)
class Piece:
    field: str  # the gold key: head, p, item, credit, …; for furniture its text's kind
    printed: str
    gold: str
    unit: Unit
    label: str | None = None  # a list item's label
    attrs: str = ""  # " | page=… sign=…" of a continuation marker
    kept: int | None = None  # printed characters the layout kept (None: all)

    def __post_init__(self) -> None:
        self.unit.pieces.append(self)

    @property
    def shown(self) -> str:
        return self.printed if self.kept is None else self.printed[:self.kept]


@dataclass(eq=False)
class Run:
    pieces: list[Piece]
    face: str = "body"
    indent: float = 0.0
    align: str = "justify"  # justify | left | center | right
    spacing: float = 0.0  # decorative letter-spacing, em
    group: int | None = None  # runs of one group stay in one column and are never cut

    @property
    def text(self) -> str:
        return "".join(p.printed for p in self.pieces)


@dataclass(eq=False)
class Photo:
    ratio: float  # height / width
    group: int | None = None


@dataclass(eq=False)
class Module:
    units: list[Unit]
    heading: list[Run]
    body: list[Run | Photo]
    width: int = 1
    position: str = "before"  # before | after | beside | across
    jump: Run | None = None  # the 'to' marker printed when the module is cut to fit
    boxed: bool = False


@dataclass
class Box:
    """Something positioned on a sheet: a line of text or an empty photo frame (pt)."""

    x: float
    y: float
    face: str = ""
    html: str = ""
    width: float = 0.0
    height: float = 0.0
    frame: bool = False  # an empty grey frame: a photo, a rule
    border: bool = False  # an outline: the box of a boxed text


@dataclass
class Slug:
    height: float
    run: Run | None = None
    line: Line | None = None
    photo: Photo | None = None
    last_of_run: bool = False

    @property
    def group(self) -> int | None:
        item = self.run or self.photo
        return item.group if item else None


@dataclass
class Geometry:
    size: float  # body font size, pt
    measure: float  # column width in body ems
    gutter: float  # ems

    def face_size(self, face: str) -> float:
        return self.size * FACES[face][1]

    def lead(self, face: str) -> float:
        return self.face_size(face) * FACES[face][3]

    def span_pt(self, columns: int) -> float:
        return (columns * self.measure + (columns - 1) * self.gutter) * self.size

    def column_x(self, column: int) -> float:
        return column * (self.measure + self.gutter) * self.size


def run_lines(run: Run, width_pt: float, geo: Geometry) -> list[Line]:
    family = FACES[run.face][0]
    measure = width_pt / geo.face_size(run.face) / (1 + run.spacing)
    return break_lines(run.text, measure, family, run.indent, run.align == "justify")


def line_box(run: Run, line: Line, x: float, y: float, width_pt: float, geo: Geometry) -> Box:
    size = geo.face_size(run.face)
    family = FACES[run.face][0]
    measure = width_pt / size
    natural = line.natural * (1 + run.spacing) + (run.indent if line.start == 0 else 0)
    shift = {"center": (measure - natural) / 2, "right": measure - natural}.get(run.align, 0.0)
    indent = run.indent if line.start == 0 else 0.0
    html = line_html(line, measure - indent, family, run.spacing)
    return Box(x + (max(shift, 0.0) + indent) * size, y, run.face, html, width_pt)


def stack(runs: list[Run], width_pt: float, x: float, y: float, geo: Geometry) -> tuple[list[Box], float]:
    """Runs set one under another at one width; the boxes and the height they take."""
    boxes, top = [], y
    for run in runs:
        for line in run_lines(run, width_pt, geo):
            boxes.append(line_box(run, line, x, top, width_pt, geo))
            top += geo.lead(run.face)
    return boxes, top - y


def slugs_of(body: list[Run | Photo], width_pt: float, geo: Geometry) -> list[Slug]:
    slugs = []
    for item in body:
        if isinstance(item, Photo):
            slugs.append(Slug(width_pt * item.ratio, photo=item))
            continue
        lines = run_lines(item, width_pt, geo)
        slugs += [Slug(geo.lead(item.face), item, line, last_of_run=i == len(lines) - 1)
                  for i, line in enumerate(lines)]
    return slugs


def _can_break_before(slugs: list[Slug], i: int) -> bool:
    """A column (or a jump) may start at slug i: not inside a photo group, and not leaving the
    last line of a paragraph alone at the top (a widow)."""
    if i <= 0 or i >= len(slugs):
        return True
    before, after = slugs[i - 1], slugs[i]
    if after.group is not None and after.group == before.group:
        return False
    return not (after.last_of_run and after.run is before.run)


def columns_of(slugs: list[Slug], count: int, cap: float) -> list[list[Slug]] | None:
    """Slugs balanced over `count` columns of at most `cap` pt, or None when they overflow."""
    total = sum(s.height for s in slugs)
    target = max(total / count, max((s.height for s in slugs), default=0))
    columns: list[list[Slug]] = [[]]
    for i, slug in enumerate(slugs):
        height = sum(s.height for s in columns[-1])
        if (columns[-1] and len(columns) < count and height + slug.height / 2 > target
                and _can_break_before(slugs, i)) or height + slug.height > cap:
            if len(columns) == count:
                return None
            columns.append([])
        columns[-1].append(slug)
    return columns


def fill_columns(slugs: list[Slug], count: int, cap: float, last_cap: float) -> int:
    """How many leading slugs fit when the columns are filled one after the other and the
    last column keeps room for the jump marker; the cut falls where a column may break."""
    column, height, fitted = 0, 0.0, 0
    for i, slug in enumerate(slugs):
        room = last_cap if column == count - 1 else cap
        if height + slug.height > room:
            column, height = column + 1, 0.0
            if column == count:
                break
        height += slug.height
        fitted = i + 1
    while fitted and not (_can_break_before(slugs, fitted) and slugs[fitted - 1].run is not None):
        fitted -= 1
    return fitted


def mark_kept(body: list[Run | Photo], kept: list[Slug]) -> None:
    """Record on every piece how many of its printed characters the kept slugs show."""
    shown: dict[int, int] = {}
    for slug in kept:
        if slug.run is not None:
            shown[id(slug.run)] = slug.line.end
    for item in body:
        if isinstance(item, Photo):
            continue
        upto, offset = shown.get(id(item), 0), 0
        for piece in item.pieces:
            piece.kept = max(0, min(len(piece.printed), upto - offset))
            offset += len(piece.printed)


def place_slugs(columns: list[list[Slug]], x: float, y: float, width_pt: float, geo: Geometry) -> list[Box]:
    boxes = []
    for c, column in enumerate(columns):
        top, left = y, x + geo.column_x(c)
        for slug in column:
            if slug.photo is not None:
                boxes.append(Box(left, top + 2, width=width_pt, height=slug.height - 4, frame=True))
            else:
                boxes.append(line_box(slug.run, slug.line, left, top, width_pt, geo))
            top += slug.height
    return boxes


@dataclass
class Placed:
    boxes: list[Box]
    height: float
    cut: bool


def set_module(module: Module, x: float, y: float, cap: float, geo: Geometry) -> Placed | None:
    """The module set at (x, y) within `cap` pt of height, cut with its jump marker when it
    is too long (and may jump); None when it cannot fit."""
    beside = module.position == "beside" and module.width > 1
    body_columns = module.width - 1 if beside else module.width
    head_width = geo.span_pt(1) if beside else geo.span_pt(module.width)
    head_boxes, head_height = stack(module.heading, head_width, 0, 0, geo)
    gap = geo.size * 0.6 if module.heading else 0.0
    body_cap = cap if beside else cap - head_height - gap
    if body_cap <= geo.size * 3 or (beside and head_height > cap):
        return None
    width = geo.span_pt(1)
    slugs = slugs_of(module.body, width, geo)
    columns = columns_of(slugs, body_columns, body_cap)
    cut = False
    if columns is None:
        if module.jump is None:
            return None
        jump_slugs = slugs_of([module.jump], width, geo)
        fitted = fill_columns(slugs, body_columns, body_cap, body_cap - sum(s.height for s in jump_slugs))
        if sum(1 for s in slugs[:fitted] if s.run is not None) < 4 * body_columns:
            return None
        mark_kept(module.body, slugs[:fitted])
        for piece in module.jump.pieces:
            piece.kept = None
        columns = _sequential(slugs[:fitted] + jump_slugs, body_columns, body_cap)
        cut = True
    body_height = max(sum(s.height for s in c) for c in columns)
    body_x = x + (geo.column_x(1) if beside else 0)
    body_y = y if beside or module.position == "after" else y + head_height + gap
    boxes = place_slugs(columns, body_x, body_y, width, geo)
    head_y = y + body_height + gap if module.position == "after" and not beside else y
    boxes += [Box(b.x + x, b.y + head_y, b.face, b.html, b.width) for b in head_boxes]
    height = max(head_height, body_height) if beside else head_height + gap + body_height
    if module.boxed:
        pad = geo.size * 0.4
        boxes.append(Box(x - pad, y - pad, width=geo.span_pt(module.width) + 2 * pad, height=height + 2 * pad,
                         border=True))
    return Placed(boxes, height, cut)


def _sequential(slugs: list[Slug], count: int, cap: float) -> list[list[Slug]]:
    columns: list[list[Slug]] = [[]]
    for slug in slugs:
        if columns[-1] and sum(s.height for s in columns[-1]) + slug.height > cap + 1e-6 and len(columns) < count:
            columns.append([])
        columns[-1].append(slug)
    return columns
