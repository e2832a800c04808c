"""Page elements -> the document model, a stretch of pages at a time.

A page's classified elements become parts: stories, heading groups, figures,
section heads and bylines standing alone. attach.py gives every heading group
its body (which way headlines face is voted per page, the stretch deciding the
pages whose own vote is unclear); bylines and editors' notes join their
stories; articles and figures go into the page's sections, each article's kind
following from its head; link.py joins the parts of articles continued across
pages. Doubtful decisions become diagnostics."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .body import Unit, both_texts, bylines_open, ends_brief, split_units
from .attach import (Group, SectionHead, Story, attach_headlines, headlines_follow_bodies, join_fragments,
                     join_headed_fragments, join_opened_columns, move_columns)
from .headgroup import labelled_roles, side_by_side
from .labeller.features import SHORT_OF_COLUMN
from .labeller.model import DOUBT, Labelled, labeller
from .labeller.roles import role_of, starts
from .labeller.segments import Block, Element, page_elements
from .lexicon import zh
from .lexicon.equivalents import reading_form
from .link import link_parts, settle_markers
from .model import (Article, ArticleKind, Diagnostic, Edition, Figure, Furniture, ListBlock, Metadata, Page, Paragraph,
                    Section, Span, Text)
from .rules.continuation import normalise_page
from .rules import solid_len
from .rules.credit import credit
from .rules.headline import is_adoption_line, is_dash_subtitle
from .rules.masthead import furniture_fields, furniture_kind, printed_label
from .rules.section import is_column_name
from .source import SourceLine
from .unwrap import Run, display_width, ends_sentence, piece
from .words import shared_words

@dataclass
class PageParts:
    parts: list  # Story | Group | Figure | SectionHead | Text (a standalone byline)
    furniture: list[Furniture]


def build_edition(lines: list[SourceLine], meta: Metadata, numbering: Numbering | None = None) -> Edition:
    """The edition of `lines`; `numbering` carries page and figure numbers from the
    stretches of a long edition built before (see normalize.stretches)."""
    numbering = numbering or Numbering()
    diagnostics: list[Diagnostic] = []
    pages = _labelled_pages(lines, numbering, diagnostics)
    facing = headlines_follow_bodies(pages)
    orphans = []
    for i, (page, after) in enumerate(zip(pages, facing)):
        orphans.append(_settle(page, after, diagnostics, _last_open(pages[i - 1].parts) if i else None))
    built = [_page(page, left, numbering.page()) for page, left in zip(pages, orphans)]
    built = _link_continuations(built, diagnostics)
    return Edition(meta, tuple(built), tuple(diagnostics), line_count=lines[-1].number if lines else 0)


def _labelled_pages(lines: list[SourceLine], numbering: Numbering,
                    diagnostics: list[Diagnostic]) -> list[PageParts]:
    labelled = labeller().label(lines)
    doubtful = sorted((x for x in labelled if x.label and x.confidence < DOUBT), key=lambda x: x.confidence)
    diagnostics += [_doubt(x) for x in doubtful]  # least sure first: where a proof-reader starts
    labels = Labels({x.line.number: x.label for x in labelled if x.label}, set())
    pages = []
    for page in _by_page(labelled):
        elements, labels.starts = page_elements(page)
        pages.append(_parts(elements, numbering, diagnostics, labels))
    return pages


def _by_page(labelled: list[Labelled]) -> list[list[Labelled]]:
    pages: dict[int, list[Labelled]] = {}
    for x in labelled:
        pages.setdefault(x.line.page, []).append(x)
    return list(pages.values())


def _doubt(x) -> Diagnostic:
    others = ", ".join(f"{label} {p:.2f}" for label, p in x.alternatives)
    return Diagnostic("label-doubt", "info", f"line read as {x.label} with probability {x.confidence:.2f}"
                      + (f"; next likeliest: {others}" if others else ""), Span.of(x.line.number, x.line.number))


@dataclass
class Labels:
    """The labeller's decisions the parts are built from: line -> label, and the
    lines that start a paragraph (of the page being built)."""

    of: dict[int, str]
    starts: set[int]


class Numbering:
    """Figure ids are handed out as figures are found; pages are numbered in
    order, and their articles and sections get ids per page, in reading order."""

    def __init__(self) -> None:
        self.figures = 0
        self.pages = 0

    def figure(self) -> str:
        self.figures += 1
        return f"f{self.figures}"

    def page(self) -> int:
        """The 0-based index of the next page."""
        self.pages += 1
        return self.pages - 1


# --- elements -> parts -------------------------------------------------------

def _parts(elements: list[Element], ids: Numbering, diagnostics: list[Diagnostic],
           labels: Labels) -> PageParts:
    parts: list = []
    furniture_lines: list[SourceLine] = []
    flows = {id(e): _flow_runs(e, labels) for e in elements if e.kind == "body"}
    bylines_first = bylines_open(list(flows.values()), labels.of)
    for element in elements:
        if element.kind == "furniture":
            furniture_lines += element.lines
        elif element.kind == "banner":
            parts.append(_section_head(element))
        elif element.kind == "heading":
            parts.extend(_heading_parts(element.blocks, labels, elements))
        elif element.kind == "byline":
            from .rules.byline import standalone_byline

            line = element.lines[0]
            parts.append(Run((piece(line.number, line.text),)).respelled(standalone_byline(line.text).text))
        elif element.kind == "caption":
            parts.append(_figure(element.blocks, ids, labels))
        else:
            parts.extend(_flow(element, flows[id(element)], ids, labels, bylines_first))
    settle_markers(parts, diagnostics)
    _pair_credits(parts)
    return PageParts(parts, _furniture(furniture_lines, labels))


def _pair_credits(parts: list) -> None:
    """A credit printed apart from its caption (the extractor put other elements between
    them) goes with the nearest caption of the page that has none: a credit credits a
    photo, and a photo's caption is where it is. A piece of a credit ("摄" apart from
    "关一鸣") goes on with the nearest credit it completes."""
    figures: list[tuple[int, int | None, Figure]] = [(i, None, p) for i, p in enumerate(parts) if isinstance(p, Figure)]
    figures += [(i, k, f) for i, p in enumerate(parts) if isinstance(p, Story) for k, (_, f) in enumerate(p.figures)]
    captions = [(x, x[2].caption.span.first) for x in figures if x[2].caption and not x[2].credit]
    gone = []
    for place in (x for x in figures if x[2].caption is None):
        piece = place[2].credit
        if piece is None:
            continue
        if captions:
            nearest, _ = min(captions, key=lambda c: abs(c[1] - piece.span.first))
            captions = [c for c in captions if c[0] is not nearest]
            _put(parts, nearest, replace(nearest[2], credit=piece))
            gone.append(place)
        elif completed := _completed_credits(figures, piece):
            _, host, joined = min(completed, key=lambda c: c[0])
            _put(parts, host, replace(host[2], credit=joined))
            figures = [x if x is not host else (x[0], x[1], replace(x[2], credit=joined)) for x in figures]
            gone.append(place)
    for i, k, _ in sorted(gone, key=lambda x: (x[0], x[1] or 0), reverse=True):
        if k is None:
            del parts[i]
        else:
            del parts[i].figures[k]


def _completed_credits(figures: list[tuple[int, int | None, Figure]],
                       piece: Text) -> list[tuple[int, tuple[int, int | None, Figure], Text]]:
    """The captioned figures whose credit no recogniser reads and reads as one with
    `piece` (in the order they are printed): (distance in lines, figure, the credit)."""
    found = []
    for place in figures:
        own = place[2].credit
        if place[2].caption is None or own is None or credit(own.text):
            continue
        joined = both_texts(*sorted((own, piece), key=lambda t: t.span.first))
        if joined is not None and credit(joined.text):
            found.append((abs(own.span.first - piece.span.first), place, joined))
    return found


def _put(parts: list, place: tuple[int, int | None, Figure], figure: Figure) -> None:
    i, k, _ = place
    if k is None:
        parts[i] = figure
    else:
        parts[i].figures[k] = (parts[i].figures[k][0], figure)


def _furniture(lines: list[SourceLine], labels: Labels) -> list[Furniture]:
    """A page's furniture, one item per printed line. A furniture-I line is a piece of a
    line the extractor cut (and may print apart from it): see `_home`."""
    items: list[list[SourceLine]] = []
    pieces: list[tuple[int, SourceLine]] = []  # (items before it, line)
    for line in lines:
        if not items or starts(labels.of[line.number]):
            items.append([line])
        else:
            pieces.append((len(items), line))
    fields = [set(furniture_fields(item[0].text)) for item in items]  # what each item prints so far
    placed = (0, 0)  # the piece before: (items before it, the item it went to)
    for before, line in pieces:
        own = furniture_fields(line.text)
        # the item of the furniture line before it: that piece's, unless an item opened since
        previous = placed[1] if placed[0] == before else before - 1
        home = _home(own, fields, before, previous)
        items[home].append(line)
        fields[home] |= own
        placed = (before, home)
    texts = [Run(tuple(piece(l.number, l.text) for l in sorted(item, key=lambda l: l.number))).to_text(heading=True)
             for item in items]  # (in source order: a text's line breaks follow its span)
    return [Furniture(furniture_kind(t.text) or "header", t) for t in texts]


def _home(own: frozenset[str], fields: list[set[str]], before: int, previous: int) -> int:
    """The item a piece of furniture printing `own` fields goes with, of the page's items
    (whose fields so far are `fields`; `before` of them precede it, `previous` holds the
    furniture line before it): the nearest before it that prints one of its fields, else
    the nearest after it, else `previous` -- unless the piece is of the masthead (a running
    head's date or name, cut apart) and `previous` an editors' or contact line: then the
    nearest item of no field (the page's desk), before it and then after it. (A phone
    number goes with the editors' line; "星" / "期五" go on together.)"""
    order = [*range(before - 1, -1, -1), *range(before, len(fields))]
    if own and (k := next((k for k in order if own & fields[k]), None)) is not None:
        return k
    if own == _MASTHEAD and fields[previous] and (k := next((k for k in order if not fields[k]), None)) is not None:
        return k
    return previous


_MASTHEAD = frozenset({"masthead"})


def _line_text(line: SourceLine, heading: bool = False) -> Text:
    return Run((piece(line.number, line.text),)).to_text(heading=heading)


def _section_head(element: Element) -> SectionHead:
    """A banner: its first line and the others that are no dash subtitle ("——…篇") make
    the head (a banner whose only line is such a subtitle is headed by it)."""
    lines = element.lines
    subs = [_line_text(l, heading=True) for l in lines[1:] if is_dash_subtitle(l.text)]
    head_lines = lines[:1] + [l for l in lines[1:] if not is_dash_subtitle(l.text)]
    head = Run(tuple(piece(l.number, l.text) for l in head_lines)).to_text(heading=True)
    return SectionHead(head, subs, column=is_column_name(lines[0].text))


def _heading_parts(group_blocks: list[Block], labels: Labels, elements: list[Element]) -> list:
    """A heading group (or two, where two headlines set side by side were read across
    by the extractor: the stack's other titles stay with the first); an official
    document's title carries no kicker, so a label printed apart above one
    ("市十四届人大二次会议") heads what follows."""
    group = _group(group_blocks, labels)
    heads = _headline_lines([line for b in group_blocks for line in b.lines], labels)
    if len(heads) > 1 and " " in heads[1].text:
        pair = side_by_side(heads, shared_words("".join(line.text for e in elements if e.kind == "body" for line in e.lines)))
        if pair:
            group.head = pair[0]
            return [group, Group(None, pair[1], [])]
    if group.kicker and len(group_blocks) > 1 and _document_title(group):
        label, group.kicker = group.kicker, None
        return [SectionHead(label, [], column=False), group]
    return [group]


def _headline_lines(lines: list[SourceLine], labels: Labels) -> list[SourceLine]:
    """The lines of the stack's headline: its first run of head lines (a head line after
    a subheadline is another title, a subheadline of the stack: see labelled_roles)."""
    roles = [role_of(labels.of[line.number]) for line in lines]
    start = roles.index("head") if "head" in roles else len(roles)
    end = next((k for k in range(start, len(roles)) if roles[k] != "head"), len(roles))
    return lines[start:end]


def _document_title(group: Group) -> bool:
    head = group.head.text if group.head else ""
    return head.endswith(zh.RESOLUTION_HEADS + zh.NOTICE_HEADS) or any(is_adoption_line(s.text) for s in group.subs)


def _group(group_blocks: list[Block], labels: Labels, stray: bool = False) -> Group:
    roles = labelled_roles([line for b in group_blocks for line in b.lines], labels.of)
    return Group(roles.kicker, roles.head, roles.subs, stray, pointer=roles.pointer)


def _figure(fig_blocks: list[Block], ids: Numbering, labels: Labels) -> Figure:
    """A caption and its credit: the lines labelled credit are the credit (one that
    begins inside the caption's last line, a blank line between or not, begins after
    its last sentence); with none, the credit recogniser reads the caption's end."""
    lines = [line for b in fig_blocks for line in b.lines]
    roles = [role_of(labels.of[l.number]) for l in lines]
    caption = Run(tuple(piece(l.number, l.text) for l, r in zip(lines, roles) if r != "credit"))
    credit_lines = [l for l, r in zip(lines, roles) if r == "credit"]
    begun = next((k for k, l in enumerate(credit_lines) if starts(labels.of[l.number])), 0)
    credit_lines = credit_lines[begun:] + credit_lines[:begun]  # a credit's start printed after its end
    credited = Run(tuple(piece(l.number, l.text) for l in credit_lines))
    if credited and not starts(labels.of[credited.pieces[0].line]) and caption.pieces \
            and caption.pieces[-1].line < credited.pieces[0].line:
        caption, tail = _after_last_sentence(caption)
        credited = Run(tail.pieces + credited.pieces)
    if credited:
        found = credit(credited.loose)
        credit_text = credited.respelled(found.text) if found and found.size == solid_len(credited.text) \
            else credited.to_text()
        return Figure(ids.figure(), caption.to_text() if caption else None, credit_text)
    found = credit(caption.loose)
    caption, tail = caption.split_last(found.size) if found else (caption, Run(()))
    return Figure(ids.figure(), caption.to_text() if caption else None, tail.respelled(found.text) if found else None)


def _after_last_sentence(run: Run) -> tuple[Run, Run]:
    """The run cut after its last sentence-ending mark (and what closes it)."""
    text = reading_form(run.text)  # positions stay
    ends = [i for i, c in enumerate(text) if c in zh.TERMINALS]
    if not ends or ends[-1] == len(text) - 1:
        return run, Run(())
    cut = ends[-1] + 1
    while cut < len(text) and text[cut] in zh.CLOSERS:
        cut += 1
    return run.split_at(cut)


def _flow_runs(element: Element, labels: Labels) -> list[Run]:
    """A flow element's paragraphs."""
    return _paragraphs(element.blocks, labels.starts | _resumed(element.blocks, labels))


def _flow(element: Element, runs: list[Run], ids: Numbering, labels: Labels,
          bylines_first: bool) -> list[Story | Group]:
    """The stories of a flow element whose paragraphs are `runs`, and its strays."""
    region_starts = {b.lines[0].number for b in element.blocks if b.lines[0].indented}
    tops = _column_tops(element.blocks, labels)
    stories = [Story(u, new_region=bool(u.lines) and min(u.lines) in region_starts,
                     mid_sentence=bool(u.lines) and not starts(labels.of[min(u.lines)]),
                     column_tops=tuple(n for n in u.lines[1:] if n in tops))
               for u in split_units(runs, labels.of, bylines_first)]
    groups = []
    for stray in element.strays:
        if stray.kind == "caption":
            host = _host(stories, stray.lines[0].number)
            host.figures.append((stray.lines[0].number - 1, _figure(stray.blocks, ids, labels)))
        else:
            groups.append(_group(stray.blocks, labels, stray=True))
    return [*stories, *groups]


def _paragraphs(flow: list[Block], starts: set[int]) -> list[Run]:
    """The flow's lines rejoined into paragraphs, each starting at a line in `starts`."""
    out: list[list[SourceLine]] = []
    for line in (line for block in flow for line in block.lines):
        if not out or line.number in starts:
            out.append([])
        out[-1].append(line)
    return [Run(tuple(piece(l.number, l.text) for l in lines)) for lines in out]


def _resumed(flow: list[Block], labels: Labels) -> set[int]:
    """Lines that go on with a paragraph (an I label) at the top of a block after a blank,
    where the block before ends a paragraph: the column broke off after a paragraph's end,
    so the text they go on with is another paragraph's, perhaps another story's
    (join_fragments finds it)."""
    return {block.lines[0].number for before, block in zip(flow, flow[1:])
            if block.after_blank and not starts(labels.of.get(block.lines[0].number, "p-B"))
            and _ends_paragraph(before.lines)}


def _column_tops(flow: list[Block], labels: Labels) -> set[int]:
    """Lines at the top of a block after a blank where the text goes on mid-sentence from
    the block before (see `attach.move_columns`)."""
    return {block.lines[0].number for before, block in zip(flow, flow[1:])
            if block.after_blank and not starts(labels.of.get(block.lines[0].number, "p-B"))
            and not ends_sentence(before.lines[-1].text)}


def _ends_paragraph(lines: list[SourceLine]) -> bool:
    """Does the last line end a sentence and stand short of the line before it (a
    paragraph's last line, not a full line that a column break cut after a sentence)?"""
    return len(lines) > 1 and ends_sentence(lines[-1].text) \
        and display_width(lines[-1].text) < SHORT_OF_COLUMN * display_width(lines[-2].text)


def _host(stories: list[Story], line: int) -> Story:
    before = [s for s in stories if s.unit.lines and min(s.unit.lines) < line]
    return before[-1] if before else stories[0]


# --- parts -> page ------------------------------------------------------------

def _settle(page: PageParts, facing_after: bool, diagnostics: list[Diagnostic], before: Story | None) -> list[Group]:
    """Bylines, headlines and fragments to their stories; `before` is the story the page
    before left open (a printout's page may go on with it). Returns the headlines no story took."""
    parts = page.parts
    _open_next_story(parts)
    _attach_bylines(parts)
    _merge_editor_notes(parts)
    orphans = attach_headlines(parts, facing_after, diagnostics)
    _return_bylines(parts)
    join_headed_fragments(parts)
    join_opened_columns(parts)
    move_columns(parts, diagnostics)
    join_fragments(parts, before)
    return orphans


def _last_open(parts: list) -> Story | None:
    """The page's last story with text, if text on the next page may still go on with it."""
    last = next((p for p in reversed(parts) if isinstance(p, Story) and p.unit.paragraphs), None)
    return last if last is not None and last.open else None


def _page(page: PageParts, orphans: list[Group], index: int) -> Page:
    label = printed_label(page.furniture)  # the user's labels win later (metadata.apply_page_labels)
    items = _items(page.parts, orphans, f"p{index + 1}")
    return Page(label, tuple(page.furniture), tuple(items))


def _open_next_story(parts: list) -> None:
    """A dateline or byline with no text after it (a furniture line or a figure stood
    between it and its text) opens the next story, when that one has none of its own."""
    for i, part in enumerate(parts):
        if not (isinstance(part, Story) and _only_opens(part)):
            continue
        after = next((p for p in parts[i + 1:] if isinstance(p, Story)), None)
        unit = part.unit
        if after is None or unit.dateline and after.unit.dateline or unit.byline and (after.unit.byline or after.byline):
            continue
        after.unit.dateline = after.unit.dateline or unit.dateline
        after.unit.byline = after.unit.byline or unit.byline
        after.byline = both_texts(part.byline, after.byline)
        parts[i] = None
    parts[:] = [p for p in parts if p is not None]


def _only_opens(story: Story) -> bool:
    unit = story.unit
    return not unit.paragraphs and bool(unit.dateline or unit.byline) and not (
        story.group or unit.continued_from or unit.continued_to or unit.closer or unit.source_note or story.figures)


def _attach_bylines(parts: list) -> None:
    """A byline on a line of its own opens the story that follows it, or goes
    with the headline right after it (wherever that headline goes), unless that
    headline's story has a byline of its own; then, as when it closes the page, it
    joins the story before it. On a page whose bylines close their stories
    (`_bylines_close`), one before a headline closes the story before it, when that
    story has none. With no story at all, it makes one. (The page's vote: gold labels
    +4 bylines of 1,540, held out +2, first contact +2.)"""
    closing = _bylines_close(parts)
    for i, part in enumerate(parts):
        if not isinstance(part, Text):
            continue
        at = _next_part(parts, i)
        following = parts[at] if at is not None else None
        before = next((p for p in reversed(parts[:i]) if isinstance(p, Story)), None)
        if closing and isinstance(following, Group) and before and not (before.unit.byline or before.byline):
            before.byline = both_texts(before.byline, part)
        elif isinstance(following, (Group, Story)) and not (before and _has_own_byline(parts, at)):
            following.byline = both_texts(part, following.byline)
            if isinstance(following, Group):
                following.byline_else = before
        elif before is not None:
            before.byline = both_texts(before.byline, part)
        else:
            parts[i] = Story(Unit([]), byline=part)
            continue
        parts[i] = None
    parts[:] = [p for p in parts if p is not None]


def _bylines_close(parts: list) -> bool:
    """Does the page print its bylines after the stories' text? Its stories' own bylines
    vote: one after the text it goes with closes, one before it opens."""
    vote = 0
    for story in (p for p in parts if isinstance(p, Story)):
        byline, lines = story.unit.byline, story.unit.lines
        if byline is not None and lines:
            vote += 1 if byline.span.first > min(lines) else -1
    return vote > 0


def _return_bylines(parts: list) -> None:
    """A byline that went with the headline after it, where that headline's story turns
    out to open with a byline of its own, closes the story it followed (when that one
    has none)."""
    for story in (p for p in parts if isinstance(p, Story)):
        group = story.group
        before = group.byline_else if group and group.byline else None
        if group and before and (story.unit.byline or story.byline) and not (before.unit.byline or before.byline):
            before.byline, group.byline = group.byline, None


def _next_part(parts: list, i: int) -> int | None:
    """The index of the first part after i that is no figure."""
    return next((k for k in range(i + 1, len(parts)) if not isinstance(parts[k], Figure)), None)


def _has_own_byline(parts: list, at: int | None) -> bool:
    """Does the headline at `at` stand over a byline of its own (a byline line, or a
    story opening with one)?"""
    if at is None or not isinstance(parts[at], Group):
        return False
    after = _next_part(parts, at)
    return after is not None and (isinstance(parts[after], Text)
                                  or isinstance(parts[after], Story) and parts[after].unit.byline is not None)


def _merge_editor_notes(parts: list) -> None:
    """An editor's note ("编者按：…") opens the story that follows it, and the byline
    printed between them ("编者按：…" / "（記者何穎琳）" / the story) is that story's."""
    for i, part in enumerate(parts):
        if isinstance(part, Story) and part.unit.text.startswith(zh.EDITOR_NOTES) and part.plain:
            after = next((p for p in parts[i + 1:] if not isinstance(p, Figure)), None)
            if isinstance(after, Story) and after.group is None:
                after.unit.blocks[0:0] = part.unit.blocks
                after.unit.paragraphs[0:0] = part.unit.paragraphs
                after.unit.byline = both_texts(part.unit.byline, after.unit.byline)
                after.byline = both_texts(part.byline, after.byline)
                after.figures[0:0] = part.figures
                parts[i] = None
    parts[:] = [p for p in parts if p is not None]


def _items(parts: list, orphans: list[Group], key: str) -> list:
    """Articles, figures and sections of one page in reading order."""
    orphaned = {id(g) for g in orphans}  # by identity: joining fragments moved the parts
    items: list = []
    sections: list[tuple[SectionHead, list]] = []
    n_articles = 0

    def place(item) -> None:
        target = sections[-1][1] if sections and _belongs(sections[-1], item) else items
        if sections and target is items:
            _close(sections, items, key)
        target.append(item)

    for part in parts:
        if isinstance(part, SectionHead):
            _close(sections, items, key)
            sections.append((part, []))
        elif isinstance(part, Figure):
            place(part)
        elif isinstance(part, Story) or id(part) in orphaned:
            if isinstance(part, Story) and part.new_region:
                _close(sections, items, key)
            n_articles += 1
            story = part if isinstance(part, Story) else Story(Unit([]), part)
            place(_article(story, f"{key}-a{n_articles}"))
    _close(sections, items, key)
    return items


def _belongs(section: tuple[SectionHead, list], item) -> bool:
    """A column of briefs holds briefs only; a page banner holds what follows it."""
    head, _ = section
    return not head.column or isinstance(item, Figure) or (isinstance(item, Article) and item.kind == "brief")


def _close(sections: list, items: list, key: str) -> None:
    while sections:
        head, members = sections.pop()
        n = sum(isinstance(i, Section) for i in items) + 1
        items.append(Section(f"{key}-s{n}", head.head, tuple(head.subs), tuple(members)))


def _article(story: Story, ident: str) -> Article:
    unit, group = story.unit, story.group or Group(None, None, [])
    body = list(unit.blocks)
    for after_line, figure in story.figures:
        at = next((k + 1 for k, b in enumerate(body) if isinstance(b, Paragraph)
                   and after_line in b.text.span.lines()), len(body))
        body.insert(at, figure)
    byline = both_texts(both_texts(group.byline, story.byline), unit.byline)
    closer = unit.closer
    if group.pointer and unit.continued_to:
        # Two closing jump markers, the title's and the body's: the body's is the
        # story's; the title's stays as printed text.
        body.append(Paragraph(group.pointer.text))
    if closer and not any(isinstance(b, (Paragraph, ListBlock)) for b in body):
        # A signature with no text above it signs nothing: it is the text.
        body += [Paragraph(t) for t in (*closer.signed, closer.date) if t]
        closer = None
    return Article(
        id=ident, kind=_kind(story, group), kicker=group.kicker, head=group.head, subheads=tuple(group.subs),
        dateline=unit.dateline, byline=byline, continued_from=unit.continued_from, body=tuple(body),
        closer=closer, source_note=unit.source_note, continued_to=unit.continued_to or group.pointer)


def _kind(story: Story, group: Group) -> ArticleKind:
    head = group.head.text if group.head else ""
    if head.endswith(zh.RESOLUTION_HEADS) or any(is_adoption_line(s.text) for s in group.subs):
        return "resolution"
    if any(w in head for w in zh.NOTICE_HEADS) or (story.unit.closer and story.unit.closer.date):
        return "notice"
    if ends_brief(story.unit) and not group.head:
        return "brief"
    if story.unit.continued_from and not group.head:
        return "continuation"
    return "news"


# --- continuations across pages ------------------------------------------------

def _link_continuations(pages: list[Page], diagnostics: list[Diagnostic]) -> list[Page]:
    """Join "（下转A03版）" on page A01 with "（上接A01版）" on page A03."""
    return link_parts(pages, diagnostics, normalise_page)
