"""Edition metadata from every place it can come from, merged with conflicts reported.

Sources, strongest first: command-line options, a `NAME.meta.toml` beside the input,
a metadata file for the whole run (`--metadata`), then what is inferred from the file
name (a date) and from masthead lines at the top of each page (newspaper title, date
with weekday, issue number). A value given explicitly wins over any other, and every
source that disagrees with it is reported. Inferred values that disagree with each
other are not guessed between: the field stays empty and the conflict is reported."""
from __future__ import annotations

import datetime
import os
import re
from functools import partial
from itertools import takewhile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import InputError
from .lexicon import dates, furniture
from .lexicon.equivalents import in_reading_form
from .lexicon.zh import alternation
from .model import Diagnostic, Edition, FieldSource, Span
from .normalize import page_tops
from .rules import has_sentence_punct, solid, solid_len
from .reading import read_regular
from .source import SourceLine
from .rules.continuation import normalise_page
from .rules.masthead import newspaper_title, organ_line
from .patterncache import compiled

FIELDS = ("title", "subtitle", "date", "date_printed", "weekday", "lunar_date", "edition", "publisher",
          "pub_place", "cn", "issn", "price", "digital_publisher", "licence", "identifier")
KEYS = (*FIELDS, "pages")
MASTHEAD_ZONE = 10  # masthead lines are among the first non-blank lines of a page
FRONT_SCAN = 400  # lines of the front page searched for a masthead's side columns
IDENTIFIERS = {"edition", "cn", "issn", "publisher"}  # what only a masthead prints
MAX_FILE_MB = 16  # a metadata file is a few lines; this is room for many thousands of page labels
_UNWRITABLE = compiled("[\x00-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Source:
    """Metadata values from one place, e.g. "option --date" or "text line 3"."""

    name: str
    values: dict[str, Any]
    explicit: bool
    line: int | None = None  # the source line, for values read from the text


@dataclass(frozen=True)
class Resolved:
    values: dict[str, Any]  # Metadata field -> value, only fields somebody gave
    diagnostics: tuple[Diagnostic, ...]


def checked(values: dict[str, Any], origin: str) -> dict[str, Any]:
    """Validate user-given metadata (options or a TOML table); InputError names `origin`."""
    unknown = sorted(set(values) - set(KEYS))
    if unknown:
        raise InputError(f"{origin}: unknown metadata key(s) {', '.join(unknown)} "
                         f"(known: {', '.join(KEYS)})")
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or value == () or value == "":
            continue
        if key == "pages":
            out[key] = _page_labels(value, origin)
        elif key == "date":
            out[key] = _iso_date(value, origin)
        elif isinstance(value, (str, int)) and not isinstance(value, bool):
            out[key] = _text(str(value).strip(), key, origin)
        else:
            raise InputError(f"{origin}: {key} must be text, not {type(value).__name__}")
    return out


def load_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only a run with a metadata file needs it (its import compiles patterns)

    try:
        table = tomllib.loads(read_regular(path, MAX_FILE_MB, "metadata files").decode("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read metadata file {path}: {exc.strerror or exc}") from None
    except (InputError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"metadata file {path}: {exc}") from None
    except RecursionError:
        raise InputError(f"metadata file {path}: nested too deeply") from None
    return checked(table, str(path))


def beside(path: Path) -> Path:
    """The metadata file that belongs to one input: NAME.meta.toml next to NAME.txt."""
    return path.with_name(path.name.removesuffix(".txt") + ".meta.toml")


def beside_file(path: Path) -> Path | None:
    """The input's metadata file, if it has one (a name too long to have that sibling has none)."""
    candidate = beside(path)
    return candidate if os.path.isfile(candidate) else None


def from_file_name(name: str) -> Source | None:
    iso = next((d.iso for d in dates.gregorian_dates(name) if d.iso), None)
    return Source("file name", {"date": iso}, explicit=False) if iso else None


def from_text(text: str) -> list[Source]:
    """One source per masthead line: those at the top of each page, and the blocks of the
    front page made of masthead lines only (an extractor often prints a masthead's side
    columns amid the stories). A second newspaper title on a page is the first one's
    subtitle ("白河日报" over "县域版")."""
    sources: list[Source] = []
    title_on: dict[int, str] = {}  # page -> the title read there
    for line, values in _masthead_lines(text):
        title = values.get("title")
        if title and title_on.setdefault(line.page, title) != title:
            values["subtitle"] = values.pop("title")
        sources.append(Source(f"text line {line.number}", values, explicit=False, line=line.number))
    return sources


def _masthead_lines(text: str) -> list[tuple[SourceLine, dict[str, str]]]:
    """The masthead lines of `text` with their values, in order."""
    tops = [(line, masthead_values(line.text)) for line in page_tops(text, MASTHEAD_ZONE)]
    taken = {line.number for line, _ in tops}
    blocks: list[list[SourceLine]] = []
    for line in takewhile(lambda line: line.page == 0, page_tops(text, FRONT_SCAN, FRONT_SCAN)):
        if blocks and blocks[-1][-1].number == line.number - 1:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    extra = [pair for block in blocks for pair in _masthead_block(block) if pair[0].number not in taken]
    return sorted([pair for pair in tops if pair[1]] + extra, key=lambda pair: (pair[0].page, pair[0].number))


def _masthead_block(block: list[SourceLine]) -> list[tuple[SourceLine, dict[str, str]]]:
    """The lines of a block with their values, if it prints what only a masthead prints (an
    issue number, CN, ISSN, publisher), its other lines masthead lines or short items
    ("代号1-18"); else []. A block of stories is given up at its first line that is neither,
    without reading the rest."""
    read = []
    for line in block:
        values = masthead_values(line.text)
        if not (values or (solid_len(line.text) <= MAX_OTHER_ITEM and not _sentence(line.text))):
            return []
        read.append((line, values))
    return read if any(IDENTIFIERS & set(values) for _, values in read) else []


_PUBLISHER = compiled(rf"(?:{alternation(furniture.PUBLISHER_CUES)})(?:{alternation(furniture.PUBLISHER_UNITS)})?"
                        rf"[:：](?P<after>.+)|(?P<before>.+?)(?:{alternation(furniture.PUBLISHER_CUES)})")
_PRICE = compiled(rf"(?:{alternation(furniture.PRICE_CUES)})\S*\d")
_IGNORED = compiled("|".join((  # masthead items that give no metadata
    rf"(?:{furniture.SERIAL_PATTERN})", rf"(?:{furniture.POSTAL_PATTERN})[:：]?\S*", furniture.PAGE_COUNT)))
_TOKENS = {"edition": compiled(furniture.ISSUE), "cn": compiled(furniture.CN), "issn": compiled(furniture.ISSN)}
_ITEM_BREAK = compiled(rf"[\s{re.escape(furniture.SEPARATORS)}]+")
_BRACKETS = "（）()【】[]"
_EDGES = frozenset(furniture.SEPARATORS + _BRACKETS)
MAX_OTHER_ITEM = 16  # a masthead's other items are short ("责编：卢晓", "新闻热线：12345678")


@in_reading_form  # the values are metadata, read as the page prints them: 日 for an extracted ⽇
def masthead_values(text: str) -> dict[str, str]:
    """What a masthead or running-head line prints: title or subtitle, publisher, date (ISO
    and as printed, any calendar), weekday, lunar date, issue number, CN and ISSN numbers,
    price. {} for a line that is none (a body sentence, a headline, a short issue phrase)."""
    values: dict[str, str] = {}
    if _read_title(text, values):  # the whole line, letter-spaced or not ("焦 作 日 报")
        return values
    rest = _take_dates(text, values)
    if rest is None:
        return {}
    for field, pattern in _TOKENS.items():
        rest = pattern.sub(partial(_took, values, field), rest)
    rest = _IGNORED.sub(" ", rest)
    others = [item for item in _ITEM_BREAK.split(rest) if item.strip(_BRACKETS)]
    unread = [item for item in others if not _read_item(item.strip(_BRACKETS), values)]
    if not values or any(solid_len(item) > MAX_OTHER_ITEM or _sentence(item) for item in unread):
        return {}
    return values


def _took(values: dict[str, str], field: str, match: "re.Match[str]") -> str:
    """" " for an item read into `values`; the item kept when it is part of a longer one."""
    if not _apart(match.string, match.start(), match.end()):
        return match[0]
    values.setdefault(field, solid(match[0]))
    return " "


def _take_dates(text: str, values: dict[str, str]) -> str | None:
    """`text` without its lunar date, written date and weekday, read into `values`; a date
    counts only standing apart, so a sentence opening with one ("2024年2月6日，…") keeps it.
    None for a line printing a day no calendar has."""
    lunar = dates.lunar_date(text)
    if lunar:
        values["lunar_date"] = solid(text[lunar.start:lunar.end])
        text = text[:lunar.start] + " " + text[lunar.end:]
    date = next((d for d in dates.gregorian_dates(text) if d.year and not d.numeric and _apart(text, d.start, d.end)), None)
    if date:
        iso = date.iso
        if iso is None:
            return None
        values["date"], values["date_printed"] = iso, solid(text[date.start:date.end])
        text = text[:date.start] + " " + text[date.end:]
    day = dates.weekday(text)
    if day and _apart(text, day.start, day.end):
        values["weekday"] = text[day.start:day.end]
        text = text[:day.start] + " " + text[day.end:]
    return text


def _apart(text: str, start: int, end: int) -> bool:
    """text[start:end] stands apart: at the line's ends or beside a space, separator or bracket."""
    return (start == 0 or text[start - 1].isspace() or text[start - 1] in _EDGES) and \
        (end == len(text) or text[end].isspace() or text[end] in _EDGES)


def _read_item(item: str, values: dict[str, str]) -> bool:
    """Read one item of a masthead line into `values`; False when it says nothing known."""
    if _read_title(item, values):
        return True
    publisher = _PUBLISHER.fullmatch(item)
    if publisher and not (publisher["before"] or "").startswith(furniture.SCHEDULE_WORDS):
        values.setdefault("publisher", publisher["after"] or publisher["before"])
        _read_title(values["publisher"].removesuffix(furniture.PAPER_OFFICE), values)
        return True
    if _PRICE.match(item):
        values.setdefault("price", item)
        return True
    return False


def _read_title(text: str, values: dict[str, str]) -> bool:
    """The paper's name, or the organ line printed under it (its subtitle)."""
    title, organ = newspaper_title(text), organ_line(text)
    if title or organ:
        values.setdefault("title" if title else "subtitle", title or organ or "")
    return bool(title or organ)


def _sentence(item: str) -> bool:
    """Sentence punctuation (a colon aside: "责编：卢晓" is a masthead item)."""
    return has_sentence_punct(item.replace("：", "").replace(":", ""))


def resolve(sources: list[Source]) -> Resolved:
    values: dict[str, Any] = {}
    read_from: list[FieldSource] = []  # the header's @source of each value taken from the text
    diagnostics = [d for s in sources for d in _weekday_check(s)]
    for key in KEYS:
        giving = [s for s in sources if s.values.get(key) is not None]
        if not giving:
            continue
        explicit = [s for s in giving if s.explicit]
        winner = explicit[0] if explicit else giving[0]
        losers = [s for s in giving if _key(key, s.values[key]) != _key(key, winner.values[key])]
        if not explicit and losers:
            diagnostics.append(_conflict(key, giving, None))
            continue
        if not explicit and key == "subtitle" and "title" not in values:
            continue  # read under a title left unknown, it would stand for no paper
        values[key] = winner.values[key]
        if winner.line:
            read_from.append(FieldSource(key, Span.of(winner.line)))
        if losers:
            diagnostics.append(_conflict(key, [winner, *losers], winner))
    if read_from:
        values["sources"] = tuple(read_from)
    return Resolved(values, tuple(diagnostics))


def apply_page_labels(edition: Edition, first_page: int = 0, last: bool = True) -> Edition:
    """Give the model's pages, in order, the labels the user gave (`meta.pages`);
    for a stretch of a long edition, `first_page` is the index of its first page
    and `last` says it ends the edition (when the label count can be checked)."""
    labels = edition.meta.pages
    if not labels:
        return edition
    diagnostics: list[Diagnostic] = []
    total = first_page + len(edition.pages)
    if last and len(labels) != total:
        diagnostics.append(Diagnostic(
            "page-labels-count", "warning",
            f"{len(labels)} page label(s) given for {total} page(s) in the text; "
            + ("the extra labels are unused" if len(labels) > total
               else "the remaining pages keep the labels found in the text, if any")))
    pages = list(edition.pages)
    for i, (page, label) in enumerate(zip(edition.pages, labels[first_page:]), start=first_page):
        if page.label is not None and normalise_page(page.label) != normalise_page(label):
            diagnostics.append(Diagnostic(
                "page-label-conflict", "warning",
                f"page {i + 1} is labelled {page.label} in the text but {label} was given; using {label}"))
        pages[i - first_page] = replace(page, label=label)
    return replace(edition, pages=tuple(pages), diagnostics=edition.diagnostics + tuple(diagnostics))


def drop_repeated_labels(edition: Edition, seen: set[str]) -> Edition:
    """Each label names one page: a label an earlier page has (in `seen`, which this adds to;
    a supplement restarting its numbering, an edition joined from two) is left off, and said."""
    pages, diagnostics = [], []
    for page in edition.pages:
        key = normalise_page(page.label) if page.label else None
        if key in seen:
            diagnostics.append(Diagnostic("page-label-repeated", "warning",
                                          f"page label {page.label} is printed on an earlier page too; left off here"))
            page = replace(page, label=None)
        elif key:
            seen.add(key)
        pages.append(page)
    return replace(edition, pages=tuple(pages), diagnostics=edition.diagnostics + tuple(diagnostics))


def _conflict(key: str, sources: list[Source], winner: Source | None) -> Diagnostic:
    said = "; ".join(f"{_show(s.values[key])} from {s.name}" for s in sources)
    outcome = f"using {winner.name}" if winner else f"left empty: give --{key} or set it in a metadata file"
    lines = [s.line for s in sources if s.line]
    return Diagnostic("metadata-conflict", "warning", f"{key}: {said}; {outcome}",
                      Span.from_lines(lines) if lines else None)


def _weekday_check(source: Source) -> list[Diagnostic]:
    date, weekday = source.values.get("date"), source.values.get("weekday")
    if not (date and weekday) or datetime.date.fromisoformat(date).weekday() == _key("weekday", weekday):
        return []
    return [Diagnostic("metadata-weekday-mismatch", "warning",
                       f"{source.name}: {date} is not a {weekday}; check the date",
                       Span.of(source.line) if source.line else None)]


def _key(key: str, value: Any) -> Any:
    """What two values must share to agree: 第12345期 and 12345 are one issue, 2025年3月14日
    and 二〇二五年三月十四日 one day, 星期五 and 周五 one weekday."""
    if key == "edition":
        return re.sub(r"\D", "", value) or value
    if key == "date_printed":
        return getattr(dates.whole_date(value), "iso", None) or solid(value)
    if key == "weekday":
        return getattr(dates.weekday(value), "index", None)
    return solid(value) if isinstance(value, str) else tuple(value)


def _show(value: Any) -> str:
    return ",".join(value) if isinstance(value, (tuple, list)) else str(value)


def _page_labels(value: Any, origin: str) -> tuple[str, ...]:
    labels = value.split(",") if isinstance(value, str) else value
    if not isinstance(labels, (list, tuple)) or not all(isinstance(x, str) for x in labels):
        raise InputError(f"{origin}: pages must be a list of labels like A01,A02")
    labels = tuple(_text(x.strip(), "pages", origin) for x in labels)
    if not all(labels):
        raise InputError(f"{origin}: empty page label in {','.join(labels)}")
    duplicates = sorted(x for x, n in Counter(labels).items() if n > 1)
    if duplicates:
        raise InputError(f"{origin}: page label(s) given twice: {', '.join(duplicates)}")
    return labels


def _text(value: str, key: str, origin: str) -> str:
    """`value`, if the TEI can hold it: no control character, nothing XML forbids."""
    bad = _UNWRITABLE.search(value)
    if bad:
        what = "a character XML cannot hold" if bad[0] in "\ufffe\uffff" else "a control character"
        raise InputError(f"{origin}: {key} holds {what} (U+{ord(bad[0]):04X})")
    return value


def _iso_date(value: Any, origin: str) -> str:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(value).strip())
    iso = m and _valid_date(int(m[1]), int(m[2]), int(m[3]))
    if not iso:
        raise InputError(f"{origin}: date {value!r} is not a calendar date YYYY-MM-DD")
    return iso


def _valid_date(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
