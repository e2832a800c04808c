"""Line features for the labeller: cheap, categorical, the plain-text analogue of
GROBID's layout features. Width against the column plays the font size's role;
indentation, justification gaps, blank lines around, the position on the page, text
repeated on other pages and the recognisers' answers play the rest.

`page_features(lines)` takes a page's lines (blank ones included: they are evidence)
and returns one feature dict for each non-blank line, in order."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from statistics import median

from ..lexicon import zh
from ..lexicon.dates import lunar_date, weekday, whole_date
from ..rules.byline import opening_byline, standalone_byline
from ..rules.closer import date_line, looks_like_issuer, looks_like_signer
from ..rules.continuation import marker_at_end, marker_at_start
from ..rules.credit import credit, uncredited_caption
from ..rules.dateline import starts_with_dateline
from ..rules.headline import is_dash_subtitle, is_heading_line, is_letter_spaced, is_subtitle_line
from ..rules.listitem import list_label
from ..rules.masthead import furniture_kind
from ..rules.notice import document_field
from ..rules.section import is_column_name
from ..source import SourceLine
from ..unwrap import display_width

Features = dict[str, float | str]

# Each recogniser, asked of the line's text: its verdict becomes a feature.
RECOGNISERS: dict[str, Callable[[str], object]] = {
    "dateline": starts_with_dateline, "byline": standalone_byline, "byline_open": opening_byline,
    "credit": credit, "uncredited": uncredited_caption, "jump_start": marker_at_start,
    "jump_end": marker_at_end, "list": list_label, "heading": is_heading_line,
    "subtitle": is_subtitle_line, "dash_sub": is_dash_subtitle, "spaced": is_letter_spaced,
    "date_line": date_line, "signer": looks_like_signer, "issuer": looks_like_issuer,
    "doc_field": document_field, "column": is_column_name, "weekday": weekday, "lunar": lunar_date,
    "whole_date": whole_date,
}
# Cue words: whether the line holds one anywhere.
CUES: dict[str, tuple[str, ...]] = {
    "reporter": zh.REPORTER, "agency": zh.AGENCIES, "own_news": zh.OWN_NEWS, "credit_word": zh.CREDIT_WORDS,
    "credit_phrase": zh.CREDIT_PHRASES, "editor": zh.EDITOR_ROLES,
    "continued_from": zh.CONTINUED_FROM, "continued_to": zh.CONTINUED_TO, "editor_note": zh.EDITOR_NOTES,
    "caption_open": zh.CAPTION_OPENERS, "page_word": ("版", "頁", "页"), "issue_word": ("期", "號", "号"),
}
_CUE_PATTERNS = {name: re.compile("|".join(map(re.escape, words))) for name, words in CUES.items()}
_DATE = re.compile(r"\d{1,4}\s*年\s*\d{1,2}\s*月|\d{1,2}\s*月\s*\d{1,2}\s*日|[一二三四五六七八九十〇]+月[一二三四五六七八九十]+日")
_GAP = re.compile(r"(?<=\S)\s+(?=\S)")
_NEIGHBOUR_KEYS = ("len", "rel", "end", "first", "indent", "heading", "dateline", "byline", "credit", "gap_blank")
_NEIGHBOUR_RULES = ("rule:heading", "rule:dateline", "rule:byline", "rule:credit", "rule:jump_end")


def char_class(c: str) -> str:
    if not c:
        return "none"
    if c in zh.TERMINALS:
        return "terminal"
    if c in zh.CLOSERS:
        return "closer"
    if c in zh.OPENERS:
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


def _bucket(value: float, edges: Sequence[float]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge:g}"
    return f">{edges[-1]:g}"


def _line_features(text: str, column: float) -> Features:
    solid = "".join(text.split())
    width = display_width(solid)
    f: Features = {
        "bias": 1.0,
        "len": _bucket(len(solid), (1, 2, 3, 4, 6, 8, 10, 12, 15, 20, 25, 30, 40, 60)),
        "rel": _bucket(width / column if column else 1.0, (0.3, 0.5, 0.7, 0.85, 0.95, 1.05, 1.3, 2.0)),
        "first": char_class(solid[:1]), "last": char_class(solid[-1:]),
        "end": char_class(solid[-1:]) if solid[-1:] not in "”’」』）)" else "close+" + char_class(solid[-2:-1]),
        "indent": ("ideographic" if text[:1] == "\u3000" else "spaces" if text[:2] == "  "
                   else "space" if text[:1] == " " else "none"),
        "gaps": _bucket(len(_GAP.findall(text.strip())), (0, 1, 2, 4)),
        "punct": _bucket(sum(c in zh.SENTENCE_PUNCT for c in solid), (0, 1, 2, 4)),
        "digits": _bucket(sum(c.isdigit() for c in solid) / len(solid), (0, 0.2, 0.5)),
        "latin": _bucket(sum(c.isascii() and c.isalpha() for c in solid) / len(solid), (0, 0.3)),
        "date": bool(_DATE.search(text)),
    }
    if solid[:1] in zh.ITEM_BULLETS + zh.OPENERS + "—-▶►":
        f["first_mark"] = solid[:1]
    if solid[-1:] in zh.CLOSERS + "摄攝版":
        f["last_mark"] = solid[-1:]
    loose = " ".join(text.split())
    for name, recognise in RECOGNISERS.items():
        if recognise(loose):
            f[f"rule:{name}"] = 1.0
    kind = furniture_kind(text)
    if kind:
        f["rule:furniture"] = kind
    for name, cue in _CUE_PATTERNS.items():
        if cue.search(solid):
            f[f"cue:{name}"] = 1.0
    return f


COLUMN_WINDOW = 8  # lines each side that measure the column a line stands in


def _column(widths: list[float], k: int) -> float:
    """The width of the column around line k: the median of the wider half of its
    neighbours (short lines end paragraphs or are headings; full lines fill the column)."""
    near = sorted(widths[max(0, k - COLUMN_WINDOW):k + COLUMN_WINDOW + 1])
    return median(near[len(near) // 2:]) or 1.0


def _shape(text: str) -> str:
    """The text with digits folded: a running head repeats with another page number."""
    return re.sub(r"\d+", "0", "".join(text.split()))


def page_features(lines: Sequence[SourceLine], repeated: Counter[str] | None = None) -> list[Features]:
    """Features of a page's non-blank lines; `repeated` counts each line shape over the
    edition's pages (see `edition_shapes`)."""
    filled = [(i, line) for i, line in enumerate(lines) if not line.blank]
    widths = [display_width("".join(line.text.split())) for _, line in filled]
    rows = [_line_features(line.text, _column(widths, k)) for k, (_, line) in enumerate(filled)]
    for k, (i, line) in enumerate(filled):
        f = rows[k]
        before = i - filled[k - 1][0] - 1 if k else -1
        after = filled[k + 1][0] - i - 1 if k + 1 < len(filled) else -1
        f["blank_before"] = "top" if before < 0 else _bucket(before, (0, 1))
        f["blank_after"] = "bottom" if after < 0 else _bucket(after, (0, 1))
        f["gap_blank"] = f"{f['blank_before']}/{f['blank_after']}"
        f["from_top"] = _bucket(k, (0, 1, 2, 4, 8))
        f["from_bottom"] = _bucket(len(filled) - 1 - k, (0, 1, 2, 4))
        if repeated and repeated[_shape(line.text)] > 1:
            f["repeats"] = 1.0
    shared = [[(key, f[key]) for key in _NEIGHBOUR_KEYS if key in f] for f in rows]
    flags = [[key for key in _NEIGHBOUR_RULES if key in f] for f in rows]
    for k, f in enumerate(rows):
        for offset in (-2, -1, 1, 2):
            j = k + offset
            if not 0 <= j < len(rows):
                f[f"{offset:+d}:edge"] = 1.0
                continue
            prefix = f"{offset:+d}:"
            f.update((prefix + key, value) for key, value in shared[j])
            if abs(offset) == 1:
                f.update((prefix + key, 1.0) for key in flags[j])
    return rows


def edition_shapes(pages: Sequence[Sequence[SourceLine]]) -> Counter[str]:
    """How many pages each line shape occurs on (running heads, folios, editor lines)."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_shape(line.text) for line in lines if not line.blank})
    return counts
