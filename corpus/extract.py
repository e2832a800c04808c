"""Real extractors run on the typeset PDF; their output is never edited.

- `pdftotext`: poppler's default mode, a form feed after each page (the seed's form);
- `nopgbrk`: the same without form feeds;
- `pdfminer`: pdfminer.six's `extract_text`, another reading order and another spacing rule;
- `ocr`: text lines as an OCR engine's line detector returns them, taken from the PDF's own
  line boxes (`pdftotext -bbox-layout`): blocks top to bottom, no indentation, and now and then
  a line read on across the gutter into the next column's line on the same row;
- `pymupdf`: PyMuPDF's `get_text()`, pages apart by form feeds: the text in the order the PDF
  draws it, one line a printed line, and no blank line anywhere, between blocks or columns;
- `raw`: `pdftotext -raw`, the drawing order too, without blank lines or indents, a row of
  furniture run into one line;
- `pypdf`: pypdf's `extract_text()`, pages apart by form feeds, much as PyMuPDF's;
- `layout`: `pdftotext -layout`, each line a row of the page with the columns side by side
  (converter.columns reads them one after another);
- `plumber`: pdfplumber's `extract_text()`, each line a row of the page too, its columns' pieces
  apart by one space;
- `plumber-layout`: pdfplumber's `extract_text(layout=True)`, the row's pieces at their places
  as `layout` prints them, each character one cell wide.
The last six are in no build's draw (`corpus.build.EXTRACTOR_WEIGHTS`, kept as the shipped
model's corpora were built): `python -m corpus reextract` reads a built corpus's PDFs with them."""
from __future__ import annotations

import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

_XHTML = "{http://www.w3.org/1999/xhtml}"


def _pdftotext(pdf: Path, *options: str) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(pdf), "-"],
                          capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def _pdfminer(pdf: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(pdf))


def _pymupdf(pdf: Path) -> str:
    import pymupdf

    with pymupdf.open(pdf) as document:
        return "\f".join(page.get_text() for page in document)


def _pypdf(pdf: Path) -> str:
    from pypdf import PdfReader

    return "\f".join(page.extract_text() for page in PdfReader(pdf).pages)


def _pdfplumber(pdf: Path, layout: bool) -> str:
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return "\f".join(page.extract_text(layout=layout) for page in document.pages)


def _box(element: ElementTree.Element) -> tuple[float, float, float, float]:
    return tuple(float(element.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))


def _line_text(line: ElementTree.Element) -> str:
    return " ".join(w.text.strip() for w in line.iter(f"{_XHTML}word") if (w.text or "").strip())


def _ocr_lines(page: ElementTree.Element) -> list[str]:
    """Text blocks top to bottom (left to right among blocks starting on one row), their lines
    in order, without indentation; a line whose row continues in the next block to its right,
    across a narrow gutter, is now and then read as one line with it, as line detectors do."""
    blocks = []
    for block in page.iter(f"{_XHTML}block"):
        lines = [(_box(line), _line_text(line)) for line in block.iter(f"{_XHTML}line")]
        lines = [(box, text) for box, text in lines if text]
        if lines:
            blocks.append((_box(block), lines))
    blocks.sort(key=lambda b: (round(b[0][1] / 12), b[0][0]))
    done: set[tuple[int, int]] = set()  # lines already read, on their own or fused
    out = []
    for bi, (_, lines) in enumerate(blocks):
        for li, (box, text) in enumerate(lines):
            if (bi, li) in done:
                continue
            done.add((bi, li))
            partner = _fusable(blocks, box, text)
            if partner is not None and partner not in done:
                done.add(partner)
                text += " " + blocks[partner[0]][1][partner[1]][1]
            out.append(text)
    return out


def _fusable(blocks, box, text: str) -> tuple[int, int] | None:
    """The line of another block on the same row just right of `box`, if this line is one of
    the few (by a digest of its text, so the same page reads the same way) read across."""
    height = box[3] - box[1]
    if zlib.crc32(text.encode()) % 9:
        return None
    for bi, (_, lines) in enumerate(blocks):
        for li, (other, _) in enumerate(lines):
            if abs(other[1] - box[1]) < 0.3 * height and 0 < other[0] - box[2] < 3 * height:
                return bi, li
    return None


def _ocr(pdf: Path) -> str:
    root = ElementTree.fromstring(_pdftotext(pdf, "-bbox-layout"))
    return "".join("\n".join(_ocr_lines(page)) + "\n" for page in root.iter(f"{_XHTML}page"))


_READERS: dict[str, Callable[[Path], str]] = {
    "pdftotext": _pdftotext, "nopgbrk": lambda pdf: _pdftotext(pdf, "-nopgbrk"), "pdfminer": _pdfminer,
    "ocr": _ocr, "pymupdf": _pymupdf, "raw": lambda pdf: _pdftotext(pdf, "-raw"), "pypdf": _pypdf,
    "layout": lambda pdf: _pdftotext(pdf, "-layout"), "plumber": lambda pdf: _pdfplumber(pdf, False),
    "plumber-layout": lambda pdf: _pdfplumber(pdf, True),
}
EXTRACTORS = tuple(_READERS)


class ExtractError(Exception):
    """An extractor could not read a PDF (its own error, in one line)."""


def extract(pdf: Path, extractor: str) -> str:
    try:
        return _READERS[extractor](pdf)
    except ImportError:
        raise  # a tool not installed: the command says how to install it
    except Exception as error:  # each library has its own errors for a PDF it cannot read
        said = str(error).splitlines()[:1] or [type(error).__name__]
        raise ExtractError(f"{extractor} could not read {pdf.name}: {said[0]}") from error
