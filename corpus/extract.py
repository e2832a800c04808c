"""Real extractors run on the typeset PDF; their output is never edited.

- `pdftotext`: poppler's default mode, a form feed after each page (the seed's form);
- `nopgbrk`: the same without form feeds;
- `pdfminer`: pdfminer.six's `extract_text`, another reading order and another spacing rule;
- `ocr`: text lines as an OCR engine's line detector returns them, taken from the PDF's own
  line boxes (`pdftotext -bbox-layout`): top to bottom, left to right within a row, no
  indentation, and lines of neighbouring columns that sit on one row close together fused."""
from __future__ import annotations

import subprocess
from pathlib import Path
from xml.etree import ElementTree

EXTRACTORS = ("pdftotext", "nopgbrk", "pdfminer", "ocr")
_XHTML = "{http://www.w3.org/1999/xhtml}"


def _pdftotext(pdf: Path, *options: str) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(pdf), "-"],
                          capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def _pdfminer(pdf: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(pdf))


def _ocr_lines(page: ElementTree.Element) -> list[str]:
    lines = []
    for line in page.iter(f"{_XHTML}line"):
        words = [w for w in line.iter(f"{_XHTML}word") if (w.text or "").strip()]
        if words:
            box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            lines.append((box, " ".join(w.text.strip() for w in words)))
    lines.sort(key=lambda item: (item[0][1], item[0][0]))
    rows: list[list[tuple[list[float], str]]] = []
    for box, text in lines:
        height = box[3] - box[1]
        if rows and abs(rows[-1][0][0][1] - box[1]) < 0.35 * height:
            rows[-1].append((box, text))
        else:
            rows.append([(box, text)])
    out = []
    for row in rows:
        row.sort(key=lambda item: item[0][0])
        fused = [row[0]]
        for box, text in row[1:]:
            previous = fused[-1]
            if box[0] - previous[0][2] < 1.5 * (box[3] - box[1]):
                fused[-1] = ([previous[0][0], previous[0][1], box[2], box[3]], previous[1] + " " + text)
            else:
                fused.append((box, text))
        out += [text for _, text in fused]
    return out


def _ocr(pdf: Path) -> str:
    root = ElementTree.fromstring(_pdftotext(pdf, "-bbox-layout"))
    return "".join("\n".join(_ocr_lines(page)) + "\n" for page in root.iter(f"{_XHTML}page"))


def extract(pdf: Path, extractor: str) -> str:
    if extractor == "pdftotext":
        return _pdftotext(pdf)
    if extractor == "nopgbrk":
        return _pdftotext(pdf, "-nopgbrk")
    if extractor == "pdfminer":
        return _pdfminer(pdf)
    return _ocr(pdf)
