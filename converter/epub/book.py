"""The shape of the book: which content documents there are, what each holds in
reading order, where every id lives, and the navigation built from that.

Articles continued across pages (`next`/`prev`) are joined into one `Story` at
the place of the first part met in reading order. Each later part leaves a
`Stub` where it was printed, linking to where it is read, and the story marks
the seam with a link back that names the print page. Page-break markers stay at
the start of each printed page's own document, and a joined story is listed in
the TOC only at its first part, never under a later page: so the page-list and
the TOC both follow spine order and EPUBCheck's NAV-011 (nav links out of
reading order) cannot arise, while every printed page keeps its page-list entry."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterator, Literal, Union

from ..model import Article, Edition, Figure, ListBlock, Page, Paragraph, Section
from ..script import convert, output_language
from .labels import date_text, labels_for, page_name

FIRST_WORDS = 16  # characters of body text that name an article without a headline

TextOf = Callable[[object], str]  # a model Text (or str, or None) -> converted str


@dataclass(frozen=True)
class Seam:
    """Where a later part of a story starts, and the page it was printed on."""

    part: Article
    printed_on: str


@dataclass(frozen=True)
class Story:
    parts: tuple[Article, ...]
    level: int  # heading level of the headline
    seams: tuple[Seam, ...] = ()  # one per part after the first, same order

    @property
    def first(self) -> Article:
        return self.parts[0]

    @property
    def last(self) -> Article:
        return self.parts[-1]


@dataclass(frozen=True)
class Stub:
    part: Article
    story: Article  # the story's first part, which names it


@dataclass(frozen=True)
class FigureView:
    figure: Figure


@dataclass(frozen=True)
class SectionView:
    section: Section
    heading: str | None  # converted; None when the section prints no heading
    level: int
    items: tuple["View", ...]


View = Union[Story, Stub, FigureView, SectionView]
DocumentKind = Literal["page", "section", "run"]


@dataclass(frozen=True)
class PageBreak:
    id: str
    label: str


@dataclass(frozen=True)
class Document:
    """A printed page; or, in an edition without pages, one section or a run of
    items between sections. A section document's <h1> is its section's heading."""

    file: str
    kind: DocumentKind
    heading: str  # <title>, TOC label, and the <h1> of a page or run
    items: tuple[View, ...]
    page_break: PageBreak | None = None


@dataclass(frozen=True)
class TocEntry:
    label: str
    href: str
    children: tuple["TocEntry", ...] = ()


@dataclass(frozen=True)
class Book:
    title: str
    language: str
    labels: dict[str, str]
    documents: tuple[Document, ...]
    toc: tuple[TocEntry, ...]
    page_list: tuple[TocEntry, ...]
    anchors: dict[str, str]  # id -> "file#id"
    articles: int  # stories: continued articles count once
    joined: bool  # some story is joined from parts printed apart
    figures: int

    def href(self, target: str | None) -> str | None:
        return self.anchors.get(target) if target else None


def stub_id(part: Article) -> str:
    return f"{part.id}-printed"


def text_of(script) -> TextOf:
    def text(value) -> str:
        return convert(getattr(value, "text", value) or "", script)
    return text


def plan_book(edition: Edition, first_page: int = 1, whole: bool = True) -> Book:
    """The book of `edition`; or, not `whole`, of a stretch of a long edition's
    pages, the first of them numbered `first_page` (see `joined_books`)."""
    language = output_language(edition.meta)
    labels = labels_for(language)
    text = text_of(edition.meta.script)
    title = book_title(edition, labels)
    layout = _Layout(edition, labels, text)
    documents = layout.name_seams(tuple(layout.documents(title, first_page, whole)))
    stories = tuple(v for d in documents for v in _walk(d.items) if isinstance(v, Story))
    return Book(
        title=title,
        language=language,
        labels=labels,
        documents=documents,
        toc=tuple(e for d in documents for e in _toc(d, text, labels)),
        page_list=tuple(TocEntry(d.page_break.label, f"{d.file}#{d.page_break.id}")
                        for d in documents if d.page_break),
        anchors={k: v for d in documents for k, v in _anchors(d)},
        articles=len(stories),
        joined=any(len(s.parts) > 1 for s in stories),
        figures=_figures(edition.pages),
    )


def joined_books(books: list[Book]) -> Book:
    """The books of a long edition's stretches as one, for the title page, the
    navigation and the package; their documents are rendered already, so the
    views they held are let go."""
    first = books[0]
    return replace(first, documents=tuple(replace(d, items=()) for b in books for d in b.documents),
                   toc=tuple(e for b in books for e in b.toc), page_list=tuple(e for b in books for e in b.page_list),
                   anchors={}, articles=sum(b.articles for b in books), joined=any(b.joined for b in books),
                   figures=sum(b.figures for b in books))


def book_title(edition: Edition, labels: dict[str, str]) -> str:
    meta = edition.meta
    name = meta.title or (meta.source_name or "").removesuffix(".txt") or labels["body"]
    parts = [name, date_text(labels, meta.date) if meta.date else None, meta.edition]
    return " ".join(convert(p, meta.script) for p in parts if p)


class _Layout:
    """Lays the edition's items out in documents, joining continued articles:
    the first part met in reading order becomes the story, later parts stubs."""

    def __init__(self, edition: Edition, labels: dict[str, str], text: TextOf):
        self.edition, self.labels, self.text = edition, labels, text
        self.articles = dict(_articles(edition.pages))
        self.placed: set[str] = set()
        self.story_of: dict[str, Article] = {}  # later part id -> the story's first part

    def documents(self, title: str, first_page: int, whole: bool) -> Iterator[Document]:
        """One document per page; an edition that is one unlabelled page is cut at its sections."""
        pages = self.edition.pages or (Page(None),)
        if whole and len(pages) == 1 and pages[0].label is None:
            yield from self._section_documents(pages[0], title)
            return
        for number, page in enumerate(pages, start=first_page):
            brk = PageBreak(f"pb-{number}", self.text(page.label)) if page.label else None
            heading = page_name(self.labels, brk.label if brk else None, number)
            yield Document(f"page-{number:03d}.xhtml", "page", heading, self._views(page.items, 2), brk)

    def _section_documents(self, page: Page, title: str) -> Iterator[Document]:
        runs: list[list] = []
        for item in page.items:
            if isinstance(item, Section) or not runs or isinstance(runs[-1][0], Section):
                runs.append([item])
            else:
                runs[-1].append(item)
        for number, run in enumerate(runs or [[]], start=1):
            file = f"part-{number:03d}.xhtml"
            if run and isinstance(run[0], Section):
                section = run[0]
                label = section_label(section, self.text, self.labels)
                view = SectionView(section, label, 1, self._views(section.items, 2))
                yield Document(file, "section", label, (view,))
            else:
                yield Document(file, "run", title, self._views(run, 2))

    def _views(self, items, level: int) -> tuple[View, ...]:
        views: list[View] = []
        for item in items:
            if isinstance(item, Article):
                views.append(self._story_or_stub(item, level))
            elif isinstance(item, Figure):
                views.append(FigureView(item))
            else:
                heading = self.text(item.head) if item.head else None
                inner = level + 1 if heading else level
                views.append(SectionView(item, heading, level, self._views(item.items, inner)))
        return tuple(views)

    def _story_or_stub(self, article: Article, level: int) -> Story | Stub:
        if article.id in self.story_of:
            return Stub(article, self.story_of[article.id])
        parts = [article]
        self.placed.add(article.id)
        while parts[-1].next in self.articles and parts[-1].next not in self.placed:
            parts.append(self.articles[parts[-1].next])
            self.placed.add(parts[-1].id)
            self.story_of[parts[-1].id] = article
        return Story(tuple(parts), level)

    @staticmethod
    def name_seams(documents: tuple[Document, ...]) -> tuple[Document, ...]:
        """Seams name the page their part was printed on, known once all pages are laid out."""
        printed_on = {v.part.id: d.heading for d in documents for v in _walk(d.items) if isinstance(v, Stub)}

        def seamed(view: View) -> View:
            if isinstance(view, Story):
                return replace(view, seams=tuple(Seam(p, printed_on[p.id]) for p in view.parts[1:]))
            if isinstance(view, SectionView):
                return replace(view, items=tuple(seamed(v) for v in view.items))
            return view
        return tuple(replace(d, items=tuple(seamed(v) for v in d.items)) for d in documents)


def _articles(items) -> Iterator[tuple[str, Article]]:
    for item in items:
        if isinstance(item, Article):
            yield item.id, item
        elif isinstance(item, (Page, Section)):
            yield from _articles(item.items)
        elif isinstance(item, tuple):
            yield from _articles(item)


def _figures(items) -> int:
    """Figures anywhere below `items`: pages, sections, article bodies."""
    return sum(1 if isinstance(item, Figure) else _figures(getattr(item, "items", getattr(item, "body", ())))
               for item in items)


def _walk(views) -> Iterator[View]:
    for view in views:
        yield view
        if isinstance(view, SectionView):
            yield from _walk(view.items)


def _anchors(doc: Document) -> Iterator[tuple[str, str]]:
    yield doc.file, doc.file
    if doc.page_break:
        yield doc.page_break.id, f"{doc.file}#{doc.page_break.id}"
    for view in _walk(doc.items):
        for id_ in _ids_of(view):
            yield id_, f"{doc.file}#{id_}"


def _ids_of(view: View) -> Iterator[str]:
    if isinstance(view, Story):
        yield from (p.id for p in view.parts)
        yield from (b.id for p in view.parts for b in p.body if isinstance(b, Figure))
    elif isinstance(view, Stub):
        yield stub_id(view.part)
    elif isinstance(view, FigureView):
        yield view.figure.id
    else:
        yield view.section.id


def _toc(doc: Document, text: TextOf, labels) -> Iterator[TocEntry]:
    """A page or section document is one entry holding its contents; a run of
    articles in an edition without pages lists them at the top level."""
    section = doc.items[0] if doc.kind == "section" else None
    views = section.items if isinstance(section, SectionView) else doc.items
    children = _toc_children(views, doc.file, text, labels)
    if doc.kind == "run" and children:
        yield from children
    else:
        yield TocEntry(doc.heading, doc.file, children)


def _toc_children(views, file: str, text: TextOf, labels) -> tuple[TocEntry, ...]:
    entries = []
    for view in views:
        if isinstance(view, Story):
            entries.append(TocEntry(article_label(view.first, text, labels), f"{file}#{view.first.id}"))
        elif isinstance(view, SectionView):
            entries.append(TocEntry(section_label(view.section, text, labels), f"{file}#{view.section.id}",
                                    _toc_children(view.items, file, text, labels)))
    return tuple(entries)


def section_label(section: Section, text: TextOf, labels) -> str:
    named = section.head or next(iter(section.subheads), None)
    return text(named) if named else labels["section"]


def article_label(article: Article, text: TextOf, labels) -> str:
    """The headline, else the first words of the body."""
    if article.head:
        return text(article.head)
    for block in article.body:
        words = _block_text(block, text)
        if words:
            return words if len(words) <= FIRST_WORDS else words[:FIRST_WORDS] + "…"
    return labels["untitled"]


def _block_text(block, text: TextOf) -> str:
    if isinstance(block, Paragraph):
        return text(block.text)
    if isinstance(block, ListBlock):
        return "".join(text(i.label) + text(i.text) for i in block.items)
    return text(block.caption)
