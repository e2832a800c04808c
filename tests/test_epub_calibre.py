"""What a reader's library shows: calibre's `ebook-meta` reads the book's title, its
author and publisher (the paper's publisher) and its cover. Runs where calibre is
installed (`apt-get install calibre`); skips, saying so, elsewhere."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from converter.epub.writer import epub_bytes
from epub_fixtures import rich, traditional

EBOOK_META = shutil.which("ebook-meta")
pytestmark = [pytest.mark.calibre,
              pytest.mark.skipif(EBOOK_META is None, reason="calibre is not installed (apt-get install calibre)")]
# calibre draws an SVG cover with its Qt WebEngine: headless, and as root without its sandbox.
CALIBRE_ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox"}
JPEG, PNG = b"\xff\xd8\xff", b"\x89PNG"


def ebook_meta(book: Path, cover: Path) -> dict[str, str]:
    result = subprocess.run([str(EBOOK_META), str(book), "--get-cover", str(cover)], capture_output=True,
                            text=True, env=CALIBRE_ENV, timeout=300, check=True)
    return dict(re.findall(r"^(\w[\w()]*?)\s*: (.*)$", result.stdout, re.MULTILINE))


@pytest.mark.parametrize("make, vertical", [(rich, False), (traditional, True)], ids=["horizontal", "vertical"])
def test_calibre_shows_title_author_publisher_and_cover(make, vertical, tmp_path):
    edition = make()
    book, cover = tmp_path / "book.epub", tmp_path / "cover.jpg"
    book.write_bytes(epub_bytes(edition, vertical))
    shown = ebook_meta(book, cover)
    meta = edition.meta
    assert shown["Title"].startswith(meta.title)
    assert shown["Author(s)"] == (meta.publisher or meta.title)
    assert shown["Publisher"] == (meta.publisher or meta.title)
    assert cover.is_file() and cover.read_bytes()[:4].startswith((JPEG, PNG))
