"""Radicals for ideographs: some PDFs map a glyph to a radical's code point ("⼈⺠⽇报"
for 人民日报). The structure stage reads them as the ideographs; the text keeps what was
extracted, and the writers give both (TEI <choice><orig/><reg/>, EPUB the ideograph)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from conservation import conservation_problems
from converter.conversion import ConvertOptions, convert_bytes
from converter.lexicon.radicals import EQUIVALENT_IDEOGRAPHS, reading_form
from converter.model import Article
from converter.rules.dateline import dateline
from converter.tei.reader import read_tei

ROOT = Path(__file__).parent.parent
SEED = (ROOT / "seeds" / "000_627fccb794dc0fc3.txt").read_text(encoding="utf-8")
TEI = "{http://www.tei-c.org/ns/1.0}"
# Every ideograph that has a radical standing for it, printed as that radical (a Kangxi
# radical where there is one), as an extractor that maps a font's glyphs so gives them.
AS_RADICALS = str.maketrans({ideograph: radical for radical, ideograph in sorted(EQUIVALENT_IDEOGRAPHS.items())
                             if radical < "\u31c0"})  # the Kangxi block (U+2F00…) after the supplement (U+2E80…)


def test_radicals_and_strokes_read_as_their_ideographs_one_for_one():
    assert reading_form("⼈⺠⽇报 2025年3⽉24⽇ 星期⼀") == "人民日报 2025年3月24日 星期一"
    assert reading_form("㇐") == "一"  # a CJK stroke
    plain = "本报北京3月24日电"
    assert reading_form(plain) is plain
    assert all(len(radical) == len(ideograph) == 1 for radical, ideograph in EQUIVALENT_IDEOGRAPHS.items())


def test_recognisers_read_radicals_and_report_what_was_extracted():
    found = dateline("本报北京3⽉24⽇电 记者从")
    assert found is not None and found.size == len("本报北京3⽉24⽇电")


def _headlines(edition) -> list[str]:
    return sorted(reading_form(a.head.text) for a in edition.all_items() if isinstance(a, Article) and a.head)


def test_a_page_extracted_with_radicals_is_read_as_the_same_page():
    radical = SEED.translate(AS_RADICALS)
    assert radical != SEED
    options = ConvertOptions(formats=("tei", "epub"))
    plain, read = convert_bytes(SEED.encode("utf-8"), options), convert_bytes(radical.encode("utf-8"), options)
    assert _headlines(read.edition) == _headlines(plain.edition) and _headlines(plain.edition)
    assert read.edition.meta.date == plain.edition.meta.date and read.edition.meta.title == plain.edition.meta.title
    assert [(f.kind, reading_form(f.text.text)) for page in read.edition.pages for f in page.furniture] \
        == [(f.kind, f.text.text) for page in plain.edition.pages for f in page.furniture]
    assert not conservation_problems(radical, read.edition)

    tei = etree.fromstring(read.outputs["tei"])
    pairs = {(c.find(f"{TEI}orig").text, c.find(f"{TEI}reg").text) for c in tei.iter(f"{TEI}choice")}
    assert ("⽇", "日") in pairs and all(reading_form(orig) == reg for orig, reg in pairs)
    assert not conservation_problems(radical, read_tei(read.outputs["tei"]))  # the TEI keeps what was extracted

    with zipfile.ZipFile(io.BytesIO(read.outputs["epub"])) as book:
        pages = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml"))
    assert _headlines(plain.edition)[0] in pages and not set(pages) & set(EQUIVALENT_IDEOGRAPHS)
