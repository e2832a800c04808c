"""The trained labeller: a linear-chain CRF (CRFsuite) over a page's lines.

`Labeller.label(lines)` gives each non-blank line its label and the model's marginal
probability of it; blank lines get None. The model ships inside the package
(`labeller/model.crfsuite`) and is loaded once per process."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from ..rules import has_sentence_punct, solid, solid_len
from ..rules.byline import reporter_column, standalone_byline
from ..rules.closer import date_line, looks_like_issuer, signer_line
from ..rules.continuation import marker_line
from ..rules.masthead import printout_header
from ..source import SourceLine
from ..unwrap import ends_sentence, loose_line
from .features import edition_shapes, page_features, unindented_starts
from .roles import HEADING_ROLES, label, role_of, starts

MODEL_PATH = Path(__file__).with_name("model.crfsuite")
# No headline, caption, byline or piece of furniture runs this long on one line: such a
# line is running text whatever the model says (an extractor that does not wrap).
RUNNING_TEXT_CHARS = 200
# The model's probability of a line's label below which the label is doubtful: the model
# itself expects to be wrong there one time in five or more.
DOUBT = 0.8


@dataclass(frozen=True, slots=True)
class Labelled:
    line: SourceLine
    label: str | None  # None for a blank line
    confidence: float  # the marginal probability of `label`; 1.0 for a blank line
    alternatives: tuple[tuple[str, float], ...] = ()  # the next likeliest labels


def pages_of(lines: Sequence[SourceLine]) -> list[list[SourceLine]]:
    pages: dict[int, list[SourceLine]] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    return list(pages.values())


class Labeller:
    def __init__(self, path: Path = MODEL_PATH) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self.labels = tuple(self._tagger.labels())

    def label(self, lines: Sequence[SourceLine]) -> list[Labelled]:
        pages = pages_of(lines)
        shapes = edition_shapes(pages)
        out: list[Labelled] = []
        for page in pages:
            rows = page_features(page, shapes)
            tags = self._tagger.tag(rows) if rows else []
            after_the_model([line for line in page if not line.blank], tags)
            unindented = unindented_starts(page)
            k = 0
            for line in page:
                if line.blank:
                    out.append(Labelled(line, None, 1.0))
                    continue
                # (len() first: it spares most lines counting their spaces)
                running = len(line.text) > RUNNING_TEXT_CHARS and solid_len(line.text) > RUNNING_TEXT_CHARS
                if running and not tags[k].startswith(("p-", "item-")):
                    tags[k] = "p-B"
                elif k in unindented and tags[k] == "p-I" and tags[k - 1].startswith("p-"):
                    tags[k] = "p-B"  # after a paragraph's end, on a page without indents
                sure = self._tagger.marginal(tags[k], k)
                out.append(Labelled(line, tags[k], sure, self._alternatives(tags[k], k) if sure < DOUBT else ()))
                k += 1
        return out


    def _alternatives(self, label: str, k: int) -> tuple[tuple[str, float], ...]:
        """The two likeliest other labels of line k (asked only of doubtful lines: a
        marginal for every label of every line was most of the labelling time)."""
        ranked = sorted(((self._tagger.marginal(y, k), y) for y in self.labels if y != label), reverse=True)
        return tuple((y, round(p, 4)) for p, y in ranked[:2])


def after_the_model(filled: Sequence[SourceLine], tags: list[str]) -> None:
    """The decisions that are certain, not learnt, made over the model's labels of a
    page's non-blank lines (each rule below says why it is certain), in this order: a
    rule may rest on what one before it decided."""
    texts = [line.text for line in filled]
    for k, tag in certain_lines(filled).items():
        if role_of(tags[k]) != role_of(tag) or not starts(tag):  # the model's own B stays
            tags[k] = tag
    for k, tag in closing_signatures(texts, tags).items():
        tags[k] = tag
    signature = set(closing_stacks(texts, tags))
    for k in signature:
        tags[k] = label("closer", starts(tags[k]))
    for k in signature_elements(texts, tags):
        tags[k] = "closer-B"
    for k in signature:  # a heading line after a signature starts the next stack
        if k + 1 < len(tags) and k + 1 not in signature and role_of(tags[k + 1]) in HEADING_ROLES:
            tags[k + 1] = label(role_of(tags[k + 1]), True)
    for k in photo_credits(tags):
        tags[k] = label("credit", starts(tags[k]))
    for k in heading_bylines(texts, tags):
        tags[k] = label("byline", True)
    for k in column_kickers(texts, tags):
        tags[k] = label("kicker", True)


# Whole lines whose role is certain, not learnt, with the blank lines a wrap of one may
# cross. On the corpora's 1,564 pages: a worded jump marker ("（下转第10" / "版）"), 3,349
# lines alone and 137 wrapped pairs, every one a marker (never across a blank line, where
# a marker's second half would be another's); a printout's header, 71 alone and 79
# wrapped, a change of font leaving a blank line inside it ("《某某日报》（2025年4月5日" /
# "" / "第10版）"), every one furniture.
CERTAIN_LINES: tuple[tuple[Callable[[str], bool], str, int], ...] = (
    (marker_line, "jump", 0), (printout_header, "furniture", 1),
)


def certain_lines(filled: Sequence[SourceLine]) -> dict[int, str]:
    """The lines (a page's non-blank ones) that one of CERTAIN_LINES is, alone or wrapped
    into the next line. Index among them -> label."""
    loose = [loose_line(line.text) for line in filled]
    found: dict[int, str] = {}
    for is_certain, role, blank_lines in CERTAIN_LINES:
        for k, text in enumerate(loose):
            if k in found:
                continue
            if is_certain(text):
                found[k] = label(role, True)
            elif k + 1 < len(loose) and filled[k + 1].number - filled[k].number <= blank_lines + 1 \
                    and not is_certain(loose[k + 1]) and is_certain(text + loose[k + 1]):
                found[k], found[k + 1] = label(role, True), label(role, False)
    return found


SIGNATURE_CHARS = 24  # an issuer's or signer's line of a signature block, joined across its wraps


def closing_stacks(texts: Sequence[str], tags: Sequence[str]) -> list[int]:
    """The lines of heading stacks that are a notice's signature block: right after body
    text, short lines without sentence punctuation (an issuer, a signer) down to a date on
    its own ("中華民國114年11月" / "14日", joined across the wrap). No headline is a bare
    date: certain, not learnt. (Indices into the page's non-blank lines.)"""
    found: list[int] = []
    k = 1
    while k < len(tags):
        if role_of(tags[k]) in HEADING_ROLES and role_of(tags[k - 1]) in ("p", "item", "closer"):
            end = _signature_end(texts, tags, k)
            if end:
                found += range(k, end)
                k = end
                continue
        k += 1
    return found


def _signature_end(texts: Sequence[str], tags: Sequence[str], k: int) -> int | None:
    """Where the signature block of heading lines from line k ends, if they are one: at a
    date element, or at a date on its own line or two closing an element of signer lines
    ("…會員大" / "會主席 盧志強" / "二零二五年五月十五日" read as one headline, the next
    notice's title perhaps read as going on with it), or over a line read as a closer."""
    element, end, starts_at, first = "", k, [0], k
    under_closer = role_of(tags[k - 1]) == "closer"  # the model's own signer line above
    while end < len(tags) and role_of(tags[end]) in HEADING_ROLES:
        if starts(tags[end]) and end > k:
            if not _signer_text(element):
                return None
            element, starts_at, first = "", [0], end
        element += solid(texts[end])
        end += 1
        # a date element ends the block; under signer elements, even where the next
        # notice's title was read as going on with it
        if date_line(element) and (end == len(tags) or starts(tags[end]) or first > k or under_closer):
            return end
        if any(0 < at and date_line(element[at:]) and _signer_text(element[:at]) for at in starts_at[-2:]):
            return end
        starts_at.append(len(element))
    # signer lines over the model's own closer ("…會員大" / "會主席 盧志強" over "二零二五年五月十五日")
    if end < len(tags) and role_of(tags[end]) == "closer" and _signer_text(element):
        return end
    return None


_SIGNATURE_ROLES = frozenset({"p", "closer", *HEADING_ROLES})


def closing_signatures(texts: Sequence[str], tags: Sequence[str]) -> dict[int, str]:
    """Signature blocks after a sentence's end that the model read as text, or as text
    and headings: signer lines (no sentence punctuation), then a date on its own line or
    two that ends an element ("廢。" / "股東　鄭淑芬" / "中華民國114年8" / "月5日", read as
    a paragraph). Lines read as text alone hold one signer (SIGNATURE_CHARS at most); a
    block read partly as headings, up to two, one of them an issuer or an official
    ("…五金有限" / "公司" / "負責人　賴守正" over the date). No text or headline ends in a
    name over a bare date: certain, not learnt. Index -> its closer label; the first
    signer line, the date and the lines the model began elements with begin them."""
    found: dict[int, str] = {}
    for end in range(2, len(tags) + 1):
        if end < len(tags) and not (starts(tags[end]) or role_of(tags[end]) in HEADING_ROLES):
            continue
        for at in (end - 1, end - 2):
            if at > 0 and all(role_of(t) in _SIGNATURE_ROLES for t in tags[at:end]) \
                    and date_line("".join(solid(t) for t in texts[at:end])):
                found.update(_signature_over(texts, tags, at, end))
                break
    return found


def _signature_over(texts: Sequence[str], tags: Sequence[str], at: int, end: int) -> dict[int, str]:
    """The signature of the date on lines [at, end), if signer lines above it make one (above)."""
    signer: list[str] = []  # the lines from k down to the date
    as_text = all(tag.startswith("p-") for tag in tags[at:end])
    for k in range(at - 1, -1, -1):
        line = solid(texts[k])
        if role_of(tags[k]) not in _SIGNATURE_ROLES or date_line(line):
            return {}
        signer.insert(0, line)
        as_text = as_text and tags[k].startswith("p-")
        if not _signer_text("".join(signer), 1 if as_text else 2):
            return {}
        if k and role_of(tags[k - 1]) in ("p", "item") and ends_sentence(texts[k - 1]) \
                and (as_text or any(looks_like_issuer(line) for line in signer)):
            return {i: label("closer", i in (k, at) or starts(tags[i])) for i in range(k, end)}
    return {}


def signature_elements(texts: Sequence[str], tags: Sequence[str]) -> list[int]:
    """Lines of a signature block read as going on with the element above that begin one
    of their own: a date on its own line or two, an official's title and name
    ("清算人　賴文忠" / "中華民國114年3" / "月5日")."""
    def date_from(k: int) -> bool:
        joined = solid(texts[k])
        return bool(date_line(joined) or k + 1 < len(tags) and tags[k + 1] == "closer-I"
                    and date_line(joined + solid(texts[k + 1])))

    return [k for k in range(1, len(tags)) if tags[k] == "closer-I" and role_of(tags[k - 1]) == "closer"
            and (signer_line(texts[k]) or date_from(k))]


def _signer_text(element: str, signers: int = 1) -> bool:
    """Could this text be a signature's issuers or signers: short, no sentence?"""
    return len(element) <= signers * SIGNATURE_CHARS and not has_sentence_punct(element)


def photo_credits(tags: Sequence[str]) -> list[int]:
    """The lines of a byline that a credit's last line goes on from ("晚报记者　黄伟" over
    "摄"): a photographer's credit, its name read as a byline."""
    found: list[int] = []
    for k in range(1, len(tags)):
        if tags[k] == "credit-I" and role_of(tags[k - 1]) == "byline":
            begin = k - 1
            while begin > 0 and tags[begin] == "byline-I" and role_of(tags[begin - 1]) == "byline":
                begin -= 1
            found += range(begin, k)
    return found


def heading_bylines(texts: Sequence[str], tags: Sequence[str]) -> list[int]:
    """Heading lines that are a byline whole ("报道：郑慧玲", "侯子报道"), by the byline recogniser:
    the last line of a heading stack, with text after it."""
    return [k for k in range(len(tags) - 1)
            if role_of(tags[k]) in HEADING_ROLES and role_of(tags[k + 1]) not in HEADING_ROLES
            and (found := standalone_byline(" ".join(texts[k].split()))) is not None
            and found.size == len(solid(texts[k]))]


def column_kickers(texts: Sequence[str], tags: Sequence[str]) -> list[int]:
    """Lines read as bylines that are a reporter's column named whole ("（记者手记）"): the
    kicker over its story; no name is in them."""
    return [k for k, tag in enumerate(tags) if role_of(tag) == "byline" and reporter_column(texts[k])]


class LineLabeller(Protocol):
    def label(self, lines: Sequence[SourceLine]) -> list[Labelled]: ...


_chosen: LineLabeller | None = None  # see use_labeller


@lru_cache(maxsize=1)
def trained_labeller() -> Labeller:
    return Labeller(MODEL_PATH)


def labeller() -> LineLabeller:
    return _chosen or trained_labeller()


def use_model(path: Path) -> None:
    """Label with the model at `path` from now on, in this process (evaluation of
    models trained on part of a corpus; conversions use the shipped model)."""
    global MODEL_PATH
    MODEL_PATH = path
    trained_labeller.cache_clear()
    use_labeller(None)


def use_labeller(chosen: LineLabeller | None) -> None:
    """Label with `chosen` from now on, in this process, or with the model again (None):
    the corpus evaluation feeds the gold labels through the assembly this way."""
    global _chosen
    _chosen = chosen
