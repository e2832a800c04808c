"""A varied benchmark corpus made from the seed and the fixture editions.

Every source text is cut into pages (form feeds) and blocks (blank lines). An
edition takes one to four pages of one script (Simplified or Traditional), each
page keeping its first block (the masthead zone) and rotating the rest, with a
block or two borrowed from another page; full dates become the edition's own
date. The same seed always gives the same corpus."""
from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_BLOCK_GAP = re.compile(r"\n[ \t\u3000]*\n")
_FULL_DATE = re.compile(r"(?:19|20)\d\d年\d{1,2}月\d{1,2}日")
_FIRST_DAY = datetime.date(2024, 1, 1)


@dataclass(frozen=True)
class SourcePage:
    script: str  # "hans" | "hant"
    blocks: tuple[str, ...]


def source_files() -> list[Path]:
    """The seed editions and the fixture editions (not their gold files)."""
    fixtures = sorted(p for p in (ROOT / "tests/fixtures/editions").glob("*.txt") if not p.name.endswith(".gold.txt"))
    return sorted((ROOT / "seeds").glob("*.txt")) + fixtures


def source_pages(files: list[Path] | None = None) -> list[SourcePage]:
    pages = []
    for path in files or source_files():
        script = "hant" if "hant" in path.name else "hans"
        for page in path.read_text(encoding="utf-8").split("\f"):
            blocks = tuple(b for b in _BLOCK_GAP.split(page.strip("\n")) if b.strip())
            if blocks:
                pages.append(SourcePage(script, blocks))
    return pages


class EditionMaker:
    def __init__(self, seed: int = 0) -> None:
        self.pages = source_pages()
        self.seed = seed

    def edition(self, index: int) -> tuple[datetime.date, str]:
        """The date and text of edition number `index`."""
        rng = random.Random(f"{self.seed}:{index}")
        date = _FIRST_DAY + datetime.timedelta(days=rng.randrange(730))
        script = rng.choice(("hans", "hans", "hant"))
        pages = [self.page(rng, script, date) for _ in range(rng.randint(1, 4))]
        return date, "\f".join(pages) + "\n"

    def page(self, rng: random.Random, script: str, date: datetime.date) -> str:
        same_script = [p for p in self.pages if p.script == script]
        page, other = rng.choice(same_script), rng.choice(same_script)
        head, rest = page.blocks[0], list(page.blocks[1:])
        turn = rng.randrange(len(rest)) if rest else 0
        rest = rest[turn:] + rest[:turn]
        for block in rng.sample(other.blocks, min(len(other.blocks), rng.randint(0, 2))):
            rest.insert(rng.randint(0, len(rest)), block)
        text = "\n\n".join([head, *rest])
        return _FULL_DATE.sub(f"{date.year}年{date.month}月{date.day}日", text)


def write_corpus(directory: Path, count: int, seed: int = 0) -> list[Path]:
    """`count` editions as DIRECTORY/YYYY-MM/edition-NNNN_YYYYMMDD.txt (UTF-8)."""
    maker = EditionMaker(seed)
    paths = []
    for index in range(count):
        date, text = maker.edition(index)
        path = directory / f"{date:%Y-%m}" / f"edition-{index:04d}_{date:%Y%m%d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def write_big_edition(path: Path, size: int, seed: int = 0) -> int:
    """One edition of about `size` bytes: pages of the corpus one after another,
    written as they are made (never held in memory). Returns the bytes written."""
    maker = EditionMaker(seed)
    written, index = 0, 0
    with open(path, "w", encoding="utf-8") as out:
        while written < size:
            _, text = maker.edition(index)
            data = ("\f" if index else "") + text
            out.write(data)
            written += len(data.encode("utf-8"))
            index += 1
    return written
