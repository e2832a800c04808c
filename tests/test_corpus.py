"""The corpus generator (corpus/): its committed sample verifies and parses; a small build from
the fixture data verifies, gives valid gold and the same bytes for the same seed."""
from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# tests/test_bench.py puts bench/ (which holds a module corpus.py) first on sys.path; the
# generator is the package corpus/ at the repository root.
if not hasattr(sys.modules.get("corpus"), "__path__"):
    sys.modules.pop("corpus", None)
    sys.path.insert(0, str(ROOT))

from corpus.__main__ import main  # noqa: E402
from corpus.content import ContentError, load_articles, load_styles  # noqa: E402
from corpus.goldfile import verify  # noqa: E402
from corpus.quality import gold  # noqa: E402
from corpus.typeset import break_lines  # noqa: E402

SAMPLE = ROOT / "tests" / "fixtures" / "corpus"
INPUT = ROOT / "tests" / "fixtures" / "corpus_input"
MISSING = [name for name, present in (
    ("weasyprint", importlib.util.find_spec("weasyprint")),
    ("pdfminer.six", importlib.util.find_spec("pdfminer")),
    ("pdftotext", shutil.which("pdftotext")),
    ("WenQuanYi", Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc").exists()),
    ("Noto CJK", Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc").exists()),
) if not present]
needs_tools = pytest.mark.skipif(bool(MISSING), reason=(
    f"{', '.join(MISSING)} missing: pip install '.[corpus]' and "
    "apt-get install poppler-utils fonts-noto-cjk fonts-wqy-microhei"))


def sample_pages() -> list[Path]:
    return sorted(p for p in SAMPLE.glob("*.txt") if not p.name.endswith(".gold.txt"))


def test_committed_sample_verifies_and_parses():
    pages = sample_pages()
    assert len(pages) >= 20
    for page in pages:
        gold_text = page.with_suffix(".gold.txt").read_text(encoding="utf-8")
        gold.parse_gold(gold_text, page.name)
        assert verify(page.read_text(encoding="utf-8"), gold_text) is None, page.name


def test_verification_names_the_characters_that_differ():
    gold_text = "@article news\np: 甲乙丙\n"
    assert verify("甲 乙\n丙", gold_text) is None
    assert "'丙'×1" in verify("甲乙丁", gold_text) and "'丁'×1" in verify("甲乙丁", gold_text)


def test_line_breaking_keeps_closing_punctuation_off_a_line_start():
    lines = break_lines("一二三四五，六七八九十。" * 3, 5, "serif")
    assert all(line.text[0] not in "，。" for line in lines)
    assert "".join(line.text for line in lines) == "一二三四五，六七八九十。" * 3


def test_line_breaking_never_ends_a_line_with_a_hyphen():
    """pdftotext joins a line ending in a hyphen to the next and drops the hyphen."""
    lines = break_lines("询电话：0516-83920117。", 6.5, "serif")
    assert len(lines) > 1 and not any(line.text.rstrip().endswith("-") for line in lines)


def test_bad_style_file_is_a_one_line_error(tmp_path, capsys):
    (tmp_path / "styles.json").write_text('[{"name": "x", "kind": "broadsheet", "script": "hans"}]')
    with pytest.raises(ContentError, match="kind 'broadsheet'"):
        load_styles(tmp_path)
    assert main(["styles", "--data", str(tmp_path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_styles_lists_one_name_a_line(capsys):
    assert main(["styles", "--data", str(INPUT)]) == 0
    assert capsys.readouterr().out.split() == [s.name for s in load_styles(INPUT)]


@needs_tools
def test_build_verifies_and_is_deterministic(tmp_path):
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        assert main(["build", "--pages", "4", "--seed", "7", "-o", str(out), "--data", str(INPUT),
                     "--fast-fonts"]) == 0
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    names = [m["name"] for m in json.loads(outputs[0]["manifest.json"])]
    assert len(names) == 4 and {n.split("-")[-1] for n in names} <= {"pdftotext", "nopgbrk", "pdfminer", "ocr"}
    for name in names:
        assert {f"{name}.pdf", f"{name}.txt", f"{name}.gold.txt"} <= set(outputs[0])
        gold.parse_gold(outputs[0][f"{name}.gold.txt"].decode(), name)
    assert len(load_articles(INPUT)) > 10


@needs_tools
@pytest.mark.parametrize("extractor, module", [("pymupdf", "pymupdf"), ("raw", None), ("pypdf", "pypdf"),
                                                ("layout", None), ("plumber", "pdfplumber"),
                                                ("plumber-layout", "pdfplumber")])
def test_a_built_corpus_is_read_again_by_another_extractor_under_the_same_gold(tmp_path, capsys, extractor, module):
    if module and importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} missing: pip install '.[corpus]'")
    built, again = tmp_path / "c", tmp_path / "m"
    assert main(["build", "--pages", "2", "--seed", "3", "-o", str(built), "--data", str(INPUT), "--fast-fonts"]) == 0
    assert main(["reextract", str(built), "-o", str(again), "--extractor", extractor]) == 0  # every page verified
    manifest = json.loads((again / "manifest.json").read_text(encoding="utf-8"))
    assert [m["extractor"] for m in manifest] == [extractor, extractor]
    for m in manifest:
        name = m["name"]
        assert (again / f"{name}.txt").read_text(encoding="utf-8") != (built / f"{name}.txt").read_text(encoding="utf-8")
        assert (again / f"{name}.gold.txt").read_bytes() == (built / f"{name}.gold.txt").read_bytes()


def test_reextract_refuses_what_is_no_built_corpus_and_writing_over_its_source(tmp_path, capsys):
    assert main(["reextract", str(tmp_path), "-o", str(tmp_path / "m"), "--extractor", "pymupdf"]) == 2
    assert "no built corpus" in capsys.readouterr().err
    (tmp_path / "manifest.json").write_text("[]", encoding="utf-8")
    assert main(["reextract", str(tmp_path), "-o", str(tmp_path), "--extractor", "pymupdf"]) == 2
    assert "not over it" in capsys.readouterr().err
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    assert main(["reextract", str(tmp_path), "-o", str(tmp_path / "m"), "--extractor", "pymupdf"]) == 2
    assert "lists no pages by name" in capsys.readouterr().err
    assert main(["reextract", str(SAMPLE), "-o", str(tmp_path / "s"), "--extractor", "raw"]) == 1  # text and gold only
    assert "no PDF to read" in capsys.readouterr().out


def test_reextract_reports_a_pdf_no_extractor_can_read_and_goes_on(tmp_path, capsys):
    source = tmp_path / "c"
    source.mkdir()
    (source / "manifest.json").write_text('[{"name": "bad"}, {"name": "gone"}]', encoding="utf-8")
    (source / "bad.pdf").write_bytes(b"%PDF-1.4 not really")
    (source / "bad.gold.txt").write_text("@article news\np: 正文。\n", encoding="utf-8")
    assert main(["reextract", str(source), "-o", str(tmp_path / "m"), "--extractor", "raw"]) == 1
    out = capsys.readouterr().out
    assert "bad: NOT VERIFIED: raw could not read bad.pdf" in out and "gone: NOT VERIFIED: no PDF to read" in out
    assert "Traceback" not in out and not (tmp_path / "m" / "bad.txt").exists()


@needs_tools
def test_eval_scores_a_built_corpus(tmp_path, capsys):
    out = tmp_path / "c"
    assert main(["build", "--pages", "2", "--seed", "3", "-o", str(out), "--data", str(INPUT), "--fast-fonts"]) == 0
    capsys.readouterr()
    assert main(["eval", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["pages"] == 2
    assert {"units", "paragraphs", "conservation", "furniture-precision", "furniture-recall"} <= set(result["pooled"])
    assert main(["eval", str(out), "--groups"]) == 0
    assert "held-out group" in capsys.readouterr().out


def test_jump_attributes_are_the_page_and_sign_as_printed():
    from corpus.compose import jump_attrs

    assert jump_attrs("（下转A03版①）") == " | page=A03 sign=①"
    assert jump_attrs("（轉第2版）") == " | page=第2版"
    assert jump_attrs("（上接第一版）") == " | page=第一版"


def test_ocr_reads_blocks_in_order_without_repeating_a_fused_line():
    from xml.etree import ElementTree

    from corpus.extract import _XHTML, _ocr_lines

    def block(x, lines):
        rows = "".join(
            f'<line xMin="{x}" yMin="{y}" xMax="{x + 100}" yMax="{y + 10}">'
            f'<word xMin="{x}" yMin="{y}" xMax="{x + 100}" yMax="{y + 10}">{t}</word></line>'
            for y, t in lines)
        return f'<block xMin="{x}" yMin="{lines[0][0]}" xMax="{x + 100}" yMax="{lines[-1][0] + 10}">{rows}</block>'

    left = [(10 + 12 * i, f"左{i}") for i in range(30)]
    right = [(10 + 12 * i, f"右{i}") for i in range(30)]
    page = ElementTree.fromstring(f'<page xmlns="{_XHTML[1:-1]}"><flow>{block(0, left)}{block(115, right)}</flow></page>')
    lines = _ocr_lines(page)
    words = " ".join(lines).split()
    assert sorted(words) == sorted(t for _, t in left + right)  # every line read, none twice
    assert lines[0] == "左0" or lines[0].startswith("左0 ")
    assert any(" 右" in line for line in lines)  # now and then a row is read across the gutter


def test_tune_scores_every_setting_of_the_attachment_and_restores_the_shipped_one(tmp_path):
    from converter import attach
    from corpus.tune import tune

    corpus = tmp_path / "c"
    corpus.mkdir()
    names = []
    for text in sample_pages()[:3]:
        gold = text.with_name(text.name[:-4] + ".gold.txt")
        shutil.copy(text, corpus / text.name)
        shutil.copy(gold, corpus / gold.name)
        names.append({"name": text.stem, "style": "s", "group": "g"})
    (corpus / "manifest.json").write_text(json.dumps(names))
    before = attach.LAYOUT_PRIOR
    results = tune(corpus, {"LAYOUT_PRIOR": (0.0, 0.3), "UNASSIGNED": (-0.05,)})
    assert len(results) == 2 and results[0][0] >= results[1][0]
    assert {r[1]["LAYOUT_PRIOR"] for r in results} == {0.0, 0.3} and attach.LAYOUT_PRIOR == before


def test_tune_of_a_directory_with_no_corpus_is_a_one_line_error(tmp_path, capsys):
    from corpus.tune import main as tune_main

    assert tune_main(["--corpus", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no manifest.json" in err and "Traceback" not in err


@pytest.mark.parametrize("only", ["NOPE=1", "STRAY_MATCH=a,b"])
def test_tune_with_a_bad_narrowed_weight_is_a_usage_error(tmp_path, capsys, only):
    from corpus.tune import main as tune_main

    with pytest.raises(SystemExit) as exit_:
        tune_main(["--corpus", str(tmp_path), "--only", only])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"--only {only}:" in err and "Traceback" not in err


def test_furniture_is_also_scored_as_text_whatever_items_it_is_cut_into():
    from corpus.evaluate import furniture_text_scores

    expected = gold.parse_gold("@page 第5版\n@furniture header: 体育 2025年3月20日\n@article news\n"
                               "head: 女排卫冕\np: 正文。\n", "gold")
    # the running head cut in two, and a headline that holds a furniture item
    got = gold.parse_gold("@page 第5版\n@furniture header: 体育\n@furniture header: 2025年3月20日 星期四\n"
                          "@article news\nhead: 2025年3月20日体育\np: 正文。\n", "output")
    scores = furniture_text_scores(expected, got)
    assert scores["furniture-chars-recall"] == (12, 12)
    assert scores["furniture-chars-precision"] == (12, 15)
    assert scores["headings-clean"] == (1, 1)  # no whole item of the gold in it
    got.articles[0].head = gold.Piece("体育 2025年3月20日")
    assert furniture_text_scores(expected, got)["headings-clean"] == (0, 1)


def _sample_corpus(directory: Path, groups: tuple[str, ...]) -> Path:
    """The sample corpus's first page of each of `groups`, with their manifest."""
    entries = [next(m for m in json.loads((SAMPLE / "manifest.json").read_text(encoding="utf-8")) if m["group"] == g)
               for g in groups]
    directory.mkdir()
    for m in entries:
        for suffix in (".txt", ".gold.txt"):
            shutil.copy(SAMPLE / f"{m['name']}{suffix}", directory / f"{m['name']}{suffix}")
    (directory / "manifest.json").write_text(json.dumps(entries), encoding="utf-8")
    return directory


def test_fold_models_are_trained_without_their_group_and_scored_held_out(tmp_path, capsys, monkeypatch):
    from corpus import evaluate, train

    corpus = _sample_corpus(tmp_path / "c", ("tw", "notices"))
    trained = []
    monkeypatch.setattr(train, "train", lambda data, out: trained.append(sorted({e.group for e in data}))
                        or out.write_bytes(b"model"))
    assert train.main(["--corpus", str(corpus), "--no-fixtures", "--folds", str(tmp_path / "m")]) == 0
    assert trained == [["tw"], ["notices"]]  # notices held out first (sorted), then tw
    assert train.main(["--corpus", str(corpus), "--no-fixtures", "--folds", str(tmp_path / "one"),
                       "--group", "tw"]) == 0
    assert trained[-1] == ["notices"] and [p.name for p in (tmp_path / "one").iterdir()] == ["tw.crfsuite"]
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == ["notices.crfsuite", "tw.crfsuite"]
    used = []
    monkeypatch.setattr(evaluate, "use_model", used.append)
    assert main(["eval", str(corpus), "--groups", "--models", str(tmp_path / "m"), "--json"]) == 0
    assert [p.name for p in used] == ["notices.crfsuite", "tw.crfsuite"]
    assert json.loads(capsys.readouterr().out)["pages"] == 2


def test_a_missing_fold_model_is_a_one_line_error(tmp_path, capsys):
    corpus = _sample_corpus(tmp_path / "c", ("tw",))
    assert main(["eval", str(corpus), "--groups", "--models", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "tw.crfsuite" in err and "--folds" in err


def test_gold_labels_label_every_line_as_the_gold_does():
    from converter.normalize import split_lines
    from corpus.train import GoldLabeller, gold_labels

    page = sample_pages()[0]
    gold_path = page.with_name(page.stem + ".gold.txt")
    lines, _ = split_lines(page.read_text(encoding="utf-8"))
    expected, unmatched = gold_labels(lines, gold_path)
    labelled = GoldLabeller(page, gold_path).label(lines)
    assert unmatched == 0 and [x.line for x in labelled] == lines
    assert [x.label for x in labelled] == [expected[line.number] for line in lines]
    assert all(x.label is None for x in labelled if x.line.blank) and {x.confidence for x in labelled} == {1.0}
    assert {x.label for x in labelled} >= {"head-B", "p-B", "p-I", None}


def test_eval_with_gold_labels_scores_the_assembly_alone_then_labels_with_the_model_again(tmp_path, capsys):
    from converter.labeller.model import labeller, trained_labeller

    corpus = _sample_corpus(tmp_path / "c", ("tw", "notices"))
    assert main(["eval", str(corpus), "--json"]) == 0
    modelled = json.loads(capsys.readouterr().out)
    assert main(["eval", str(corpus), "--gold-labels", "--json"]) == 0
    perfect = json.loads(capsys.readouterr().out)
    assert perfect["pooled"]["units"][0] >= modelled["pooled"]["units"][0]
    assert perfect["pooled"]["conservation"] == modelled["pooled"]["conservation"]
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    assert set(perfect["extractors"]) == {m["extractor"] for m in manifest}
    assert labeller() is trained_labeller()
