"""The corpus's input data (CONTENT-FORMAT.md): house styles and articles, read and checked.

Other people write these files; a malformed one stops the build with a one-line error that
names the file and line, never a traceback."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
KINDS = ("newspaper", "a4-export", "ocr")
GENRES = ("news", "brief", "feature", "notice", "letter", "qa", "editorial", "sports", "culture",
          "finance", "wire", "legal")


class ContentError(ValueError):
    """A data file breaks CONTENT-FORMAT.md; the message names the file (and line)."""


@dataclass(frozen=True)
class Style:
    name: str
    title: str
    group: str
    kind: str
    regions: tuple[str, ...]
    script: str
    raw: dict = field(repr=False, compare=False, hash=False)

    def get(self, key: str, default=None):
        value = self.raw.get(key)
        return default if value in (None, [], {}, "") else value

    def span(self, key: str, default: tuple[int, int]) -> tuple[int, int]:
        low, high = self.get(key, default)
        return int(low), int(max(low, high))


@dataclass(frozen=True)
class Article:
    id: str
    region: str
    script: str
    genre: str
    raw: dict = field(repr=False, compare=False, hash=False)

    def get(self, key: str, default=None):
        value = self.raw.get(key)
        return default if value in (None, [], "") else value


def _require(record: dict, keys: tuple[str, ...], where: str) -> None:
    missing = [k for k in keys if not record.get(k)]
    if missing:
        raise ContentError(f"{where}: missing {', '.join(missing)}")


def load_styles(data_dir: Path = DATA_DIR) -> list[Style]:
    path = data_dir / "styles.json"
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ContentError(f"{path}: {exc}") from None
    styles = []
    for i, record in enumerate(records if isinstance(records, list) else [None]):
        where = f"{path}: style #{i + 1}"
        if not isinstance(record, dict):
            raise ContentError(f"{where}: not an object (styles.json is a list of objects)")
        _require(record, ("name", "kind", "script"), where)
        if record["kind"] not in KINDS:
            raise ContentError(f"{where}: kind {record['kind']!r} is not one of {KINDS}")
        styles.append(Style(record["name"], record.get("title", record["name"]),
                            record.get("group") or record["name"], record["kind"],
                            tuple(record.get("regions") or ()), record["script"], record))
    names = [s.name for s in styles]
    if len(set(names)) != len(names):
        raise ContentError(f"{path}: style names repeat: {sorted({n for n in names if names.count(n) > 1})}")
    return styles


def _article(line: str, where: str) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ContentError(f"{where}: {exc}") from None
    if not isinstance(record, dict):
        raise ContentError(f"{where}: not a JSON object")
    _require(record, ("id", "script", "head", "body"), where)
    if not isinstance(record["body"], list) or not all(isinstance(b, (str, dict)) for b in record["body"]):
        raise ContentError(f"{where}: body is a list of paragraphs and blocks")
    genre = record.get("genre") if record.get("genre") in GENRES else "news"
    return Article(record["id"], record.get("region", ""), record["script"], genre, record)


def load_articles(data_dir: Path = DATA_DIR) -> list[Article]:
    """Every article of data_dir/articles/*.jsonl, in file order; ids must be unique."""
    articles: dict[str, Article] = {}
    for path in sorted((data_dir / "articles").glob("*.jsonl")):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ContentError(f"{path}: {exc}") from None
        for lineno, line in enumerate(lines, 1):
            if line.strip():
                article = _article(line, f"{path}:{lineno}")
                articles.setdefault(article.id, article)
    return list(articles.values())
