"""Characters extracted for the ones printed: some PDFs map a glyph to a radical's code
point ("⼈⺠⽇报" for 人民日报), a vertical page's punctuation to presentation forms
("︒" for 。). The structure stage reads them as what they stand for; the text keeps what
was extracted, and the writers give both (TEI <choice><orig/><reg/>, EPUB the reading)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conservation import conservation_problems
from converter.conversion import ConvertOptions, convert_bytes
from converter.lexicon.equivalents import EQUIVALENT_IDEOGRAPHS, EQUIVALENTS, reading_form
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
# A page's punctuation as a vertically set page's presentation forms.
AS_VERTICAL = str.maketrans({printed: form for form, printed in EQUIVALENTS.items() if "\ufe10" <= form <= "\ufe4f"})


def test_radicals_and_strokes_read_as_their_ideographs_one_for_one():
    assert reading_form("⼈⺠⽇报 2025年3⽉24⽇ 星期⼀") == "人民日报 2025年3月24日 星期一"
    assert reading_form("㇐") == "一"  # a CJK stroke
    assert reading_form("﹁記者︵台北︶︒") == "「記者（台北）。"  # a vertical page's punctuation
    assert reading_form("\uf90a") == "金"  # a compatibility ideograph
    assert reading_form("――记者 阿依古丽‧买买提") == "——记者 阿依古丽·买买提"  # another code page's dash and dot
    plain = "本报北京3月24日电"
    assert reading_form(plain) is plain
    assert all(len(extracted) == len(printed) == 1 for extracted, printed in EQUIVALENTS.items())


def test_recognisers_read_radicals_and_report_what_was_extracted():
    found = dateline("本报北京3⽉24⽇电 记者从")
    assert found is not None and found.size == len("本报北京3⽉24⽇电")


def _headlines(edition) -> list[str]:
    return sorted(reading_form(a.head.text) for a in edition.all_items() if isinstance(a, Article) and a.head)


@pytest.mark.parametrize("extracted", [AS_RADICALS, AS_VERTICAL], ids=["radicals", "vertical-forms"])
def test_a_page_extracted_with_equivalents_is_read_as_the_same_page(extracted):
    radical = SEED.translate(extracted)
    assert radical != SEED
    options = ConvertOptions(formats=("tei", "epub"))
    plain, read = convert_bytes(SEED.encode("utf-8"), options), convert_bytes(radical.encode("utf-8"), options)
    assert _headlines(read.edition) == _headlines(plain.edition) and _headlines(plain.edition)
    assert read.edition.meta == plain.edition.meta  # what the masthead says, read as printed
    assert [(f.kind, reading_form(f.text.text)) for page in read.edition.pages for f in page.furniture] \
        == [(f.kind, f.text.text) for page in plain.edition.pages for f in page.furniture]
    assert not conservation_problems(radical, read.edition)

    tei = etree.fromstring(read.outputs["tei"])
    pairs = {(c.find(f"{TEI}orig").text, c.find(f"{TEI}reg").text) for c in tei.iter(f"{TEI}choice")}
    assert pairs and all(reading_form(orig) == reg for orig, reg in pairs)
    assert not conservation_problems(radical, read_tei(read.outputs["tei"]))  # the TEI keeps what was extracted

    with zipfile.ZipFile(io.BytesIO(read.outputs["epub"])) as book:
        pages = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml"))
    assert _headlines(plain.edition)[0] in pages and not set(pages) & set(EQUIVALENTS)


def test_the_choices_of_extracted_and_read_characters_are_valid_tei(tei_all):
    converted = convert_bytes(SEED.translate(AS_RADICALS).translate(AS_VERTICAL).encode("utf-8"),
                              ConvertOptions(formats=("tei",)))
    document = etree.fromstring(converted.outputs["tei"])
    assert document.find(f".//{TEI}choice") is not None
    assert tei_all.validate(etree.ElementTree(document)), tei_all.error_log.last_error
