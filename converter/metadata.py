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
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import InputError
from .lexicon import dates
from .model import Diagnostic, Edition, FieldSource, Span
from .normalize import page_tops
from .rules import solid
from .reading import read_regular
from .rules.masthead import newspaper_title
from .patterncache import compiled

FIELDS = ("title", "subtitle", "date", "date_printed", "weekday", "lunar_date", "edition", "publisher",
          "pub_place", "cn", "issn", "price", "digital_publisher", "licence", "identifier")
KEYS = (*FIELDS, "pages")
MASTHEAD_ZONE = 10  # masthead lines are among the first non-blank lines of a page
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
    """One source per masthead line found at the top of a page."""
    sources: list[Source] = []
    for line in page_tops(text, MASTHEAD_ZONE):
        values = masthead_values(line.text)
        if values:
            sources.append(Source(f"text line {line.number}", values, explicit=False, line=line.number))
    return sources


# Tokens a masthead line is made of (besides separators); only a line made of
# nothing else counts, so a body sentence starting with a date never does.
_ISSUE = compiled(r"(?:总|總)?第\s*[\d,，]+\s*[期号號]")
_OTHER = compiled("|".join((
    r"(?:总|總)第\s*[\d,，]+\s*[期号號]", r"CN\s*\d{2}\s*[-－]\s*\d{4}(?:/[A-Z]+)?", r"ISSN\s*\d{4}\s*[-－]\s*\d{3}[\dXx]",
    r"(?:今日|本期)\s*\d+\s*[版页頁]", r"[\s|｜·/]+")))


def masthead_values(text: str) -> dict[str, str]:
    """Title, or date (with weekday) and issue number, of a masthead line; {} for any other line."""
    title = newspaper_title(text)
    if title:
        return {"title": title}
    values: dict[str, str | None] = {}
    rest = _without_lunar_dates(text)
    for field, find in (("date", _date_token), ("weekday", _weekday_token), ("edition", _issue_token)):
        found = find(rest)
        if found:
            values[field], start, end = found
            rest = rest[:start] + " " + rest[end:]
    if _OTHER.sub("", rest) or not (values.get("date") or values.get("edition")):
        return {}
    return {k: v for k, v in values.items() if v}


def _without_lunar_dates(text: str) -> str:
    """A lunar date ("农历乙巳年八月廿九") belongs on a masthead but gives no metadata."""
    lunar = dates.lunar_date(text)
    while lunar:
        text = text[:lunar.start] + " " + text[lunar.end:]
        lunar = dates.lunar_date(text)
    return text


def _date_token(text: str) -> tuple[str | None, int, int] | None:
    """A written date with its year ("2025年10月20日"), as ISO (None if not a real day)."""
    date = next((d for d in dates.gregorian_dates(text) if d.year and not d.numeric), None)
    return (date.iso, date.start, date.end) if date else None


def _weekday_token(text: str) -> tuple[str, int, int] | None:
    day = dates.weekday(text)
    return (text[day.start:day.end], day.start, day.end) if day else None


def _issue_token(text: str) -> tuple[str, int, int] | None:
    m = _ISSUE.search(text)
    return (solid(m[0]), m.start(), m.end()) if m else None


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
        if page.label not in (None, label):
            diagnostics.append(Diagnostic(
                "page-label-conflict", "warning",
                f"page {i + 1} is labelled {page.label} in the text but {label} was given; using {label}"))
        pages[i - first_page] = replace(page, label=label)
    return replace(edition, pages=tuple(pages), diagnostics=edition.diagnostics + tuple(diagnostics))


def _conflict(key: str, sources: list[Source], winner: Source | None) -> Diagnostic:
    said = "; ".join(f"{_show(s.values[key])} from {s.name}" for s in sources)
    outcome = f"using {winner.name}" if winner else f"left empty: give --{key} or set it in a metadata file"
    lines = [s.line for s in sources if s.line]
    return Diagnostic("metadata-conflict", "warning", f"{key}: {said}; {outcome}",
                      Span.from_lines(lines) if lines else None)


def _weekday_check(source: Source) -> list[Diagnostic]:
    date, weekday = source.values.get("date"), source.values.get("weekday")
    if not (date and weekday) or datetime.date.fromisoformat(date).weekday() == dates.WEEKDAY_NAMES[weekday[-1]]:
        return []
    return [Diagnostic("metadata-weekday-mismatch", "warning",
                       f"{source.name}: {date} is not a {weekday}; check the date",
                       Span.of(source.line) if source.line else None)]


def _key(key: str, value: Any) -> Any:
    """What two values must share to agree: 第12345期 and 12345 are one issue."""
    if key == "edition":
        return re.sub(r"\D", "", value) or value
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
