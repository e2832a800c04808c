"""Decoding: every supported encoding detected, strictness, clear errors, never mojibake."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from converter.decode import decode
from converter.errors import InputError
from converter.script import convert

ROOT = Path(__file__).parent.parent
SEED = (ROOT / "seeds" / "000_627fccb794dc0fc3.txt").read_text(encoding="utf-8")
EDITIONS = sorted(p for p in (ROOT / "tests" / "fixtures" / "editions").glob("*.txt") if ".gold." not in p.name)
SIMPLIFIED = SEED[:3000]
TRADITIONAL = convert(SIMPLIFIED, "hant")


def _encodable(text: str, codec: str) -> str:
    return "".join(c for c in text if _fits(c, codec))


def _fits(char: str, codec: str) -> bool:
    try:
        char.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def _fits_bytes(line: str, codec: str) -> bool:
    """Whether the UTF-8 bytes of `line` decode in `codec` too."""
    try:
        line.encode("utf-8").decode(codec)
        return True
    except UnicodeDecodeError:
        return False


@pytest.mark.parametrize("text, data, codec", [
    (SIMPLIFIED, SIMPLIFIED.encode("utf-8"), "utf-8"),
    (SIMPLIFIED, codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-sig"),
    (SIMPLIFIED, SIMPLIFIED.encode("utf-16"), "utf-16"),  # native order, with BOM
    (SIMPLIFIED, codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), "utf-16"),
    (SIMPLIFIED, codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), "utf-16"),
    (SIMPLIFIED, SIMPLIFIED.encode("gbk"), "gb18030"),
    (SIMPLIFIED + "𠀀€", (SIMPLIFIED + "𠀀€").encode("gb18030"), "gb18030"),  # 4-byte sequences
    (TRADITIONAL, _encodable(TRADITIONAL, "big5").encode("big5"), "big5"),
    ("abc\r\ndef\rghi\n", b"abc\r\ndef\rghi\n", "utf-8"),  # line ends untouched here
])
def test_detects_each_supported_encoding(text, data, codec):
    decoded = decode(data)
    expected = _encodable(text, "big5") if codec == "big5" else text
    assert (decoded.text, decoded.encoding, decoded.detected) == (expected, codec, True)


def test_simplified_text_in_big5_is_not_taken_for_gbk():
    text = _encodable(SIMPLIFIED, "big5")
    assert decode(text.encode("big5")).encoding == "big5"


def test_forced_encoding_is_used_and_strict():
    data = SIMPLIFIED.encode("gbk")
    assert decode(data, "gbk").text == SIMPLIFIED
    assert decode(data, "GB18030").detected is False
    with pytest.raises(InputError, match=r"cannot decode input as utf-8: invalid byte 0x[0-9a-f]{2} at byte offset 1\b"):
        decode(data, "utf-8")


def test_forced_utf8_drops_the_bom_and_unknown_names_are_refused():
    assert decode(codecs.BOM_UTF8 + "中文".encode(), "utf-8").text == "中文"
    with pytest.raises(InputError, match="unknown or non-text encoding 'klingon'"):
        decode(b"abc", "klingon")
    with pytest.raises(InputError, match="unknown or non-text encoding 'rot13'"):
        decode(b"abc", "rot13")


def test_undecodable_input_names_the_byte_offset_and_never_yields_mojibake():
    data = "第一行\n第二行".encode("utf-8")
    broken = data[:10] + b"\xff" + data[10:]
    with pytest.raises(InputError, match=r"invalid byte 0xff at byte offset 10 "):
        decode(broken)


def test_damaged_utf8_that_decodes_as_rare_gb18030_characters_is_refused():
    # Lines of four CJK characters are 12 UTF-8 bytes: GB18030 pairs them all up.
    data = bytearray(("新闻正文\n" * 50).encode("utf-8"))
    data[2] = 0xC0  # a damaged continuation byte: no longer UTF-8, still "GB18030"
    with pytest.raises(InputError, match=r"not UTF-8 \(invalid byte at offset 0\).*mostly rare characters"):
        decode(bytes(data))


def test_a_legacy_file_with_utf8_lines_is_refused_at_the_first_of_them():
    lines = SIMPLIFIED.splitlines(keepends=True)
    as_utf8 = [n for n, line in enumerate(lines) if n >= 20 and not line.isascii() and _fits_bytes(line, "gb18030")]
    first = as_utf8[0]  # lines whose UTF-8 bytes GB18030 also decodes: silent mojibake, once
    data = b"".join(line.encode("utf-8" if n in as_utf8[:3] else "gb18030") for n, line in enumerate(lines))
    offset = len("".join(lines[:first]).encode("gb18030"))
    with pytest.raises(InputError, match=rf"^mixed encodings: line {first + 1} \(byte offset {offset}\) is UTF-8 "
                                         r"text, the rest gb18030; .*pass --encoding to force one$"):
        decode(data)
    assert decode(data, "gb18030").encoding == "gb18030"  # forced: the user's call


def test_a_legacy_decoding_full_of_private_use_characters_is_refused():
    # GB18030's user-defined rows decode to the Private Use Area: a sign of the wrong codec.
    data = SIMPLIFIED.encode("gb18030") + ("\n" + "\ue000" * 60 + "\n").encode("gb18030")
    with pytest.raises(InputError, match=r"as gb18030 it would be \d+\.\d% private-use or unassigned characters"):
        decode(data)


@pytest.mark.parametrize("codec", ["gb18030", "big5"])
@pytest.mark.parametrize("path", EDITIONS, ids=lambda p: p.stem)
def test_every_fixture_edition_in_a_legacy_encoding_decodes_exactly(path, codec):
    text = _encodable(path.read_text(encoding="utf-8"), codec)
    decoded = decode(text.encode(codec))
    assert decoded.text == text and decoded.encoding in ("gb18030", "big5", "cp950", "big5hkscs")


@pytest.mark.parametrize("data, message", [
    (b"", "input is empty"),
    (" \n\t\r\n\u3000".encode(), r"input is empty \(whitespace only\)"),
    (codecs.BOM_UTF8, r"input is empty \(whitespace only\)"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "looks like a binary file \\(a PDF file\\)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
    (b"PK\x03\x04\x14\x00", "a ZIP archive"),
    (bytes(range(256)) * 4, "looks like a binary file"),
    (b"\x00" * 64 + "中文".encode(), "looks like a binary file"),
    # UTF-16 without a BOM: either way the user is told to pass --encoding
    ("News 2024 新闻".encode("utf-16-le"), "looks like a binary file.*pass --encoding"),
    ("新闻正文报道".encode("utf-16-le"), "cannot decode input.*pass --encoding"),
])
def test_refuses_empty_and_binary_input(data, message):
    with pytest.raises(InputError, match=message):
        decode(data)


def test_a_few_nul_and_control_bytes_are_text_for_normalise_to_drop():
    data = ("新闻正文" * 50 + "\x00\x07" + "继续").encode("utf-8")
    assert "\x00" in decode(data).text


def test_latin_only_text_is_utf8():
    assert decode(b"Hello, world.\n").encoding == "utf-8"


def test_decoded_diagnostic_says_how():
    assert decode(SIMPLIFIED.encode("gbk")).diagnostic().message == "decoded as gb18030 (detected)"
    assert decode(b"abc", "latin-1").diagnostic().message == "decoded as iso8859-1 (as requested)"
