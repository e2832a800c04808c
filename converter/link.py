"""Link the parts of an article continued across pages.

"（下转A03版）" closing an article on page A01 and "（上接A01版）" opening one on
page A03 are two parts of one story: each marker gets the other part as its
target, and the parts get TEI's part/prev/next. Markers whose other part is
not in this edition stay unlinked (and are reported)."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from .attach import Story
from .body import disagreement
from .model import Article, Continuation, Diagnostic, Direction, Page, PartName, Section
from .rules.continuation import marker_at_start
from .unwrap import ends_sentence


def settle_markers(parts: list, diagnostics: list[Diagnostic]) -> None:
    """A marker alone where a flow began or ended is no story of its own: it
    joins the neighbouring story on its page that it opens (the one after it,
    continued from) or closes (the one before it, continued to), as its words
    say. When that neighbour has such a marker already, a marker whose words
    say its direction goes to the nearest story on the page left waiting for it
    (one whose text breaks off mid-sentence, or begins mid-sentence): an
    extractor prints a column's closing marker where the column's text ends
    on the page, not always after it. Else it joins the other neighbour (where
    it stands wins: reported). What was doubtful about any marker of the page
    is reported."""
    stories = [p for p in parts if isinstance(p, Story)]
    diagnostics.extend(d for s in stories for d in s.unit.diagnostics)
    for i, story in enumerate(stories):
        marker = _lone_marker(story)
        if marker is None:
            continue
        hosts = _hosts(stories, i, marker)
        for host, direction in hosts:
            if host is not None and _free(host, direction):
                _join(story, host, replace(marker, direction=direction), diagnostics)
                parts[:] = [p for p in parts if p is not story]
                break


def _hosts(stories: list[Story], i: int, marker: Continuation) -> list[tuple[Story | None, Direction]]:
    """The stories the lone marker at `i` may join, in order of preference."""
    nearest = sorted((abs(j - i), j, s) for j, s in enumerate(stories) if _lone_marker(s) is None)
    after = next((s for _, j, s in nearest if j > i), None)
    before = next((s for _, j, s in nearest if j < i), None)
    hosts: list[tuple[Story | None, Direction]] = [(after, "from"), (before, "to")]
    if marker.direction == "to":
        hosts.reverse()
    worded = marker_at_start(marker.text.text)
    if worded and worded.get("direction") == marker.direction:
        hosts[1:1] = [(s, marker.direction) for _, _, s in nearest if _waiting(s, marker.direction)]
    return hosts


def _waiting(story: Story, direction: Direction) -> bool:
    """Does the story break off where a marker of this direction would stand?"""
    paragraphs = story.unit.paragraphs
    if direction == "from":
        return story.mid_sentence
    return bool(paragraphs) and not ends_sentence(paragraphs[-1].text)


def _lone_marker(story: Story) -> Continuation | None:
    """The one marker of a story that has nothing else."""
    unit = story.unit
    markers = [m for m in (unit.continued_from, unit.continued_to) if m]
    alone = not (unit.paragraphs or unit.dateline or unit.byline or unit.closer or unit.source_note
                 or story.figures)
    return markers[0] if alone and len(markers) == 1 else None


def _free(story: Story, direction: str) -> bool:
    return (story.unit.continued_from if direction == "from" else story.unit.continued_to) is None


def _join(lone: Story, host: Story, marker: Continuation, diagnostics: list[Diagnostic]) -> None:
    worded = marker_at_start(marker.text.text)
    if worded and worded.get("direction") not in ("either", marker.direction):
        diagnostics.append(disagreement(marker, worded.get("direction") or ""))
    if marker.direction == "from":
        host.unit.continued_from = marker
        host.new_region = host.new_region or lone.new_region  # the region starts at the marker
    else:
        host.unit.continued_to = marker


def _articles(pages: list[Page]) -> list[tuple[int, Article]]:
    found: list[tuple[int, Article]] = []
    for index, page in enumerate(pages):
        for item in page.items:
            members = item.items if isinstance(item, Section) else (item,)
            found.extend((index, a) for a in members if isinstance(a, Article))
    return found


def link_parts(pages: list[Page], diagnostics: list[Diagnostic],
               normalise: Callable[[str], str]) -> list[Page]:
    articles = _articles(pages)
    labels = [normalise(p.label) if p.label else None for p in pages]
    pairs: dict[str, str] = {}  # id of the earlier part -> id of the later part
    taken: set[str] = set()
    for index, first in articles:
        to = first.continued_to
        if not to:
            continue
        match = _find(first, index, to, articles, labels, normalise, taken)
        if match:
            pairs[first.id] = match.id
            taken.add(match.id)
    linked_later = set(pairs.values())
    for _, article in articles:
        for marker, linked in ((article.continued_to, article.id in pairs),
                               (article.continued_from, article.id in linked_later)):
            if marker and not linked:
                diagnostics.append(Diagnostic(
                    "continuation-unlinked", "info",
                    f"continuation marker {marker.text.text}: the other part is not in this edition",
                    marker.text.span))
    if not pairs:
        return pages
    previous = {later: earlier for earlier, later in pairs.items()}
    return [_rewrite(page, pairs, previous) for page in pages]


def _find(first: Article, index: int, to: Continuation, articles, labels, normalise, taken) -> Article | None:
    own_label = labels[index]
    candidates = []
    for j, other in articles:
        back = other.continued_from
        if not back or other.id in taken or j <= index:
            continue
        if to.sign and back.sign and to.sign != back.sign:
            continue
        target_ok = labels[j] is None or not to.page or labels[j] == normalise(to.page)
        source_ok = own_label is None or not back.page or own_label == normalise(back.page)
        if target_ok and source_ok:
            candidates.append((labels[j] is not None and own_label is not None, other))
    # Prefer a pair both of whose page labels are known and agree; without
    # labels, link only when the choice is unique.
    sure = [c for known, c in candidates if known]
    if sure:
        return sure[0]
    return candidates[0][1] if len(candidates) == 1 else None


def _rewrite(page: Page, pairs: dict[str, str], previous: dict[str, str]) -> Page:
    def fix(article: Article) -> Article:
        nxt, prev = pairs.get(article.id), previous.get(article.id)
        if not nxt and not prev:
            return article
        part: PartName = "M" if nxt and prev else ("I" if nxt else "F")
        to = replace(article.continued_to, target=nxt) if nxt and article.continued_to else article.continued_to
        back = (replace(article.continued_from, target=prev)
                if prev and article.continued_from else article.continued_from)
        return replace(article, part=part, next=nxt, prev=prev, continued_to=to, continued_from=back)

    def item(x):
        if isinstance(x, Section):
            return replace(x, items=tuple(fix(a) if isinstance(a, Article) else a for a in x.items))
        return fix(x) if isinstance(x, Article) else x

    return replace(page, items=tuple(item(x) for x in page.items))
