"""The Python API for pipelines: one call, bytes in, outputs in memory.

    import converter
    result = converter.convert(data, formats=("tei", "json"), script="hans")
    result.tei, result.json, result.diagnostics, result.counts

Every call is independent: nothing a call does changes what a later call returns (the
only state kept between calls is compiled patterns, schemas and templates, which no
input changes), so it is safe to call from threads' worker processes (Dask, Spark,
multiprocessing). Errors raise `converter.errors.News2teiError` (bad input:
`InputError`), whose message is one line for a person."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, get_args

from .model import Counts, Diagnostic, Metadata, ScriptOption

__all__ = ["Result", "convert"]


@dataclass(frozen=True)
class Result:
    """What one conversion made. An output not asked for is None."""

    tei: bytes | None
    epub: bytes | None
    json: bytes | None
    diagnostics: tuple[Diagnostic, ...]
    counts: Counts
    metadata: Metadata  # as resolved: options, then what the text says
    encoding: str  # the codec the input was decoded with


def convert(data: bytes, *, formats: Iterable[str] = ("tei", "epub"), script: ScriptOption = "keep",
            vertical: bool = False, keep_breaks: bool = False, encoding: str | None = None,
            metadata: Mapping[str, Any] | None = None, name: str | None = None) -> Result:
    """Convert one edition's bytes.

    formats: any of "tei", "epub", "json"; script: "keep", "hans", "hant", "tw", "hk";
    encoding: None to detect; metadata: what `--title`, `--date`, `--pages`… give on the
    command line (keys as in a `.meta.toml` file); name: the file name the edition came
    from, recorded in the TEI and read for a date as the CLI reads it. No file is read:
    metadata a CLI run would take from a `.meta.toml` beside the input is given here."""
    from .conversion import FORMATS, ConvertOptions, convert_bytes
    from .errors import InputError

    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError("convert() takes the edition's bytes (encode text first)")
    wanted = (formats,) if isinstance(formats, str) else tuple(formats)
    unknown = sorted(set(wanted) - set(FORMATS))
    if unknown or not wanted:
        raise InputError(f"unknown or no formats {unknown}: choose from {', '.join(FORMATS)}")
    if script not in get_args(ScriptOption):
        raise InputError(f"unknown script {script!r}: choose from {', '.join(get_args(ScriptOption))}")
    options = ConvertOptions.build(dict(metadata or {}), formats=wanted, script=script,
                                   vertical=vertical, keep_breaks=keep_breaks, encoding=encoding)
    done = convert_bytes(bytes(data), options, name=name)
    return Result(done.outputs.get("tei"), done.outputs.get("epub"), done.outputs.get("json"),
                  done.diagnostics, done.counts, done.meta, done.encoding)
