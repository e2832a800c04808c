"""Which body does each heading group belong to?

Some extractors emit a headline before its article, others after it, and a
composed page may mix both. Every heading group standing between two bodies
can go to either; the words it shares with each (rarer shared words weigh
more) are the evidence, and the page's prevailing direction is a small prior.
The groups of a page are assigned together (a dynamic programme along the
page), so that one group's choice leaves its neighbour the body that fits it.
Doubtful choices become diagnostics."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from .body import Unit, both_texts, finish
from .model import Continuation, Diagnostic, Figure, Span, Text
from .unwrap import Run, ends_sentence
from .words import shared_words

# LAYOUT_PRIOR, UNASSIGNED, STRAY_MATCH and PAGE_VOTE_MARGIN: the best of 54 settings on
# a 600-page training corpus (`python -m corpus.tune`; units, headlines and kickers);
# STRAY_MATCH scored again once far headlines used it too (0.1 still best of 0.1, 0.2, 0.3).
LAYOUT_PRIOR = 0.05  # what the page's direction adds to a choice's evidence
UNASSIGNED = 0.0  # score of leaving a group without a body
WEAK_EVIDENCE = 0.05  # below this a group shares nothing telling with a body
STRAY_MATCH = 0.1  # a stray or far headline needs this much evidence to find its story
PAGE_VOTE_MARGIN = 0.75  # a page's own vote decides when it is this clear
DP_STATES = 64  # states the headline programme keeps at each group (see _best_choices)
# Text that begins a paragraph joins a story sharing this much of its words, and this many
# times the next best story's share: the best of 0.03-0.2 and 1.5-8 held out (384 pages);
# once a story's headline counted among its words, 1.5 beat 2 (held out +8 articles, first
# contact +7) and 1.25 (held out +5 more, first contact 2 fewer). Once the story's headline's
# words found in the text counted too (`_sharing`), 0.08 beat 0.03, 0.05 and 0.1 held out
# over four readings (+17 articles on 0.05; gold labels +8, first contact 2 fewer).
PARAGRAPH_HOST_MATCH = 0.08
PARAGRAPH_HOST_MARGIN = 1.5
# A later column goes to another story sharing this much of its words and this many times
# what the story's columns above it share (and what any other story shares), when those
# columns hold at least COLUMN_MOVE_ABOVE characters (a table's title shares nothing).
COLUMN_MOVE_MATCH, COLUMN_MOVE_MARGIN, COLUMN_MOVE_ABOVE = 0.03, 2.5, 20
COLUMN_MESSAGE = "column printed among another story's text: joined to the story that breaks off there and shares its words"


@dataclass
class Group:
    kicker: Text | None
    head: Text | None
    subs: list[Text]
    stray: bool = False  # stood inside another story's sentence
    byline: Text | None = None  # a byline printed right before the headline
    byline_else: "Story | None" = None  # the story the byline followed: it is its, if the headline's story has one
    pointer: Continuation | None = None  # "▶A3": where a 导读 entry's story is printed

    @property
    def text(self) -> str:
        return "".join(t.text for t in (self.kicker, self.head, *self.subs) if t)

    @property
    def span(self) -> Span | None:
        spans = [t.span for t in (self.kicker, self.head, *self.subs) if t]
        return Span.union(spans) if spans else None


@dataclass
class Story:
    unit: Unit
    group: Group | None = None
    byline: Text | None = None
    figures: list[tuple[int, Figure]] = field(default_factory=list)  # (after source line, figure)
    new_region: bool = False  # starts a new extraction block (a line led by a space)
    mid_sentence: bool = False  # its first line goes on with a paragraph (an I label)
    # Lines after a blank one where its text goes on mid-sentence: a column's top, which
    # may be another story's column that the extractor printed in between (`move_columns`).
    column_tops: tuple[int, ...] = ()

    @property
    def plain(self) -> bool:
        """Nothing but paragraphs (and figures), and perhaps a byline: no headline, dateline,
        jump marker, closer or source note."""
        unit = self.unit
        return not (unit.dateline or unit.continued_from or unit.continued_to
                    or unit.closer or unit.source_note or self.group)

    @property
    def headless(self) -> bool:
        """Text that nothing opens (no headline, dateline, byline, jump marker or bullet):
        a fragment of a story printed elsewhere on the page. What closes a story (a byline,
        a closer, a marker or a source note at its end) may close it: it goes with the text."""
        unit = self.unit
        return not (self.group or self.opened or unit.continued_from or unit.bulleted) and bool(unit.paragraphs)

    @property
    def opened(self) -> bool:
        """Does a dateline or a byline open the story?"""
        unit = self.unit
        return unit.dateline is not None or self.byline is not None and bool(unit.lines) \
            and self.byline.span.first < min(unit.lines)

    @property
    def open(self) -> bool:
        """Can text printed later on the page still go on with it?"""
        unit = self.unit
        return bool(unit.paragraphs) and not (unit.continued_to or unit.closed or unit.closer or unit.source_note)


@dataclass
class SectionHead:
    head: Text
    subs: list[Text]
    column: bool  # a column of briefs ("简讯"), not a page banner


# Bodies are read twice, by the page's vote on which way headlines face and
# then by the attachment: kept for a few hundred texts (an edition's worth),
# not for every story of a very long edition.
_body_words = lru_cache(maxsize=256)(shared_words)


class Similarity:
    """Share of a headline's tokens found in a body, weighted by rarity."""

    def __init__(self, stories: list[Story], headed: bool = False) -> None:
        """`headed`: a story's headline counts among its words (once headlines are attached)."""
        self.bodies = {id(s): _body_words((s.group.text if headed and s.group else "") + s.unit.text) for s in stories}
        self.n = max(len(stories), 1)
        self._weights: dict[str, tuple[frozenset[int | str], dict[int | str, float], float]] = {}

    def __call__(self, group: Group, story: Story | None) -> float:
        return self.shared(group.text, story)

    def shared(self, text: str, story: Story | None) -> float:
        if story is None:
            return 0.0
        return self._shared(text, self.bodies.get(id(story)) or _body_words(story.unit.text))

    def shared_with(self, text: str, other: str) -> float:
        """The share of `text`'s words (weighted as against a body) found in `other`."""
        return self._shared(text, _body_words(other))

    def _shared(self, text: str, body: frozenset[int | str]) -> float:
        grams, weight, total = self._group_weights(text)
        return sum(weight[bg] for bg in grams & body) / total if grams and total else 0.0

    def _group_weights(self, text: str) -> tuple[frozenset[int | str], dict[int | str, float], float]:
        """A headline's tokens, their weights and the weights' sum: the same
        for every body it is compared with, so worked out once."""
        if text not in self._weights:
            grams = shared_words(text)
            df = self._bodies_with(grams)
            weight = {bg: math.log((self.n + 1) / (df[bg] + 0.5)) for bg in grams}
            self._weights[text] = (grams, weight, sum(weight.values()))
        return self._weights[text]

    def _bodies_with(self, tokens: frozenset[int | str]) -> dict[int | str, int]:
        """How many bodies hold each of a headline's tokens (their document
        frequency). Counted for headline tokens only: counting every token of
        every body would cost more."""
        counts = dict.fromkeys(tokens, 0)
        for body in self.bodies.values():
            for token in tokens & body:
                counts[token] += 1
        return counts


def neighbours(parts: list, index: int) -> tuple[Story | None, Story | None]:
    """The bodies on either side of a heading group (figures, bylines and
    stray headlines may stand between)."""
    def scan(step: int) -> Story | None:
        i = index + step
        while 0 <= i < len(parts) and (isinstance(parts[i], (Figure, Text))
                                       or isinstance(parts[i], Group) and parts[i].stray):
            i += step
        return parts[i] if 0 <= i < len(parts) and isinstance(parts[i], Story) else None
    return scan(-1), scan(1)


def headlines_follow_bodies(pages: list) -> list[bool]:
    """Per page: do headlines come after their bodies? A page decides by its
    own vote when that is clear, else the edition's vote decides."""
    votes = [_facing_vote(page.parts) for page in pages]
    edition = sum(votes)
    return [vote > 0 if abs(vote) >= PAGE_VOTE_MARGIN else edition > 0 for vote in votes]


def _facing_vote(all_parts: list) -> float:
    """Positive when headlines share words with the body before them; the page
    edges vote too (a page opening with body text and closing with a headline
    reads "after")."""
    parts = [p for p in all_parts if not isinstance(p, (Figure, SectionHead))]
    sim = Similarity([p for p in parts if isinstance(p, Story)])
    vote = 0.0
    for i, part in enumerate(parts):
        if isinstance(part, Group) and not part.stray and part.head:
            prev, nxt = neighbours(parts, i)
            vote += sim(part, prev) - sim(part, nxt)
    if parts:
        vote += 0.5 * isinstance(parts[-1], Group) - 0.5 * isinstance(parts[0], Group)
        vote += 0.25 * (isinstance(parts[0], Story) and parts[0].unit.continued_from is None)
    return vote


def attach_headlines(parts: list, facing_after: bool, diagnostics: list[Diagnostic]) -> list[Group]:
    """Give every heading group of a page its story; return the groups left
    without one (they stay in `parts`). A stray group, and one no neighbouring
    story took, goes to the free story sharing most of its words (STRAY_MATCH or
    more), never to one that goes on from another page (its headline is there).
    Lone labels beside no story become column labels (SectionHead) in `parts`."""
    sim = Similarity([p for p in parts if isinstance(p, Story)])
    indexed = [(i, p) for i, p in enumerate(parts) if isinstance(p, Group) and not p.stray]
    choices = _best_choices(parts, indexed, facing_after, sim)
    unplaced: list[tuple[int, Group]] = []
    for (i, group), story in zip(indexed, choices):
        if story is not None:
            story.group = group
            _explain(group, story, parts, i, facing_after, sim, diagnostics)
        else:
            unplaced.append((i, group))
    strays = [(i, p) for i, p in enumerate(parts) if isinstance(p, Group) and p.stray]
    stories = [p for p in parts if isinstance(p, Story)]
    orphans: list[Group] = []
    for i, group in sorted(unplaced + strays, key=lambda x: x[0]):
        free = [s for s in stories if s.group is None and not s.unit.continued_from]
        best = max(free, key=lambda s: sim(group, s), default=None)
        found = best if best is not None and sim(group, best) >= STRAY_MATCH else None
        if found:
            found.group = group
        elif not group.stray and group.head and not (group.subs or group.kicker or group.byline or group.pointer):
            # A lone label beside no free headline slot names what follows.
            parts[i] = SectionHead(group.head, [], column=False)
            _note(diagnostics, "label-as-section", "a title with no headline-less story beside it: read as "
                  "the label of the stories that follow", group)
        else:
            orphans.append(group)
        if group.stray:
            _note(diagnostics, "headline-stray", "headline found inside another story's text; attached "
                  + ("to the story sharing its words" if found else "nowhere: no story shares its words"), group)
        elif found:
            _note(diagnostics, "headline-far", FAR_MESSAGE, group)
    return orphans


def _best_choices(parts: list, indexed: list[tuple[int, Group]], facing_after: bool,
                  sim: Similarity) -> list[Story | None]:
    """Dynamic programme over the groups of a page: each takes the body before
    it, the body after it, or none; where neither neighbour shares a telling word
    with it, also a body elsewhere on the page that does (the extractor printed the
    headline away from it), unless that body goes on from another page (its headline
    is there). No body is taken twice.
    A state is the body the last group took (the next group's only rival for a
    neighbour) and which of the bodies some group may take from afar are taken: paths
    that differ there are kept apart, else a far choice early on could shut out a
    neighbour's better one later."""
    stories = [p for p in parts if isinstance(p, Story)]
    options = []
    afar: set[int] = set()
    for i, group in indexed:
        prev, nxt = neighbours(parts, i)
        shared = [(story, sim(group, story), after) for story, after in ((prev, True), (nxt, False))
                  if story is not None]
        near = [(story, gain + LAYOUT_PRIOR * (after == facing_after)) for story, gain, after in shared]
        telling = any(gain >= WEAK_EVIDENCE for _, gain, _ in shared)
        far = [] if telling else [(story, gain) for story in stories if story is not prev and story is not nxt
                                  and not story.unit.continued_from and (gain := sim(group, story)) >= STRAY_MATCH]
        options.append([(None, UNASSIGNED), *near, *far])
        afar.update(id(story) for story, _ in far)
    State = tuple[int, frozenset[int]]
    previous: dict[State, tuple[float, list[Story | None]]] = {(0, frozenset()): (0.0, [])}
    for opts in options:
        current: dict[State, tuple[float, list[Story | None]]] = {}
        for (_, taken_afar), (score, path) in previous.items():
            taken = {id(s) for s in path if s is not None}
            for story, gain in opts:
                if story is not None and id(story) in taken:
                    continue
                key = (id(story), taken_afar | ({id(story)} & afar))  # None is never in `afar`
                candidate = (score + gain, path + [story])
                if key not in current or candidate[0] > current[key][0]:
                    current[key] = candidate
        # A page of many far claims (a digest of its own stories) could make 2^n states:
        # the best DP_STATES go on (the sort is stable, so the choice stays deterministic).
        previous = dict(sorted(current.items(), key=lambda kv: kv[1][0], reverse=True)[:DP_STATES])
    return max(previous.values(), key=lambda c: c[0])[1] if indexed else []


def _explain(group: Group, story: Story, parts: list, i: int, facing_after: bool, sim: Similarity,
             diagnostics: list[Diagnostic]) -> None:
    prev, nxt = neighbours(parts, i)
    if story is not prev and story is not nxt:
        _note(diagnostics, "headline-far", FAR_MESSAGE, group)
        return
    chosen_after = story is prev
    other = nxt if chosen_after else prev
    if other is None or not group.head:
        return
    if max(sim(group, story), sim(group, other)) < WEAK_EVIDENCE:
        _note(diagnostics, "headline-weak-evidence",
              "headline shares no words with either neighbouring story; attached by the page's layout", group)
    elif chosen_after != facing_after:
        _note(diagnostics, "headline-against-layout",
              "headline attached against the page's layout: it shares more words with that story", group)


FAR_MESSAGE = "headline printed away from its story: attached to the story sharing its words"


def _note(diagnostics: list[Diagnostic], code: str, message: str, group: Group) -> None:
    diagnostics.append(Diagnostic(code, "warning", message, group.span))


def join_fragments(parts: list, before: Story | None = None) -> None:
    """Body text that nothing opens (no headline, dateline, byline, jump marker or bullet)
    is the rest of a story cut off by a heading or a column printed in between. Text that
    begins mid-sentence (its first line goes on with a paragraph) goes on with an open
    story before it, or one after it that breaks off mid-sentence (an extractor may print
    a column's last lines before the story's first): first one that breaks off
    mid-sentence, then the one sharing most words with it, then the nearest. Text that
    begins a paragraph may be a story of its own whose headline was missed: it joins a
    story only when it shares clearly more words with it than with any other.
    (Gold labels through the assembly, 384 pages: the mid-sentence preference and the
    later hosts found 33 more of 4,725 articles. Joining text that begins a paragraph to
    the nearest story cost articles held out; to the one it shares clearly most words
    with, it found 19 more held out and 19 more at first contact; counting the host's
    headline among its words, 2 more held out and 4 at first contact.) `before`, the story
    the page before left open, is a host too, farther than any on the page: a printout's
    page breaks where the paper's column did not."""
    sim = Similarity([p for p in parts if isinstance(p, Story)], headed=True)
    for i, part in enumerate(parts):
        if not (isinstance(part, Story) and part.headless):
            continue
        hosts = [(abs(i - j), p) for j, p in enumerate(parts) if isinstance(p, Story) and p.open and p is not part
                 and (j < i or _waiting(p))]
        if before is not None and before.open:
            hosts.append((i + 1, before))
        choose = _mid_sentence_host if part.mid_sentence else _paragraph_host
        found = choose(part, hosts, sim)
        if found:
            _append(found, part, mid_paragraph=part.mid_sentence)
            parts[i] = None
    parts[:] = [p for p in parts if p is not None]


def move_columns(parts: list, diagnostics: list[Diagnostic]) -> None:
    """A story's later column, begun mid-sentence under a column that breaks off
    mid-sentence, may be another story's: the extractor printed two stories' columns in
    turn ("…目光紧" / "" / "了胸痛、卒中…" of the story beside it). It goes to the story that
    breaks off mid-sentence and shares COLUMN_MOVE_MARGIN times more of its words than the
    columns above it do and than any other such story (see COLUMN_MOVE_MATCH). From the
    last column up. (Gold labels, 384 pages: +17 articles; held out +11 and +14 with the
    two sets of fold models; first contact +3. A column that begins a paragraph under a
    finished one, moved alike to a finished story, found 5 more with gold labels and 8
    more at first contact but cost 4 of the hand-written fixture editions' 206 articles:
    where a column breaks between paragraphs, the next paragraph often speaks of what the
    stories beside it speak of.)"""
    stories = [p for p in parts if isinstance(p, Story)]
    sim = Similarity(stories, headed=True)
    for story in stories:
        for top in reversed(story.column_tops):
            head, tail = _cut_at(story.unit, top)
            if not tail or sum(len(r.text) for r in head) < COLUMN_MOVE_ABOVE:
                continue
            others = [(k, other) for k, other in enumerate(stories)
                      if other is not story and other.open and _waiting(other)]
            if not others:
                continue
            tail_text = "".join(r.text for r in tail)
            hosts = sorted(((sim.shared(tail_text, other), -k, other) for k, other in others), reverse=True)
            if hosts[0][0] < COLUMN_MOVE_MATCH:
                continue
            own = sim.shared_with(tail_text, (story.group.text if story.group else "") + "".join(r.text for r in head))
            if hosts[0][0] >= COLUMN_MOVE_MARGIN * max(own, hosts[1][0] if len(hosts) > 1 else 0.0):
                _move_tail(story, head, tail, top, hosts[0][2])
                diagnostics.append(Diagnostic("column-moved", "warning", COLUMN_MESSAGE,
                                              Span.from_lines([n for r in tail for n in r.lines])))


def _cut_at(unit: Unit, line: int) -> tuple[list[Run], list[Run]]:
    """The unit's paragraphs before source line `line` and from it on (a paragraph cut there)."""
    for i, run in enumerate(unit.paragraphs):
        for k, piece in enumerate(run.pieces):
            if piece.line == line:
                head = unit.paragraphs[:i] + ([Run(run.pieces[:k])] if k else [])
                return head, [Run(run.pieces[k:])] + unit.paragraphs[i + 1:]
    return [], []


def _move_tail(story: Story, head: list[Run], tail: list[Run], top: int, host: Story) -> None:
    """The story keeps `head`; `tail` (from line `top`), what closes it and the figures
    placed in it go on with the host's last paragraph."""
    unit = story.unit
    cut = Unit(tail, continued_to=unit.continued_to, source_note=unit.source_note, closer=unit.closer,
               closed=unit.closed, diagnostics=unit.diagnostics)
    moved = Story(cut, figures=[f for f in story.figures if f[0] >= top])
    story.figures = [f for f in story.figures if f[0] < top]
    unit.paragraphs, unit.continued_to, unit.source_note, unit.closer, unit.closed, unit.diagnostics = \
        head, None, None, None, False, []
    story.column_tops = tuple(t for t in story.column_tops if t < top)
    finish(unit)
    _append(host, moved)


def _mid_sentence_host(part: Story, hosts: list[tuple[int, Story]], sim: Similarity) -> Story | None:
    """The host that breaks off mid-sentence, then shares most words, then is nearest."""
    scored = [(_waiting(host), sim.shared(part.unit.text, host), -distance, host) for distance, host in hosts]
    return max(scored, key=lambda s: s[:3])[3] if scored else None


def _paragraph_host(part: Story, hosts: list[tuple[int, Story]], sim: Similarity) -> Story | None:
    """The host sharing most words, when that is telling and clearly more than the next.
    Words are shared either way: the text's words found in the host, or the host's
    headline's words found in the text. (A long text shares a small part of its words
    with a short host, though it speaks of what the host's headline names. Gold labels
    through the assembly, four readings of 384 pages: 27 more articles; held out 14
    more; first contact 14 more.)"""
    gains = sorted(((_sharing(part, host, sim), -distance, host) for distance, host in hosts),
                   key=lambda g: g[:2], reverse=True)
    if not gains:
        return None
    best, second = gains[0][0], gains[1][0] if len(gains) > 1 else 0.0
    return gains[0][2] if best >= PARAGRAPH_HOST_MATCH and best >= PARAGRAPH_HOST_MARGIN * second else None


def _sharing(part: Story, host: Story, sim: Similarity) -> float:
    """How much `part` and `host` share: the larger of the part's words found in the host
    and the host's headline's words found in the part."""
    return max(sim.shared(part.unit.text, host), sim(host.group, part) if host.group else 0.0)


def join_headed_fragments(parts: list) -> None:
    """A headline over text that begins mid-sentence, and a story with no headline that
    begins as a story does and breaks off mid-sentence: the extractor printed the story's
    later column, under its headline, apart from its first. The headline goes to that
    story, and the text under it goes on with the story's last paragraph. The story right
    after the headline's text is that first column when it can be; otherwise the one on
    the page that shares the headline's words (STRAY_MATCH or more). (Gold labels through
    the assembly, 384 pages: the next story found 10 more of 4,725 articles, none lost;
    the sharing one, 8 more, held out 1 more, at first contact 2 more.)"""
    sim = Similarity([p for p in parts if isinstance(p, Story)])
    for i, part in enumerate(parts):
        if not (isinstance(part, Story) and part.group and part.mid_sentence and not part.opened):
            continue
        opener = _first_column(parts, i, sim)
        if opener:
            opener.group, part.group = part.group, None
            _append(opener, part)
            parts[i] = None
    parts[:] = [p for p in parts if p is not None]


def _first_column(parts: list, i: int, sim: Similarity) -> Story | None:
    """The story whose first column the later column parts[i] goes on (see above)."""
    def opens(story: Story | None) -> bool:
        return story is not None and story.group is None and _begins(story) and story.open and _waiting(story)

    after = neighbours(parts, i)[1]
    if opens(after):
        return after
    gains = [(sim(parts[i].group, s), s) for s in parts if isinstance(s, Story) and s is not parts[i] and opens(s)]
    best = max(gains, key=lambda g: g[0], default=None)
    return best[1] if best and best[0] >= STRAY_MATCH else None


def join_opened_columns(parts: list) -> None:
    """A headline over text that begins a paragraph but nothing opens (no dateline or
    byline), and a story with no headline that a dateline or byline opens and that ends
    its last sentence, sharing more of the headline's words (STRAY_MATCH or more) than
    the text under it: the extractor printed the story's first column apart from its
    headline, which stands over a later one. The headline goes to the opened story, and
    the text under it follows as new paragraphs. (A headline names what a story's lead
    says. Gold labels through the assembly, 384 pages: 9 more of 4,697 articles; held
    out 11 more; first contact 9 more. Asking for twice the words lost on all three.)"""
    sim = Similarity([p for p in parts if isinstance(p, Story)])
    for i, part in enumerate(parts):
        if not (isinstance(part, Story) and part.group and not (part.mid_sentence or part.opened
                or part.unit.continued_from or part.unit.bulleted)):
            continue
        own = sim(part.group, part)
        gains = [(sim(part.group, s), s) for s in parts if isinstance(s, Story) and s is not part and s.group is None
                 and s.opened and s.open and not _waiting(s)]
        best = max(gains, key=lambda g: g[0], default=None)
        if best and best[0] >= STRAY_MATCH and best[0] > own:
            opener = best[1]
            opener.group, part.group = part.group, None
            _append(opener, part, mid_paragraph=False)
            parts[i] = None
    parts[:] = [p for p in parts if p is not None]


def _begins(story: Story) -> bool:
    """Does the story begin as a story does: with a dateline, a byline or a paragraph's
    start (not with a jump from another page)?"""
    return story.opened or not (story.mid_sentence or story.unit.continued_from)


def _waiting(story: Story) -> bool:
    """Does the story break off mid-sentence?"""
    return not ends_sentence(story.unit.paragraphs[-1].text)


def _append(host: Story, fragment: Story, mid_paragraph: bool = True) -> None:
    """The fragment's text goes on with the host's last paragraph (when it began
    mid-paragraph), and what closes the fragment closes the host."""
    unit, tail = host.unit, fragment.unit
    if mid_paragraph:
        first, *rest = tail.paragraphs
        unit.paragraphs[-1] = Run(unit.paragraphs[-1].pieces + first.pieces)
        unit.paragraphs += rest
    else:
        unit.paragraphs += tail.paragraphs
    unit.byline = both_texts(unit.byline, tail.byline)
    host.byline = both_texts(host.byline, fragment.byline)
    unit.closer, unit.closed = tail.closer, tail.closed
    unit.continued_to, unit.source_note = tail.continued_to, tail.source_note
    unit.diagnostics += tail.diagnostics
    finish(unit)
    host.figures += fragment.figures
