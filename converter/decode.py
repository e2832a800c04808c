"""bytes -> str: byte-order marks, UTF-8, GB18030/GBK, Big5; detected or forced.

Decoding is always strict: a byte sequence that is not valid in the chosen encoding
is an error naming its offset, never replacement characters (mojibake). Detection
tries UTF-8 first (valid UTF-8 is almost never an accident), then the legacy CJK
encodings, which accept much of each other's bytes: among those that decode, the one
whose text is made of the most common characters wins. A detected legacy decoding is
refused when it is implausible: mostly rare characters, more than a trace of private-use
or unassigned ones, or a line that is UTF-8 text (a file of mixed encodings, whose
UTF-8 lines the legacy codec would turn into mojibake). `--encoding` forces a codec."""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .errors import InputError
from .model import Diagnostic

_BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 LE first: its BOM starts like UTF-16 LE's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ("gb18030", "big5", "cp950", "big5hkscs")  # ties go to the earlier one
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (EPUB, DOCX...)"),
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip file"), (b"\x7fELF", "an executable"),
)
_CONTROLS = "[\x00-\x08\x0b\x0e-\x1f\x7f]"  # tab, line ends and form feed are text
_CONTROL, _CONTROL_BYTES = re.compile(_CONTROLS), re.compile(_CONTROLS.encode())
BINARY_CONTROL_SHARE = 0.1  # more control characters than this: not text
PLAUSIBLE_COMMON_SHARE = 0.6  # right decodings score > 0.95, cross-decodings ~0.4
# Private-use and unassigned characters among the non-ASCII ones: 0 in every fixture
# edition in every legacy encoding; a wrong decoding (Big5 bytes read as GB18030) makes many.
PLAUSIBLE_ODD_SHARE = 0.01
_SAMPLE = 1 << 20  # plausibility and binary checks look at the first MiB
_LINE_END = re.compile(r"\r\n?|\n")
# In text decoded with surrogateescape (bytes that are not UTF-8 become U+DC80-U+DCFF):
# a line end, then a line that is all UTF-8 and not all ASCII. Possessive, so linear;
# starting with a character class, so the regex engine skips ahead to line ends.
_UTF8_LINE = re.compile("[\r\n][\x00-\x09\x0b\x0c\x0e-\x7f]*+"
                        "[^\x00-\x7f\udc80-\udcff][^\r\n\udc80-\udcff]*+(?=[\r\n]|\\Z)")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the Python codec used
    detected: bool  # False when the user forced the encoding

    def diagnostic(self) -> Diagnostic:
        how = "detected" if self.detected else "as requested"
        return Diagnostic("encoding", "info", f"decoded as {self.encoding} ({how})")


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode an edition; raise InputError for empty, binary or undecodable input."""
    if not data:
        raise InputError("input is empty")
    _refuse_known_binary(data)
    decoded = _forced(data, encoding) if encoding else _detected(data)
    _refuse_binary(decoded.text[:_SAMPLE])
    if not decoded.text.strip():
        raise InputError("input is empty (whitespace only)")
    return decoded


def text_codec(encoding: str) -> str:
    """The Python codec for an encoding name; InputError unless it decodes bytes to text
    (rot13 and base64 are codecs too)."""
    try:
        codec = codecs.lookup(encoding).name
        b"a".decode(codec)  # LookupError for a codec that is not a text encoding
    except LookupError:
        raise InputError(f"unknown or non-text encoding {encoding!r}") from None
    except ValueError:
        pass  # a text encoding in which this byte alone is not text (UTF-16...)
    return "utf-8-sig" if codec == "utf-8" else codec  # a BOM is not part of the text


def _forced(data: bytes, encoding: str) -> Decoded:
    codec = text_codec(encoding)
    return Decoded(_strict(data, codec), codec, detected=False)


def _detected(data: bytes) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data, codec), codec, detected=True)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", detected=True)
    except UnicodeDecodeError as exc:
        failures = [exc]
    _refuse_binary(data[:_SAMPLE])
    candidates: list[Decoded] = []
    for codec in _LEGACY:
        try:
            candidates.append(Decoded(data.decode(codec), codec, detected=True))
        except UnicodeDecodeError as exc:
            failures.append(exc)
    if not candidates:
        raise InputError(_undecodable_message(data, failures) + "; pass --encoding if you know it")
    censuses = {c.encoding: _wide_census(c.text[:_SAMPLE]) for c in candidates}
    best = max(candidates, key=lambda c: _common_count(censuses[c.encoding]))
    implausible = _implausible(censuses[best.encoding])
    if implausible:
        raise InputError(
            f"cannot decode input: not UTF-8 (invalid byte at offset {failures[0].start}), and as "
            f"{best.encoding} it would be {implausible}; pass --encoding if you know it")
    _refuse_utf8_lines(data, best.encoding)
    return best


def _refuse_utf8_lines(data: bytes, codec: str) -> None:
    """InputError at the first line that is UTF-8 and reads better so than in `codec`.
    Lines decode on their own: no GB18030 or Big5 byte after a character's first is a
    line end."""
    as_utf8 = data.decode("utf-8", "surrogateescape")  # bytes that are not UTF-8: lone surrogates
    for match in _UTF8_LINE.finditer("\n" + as_utf8):  # a line end before each line, the first too
        if _reads_better_as_utf8(match.group()[1:], codec):
            start = match.start()  # of the line in as_utf8
            number = len(_LINE_END.findall(as_utf8, 0, start)) + 1
            offset = len(as_utf8[:start].encode("utf-8", "surrogateescape"))
            raise InputError(
                f"mixed encodings: line {number} (byte offset {offset}) is UTF-8 text, the rest {codec}; "
                "convert the file to one encoding, or pass --encoding to force one")


def _reads_better_as_utf8(line: str, codec: str) -> bool:
    share = _common_share(_wide_census(line))
    return share >= PLAUSIBLE_COMMON_SHARE and share > _common_share(_wide_census(line.encode("utf-8").decode(codec)))


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(_undecodable_message(data, [exc])) from None


def _undecodable_message(data: bytes, failures: list[UnicodeDecodeError]) -> str:
    # The encoding that got furthest is most likely the real one, with a damaged byte.
    furthest = max(failures, key=lambda exc: exc.start)
    others = [exc.encoding for exc in failures if exc is not furthest]
    tried = f" (nor as {', '.join(others)})" if others else ""
    return (f"cannot decode input as {furthest.encoding}: invalid byte 0x{data[furthest.start]:02x} "
            f"at byte offset {furthest.start}{tried}")


def _refuse_known_binary(data: bytes) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"looks like a binary file ({kind}), not extracted text")


def _refuse_binary(sample: str | bytes) -> None:
    controls = _CONTROL.findall(sample) if isinstance(sample, str) else _CONTROL_BYTES.findall(sample)
    share = len(controls) / max(1, len(sample))
    if share > BINARY_CONTROL_SHARE:
        raise InputError(f"looks like a binary file ({share:.0%} control characters); "
                         "if it is UTF-16/32 text without a byte-order mark, pass --encoding")


def _wide_census(text: str) -> dict[str, int]:
    """How often each non-ASCII character occurs in `text`."""
    return {c: n for c, n in Counter(text).items() if c > "\x7f"}


def _common_count(census: dict[str, int]) -> int:
    common = common_characters()
    return sum(n for c, n in census.items() if c in common)


def _common_share(census: dict[str, int]) -> float:
    return _common_count(census) / sum(census.values()) if census else 1.0


def _implausible(census: dict[str, int]) -> str | None:
    """What makes a decoding with this census an unlikely one, if anything."""
    if _common_share(census) < PLAUSIBLE_COMMON_SHARE:
        return "mostly rare characters"
    odd = sum(n for c, n in census.items() if unicodedata.category(c) in ("Co", "Cn")) / max(1, sum(census.values()))
    return f"{odd:.1%} private-use or unassigned characters" if odd > PLAUSIBLE_ODD_SHARE else None


@lru_cache(maxsize=1)
def common_characters() -> frozenset[str]:
    """Characters of everyday Chinese text, taken from the encodings' own layout:
    GB2312's symbol rows and level-1 hanzi (the 3755 most used Simplified
    characters) and Big5's symbols and level-1 "常用字" (5401 Traditional)."""
    ranges = (
        ("gb2312", [*range(0xA1, 0xAA), *range(0xB0, 0xD8)], range(0xA1, 0xFF)),
        ("big5", range(0xA1, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
    )
    chars: set[str] = set()
    for codec, leads, trails in ranges:
        for lead in leads:
            for trail in trails:
                try:
                    chars.update(bytes((lead, trail)).decode(codec))
                except UnicodeDecodeError:
                    pass  # unassigned code point
    return frozenset(chars)
