"""The Python API: `converter.convert(data, **options) -> Result`, for pipelines."""
from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest
from click.testing import CliRunner

import converter
import converter.batch  # noqa: F401  (imports every submodule the CLI glue needs)
import converter.cli
from converter.errors import InputError

ROOT = Path(__file__).parent.parent
SEED = ROOT / "seeds" / "000_627fccb794dc0fc3.txt"
TRADITIONAL = ROOT / "tests" / "fixtures" / "editions" / "hant_tw_headfirst_notice.txt"
EPOCH = "1700000000"  # the CLI dates outputs by the input's mtime, the API (no file) by this alone


def test_the_api_function_is_not_shadowed_by_a_submodule():
    assert callable(converter.convert) and converter.convert.__module__ == "converter.api"


def test_results_equal_the_files_the_cli_writes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    source = tmp_path / "edition_20250314.txt"  # the name gives a date to the CLI and to the API alike
    source.write_bytes(SEED.read_bytes())
    cli = CliRunner().invoke(converter.cli.main, ["convert", str(source), "-o", str(tmp_path / "out"),
                                                  "--format", "tei,epub,json", "--script", "hant",
                                                  "--title", "滨江日报"])
    assert cli.exit_code == 0, cli.stderr
    result = converter.convert(source.read_bytes(), formats=("tei", "epub", "json"), script="hant",
                               metadata={"title": "滨江日报"}, name=source.name)
    assert result.tei == (tmp_path / "out" / "edition_20250314.tei.xml").read_bytes()
    assert result.epub == (tmp_path / "out" / "edition_20250314.epub").read_bytes()
    assert result.json == (tmp_path / "out" / "edition_20250314.json").read_bytes()
    assert result.metadata.date == "2025-03-14" and result.counts.articles > 0


def test_an_output_not_asked_for_is_none():
    result = converter.convert(SEED.read_bytes(), formats=["json"])
    assert result.tei is None and result.epub is None and json.loads(result.json)["articles"]


def _signature(result: converter.Result) -> tuple:
    return result.tei, result.json, result.diagnostics, result.counts, result.metadata, result.encoding


def test_calls_with_different_options_do_not_leak_into_each_other():
    data = TRADITIONAL.read_bytes()
    plain = dict(formats=("tei", "json"))
    first = converter.convert(data, **plain)
    other = converter.convert(data, formats=("tei", "json"), script="hans", keep_breaks=True, vertical=True,
                              metadata={"title": "滨江日报", "pages": "A01,A02"}, name="x_20240101.txt")
    again = converter.convert(data, **plain)
    assert _signature(first) == _signature(again)
    assert first.tei != other.tei and first.metadata.title != "滨江日报" and first.metadata.date != "2024-01-01"


def _in_worker(data: bytes) -> converter.Result:
    return converter.convert(data, formats=("tei",))  # a Result is pickled back to the parent


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_works_inside_a_multiprocessing_worker(method):
    data = SEED.read_bytes()
    with multiprocessing.get_context(method).Pool(1) as pool:
        from_worker = pool.map(_in_worker, [data, data])
    assert from_worker == [converter.convert(data, formats=("tei",))] * 2


@pytest.mark.parametrize("call, wording", [
    (lambda: converter.convert(b"\x00\x01\x02\x03" * 200), "binary"),
    (lambda: converter.convert(b"\xff\xfe\xfd" * 50, encoding="utf-8"), "utf-8"),
    (lambda: converter.convert("text, not bytes"), "bytes"),  # type: ignore[arg-type]
    (lambda: converter.convert(SEED.read_bytes(), formats=("pdf",)), "formats"),
    (lambda: converter.convert(SEED.read_bytes(), script="latin"), "script"),  # type: ignore[arg-type]
    (lambda: converter.convert(SEED.read_bytes(), metadata={"colour": "red"}), "colour"),
    (lambda: converter.convert(SEED.read_bytes(), metadata={"date": "yesterday"}), "date"),
])
def test_bad_input_raises_input_error_in_one_line(call, wording):
    with pytest.raises(InputError) as caught:
        call()
    message = str(caught.value)
    assert wording in message.lower() and "\n" not in message and message
