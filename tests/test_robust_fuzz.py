"""Property tests over random and mutated editions: no exception but a News2teiError
escapes, every output validates, and character conservation holds."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conservation import conservation_problems
from converter.conversion import ConvertOptions, convert_bytes, convert_file
from converter.decode import decode
from converter.errors import InputError, News2teiError
from converter.pipeline import edition_from_bytes
from converter.validate import validate_tei

ROOT = Path(__file__).parent.parent
SEED_LINES = (ROOT / "seeds" / "000_627fccb794dc0fc3.txt").read_text(encoding="utf-8").splitlines()
SCHEMA = jsonschema.Draft202012Validator(json.loads((ROOT / "schemas" / "edition.schema.json").read_text()))
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NEWSPAPER = list("简讯新华社北京电记者本报讯發展頭髮乾了报道摄（）《》“”「」，。、：；！？●①②A01版上接下转0123456789 ")
SPECIAL = ["\n", "\n\n", "\r\n", "\r", "\f", "\t", "\u3000", "\x00", "\x07", "\x1b", "\x0b", "\ufeff", "\u2028",
           "\x85", "\ufffe", "（上接A01版①）", "（下转A03版）", "陈啸虎 摄", "1.", "2024年2月6日 星期二"]
PIECES = st.sampled_from(NEWSPAPER) | st.sampled_from(SPECIAL) | st.characters(blacklist_categories=("Cs",))


def texts(max_size: int) -> st.SearchStrategy[str]:
    return st.lists(PIECES, max_size=max_size).map("".join)


@st.composite
def mutated_editions(draw) -> str:
    """A stretch of the seed, then deleted, duplicated, shuffled lines and inserted junk."""
    start = draw(st.integers(0, len(SEED_LINES) - 80))
    lines = SEED_LINES[start:start + draw(st.integers(3, 80))]
    for _ in range(draw(st.integers(0, 8))):
        i = draw(st.integers(0, len(lines) - 1)) if lines else 0
        action = draw(st.sampled_from(["delete", "duplicate", "shuffle", "insert", "junk", "page"]))
        if action == "delete" and lines:
            del lines[i]
        elif action == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif action == "shuffle":
            lines[i:i + 5] = draw(st.permutations(lines[i:i + 5]))
        elif action == "insert":
            lines.insert(i, draw(texts(30)))
        elif action == "junk" and lines:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(texts(4)) + lines[i][at:]
        elif action == "page":
            lines.insert(i, "\f")
    return "\n".join(lines)


def _conserved(data: bytes) -> None:
    try:
        edition = edition_from_bytes(data)
    except InputError:
        return  # a clear refusal (empty, binary...) is a correct answer
    assert conservation_problems(decode(data).text, edition) == {}


@SETTINGS
@given(texts(400))
def test_random_text_never_raises_and_conserves(text):
    _conserved(text.encode("utf-8"))


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise_anything_but_a_news2tei_error(data):
    _conserved(data)


@SETTINGS
@given(mutated_editions(), st.sampled_from(["utf-8", "utf-16", "gb18030"]))
def test_mutated_editions_conserve_in_any_encoding(text, codec):
    _conserved(text.encode(codec, errors="ignore"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(mutated_editions(), st.sampled_from(["keep", "hans", "hant", "tw", "hk"]), st.booleans())
def test_mutated_editions_give_valid_outputs(tmp_path, text, script, keep_breaks):
    options = ConvertOptions(formats=("tei", "json"), script=script, keep_breaks=keep_breaks)
    try:
        converted = convert_bytes(text.encode("utf-8"), options)
    except InputError:
        return
    assert not [p for p in validate_tei(converted.outputs["tei"]) if p.level == "error"]
    SCHEMA.validate(json.loads(converted.outputs["json"]))
    assert conservation_problems(decode(text.encode("utf-8")).text, converted.edition) == {}


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated_editions())
def test_convert_file_with_every_format_raises_only_news2tei_errors(tmp_path, text):
    source = tmp_path / "edition.txt"
    source.write_text(text, encoding="utf-8")
    try:
        _, written = convert_file(source, tmp_path / "out", ConvertOptions(formats=("tei", "epub", "json")))
    except News2teiError:
        return
    assert [p.suffix for p in written] == [".xml", ".epub", ".json"] and all(p.stat().st_size for p in written)
