"""Bad and extreme input: a clear one-line error or a correct conversion; never a
traceback, never a hang, never a half-written file.

A 100 MB edition is left to the benchmarks: here decoding and normalising are
checked on 10 MB, the whole conversion on half a megabyte and on a line of 1 MB, each
for the structure it must come to (no timing: bench/ measures time)."""
from __future__ import annotations

import errno
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conservation import conservation_problems
from converter import conversion
from converter.cli import main
from converter.conversion import ConvertOptions, convert_bytes, convert_file
from converter.errors import OutputError
from converter.decode import decode
from converter.normalize import split_lines
from converter.pipeline import edition_from_bytes
from converter.script import convert

ROOT = Path(__file__).parent.parent
SEED = (ROOT / "seeds" / "000_627fccb794dc0fc3.txt").read_text(encoding="utf-8")


def cli(tmp_path: Path, data: bytes, *args: str):
    source = tmp_path / "edition.txt"
    source.write_bytes(data)
    return CliRunner().invoke(main, ["convert", str(source), "-o", str(tmp_path / "out"), *args])


def _one_line_error(result, message: str) -> None:
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("news2tei: error: ") and line.endswith(message)


@pytest.mark.parametrize("data, message", [
    (b"", "input is empty"),
    (b"  \r\n\t\n\xe3\x80\x80\n", "input is empty (whitespace only)"),
    (random.Random(6).randbytes(4096), "pass --encoding"),
    (b"\x7fELF\x02\x01\x01" + bytes(100), "looks like a binary file (an executable), not extracted text"),
    (b"\x00" * 1000, "pass --encoding"),
])
def test_refused_inputs_give_one_line(tmp_path, data, message):
    result = cli(tmp_path, data)
    _one_line_error(result, message)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def _converted(data: bytes, *formats: str):
    converted = convert_bytes(data, ConvertOptions(formats=formats or ("tei", "json")))
    assert not conservation_problems(decode(data).text, converted.edition)
    return converted


def test_nul_bytes_and_stray_controls_are_dropped_and_reported():
    text = "第一段\x00正文。\n\x07第二段\x1b[0m正文\x0b。\n第三段\x7f正文。\n" + SEED[:2000]
    converted = _converted(text.encode("utf-8"))
    dropped = [d for d in converted.edition.diagnostics if d.code == "control-char-dropped"]
    assert [(d.level, str(d.span)) for d in dropped] == [("warning", "1"), ("warning", "2")]
    assert "U+0000" in dropped[0].message and "U+0007 U+001B U+000B" in dropped[1].message
    assert b"\x00" not in converted.outputs["tei"] and b"\x1b" not in converted.outputs["tei"]


def test_mixed_scripts_convert_and_keep_both():
    text = SEED[:1500] + "\n\n" + convert(SEED[1500:2500], "hant")
    converted = convert_bytes(text.encode("utf-8"), ConvertOptions(formats=("json",), script="hans"))
    assert not conservation_problems(text, converted.edition)
    data = json.loads(converted.outputs["json"])
    assert data["meta"]["language"] == "zh-Hans" and data["language"] == "zh-Hans"
    assert any("reg" in json.dumps(page) for page in data["pages"])  # the Traditional part was converted


def test_latin_only_text_converts():
    text = "City Council approves budget\n\nThe council voted 7 to 2 on Tuesday.\nMore on page A3.\n"
    converted = _converted(text.encode("ascii"))
    assert b"council voted" in converted.outputs["tei"]


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_crlf_and_cr_give_the_same_model(line_end):
    text = SEED[:3000]
    assert edition_from_bytes(text.replace("\n", line_end).encode()).pages == edition_from_bytes(text.encode()).pages


def test_a_one_megabyte_line_becomes_one_paragraph():
    line = ("为深刻汲取近期消防安全事故教训，营造和谐稳定的安全生产环境。" * 35000)[:350_000]  # ~1 MB of UTF-8
    edition = _converted(line.encode("utf-8"), "json").edition
    [page] = edition.pages
    [article] = page.items
    assert [b.text.text for b in article.body] == [line]


def test_a_line_longer_than_the_xml_parser_limits_converts():
    # Our own TEI, read back for validation and the EPUB, once hit libxml2's 10 MB text-node limit.
    line = "字" * 3_500_000 + "。"
    converted = _converted(line.encode("utf-8"), "tei", "epub")
    assert converted.outputs["tei"].count("字".encode()) == 3_500_000


def test_a_diplomatic_paragraph_of_a_hundred_thousand_lines_converts():
    # Writing its <lb/>s (len() of an lxml element counts its children) and validating
    # them (libxml2's RelaxNG, on one element's children) took time quadratic in the lines.
    words = "为深刻汲取近期消防安全事故教训营造和谐稳定的安全生产环境各地"
    text = "标题新闻\n\n" + "".join(words[n % 7:n % 7 + 24] + "\n" for n in range(100_000))
    converted = convert_bytes(text.encode("utf-8"), ConvertOptions(formats=("tei",), keep_breaks=True))
    assert not conservation_problems(text, converted.edition)
    # Each break is kept as <lb/>, but where the structure ends an element there (a handful).
    assert 99_900 <= converted.outputs["tei"].count(b"<lb ") <= 99_999


def test_a_large_edition_converts_every_line():
    data = (SEED * 12).encode("utf-8")
    converted = _converted(data, "json")
    assert converted.edition.line_count >= 12 * len(SEED.rstrip().splitlines())


def test_ten_megabytes_decode_and_normalise_to_every_line():
    data = (SEED * 250).encode("gbk")
    lines, _ = split_lines(decode(data).text)
    assert sum(1 for line in lines if line.text.strip()) == 250 * sum(1 for line in SEED.splitlines() if line.strip())


def test_a_failure_while_rendering_leaves_no_output(tmp_path, monkeypatch):
    source = tmp_path / "x.txt"
    source.write_text(SEED[:2000], encoding="utf-8")

    def broken_render(*args, **kwargs):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(conversion, "render", broken_render)
    with pytest.raises(RuntimeError):
        convert_file(source, tmp_path / "out", ConvertOptions())
    assert not (tmp_path / "out").exists()


def _full_disk(monkeypatch, module, name: str, failing) -> None:
    """`module.name` raises ENOSPC on the call for which `failing(calls, *args)` says so."""
    real, calls = getattr(module, name), []

    def fills_up(*args, **kwargs):
        if failing(calls, *args):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, fills_up)


def _second_file_written_in(directory: Path):
    def failing(calls, source, target, *args) -> bool:
        if not hasattr(target, "fileno") or Path(os.readlink(f"/proc/self/fd/{target.fileno()}")).parent != directory:
            return False  # not an output (a spool)
        calls.append(target)
        return len(calls) == 2
    return failing


def _second_call(calls, *args) -> bool:
    calls.append(args)
    return len(calls) == 2


@pytest.mark.parametrize("renaming", [False, True], ids=["writing", "renaming"])
def test_a_full_disk_half_way_leaves_no_output_of_the_set(tmp_path, monkeypatch, renaming):
    source, out = tmp_path / "x.txt", tmp_path / "out"
    source.write_text(SEED[:2000], encoding="utf-8")
    if renaming:
        _full_disk(monkeypatch, os, "replace", _second_call)
    else:
        _full_disk(monkeypatch, shutil, "copyfileobj", _second_file_written_in(out))
    with pytest.raises(OutputError, match="No space left on device"):
        convert_file(source, out, ConvertOptions(formats=("tei", "json")))
    assert list(out.iterdir()) == []  # no TEI without its JSON, no .part file


def test_a_full_disk_while_writing_keeps_the_previous_outputs(tmp_path, monkeypatch):
    source, out = tmp_path / "x.txt", tmp_path / "out"
    source.write_text(SEED[:2000], encoding="utf-8")
    _, written = convert_file(source, out, ConvertOptions(formats=("tei", "json")))
    before = {p: p.read_bytes() for p in written}
    source.write_text(SEED[2000:4000], encoding="utf-8")
    _full_disk(monkeypatch, shutil, "copyfileobj", _second_file_written_in(out))
    with pytest.raises(OutputError):
        convert_file(source, out, ConvertOptions(formats=("tei", "json")))
    assert {p: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.parametrize("command", ["batch", "convert"])
def test_part_files_of_dead_processes_are_swept_at_the_start(tmp_path, command):
    src, out = tmp_path / "src", tmp_path / "out" / "a"
    (src / "a").mkdir(parents=True)
    (src / "a" / "x.txt").write_text(SEED[:2000], encoding="utf-8")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    out.mkdir(parents=True)
    stale, live = out / f".x.tei.xml.{dead}.k2j3.part", out / f".x.tei.xml.{os.getpid()}.k2j3.part"
    for part in (stale, live, out / "notes.part"):
        part.write_bytes(b"half")
    given = [str(src), "-o", str(tmp_path / "out")] if command == "batch" else [str(src / "a" / "x.txt"), "-o", str(out)]
    assert CliRunner().invoke(main, [command, *given, "--format", "tei"]).exit_code == 0
    made = {"x.tei.xml"} | ({".x.news2tei.json"} if command == "batch" else set())
    assert {p.name for p in out.iterdir()} == made | {live.name, "notes.part"}


@pytest.mark.parametrize("text", [
    "正文第一段。\n\n本报记者 张 蕊\n",  # found by the fuzz suite: a byline that closes the input
    "2月5日上午，市十四届人大\n本报记者 张 蕊",
])
def test_fuzz_findings_conserve_every_character(text):
    assert conservation_problems(text, edition_from_bytes(text.encode("utf-8"))) == {}


def test_inspect_refuses_a_fifo_in_one_line(tmp_path):
    fifo = tmp_path / "edition.txt"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "converter", "inspect", str(fifo), "-o", str(tmp_path / "x.html")],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert (done.returncode, done.stderr) == (1, "news2tei: error: not a regular file (a FIFO); not read\n")
