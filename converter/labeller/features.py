"""Line features for the labeller: cheap, categorical, the plain-text analogue of
GROBID's layout features. Width against the column plays the font size's role;
indentation, justification gaps, blank lines around, the position on the page, text
repeated on other pages and the recognisers' answers play the rest.

`page_features(lines)` takes a page's lines (blank ones included: they are evidence)
and returns, for each non-blank line in order, its features as CRFsuite reads them:
attribute names, each of weight 1 (a categorical feature is the name NAME=VALUE, a
flag the bare NAME). Every line of every edition is labelled, so they are built as
strings from the start, by C-level string and pattern operations where possible."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from sys import intern

from ..lexicon import zh
from ..lexicon.dates import lunar_date, weekday, whole_date
from ..lexicon.equivalents import as_given, reading_form
from ..patterncache import compiled
from ..rules import SENTENCE_PUNCTUATION, Match
from ..rules.byline import name_line, opening_byline, role_alone, standalone_byline
from ..rules.closer import date_line, looks_like_issuer, looks_like_signer
from ..rules.continuation import marker_at_end, marker_at_start, page_reference_at_end
from ..rules.credit import credit, uncredited_caption
from ..rules.dateline import dateline, starts_with_dateline
from ..rules.headline import is_dash_subtitle, is_heading_line, is_letter_spaced, is_subtitle_line
from ..rules.listitem import list_label
from ..rules.masthead import furniture_kind
from ..rules.notice import document_field
from ..rules.section import is_column_name
from ..rules.source_note import source_note
from ..source import SourceLine, per_line
from ..unwrap import display_width, ends_sentence, loose_line
from ..words import han_bigram, is_han, shared_words

Features = list[str]  # a line's CRFsuite attributes, in a fixed order (sums of floats depend on it)

# Each recogniser, asked of the line's text: its verdict becomes a feature.
RECOGNISERS: dict[str, Callable[[str], object]] = {
    "dateline": starts_with_dateline, "byline": standalone_byline, "byline_open": opening_byline,
    "credit": credit, "uncredited": uncredited_caption, "jump_start": marker_at_start,
    "jump_end": marker_at_end, "page_reference": page_reference_at_end, "list": list_label, "heading": is_heading_line,
    "subtitle": is_subtitle_line, "dash_sub": is_dash_subtitle, "spaced": is_letter_spaced,
    "date_line": date_line, "signer": looks_like_signer, "issuer": looks_like_issuer,
    "doc_field": document_field, "column": is_column_name, "weekday": weekday, "lunar": lunar_date,
    "whole_date": whole_date, "names": name_line, "role_alone": role_alone, "source": source_note,
}
_RULES_AS_GIVEN = {name: as_given(recognise) for name, recognise in RECOGNISERS.items()}  # line_text reads in reading form
_FURNITURE_KIND = as_given(furniture_kind)
# Cue words: whether the line holds one anywhere.
CUES: dict[str, tuple[str, ...]] = {
    "reporter": zh.REPORTER, "agency": zh.AGENCIES, "own_news": zh.OWN_NEWS, "credit_word": zh.CREDIT_WORDS,
    "credit_phrase": zh.CREDIT_PHRASES, "editor": zh.EDITOR_ROLES,
    "continued_from": zh.CONTINUED_FROM, "continued_to": zh.CONTINUED_TO, "editor_note": zh.EDITOR_NOTES,
    "caption_open": zh.CAPTION_OPENERS, "page_word": ("版", "頁", "页"), "issue_word": ("期", "號", "号"),
}
# The recognisers whose verdict on a line its next and previous lines see too.
NEIGHBOUR_RULES = ("heading", "dateline", "byline", "credit", "jump_end", "page_reference")

_RULE_ATTRIBUTES = {name: "rule:" + name for name in RECOGNISERS}
_NEIGHBOUR_RULE_ATTRIBUTES = tuple(_RULE_ATTRIBUTES[name] for name in NEIGHBOUR_RULES)
_CUE_PATTERNS = {"cue:" + name: compiled("|".join(map(re.escape, words))) for name, words in CUES.items()}
_DATE = compiled(r"\d{1,4}\s*年\s*\d{1,2}\s*月|\d{1,2}\s*月\s*\d{1,2}\s*日|[一二三四五六七八九十〇]+月[一二三四五六七八九十]+日")
_LATIN = compiled("[A-Za-z]")  # the characters both ASCII and alphabetic
_DIGITS = compiled(r"\d+")
_FIRST_MARKS = zh.ITEM_BULLETS + zh.OPENERS + "—-▶►"
_LAST_MARKS = zh.CLOSERS + "摄攝版"
_QUOTE_CLOSERS = "”’」』）)"


class Buckets:
    """A number cut at edges, as the attribute NAME=<=EDGE for the first edge it does not
    pass, NAME=>LAST past them all (each attribute made once: lines share them)."""

    __slots__ = ("edges", "_attributes")

    def __init__(self, name: str, *edges: float) -> None:
        self.edges = edges
        prefix = f"{name}=" if name else ""
        self._attributes = tuple(f"{prefix}<={edge:g}" for edge in edges) + (f"{prefix}>{edges[-1]:g}",)

    def __call__(self, value: float) -> str:
        return self._attributes[bisect_left(self.edges, value)]


LENGTH = Buckets("len", 1, 2, 3, 4, 6, 8, 10, 12, 15, 20, 25, 30, 40, 60)  # characters
RELATIVE_WIDTH = Buckets("rel", 0.3, 0.5, 0.7, 0.85, 0.95, 1.05, 1.3, 2.0)  # of the column's
GAPS, PUNCT = Buckets("gaps", 0, 1, 2, 4), Buckets("punct", 0, 1, 2, 4)
DIGIT_SHARE, LATIN_SHARE = Buckets("digits", 0, 0.2, 0.5), Buckets("latin", 0, 0.3)
BLANK_LINES = Buckets("", 0, 1)  # before and after, named where used
FROM_TOP, FROM_BOTTOM = Buckets("from_top", 0, 1, 2, 4, 8), Buckets("from_bottom", 0, 1, 2, 4)
# Width against the line before and after: a kicker is shorter than its headline, a
# paragraph's last line shorter than the one before it.
VS_PREV, VS_NEXT = Buckets("vs_prev", 0.5, 0.8, 1.25, 2.0), Buckets("vs_next", 0.5, 0.8, 1.25, 2.0)
# Ems short of the column: a paragraph's first line stands two short, its indent lost in
# extraction, where its ratio to the column (`rel`) varies with the column's width.
SHORT_BY = Buckets("short", 0.5, 1.5, 2.5, 3.5)
# Share of a line's words (character bigrams) that come back in the lines after it, or
# before it: a headline's words come back in its story, a kicker's and a paragraph
# line's seldom do. The extractor prints a headline before or after its story.
ECHO_AFTER, ECHO_BEFORE = Buckets("echo_after", 0, 0.25, 0.5, 0.75), Buckets("echo_before", 0, 0.25, 0.5, 0.75)
ECHO_WINDOW = 40  # lines a story's text reaches from its headline


_OPENING, _CLOSING = zh.OPENERS + zh.BRACKET_OPENERS, zh.CLOSERS + zh.BRACKET_CLOSERS


@cache
def char_class(c: str) -> str:
    if not c:
        return "none"
    if c in zh.TERMINALS:
        return "terminal"
    if c in _CLOSING:
        return "closer"
    if c in _OPENING:
        return "opener"
    if c in "，、,":
        return "comma"
    if c in zh.ITEM_BULLETS:
        return "bullet"
    if c.isdigit():
        return "digit"
    if c.isascii() and c.isalpha():
        return "latin"
    if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff":
        return "han"
    return "other"


class LineText:
    """What a line's text alone decides: all its features but its width against the column
    (`rel`) and its place on the page."""

    __slots__ = ("width", "length", "rest", "seen", "flags", "shape", "closes", "unpunctuated", "words")

    def __init__(self, width: float, length: str, rest: tuple[str, ...], seen: tuple[str, ...],
                 flags: tuple[str, ...], shape: str, closes: bool, unpunctuated: bool,
                 words: frozenset[int | str]) -> None:
        self.width = width  # display width, in ems
        self.length, self.rest = length, rest  # its own attributes: len=, then those after rel= and short=
        self.seen = seen  # of them, those its neighbours see besides len=, rel= and short=
        self.flags = flags  # the recognisers' verdicts its next and previous lines see
        self.shape = shape  # see `_shape`
        self.closes = closes  # it ends a sentence
        self.unpunctuated = unpunctuated  # no sentence punctuation anywhere: a heading may be
        self.words = words  # what another line may share with it (see `shared_words`)


@per_line  # running heads, mastheads and editors' lines recur on every page and in every edition
def line_text(text: str) -> LineText:
    text = reading_form(text)
    words = text.split()
    solid = "".join(words)
    last = solid[-1:]
    # (intern: a few dozen distinct attributes, shared by every line kept in the cache)
    first = intern("first=" + char_class(solid[:1]))
    end = intern("end=" + (char_class(last) if last not in _QUOTE_CLOSERS else "close+" + char_class(solid[-2:-1])))
    punctuation = len(SENTENCE_PUNCTUATION.findall(solid))
    indent = intern("indent=" + ("ideographic" if text[:1] == "\u3000" else "spaces" if text[:2] == "  "
                                 else "space" if text[:1] == " " else "none"))
    # The first and last characters themselves: what a class hides ("讯" and "电" end a
    # dateline, "摄" a credit, "■" opens a brief), weighted by the data, not listed by hand.
    c0, c9 = intern("c0=" + solid[:1]), intern("c9=" + last)
    f = [first, intern("last=" + char_class(last)), end, indent, c0, c9,
         GAPS(len(words) - 1),  # whitespace runs between characters
         PUNCT(punctuation),
         DIGIT_SHARE(sum(map(str.isdigit, solid)) / len(solid)),
         LATIN_SHARE(len(_LATIN.findall(solid)) / len(solid))]
    if _DATE.search(text):
        f.append("date")
    bracket = _bracket(solid)
    if bracket:
        f.append(bracket)
    if solid[:1] in _FIRST_MARKS:
        f.append(intern("first_mark=" + solid[:1]))
    if last in _LAST_MARKS:
        f.append(intern("last_mark=" + last))
    loose = loose_line(text)
    rules = [_RULE_ATTRIBUTES[name] for name, recognise in _RULES_AS_GIVEN.items() if recognise(loose)]
    f += rules
    kind = _FURNITURE_KIND(text)
    if kind:
        f.append(intern("rule:furniture=" + kind))
    f += [attribute for attribute, cue in _CUE_PATTERNS.items() if cue.search(solid)]
    seen = (end, first, indent, c0, c9, bracket) if bracket else (end, first, indent, c0, c9)
    return LineText(display_width(solid), LENGTH(len(solid)), tuple(f), seen,
                    tuple(a for a in _NEIGHBOUR_RULE_ATTRIBUTES if a in rules), _DIGITS.sub("0", solid),
                    ends_sentence(text), not punctuation, shared_words(text))


def _bracket(solid: str) -> str:
    """How a line's brackets stand: one closed that the line did not open (a bracketed
    byline or dateline wrapped from the line before goes on here), or one left open
    (it goes on in the next line)."""
    depth = 0
    closes_earlier = False
    for c in solid:
        if c in zh.BRACKET_OPENERS:
            depth += 1
        elif c in zh.BRACKET_CLOSERS:
            closes_earlier = closes_earlier or depth == 0
            depth = max(depth - 1, 0)
    if closes_earlier:
        return "bracket=both" if depth else "bracket=closes"
    return "bracket=opens" if depth else ""


COLUMN_WINDOW = 8  # lines each side that measure the column a line stands in


def _echoes(words: list[frozenset[int | str]]) -> list[tuple[str, ...]]:
    """Each line's ECHO_AFTER and ECHO_BEFORE: the share of its words found within
    ECHO_WINDOW lines after it and before it. Lines with fewer than two words have none."""
    at: defaultdict[int | str, list[int]] = defaultdict(list)
    for k, line_words in enumerate(words):
        for word in line_words:
            at[word].append(k)
    after, before = [0] * len(words), [0] * len(words)
    for places in at.values():  # each word's lines, in order: a line's next and previous ones
        for k, then in zip(places, places[1:]):
            if then - k <= ECHO_WINDOW:
                after[k] += 1
                before[then] += 1
    return [(ECHO_AFTER(after[k] / len(w)), ECHO_BEFORE(before[k] / len(w))) if len(w) > 1 else ()
            for k, w in enumerate(words)]


def _column(widths: list[float], k: int) -> float:
    """The width of the column around line k: the median of the wider half of its
    neighbours (short lines end paragraphs or are headings; full lines fill the column)."""
    near = sorted(widths[max(0, k - COLUMN_WINDOW):k + COLUMN_WINDOW + 1])
    wide = near[len(near) // 2:]
    middle = len(wide) // 2
    return (wide[middle] if len(wide) % 2 else (wide[middle - 1] + wide[middle]) / 2) or 1.0


def _shape(text: str) -> str:
    """The text with digits folded: a running head repeats with another page number."""
    return _DIGITS.sub("0", "".join(text.split()))


@lru_cache(maxsize=4096)
def _seen_from(offset: int, attributes: tuple[str, ...]) -> tuple[str, ...]:
    """A line's attributes as the line `offset` lines away sees them (few distinct tuples)."""
    prefix = f"{offset:+d}:"
    return tuple(prefix + attribute for attribute in attributes)


_EDGE = {offset: (f"{offset:+d}:edge",) for offset in (-2, -1, 1, 2)}


def page_features(lines: Sequence[SourceLine], repeated: Counter[str] | None = None) -> list[Features]:
    """Features of a page's non-blank lines; `repeated` counts each line shape over the
    edition's pages (see `edition_shapes`)."""
    filled = [(i, line_text(line.text)) for i, line in enumerate(lines) if not line.blank]
    widths = [text.width for _, text in filled]
    echoes = _echoes([text.words for _, text in filled])
    columns = [_column(widths, k) for k in range(len(filled))]
    rows, near, next_to = [], [], []
    for k, (i, text) in enumerate(filled):
        column = columns[k]
        rel = RELATIVE_WIDTH(text.width / column if column else 1.0)
        short = SHORT_BY(column - text.width)
        before = i - filled[k - 1][0] - 1 if k else -1
        after = filled[k + 1][0] - i - 1 if k + 1 < len(filled) else -1
        blank_before = "top" if before < 0 else BLANK_LINES(before)
        blank_after = "bottom" if after < 0 else BLANK_LINES(after)
        gap_blank = f"gap_blank={blank_before}/{blank_after}"
        f = ["bias", text.length, rel, short, *text.rest, "blank_before=" + blank_before, "blank_after=" + blank_after,
             gap_blank, FROM_TOP(k), FROM_BOTTOM(len(filled) - 1 - k)]
        # how the text turns into this line; the lines next to it see it too (a line read
        # as a one-line paragraph that ends bare before another paragraph is a heading)
        turn = (_turn(filled[k - 1][1], SHORT_BY(columns[k - 1] - widths[k - 1]), short, before),) if k else ()
        if k:
            f.append(VS_PREV(text.width / (widths[k - 1] or 1.0)))
            f += turn
        if k + 1 < len(filled):
            f.append(VS_NEXT(text.width / (widths[k + 1] or 1.0)))
        if repeated and repeated[text.shape] > 1:
            f.append("repeats")
        between = ("between_sentences",) if _between_sentences(filled, widths, column, k) else ()
        f += between
        f += echoes[k]
        rows.append(f)
        near.append((text.length, rel, short, *text.seen, gap_blank))
        next_to.append(near[-1] + text.flags + between + echoes[k] + turn)
    vocabulary = frozenset().union(*(text.words for _, text in filled))
    for k in range(len(filled) - 1):
        # An element may wrap from one line into the next, or go on after one blank line
        # where a change of font broke it ("本报记者" / "" / "邵磊 通讯员 贾俊磊").
        gap = filled[k + 1][0] - filled[k][0] - 1
        if gap <= 1:
            prefix = "bridge" if gap else "wrap"
            first, second = reading_form(lines[filled[k][0]].text), reading_form(lines[filled[k + 1][0]].text)
            for name in _wrapped(first, second):
                rows[k].append(f"{prefix}:{name}>")
                rows[k + 1].append(f"{prefix}:{name}<")
            joint = _joint(first, second, vocabulary) \
                if widths[k] < SHORT_OF_COLUMN * columns[k] else ""
            if joint:
                rows[k].append(joint + ">")
                rows[k + 1].append(joint + "<")
    for k, f in enumerate(rows):
        for offset in (-2, -1, 1, 2):
            j = k + offset
            if not 0 <= j < len(rows):
                f += _EDGE[offset]
            else:
                f += _seen_from(offset, next_to[j] if abs(offset) == 1 else near[j])
    return rows


@lru_cache(maxsize=1024)
def _turn_attribute(ending: str, previous_short: str, short: str, blank: bool) -> str:
    return intern(f"turn={ending}/{previous_short}/{short}/{'blank' if blank else 'solid'}")


def _turn(previous: LineText, previous_short: str, short: str, blank_lines: int) -> str:
    """How the text turns from the line before into this one, in one attribute: whether
    the line before ends a sentence (or is a short unpunctuated line: a crosshead), how
    short of the column each stands, and a blank line between. A paragraph starts after
    a short line that ends a sentence, itself two ems short (its indent lost); a CRF
    weighs single attributes, so the conjunction is spelled out."""
    ending = "closes" if previous.closes else "bare" if previous.unpunctuated else "runs"
    return _turn_attribute(ending, previous_short.removeprefix("short="), short.removeprefix("short="), blank_lines > 0)


SHORT_OF_COLUMN = 0.9  # a line this much of its column's width or less does not fill it


FILLS_COLUMN = 1.0  # ems: a line this close to its column's width fills it (no indent)
INDENT_AT_MOST = 4.0  # ems: a line this short of its column or more is no paragraph's first
UNANIMOUS_EVIDENCE = 3  # paragraph ends that tell the style when every one fills its column
STYLE_EVIDENCE = 5  # paragraph ends a page needs to tell its indent style (the hand-written
# fixtures' irregular lines made one to three of them look unindented)


def unindented_starts(page: Sequence[SourceLine]) -> set[int]:
    """On a page whose paragraphs are not indented (a printout's, where a paragraph's
    first line fills its column), the lines right after a paragraph's last line: one
    that ends a sentence short of its column, no blank line between. Indices among the
    page's non-blank lines; empty on a page where most such lines stand short (indented),
    or where fewer than STYLE_EVIDENCE paragraphs end, unless UNANIMOUS_EVIDENCE or more
    all fill their column (a printout's page holds few). A line far shorter than an
    indent (a crosshead, a caption) has no say.
    The model learned the indent from the many papers that print one: features for the
    page's indent style scored lower held out (docs/quality.md)."""
    filled = [(k, line) for k, line in enumerate(line for line in page if not line.blank)]
    widths = [display_width(line.text) for _, line in filled]
    after: list[int] = []
    votes: list[bool] = []  # a line after a paragraph's end fills its column, or stands indented
    for (_, before), (k, line) in zip(filled, filled[1:]):
        if line.number == before.number + 1 and ends_sentence(before.text) \
                and widths[k - 1] < SHORT_OF_COLUMN * _column(widths, k - 1):
            after.append(k)
            short = _column(widths, k) - widths[k]
            if short < INDENT_AT_MOST:  # (a heading, a caption, a one-line paragraph: no vote)
                votes.append(short < FILLS_COLUMN)
    full = sum(votes)
    if not (full == len(votes) >= UNANIMOUS_EVIDENCE or 2 * full >= len(votes) >= STYLE_EVIDENCE):
        return set()
    return set(after)


def _between_sentences(filled: list[tuple[int, LineText]], widths: list[float], column: float, k: int) -> bool:
    """A short line without punctuation between a line that ends a sentence and a full
    one: a headline printed in the run of the text, in the text's own size (a digest's
    or a contents column's titles) -- or a short paragraph's lone line, which the model
    tells apart by its other features."""
    if not 0 < k < len(filled) - 1:
        return False
    text = filled[k][1]
    return (text.unpunctuated and filled[k - 1][1].closes and text.width < SHORT_OF_COLUMN * column
            and widths[k + 1] >= SHORT_OF_COLUMN * column)


# Recognisers asked of two adjacent lines joined, for an element that wraps from one
# into the next ("〔記者張雅婷／台北" / "報導〕", "新华社北京2" / "月6日电"): their match
# must reach into the second line, and the second line alone must not match (a paper's
# name would take a headline's last words as its own: "角柱石" / "東海日報訊").
WRAPPING: dict[str, Callable[[str], Match | None]] = {
    "byline": lambda text: opening_byline(text) or standalone_byline(text), "dateline": dateline,
    "source": source_note,
}
# Recognisers of whole lines (a notice's closing date and issuer): the two lines joined
# must match and the first alone must not; the second alone may ("信衡資產管理股份" / "有限公司").
WRAPPING_WHOLE: dict[str, Callable[[str], object]] = {"date_line": date_line, "issuer": looks_like_issuer}


@lru_cache(maxsize=1 << 14)
def _wrapped(first: str, second: str) -> tuple[str, ...]:
    """The elements that begin in `first` and go on into `second`."""
    head, tail = loose_line(first), loose_line(second)
    joined = head + tail  # as a Run joins the lines of Chinese text
    size = len("".join(head.split()))
    return tuple([name for name, recognise in WRAPPING.items()
                  if (m := recognise(joined)) is not None and m.size > size and recognise(tail) is None]
                 + [name for name, whole in WRAPPING_WHOLE.items() if whole(joined) and not whole(head)])


def _joint(first: str, second: str, vocabulary: frozenset[int | str]) -> str:
    """Does the line break after a line short of its column split a word? The Han
    characters on either side of it, as a bigram, are found within the page's lines
    (`joint=word`: "衞生部" / "門…") or not (`joint=none`: "冬季流感" / "衞生部門…", a kicker over
    its headline, a headline over its text). The page's own text is the dictionary; ""
    where either side has no Han. (A full line's break is the column's, not the writer's.)"""
    last = next((c for c in reversed(first) if is_han(c)), "")
    start = next((c for c in second if is_han(c)), "")
    if not (last and start):
        return ""
    return "joint=word" if han_bigram(last, start) in vocabulary else "joint=none"


def edition_shapes(pages: Sequence[Sequence[SourceLine]]) -> Counter[str]:
    """How many pages each line shape occurs on (running heads, folios, editor lines)."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_shape(reading_form(line.text)) for line in lines if not line.blank})  # as line_text's
    return counts
