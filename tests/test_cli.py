"""`news2tei convert` and the documentation of every command (docs/cli.md matches --help)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from converter import conversion
from converter.cli import main
from converter.tei.writer import tei_bytes
from tei_editions import rich_edition

ROOT = Path(__file__).parent.parent
SEED = ROOT / "seeds" / "000_627fccb794dc0fc3.txt"
PAGES = ROOT / "tests" / "fixtures" / "editions" / "hans_headfirst_pages.txt"


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin)


def test_convert_writes_tei_and_epub_by_default(tmp_path):
    result = run("convert", SEED, "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == [str(tmp_path / f"{SEED.stem}.tei.xml"), str(tmp_path / f"{SEED.stem}.epub")]
    assert (tmp_path / f"{SEED.stem}.tei.xml").read_bytes().startswith(b"<?xml")
    assert (tmp_path / f"{SEED.stem}.epub").read_bytes()[:2] == b"PK"


def test_convert_options_reach_the_model(tmp_path):
    result = run("convert", PAGES, "-o", tmp_path, "--format", "json", "--title", "滨江日报", "--date", "2025-03-14",
                 "--edition", "第12345期", "--pages", "A01,A02,A03", "--script", "hant")
    assert result.exit_code == 0, result.stderr
    data = json.loads((tmp_path / "hans_headfirst_pages.json").read_text(encoding="utf-8"))
    assert data["language"] == "zh-Hant"
    assert [p["label"] for p in data["pages"]] == ["A01", "A02", "A03"]
    meta = data["meta"]
    assert (meta["title"], meta["date"], meta["edition"], meta["script"]) == ("滨江日报", "2025-03-14", "第12345期", "hant")
    assert re.search(r"hans_headfirst_pages\.txt:\d+: warning: .* is one-to-many; check \d+:\d+", result.stderr)
    assert "metadata-conflict" not in result.stderr  # the options agree with the masthead


def test_catalogue_metadata_from_options_and_the_meta_file_reaches_the_tei_header(tmp_path):
    source = tmp_path / "edition.txt"
    source.write_bytes(PAGES.read_bytes())
    (tmp_path / "edition.meta.toml").write_text('cn = "CN41-0038"\npub_place = "滨江"\n', encoding="utf-8")
    result = run("convert", source, "-o", tmp_path, "--format", "tei", "--meta", "publisher=滨江日报社",
                 "--meta", "licence=https://creativecommons.org/licenses/by/4.0/")
    assert result.exit_code == 0, result.stderr
    tei = (tmp_path / "edition.tei.xml").read_text(encoding="utf-8")
    for element in ('<idno type="CN">CN41-0038</idno>', '<pubPlace xml:lang="zh-Hans">滨江</pubPlace>',
                    '<publisher xml:lang="zh-Hans">滨江日报社</publisher>',
                    '<licence target="https://creativecommons.org/licenses/by/4.0/">'):
        assert element in tei


def test_the_time_of_conversion_is_reproducible(tmp_path, monkeypatch):
    """SOURCE_DATE_EPOCH, else the input's modification time: reruns give the same bytes."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    source = tmp_path / "edition.txt"
    source.write_bytes(PAGES.read_bytes())
    os.utime(source, (1_700_000_000, 1_700_000_000))
    first = [run("convert", source, "-o", tmp_path / str(n), "--format", "tei") for n in range(2)]
    assert all(result.exit_code == 0 for result in first)
    teis = [(tmp_path / str(n) / "edition.tei.xml").read_bytes() for n in range(2)]
    assert teis[0] == teis[1] and b'<date type="conversion" when="2023-11-14T22:13:20Z">' in teis[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741996800")
    assert run("convert", source, "-o", tmp_path, "--format", "tei").exit_code == 0
    assert b'<date type="conversion" when="2025-03-15T00:00:00Z">' in (tmp_path / "edition.tei.xml").read_bytes()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert b'type="conversion"' not in run("convert", "-", stdin=PAGES.read_bytes()).stdout_bytes  # no file, no time


def test_conflicting_option_is_used_and_reported(tmp_path):
    result = run("convert", PAGES, "-o", tmp_path, "--format", "json", "--date", "2025-03-15")
    assert result.exit_code == 0
    assert "warning: date: 2025-03-15 from command line; 2025-03-14 from hans_headfirst_pages.meta.toml; " \
           "2025-03-14 from text line 3; 2025-03-14 from text line 97; 2025-03-14 from text line 173; " \
           "using command line [metadata-conflict]" in result.stderr  # the masthead and two running heads


def test_stdin_to_stdout():
    result = run("convert", "-", stdin=PAGES.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"<?xml") and b"http://www.tei-c.org/ns/1.0" in result.stdout_bytes
    as_json = run("convert", "-", "--format", "json", stdin=PAGES.read_bytes())
    assert json.loads(as_json.stdout)["meta"]["title"] == "滨江日报"


def test_stdin_beside_a_file_leaves_standard_output_to_the_tei(tmp_path):
    result = run("convert", "-", PAGES, "-o", tmp_path, "--format", "tei", stdin=PAGES.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"<?xml") and result.stdout_bytes.rstrip().endswith(b"</TEI>")
    assert str(tmp_path / "hans_headfirst_pages.tei.xml") in result.stderr.splitlines()


def test_control_characters_in_file_names_are_escaped_in_messages(tmp_path):
    source = tmp_path / "bad\nname\x1b[31m.txt"
    source.write_bytes(b"")
    result = run("convert", source, "-o", tmp_path / "out")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line == f"news2tei: error: {tmp_path}/bad\\nname\\x1b[31m.txt: input is empty"


def test_a_closed_pipe_ends_the_output_quietly(tmp_path):
    # `news2tei validate ... | head`: the reader leaves; no "internal error", no traceback.
    page = tmp_path / "page.tei.xml"
    page.write_bytes(tei_bytes(rich_edition()))
    command = [sys.executable, "-m", "converter", "validate", *[str(page)] * 1000]
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    reader.stdout.readline()
    reader.stdout.close()
    assert reader.wait() != 0 and reader.stderr.read() == b""


@pytest.mark.parametrize("args, message", [
    (["-", "--format", "tei,json"], "standard input (-) is converted to one format"),
    (["x.txt", "--format", "pdf"], "choose from tei, epub, json"),
    (["x.txt", "--script", "s2t"], "'s2t' is not one of"),
    (["x.txt", "--metadata", "missing.toml"], "does not exist"),
    (["x.txt", "--meta", "publisher"], "KEY=VALUE, not 'publisher'"),
])
def test_usage_errors(args, message):
    result = run("convert", *args)
    assert result.exit_code == 2 and message in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--date", "2024-02-30"], "news2tei: error: command line: date '2024-02-30' is not a calendar date YYYY-MM-DD"),
    (["--pages", "A01,A01"], "news2tei: error: command line: page label(s) given twice: A01"),
    (["--encoding", "klingon"], "news2tei: error: unknown or non-text encoding 'klingon'"),
    (["--encoding", "rot13"], "news2tei: error: unknown or non-text encoding 'rot13'"),
    (["--meta", "colour=red"], "news2tei: error: command line: unknown metadata key(s) colour"),
])
def test_bad_values_are_one_line_errors(tmp_path, args, message):
    result = run("convert", PAGES, "-o", tmp_path, *args)
    assert result.exit_code == 1 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_failing_inputs_do_not_stop_the_others(tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.4\n\x00\x01\x02")
    result = run("convert", tmp_path / "missing.txt", binary, PAGES, "-o", tmp_path / "out", "--format", "json")
    assert result.exit_code == 1
    assert (tmp_path / "out" / "hans_headfirst_pages.json").exists()
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert errors == [f"news2tei: error: {tmp_path / 'missing.txt'}: cannot read {tmp_path / 'missing.txt'}: "
                      "No such file or directory",
                      f"news2tei: error: {binary}: looks like a binary file (a PDF file), not extracted text"]


def test_two_inputs_with_one_stem_do_not_overwrite_each_other(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.txt").write_text("第一段正文。\n", encoding="utf-8")
    result = run("convert", tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt", "-o", tmp_path, "--format", "json")
    assert result.exit_code == 1 and "would overwrite those of another input named x.txt" in result.stderr


def test_internal_errors_are_one_line_unless_debug(tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(conversion, "edition_parts", boom)
    result = run("convert", PAGES, "-o", tmp_path)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "internal error (RuntimeError: boom); please report it (--debug shows the traceback)" in result.stderr
    debug = run("--debug", "convert", PAGES, "-o", tmp_path)
    assert isinstance(debug.exception, RuntimeError)


# docs/cli.md matches the commands' --help

DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def _section(name: str) -> str:
    match = re.search(rf"^## {name}\n(.*?)(?=^## |\Z)", DOC, re.S | re.M)
    assert match, f"docs/cli.md has no section '## {name}'"
    return match[1]


@pytest.mark.parametrize("name", sorted(main.commands))
def test_docs_describe_every_command_and_option(name):
    command = main.commands[name]
    section = _section(name)
    context = click.Context(command, info_name=name)
    assert f"news2tei {name} {' '.join(command.collect_usage_pieces(context))}" in section
    subcommands = getattr(command, "commands", {}).values()  # (`report merge`)
    options = {opt for c in (command, *subcommands) for p in c.params if isinstance(p, click.Option) for opt in p.opts}
    for opt in options:
        assert f"`{opt}" in section or f"`-{opt.lstrip('-')[0]}`, `{opt}" in section, f"{name}: {opt} undocumented"
    documented = set(re.findall(r"`(--?[a-z][a-z-]*)", section))
    global_options = {"--debug", "--version", "--help"}
    assert documented <= options | global_options, f"{name}: documented but not in --help"
    assert f"[`{name}`](#{name})" in DOC


def test_docs_list_exactly_the_commands():
    assert set(re.findall(r"^## (\w+)$", DOC, re.M)) == set(main.commands)
    assert "`--debug`" in DOC and "--debug" in run("--help").stdout
