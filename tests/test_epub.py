"""EPUB writer: structure, navigation, links, metadata, determinism (no Java needed).

EPUBCheck and Ace run in test_epub_check.py."""
from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path
from posixpath import dirname, join, normpath
from urllib.parse import unquote, urldefrag

import pytest
from lxml import etree

from converter.epub.writer import epub_bytes
from converter.model import Metadata
from epub_fixtures import EDITIONS, rich, sectioned, t, traditional, unlabelled

TESTS = Path(__file__).resolve().parent
NS = {"h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xhtml(data: bytes) -> dict[str, etree._Element]:
    return {name: etree.fromstring(content) for name, content in entries(data).items() if name.endswith(".xhtml")}


def opf(data: bytes) -> etree._Element:
    return etree.fromstring(entries(data)["EPUB/content.opf"])


def properties(data: bytes, name: str) -> list[str]:
    return opf(data).xpath(f"//opf:meta[@property='{name}']/text()", namespaces=NS)


def text_of(element: etree._Element) -> str:
    return "".join(element.itertext())


@pytest.fixture(scope="module")
def books() -> dict[str, bytes]:
    return {name: epub_bytes(make(), vertical) for name, (make, vertical) in EDITIONS.items()}


def test_same_edition_gives_identical_bytes(books):
    for name, (make, vertical) in EDITIONS.items():
        assert epub_bytes(make(), vertical) == books[name], name


def test_identical_bytes_whatever_the_hash_seed(books):
    """Set and dict orders must never reach the output: another interpreter, another seed."""
    script = ("import sys, hashlib; from converter.epub.writer import epub_bytes; from epub_fixtures import rich; "
              "sys.stdout.write(hashlib.sha256(epub_bytes(rich())).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              cwd=TESTS.parent, env={**os.environ, "PYTHONHASHSEED": seed,
                                                     "PYTHONPATH": str(TESTS)}).stdout
               for seed in ("1", "2")}
    assert digests == {hashlib.sha256(books["rich"]).hexdigest()}


def test_archive_layout_is_fixed(books):
    with zipfile.ZipFile(io.BytesIO(books["rich"])) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert infos[0].compress_type == zipfile.ZIP_STORED and not infos[0].extra
    assert books["rich"][30:38] == b"mimetype" and books["rich"][38:58] == b"application/epub+zip"
    assert {i.date_time for i in infos} == {(2026, 1, 2, 3, 4, 6)}
    # Content documents as they are rendered, then what lists them.
    pages = [n for n in names if n.startswith("EPUB/page-")]
    assert names == ["mimetype", *sorted(pages), "EPUB/cover.xhtml", "EPUB/cover.svg", "EPUB/title.xhtml",
                     "EPUB/nav.xhtml", "EPUB/style.css",
                     "META-INF/container.xml", "EPUB/content.opf", "EPUB/toc.ncx"]


def test_modified_is_the_conversion_time_or_source_date_epoch_never_the_issue_date(books, monkeypatch):
    assert properties(books["rich"], "dcterms:modified") == ["2026-01-02T03:04:06Z"]
    assert properties(books["sectioned"], "dcterms:modified") == ["2026-01-02T03:04:06Z"]  # no issue date at all
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741996800")
    asked = epub_bytes(rich())
    assert properties(asked, "dcterms:modified") == ["2025-03-15T00:00:00Z"]
    assert zipfile.ZipFile(io.BytesIO(asked)).infolist()[0].date_time == (2025, 3, 15, 0, 0, 0)


def test_an_edition_converted_from_a_file_is_dated_by_the_file(tmp_path, monkeypatch):
    from converter.conversion import ConvertOptions, convert_bytes

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    source = tmp_path / "edition.txt"
    source.write_text("滨江日报\n\n城市更新首批项目开工\n\n本报讯 昨日，首批项目集中开工。\n", encoding="utf-8")
    os.utime(source, (1_700_000_000, 1_700_000_000))
    runs = [convert_bytes(source.read_bytes(), ConvertOptions(formats=("epub",)), source).outputs["epub"]
            for _ in range(2)]
    assert runs[0] == runs[1]
    assert properties(runs[0], "dcterms:modified") == ["2023-11-14T22:13:20Z"]
    os.utime(source, (1_800_000_000, 1_800_000_000))
    touched = convert_bytes(source.read_bytes(), ConvertOptions(formats=("epub",)), source).outputs["epub"]
    assert properties(touched, "dcterms:modified") == ["2027-01-15T08:00:00Z"]
    assert opf(touched).xpath("//dc:identifier/text()", namespaces=NS) == \
        opf(runs[0]).xpath("//dc:identifier/text()", namespaces=NS)  # the same edition


def test_identifier_is_given_or_derived_from_content(books):
    def identifier(data):
        return opf(data).xpath("//dc:identifier/text()", namespaces=NS)[0]

    derived = identifier(books["rich"])
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", derived) and derived[9:23] != "00000000-0000"
    edited = rich()
    edited = replace(edited, pages=(replace(edited.pages[0], items=edited.pages[0].items[1:]),) + edited.pages[1:])
    assert identifier(epub_bytes(edited)) != derived
    assert identifier(books["sectioned"]) == "urn:isbn:9780000000002"
    assert "uuid4" not in entries(books["rich"])["EPUB/content.opf"].decode()


def test_dublin_core_metadata(books):
    root = opf(books["rich"])
    get = lambda name: root.xpath(f"//dc:{name}/text()", namespaces=NS)  # noqa: E731
    assert get("title") == ["滨江日报 2025年3月14日 第12345期"]
    assert get("language") == ["zh-Hans"] and root.get(XML_LANG) == "zh-Hans"
    assert get("date") == ["2025-03-14"] and get("publisher") == ["滨江日报社"]
    assert get("source") == ["滨江日报 2025年3月14日 第12345期"]
    assert opf(books["rich-hant-vertical"]).xpath("//dc:title/text()", namespaces=NS) == ["濱江日報 2025年3月14日 第12345期"]
    assert opf(books["unlabelled-hans"]).xpath("//dc:language/text()", namespaces=NS) == ["zh-Hans"]
    assert opf(books["traditional-vertical"]).xpath("//dc:language/text()", namespaces=NS) == ["zh-Hant"]


def test_accessibility_metadata_follows_the_content(books):
    rich_book, plain = books["rich"], books["unlabelled-hans"]
    assert properties(rich_book, "schema:accessMode") == ["textual"]
    assert properties(rich_book, "schema:accessModeSufficient") == ["textual"]
    assert properties(rich_book, "schema:accessibilityHazard") == ["none"]
    assert properties(rich_book, "dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert properties(rich_book, "schema:accessibilityFeature") == [
        "tableOfContents", "readingOrder", "structuralNavigation", "printPageNumbers"]
    assert properties(rich_book, "pageBreakSource") == ["滨江日报 2025年3月14日 第12345期"]
    summary = properties(rich_book, "schema:accessibilitySummary")[0]
    assert "收录6篇文章" in summary and "3个版面（A01至A03）" in summary and "合为一篇" in summary
    # no page labels: no page-list, so neither printPageNumbers nor a page break source
    assert "printPageNumbers" not in properties(plain, "schema:accessibilityFeature")
    assert properties(plain, "pageBreakSource") == []
    assert "版面" not in properties(plain, "schema:accessibilitySummary")[0]


def test_every_document_declares_its_language(books):
    for name, expected in (("rich", "zh-Hans"), ("rich-hant-vertical", "zh-Hant"), ("unlabelled-hans", "zh-Hans")):
        for file, root in xhtml(books[name]).items():
            assert root.get("lang") == root.get(XML_LANG) == expected, (name, file)


@pytest.mark.parametrize("name", EDITIONS)
def test_every_internal_link_reaches_an_element(books, name):
    files = entries(books[name])
    docs = xhtml(books[name])
    ids = {file: [e.get("id") for e in root.iter() if e.get("id")] for file, root in docs.items()}
    for file, found in ids.items():
        assert len(found) == len(set(found)), f"duplicate id in {file}"
    followed = 0
    for file, root in docs.items():
        for link in root.iter(f"{{{NS['h']}}}a", f"{{{NS['h']}}}link"):
            path, fragment = urldefrag(unquote(link.get("href")))
            target = normpath(join(dirname(file), path)) if path else file
            assert target in files, f"{file}: {link.get('href')} -> missing file"
            assert not fragment or fragment in ids[target], f"{file}: {link.get('href')} -> missing id"
            followed += 1
    assert followed > len(docs)


def nav(data: bytes, kind: str) -> etree._Element:
    return xhtml(data)["EPUB/nav.xhtml"].xpath(f"//h:nav[@epub:type='{kind}']", namespaces=NS)[0]


def outline(element: etree._Element) -> list:
    """A nav <ol> as nested [label, [children...]] lists."""
    items = []
    for li in element.xpath("h:ol/h:li", namespaces=NS):
        items.append([text_of(li.xpath("h:a", namespaces=NS)[0])] + [outline(li)] * bool(li.xpath("h:ol", namespaces=NS)))
    return items


def test_toc_goes_page_section_headline(books):
    assert outline(nav(books["rich"], "toc")) == [
        ["A01版", [["城市更新首批42个项目集中开工"], ["关于召开2025年度工作会议的通知"]]],
        ["A02版", [["简讯", [["为深刻汲取近期消防安全事故教训，…"], ["地铁3号线周末延长运营时间"]]]]],
        ["A03版", [["让城市更新更有温度"], ["滨江市人民代表大会关于城市更新的决议"]]],
    ]
    # no pages at all: sections become documents, loose articles stand at the top level
    assert outline(nav(books["sectioned"], "toc")) == [
        ["新华社北京2月6日电 记者从科技…"], ["简讯", [["消防安全讲座"]]], ["清风廉润满怀川", [["廉政文化进社区。"]]],
        ["焦作日报"]]


def nav_tree(element: etree._Element, item: str, label: str, href: str) -> list:
    """The entries under `element` as nested [label, href, [children...]] lists."""
    return [[text_of(entry.xpath(label, namespaces=NS)[0]), entry.xpath(href, namespaces=NS)[0],
             nav_tree(entry, item, label, href)] for entry in element.xpath(item, namespaces=NS)]


def depth(tree: list) -> int:
    return max((1 + depth(children) for _, _, children in tree), default=0)


@pytest.mark.parametrize("name", EDITIONS)
def test_ncx_repeats_the_whole_toc_for_epub_2_readers(books, name):
    ncx = etree.fromstring(entries(books[name])["EPUB/toc.ncx"])
    points = nav_tree(ncx.xpath("ncx:navMap", namespaces=NS)[0], "ncx:navPoint", "ncx:navLabel/ncx:text",
                      "ncx:content/@src")
    assert points == nav_tree(nav(books[name], "toc"), "h:ol/h:li", "h:a", "h:a/@href")
    assert ncx.xpath("string(//ncx:meta[@name='dtb:depth']/@content)", namespaces=NS) == str(depth(points))
    assert ncx.xpath("string(//ncx:meta[@name='dtb:uid']/@content)", namespaces=NS) == \
        opf(books[name]).xpath("string(//dc:identifier)", namespaces=NS)
    # playOrder: reading order from 1, no gap, one number per target
    order = {}
    for point in ncx.iter(f"{{{NS['ncx']}}}navPoint"):
        order.setdefault(point.xpath("string(ncx:content/@src)", namespaces=NS), set()).add(point.get("playOrder"))
    assert [next(iter(numbers)) for numbers in order.values()] == [str(n) for n in range(1, len(order) + 1)]
    assert all(len(numbers) == 1 for numbers in order.values())


def test_page_list_and_landmarks(books):
    pages = nav(books["rich"], "page-list")
    assert pages.get("role") == "doc-pagelist"
    assert [(text_of(a), a.get("href")) for a in pages.iter(f"{{{NS['h']}}}a")] == [
        ("A01", "page-001.xhtml#pb-1"), ("A02", "page-002.xhtml#pb-2"), ("A03", "page-003.xhtml#pb-3")]
    marker = xhtml(books["rich"])["EPUB/page-002.xhtml"].xpath("//*[@id='pb-2']", namespaces=NS)[0]
    assert (marker.get(f"{{{NS['epub']}}}type"), marker.get("role"), marker.get("aria-label")) == \
        ("pagebreak", "doc-pagebreak", "A02")
    landmarks = [a.get(f"{{{NS['epub']}}}type") for a in nav(books["rich"], "landmarks").iter(f"{{{NS['h']}}}a")]
    assert landmarks == ["cover", "titlepage", "toc", "bodymatter"]
    assert not xhtml(books["unlabelled-hans"])["EPUB/nav.xhtml"].xpath("//h:nav[@epub:type='page-list']",
                                                                          namespaces=NS)


def test_continued_article_reads_as_one_at_its_first_part(books):
    docs = xhtml(books["rich"])
    story = docs["EPUB/page-001.xhtml"].xpath("//h:article[@id='a1']", namespaces=NS)[0]
    body = text_of(story)
    order = ["3月13日，我市", "（以下原载A02版）", "此次开工的项目", "（以下原载A03版）", "据悉，我市"]
    assert [body.index(s) for s in order] == sorted(body.index(s) for s in order)
    assert body.count("城市更新首批42个项目集中开工") == 1  # the repeated headline of the last part is not
    seams = story.xpath(".//h:p[@class='seam']/h:a/@href", namespaces=NS)
    assert seams == ["page-002.xhtml#a1-m-printed", "page-003.xhtml#a1-f-printed"]
    # where the parts were printed, a note leads to where they are read
    stub = docs["EPUB/page-003.xhtml"].xpath("//*[@id='a1-f-printed']", namespaces=NS)[0]
    assert stub.xpath("h:a/@href", namespaces=NS) == ["page-001.xhtml#a1-f"]
    assert text_of(stub) == "城市更新首批42个项目集中开工（上接A02版）"
    assert not docs["EPUB/page-003.xhtml"].xpath("//h:article[@id='a1-f']", namespaces=NS)


def test_continuation_outside_the_book_stays_plain_text(books):
    page = xhtml(books["rich"])["EPUB/page-003.xhtml"]
    jump = page.xpath("//h:article[@id='a6']/h:p[@class='jump']", namespaces=NS)[0]
    assert text_of(jump) == "（上接A09版）" and not jump.xpath("h:a", namespaces=NS)


def test_article_parts_render_in_reading_order(books):
    page = xhtml(books["rich"])["EPUB/page-003.xhtml"]
    article = page.xpath("//h:article[@id='a7']", namespaces=NS)[0]
    classes = [e.get("class") or e.tag.split("}")[1] for e in article]
    assert classes == ["headline", "subhead", "p", "labelled", "closer"]
    assert [text_of(li) for li in article.xpath(".//h:li", namespaces=NS)] == ["一、坚持规划引领", "二、坚持民生优先"]
    lead = xhtml(books["rich"])["EPUB/page-001.xhtml"].xpath("//h:article[@id='a1']", namespaces=NS)[0]
    assert [e.get("class") for e in lead[:4]] == ["kicker", "headline", "subhead", "credit"]
    assert lead[1].tag == f"{{{NS['h']}}}h2" and lead.get("aria-labelledby") == lead[1].get("id")
    figure = lead.xpath(".//h:figure/h:figcaption", namespaces=NS)[0]
    assert text_of(figure) == "图片说明：工人在南门老街对沿街建筑进行立面修缮。本报记者 林晓 摄"
    brief = xhtml(books["rich"])["EPUB/page-002.xhtml"].xpath("//h:article[@id='a4']/h:h3", namespaces=NS)
    assert brief, "an article inside a headed section is one level below it"


def test_text_is_shown_converted(books):
    hant = "".join(text_of(r) for r in xhtml(books["rich-hant-vertical"]).values())
    assert "城市更新首批42個項目集中開工" in hant and "滨江" not in hant and "目錄" in hant
    hans = "".join(text_of(r) for r in xhtml(books["unlabelled-hans"]).values())
    assert "第1则新闻标题" in hans and "這是內文" not in hans and "这是内文" in hans


def test_vertical_writing_turns_the_pages_right_to_left(books):
    vertical, horizontal = books["rich-hant-vertical"], books["rich"]
    assert opf(vertical).xpath("//opf:spine/@page-progression-direction", namespaces=NS) == ["rtl"]
    assert not opf(horizontal).xpath("//opf:spine/@page-progression-direction", namespaces=NS)
    assert b"writing-mode: vertical-rl" in entries(vertical)["EPUB/vertical.css"]
    assert "EPUB/vertical.css" not in entries(horizontal)
    for file, root in xhtml(vertical).items():
        assert root.xpath("//h:link/@href", namespaces=NS) == ["style.css", "vertical.css"], file


def test_title_page_names_paper_date_and_pages(books):
    page = xhtml(books["rich"])["EPUB/title.xhtml"]
    assert text_of(page.xpath("//h:h1", namespaces=NS)[0]) == "滨江日报"
    assert page.xpath("//h:time/@datetime", namespaces=NS) == ["2025-03-14"]
    assert [text_of(a) for a in page.xpath("//h:ol/h:li/h:a", namespaces=NS)] == ["A01版", "A02版", "A03版"]


def test_spine_reads_cover_title_toc_then_pages(books):
    root = opf(books["traditional-vertical"])
    hrefs = {i.get("id"): i.get("href") for i in root.xpath("//opf:manifest/opf:item", namespaces=NS)}
    spine = [hrefs[r] for r in root.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS)]
    assert spine == ["cover.xhtml", "title.xhtml", "nav.xhtml", "page-001.xhtml", "page-002.xhtml"]
    headings = [text_of(xhtml(books["traditional-vertical"])[f"EPUB/{f}"].xpath("//h:h1", namespaces=NS)[0])
                for f in spine[3:]]
    assert headings == ["第一版", "第二版"]  # printed labels that already name the page stay as printed


def test_empty_edition_still_makes_a_book():
    data = epub_bytes(replace(traditional(), pages=()))
    assert "EPUB/part-001.xhtml" in entries(data)


def test_unknown_language_falls_back_to_simplified_labels():
    data = epub_bytes(replace(sectioned(), meta=Metadata(title="Daily", language="en")))
    assert text_of(xhtml(data)["EPUB/nav.xhtml"].xpath("//h:h1", namespaces=NS)[0]) == "目录"


def test_headline_markup_is_escaped():
    edition = unlabelled()
    page = edition.pages[0]
    hostile = replace(page.items[0], head=t("<b>&amp;</b>"))
    data = epub_bytes(replace(edition, pages=(replace(page, items=(hostile,)),) + edition.pages[1:]))
    assert "<b>&amp;</b>" in text_of(xhtml(data)["EPUB/page-001.xhtml"])


def test_every_book_reads_back_in_ebooklib(books, tmp_path):
    """news2tei writes its packages from templates (ebooklib's writer cannot make
    deterministic, EPUBCheck-clean books without its private API); ebooklib, a common
    consumer, must still read every book: metadata, spine and navigation."""
    import warnings

    from ebooklib import ITEM_DOCUMENT, epub

    for name, data in books.items():
        path = tmp_path / f"{name}.epub"
        path.write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # its own deprecation warnings, not ours
            book = epub.read_epub(str(path))
        documents = {item.get_name() for item in book.get_items_of_type(ITEM_DOCUMENT)}
        assert book.get_metadata("DC", "title") and book.get_metadata("DC", "language"), name
        assert book.spine and all(idref in {i.get_id() for i in book.get_items()} for idref, _ in book.spine), name
        assert any(n.endswith("nav.xhtml") for n in documents) and book.toc, name


def test_compiled_templates_go_to_the_user_cache_directory_or_nowhere(tmp_path, monkeypatch):
    import jinja2

    from converter.epub.render import _bytecode_cache
    from converter.resources import NO_CACHE

    monkeypatch.delenv(NO_CACHE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _bytecode_cache(jinja2).directory == str(tmp_path / "news2tei" / "jinja2")
    monkeypatch.setenv(NO_CACHE, "1")
    assert _bytecode_cache(jinja2) is None


def test_cover_is_an_svg_of_the_title_date_and_issue_first_in_the_spine(books):
    root = opf(books["rich"])
    cover = root.xpath("//opf:manifest/opf:item[@properties='cover-image']", namespaces=NS)
    assert [(c.get("href"), c.get("media-type")) for c in cover] == [("cover.svg", "image/svg+xml")]
    first = root.xpath("//opf:spine/opf:itemref[1]/@idref", namespaces=NS)[0]
    assert root.xpath(f"//opf:item[@id='{first}']/@href", namespaces=NS) == ["cover.xhtml"]
    svg = etree.fromstring(entries(books["rich"])["EPUB/cover.svg"])
    lines = [text_of(e) for e in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert lines == ["滨江日报", "2025年3月14日", "第12345期", "滨江日报社"]
    assert "Noto Serif CJK SC" in svg.find("{http://www.w3.org/2000/svg}text").get("font-family")
    page = xhtml(books["rich"])["EPUB/cover.xhtml"]
    assert page.xpath("//h:img/@alt", namespaces=NS) == ["滨江日报 2025年3月14日 第12345期 滨江日报社"]


def test_cover_without_a_known_title_says_what_the_book_is_called():
    data = epub_bytes(replace(rich(), meta=Metadata(source_name="jz-0207.txt", converted="2026-01-02T03:04:06Z")))
    svg = etree.fromstring(entries(data)["EPUB/cover.svg"])
    assert [text_of(e) for e in svg.iter("{http://www.w3.org/2000/svg}text")] == ["jz-0207"]


def test_creator_and_publisher_are_the_papers_publisher_and_the_licence_its_rights(books):
    root = opf(books["rich"])
    assert root.xpath("//dc:creator/text()", namespaces=NS) == ["滨江日报社"]
    assert root.xpath("//dc:publisher/text()", namespaces=NS) == ["滨江日报社"]
    licensed = epub_bytes(replace(rich(), meta=replace(rich().meta, licence="CC BY 4.0")))
    assert opf(licensed).xpath("//dc:rights/text()", namespaces=NS) == ["CC BY 4.0"]


def test_short_digit_runs_stand_upright_in_vertical_books_only(books):
    vertical = xhtml(books["rich-hant-vertical"])["EPUB/page-001.xhtml"]
    upright = vertical.xpath("//h:span[@class='tcy']/text()", namespaces=NS)
    assert "42" in upright and "13" in upright and "2025" not in upright
    assert xhtml(books["rich"])["EPUB/page-001.xhtml"].xpath("//h:span[@class='tcy']", namespaces=NS) == []
    css = entries(books["rich-hant-vertical"])["EPUB/vertical.css"].decode()
    assert "text-combine-upright: all" in css


def test_headings_are_kept_with_what_follows(books):
    css = entries(books["rich"])["EPUB/style.css"].decode()
    rule = css[css.index("h1, h2, h3, h4, .kicker, .subhead {"):]
    assert "break-after: avoid" in rule and "page-break-after: avoid" in rule
