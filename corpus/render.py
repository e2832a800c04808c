"""Sheets to PDF with WeasyPrint, byte-identical for identical input.

WeasyPrint subsets every embedded font per document; on the Noto CJK fonts (CFF) that takes
seconds a font a page. The build therefore subsets each font once to the characters the corpus
uses (cached by that set) and the pages embed those subsets whole. Timestamps come from
SOURCE_DATE_EPOCH and the PDF dates from fixed metadata, so a rerun gives the same bytes."""
from __future__ import annotations

import hashlib
import os
from html import escape
from pathlib import Path

from corpus.layout import FACES
from corpus.page import Sheet
from corpus.typeset import FONT_FILES

PDF_EPOCH = "1735689600"  # SOURCE_DATE_EPOCH while WeasyPrint writes a PDF
FIXED_DATE = "2025-01-01T00:00:00Z"
FAMILIES = {"serif": "serif", "serif-bold": "serif-bold", "sans": "sans", "sans-bold": "sans-bold",
            "hei": "hei"}  # CSS family -> font file
FILES = dict(FONT_FILES, **{
    "serif-bold": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "sans-bold": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
})
EXTRA_CHARS = "".join(chr(c) for c in range(0x20, 0x7f)) + "　、。，．；：？！“”‘’（）《》〈〉【】「」『』〔〕—…·①②③④⑤⑥⑦⑧⑨⑩■●◆▲□○◇★☆•／－"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "news2tei-corpus" / "fonts"


def font_subsets(chars: str, families, fast: bool = False) -> dict[str, Path]:
    """Each family's font subset to `chars` (plus ASCII and common punctuation), cached.
    `fast` takes WenQuanYi (TrueType, subset in a second) for every family: for quick checks;
    the Noto CJK fonts (CFF) take most of a minute each."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    wanted = sorted(set(chars + EXTRA_CHARS) - set("\n\r\t\f"))
    digest = hashlib.sha256("".join(wanted).encode()).hexdigest()[:16]
    paths = {}
    for family in families:
        key = "hei" if fast else FAMILIES[family]
        path = cache_dir() / f"{key}-plain2-{digest}.otf"
        if not path.exists():
            options = subset.Options()
            options.layout_features = []  # no ligature or contextual glyph: one glyph a character
            options.notdef_outline = True
            options.desubroutinize = True
            options.drop_tables += ["FFTM"]
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=[ord(c) for c in wanted])
            font = TTFont(FILES[key], fontNumber=0 if key == "hei" else 2)
            subsetter.subset(font)
            _one_character_a_glyph(font)
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            font.save(partial)
            partial.replace(path)
        paths[family] = path
    return paths


def _one_character_a_glyph(font) -> None:
    """Unmap all but the first of the characters that share a glyph (Noto Sans CJK draws · •
    ・ alike): the extractor could give only one of them back. The others fall back to a font
    that has a glyph of their own."""
    for table in font["cmap"].tables:
        seen: set[str] = set()
        for code, glyph in sorted(table.cmap.items()):
            if glyph in seen:
                del table.cmap[code]
            seen.add(glyph)


def _css(fonts: dict[str, Path], sheet: Sheet) -> str:
    """Three fonts a page (WeasyPrint subsets each embedded font again per page, so fewer
    fonts make a faster page): the sheet's text font, its heading font, and a Hei for
    captions; with one font given (the quick mode), that one for everything."""
    files = {"text": fonts.get(sheet.text_font), "head": fonts.get(sheet.head_font), "hei": fonts.get("hei")}
    files = {role: path or next(iter(fonts.values())) for role, path in files.items()}
    faces = "".join(f"@font-face{{font-family:c-{role};src:url('{path.as_uri()}')}}" for role, path in files.items())
    classes = "".join(
        f".{name}{{font-family:c-{'head' if bold else 'hei' if family == 'hei' else 'text'},c-text,c-hei;"
        f"font-size:{size}em}}"
        for name, (family, size, bold, _) in FACES.items())
    return (f"{faces}@page{{size:{sheet.width:.2f}pt {sheet.height:.2f}pt;margin:0}}"
            "body{margin:0}.s{position:relative;overflow:visible;break-after:page}"
            ".b{position:absolute;white-space:pre;font-variant-ligatures:none;font-kerning:none;line-height:1}"
            ".f{position:absolute;background:#ccc}.k{position:absolute;border:0.7pt solid #333}" + classes)


def sheets_html(sheets: list[Sheet], fonts: dict[str, Path]) -> str:
    pages = []
    for sheet in sheets:
        boxes = []
        for box in sheet.boxes:
            if box.frame or box.border:
                boxes.append(f'<div class="{"k" if box.border else "f"}" style="left:{box.x:.2f}pt;top:{box.y:.2f}pt;'
                             f'width:{box.width:.2f}pt;height:{box.height:.2f}pt"></div>')
            else:
                boxes.append(f'<div class="b {box.face}" style="left:{box.x:.2f}pt;top:{box.y:.2f}pt">'
                             f'{box.html}</div>')
        pages.append(f'<div class="s" style="width:{sheet.width:.2f}pt;height:{sheet.height:.2f}pt;'
                     f'font-size:{sheet.size}pt">'
                     + "".join(boxes) + "</div>")
    meta = "".join(f'<meta name="{n}" content="{FIXED_DATE}">' for n in ("dcterms.created", "dcterms.modified"))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{meta}<title>{escape('corpus page')}</title>"
            f"<style>{_css(fonts, sheets[0])}</style></head><body>{''.join(pages)}</body></html>")


def render_pdf(sheets: list[Sheet], fonts: dict[str, Path]) -> bytes:
    import weasyprint

    # The fonts are already subset to the corpus's characters; a per-page subset by WeasyPrint
    # would cost seconds a page for the CFF fonts.
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = PDF_EPOCH  # only while rendering: the caller's environment is its own
    try:
        return weasyprint.HTML(string=sheets_html(sheets, fonts)).write_pdf(full_fonts=True)
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
