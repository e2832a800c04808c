"""Convert one edition to its outputs: the glue the CLI and batch share.

bytes -> decode -> metadata (options, metadata files, inference) -> pipeline ->
TEI / EPUB (made from the TEI read back) / JSON -> atomic files."""
from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .decode import decode
from .errors import InputError, News2teiError, ValidationError
from .metadata import Source, beside, checked, from_file_name, from_text, load_toml, resolve
from .model import Diagnostic, Edition, Metadata, ScriptOption
from .output import write_atomic
from .pipeline import source_and_edition

FORMATS = ("tei", "epub", "json")
SUFFIXES = {"tei": ".tei.xml", "epub": ".epub", "json": ".json", "inspect": ".html"}
DEFAULT_FORMATS = ("tei", "epub")


@dataclass(frozen=True)
class ConvertOptions:
    formats: tuple[str, ...] = DEFAULT_FORMATS
    script: ScriptOption = "keep"
    vertical: bool = False
    keep_breaks: bool = False
    encoding: str | None = None  # None: detect
    metadata: dict[str, Any] = field(default_factory=dict)  # from options, validated
    run_metadata: Source | None = None  # a metadata file for every input (--metadata)
    inspect: bool = False  # also the inspect page (proof sheet), <stem>.html

    @classmethod
    def build(cls, given: dict[str, Any] | None = None, metadata_file: Path | None = None,
              **options: Any) -> ConvertOptions:
        """Options with the metadata given on the command line and in a run-wide file, validated."""
        run = Source(str(metadata_file), load_toml(metadata_file), explicit=True) if metadata_file else None
        return cls(metadata=checked(given or {}, "command line"), run_metadata=run, **options)

    @property
    def outputs(self) -> tuple[str, ...]:
        """What a conversion writes: the formats, and the inspect page when asked for."""
        return self.formats + (("inspect",) if self.inspect else ())

    def fingerprint(self, source: Path | None = None) -> str:
        """Changes whenever an output of `source` could: the options, the metadata
        files that apply, and the tool version."""
        extra = beside(source) if source else None
        state = {"version": _tool_version(), "options": asdict(self),
                 "beside": extra.read_bytes().hex() if extra and extra.is_file() else None}
        return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class Converted:
    edition: Edition
    encoding: str  # the codec the input was decoded with
    outputs: dict[str, bytes]  # format -> file content, in the order asked for
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds


def convert_bytes(data: bytes, options: ConvertOptions, path: Path | None = None) -> Converted:
    """Convert an edition's bytes; `path` (the input file) names it and finds its metadata."""
    clock = _Clock()
    decoded = decode(data, options.encoding)
    clock.lap("decode")
    resolved = resolve(_metadata_sources(decoded.text, options, path))
    meta = Metadata(source_name=path.name if path else None, script=options.script, **resolved.values)
    lines, edition = source_and_edition(decoded.text, meta)
    edition = replace(edition, diagnostics=(decoded.diagnostic(), *resolved.diagnostics, *edition.diagnostics))
    clock.lap("structure")
    outputs = render(edition, options, clock)
    if options.inspect:
        from .inspect import inspect_html

        outputs["inspect"] = inspect_html(edition, lines).encode("utf-8")
        clock.lap("inspect")
    return Converted(edition, decoded.encoding, outputs, clock.laps)


def convert_file(path: Path, outdir: Path, options: ConvertOptions = ConvertOptions(),
                 stem: str | None = None) -> tuple[Converted, list[Path]]:
    """Convert `path` to OUTDIR/<stem><suffix> for each format; return what was written."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    converted = convert_bytes(data, options, path)
    clock = _Clock()
    written = []
    for fmt, content in converted.outputs.items():
        target = Path(outdir) / f"{stem or output_stem(path)}{SUFFIXES[fmt]}"
        write_atomic(target, content)
        written.append(target)
    converted.timings["write"] = clock.lap("write")
    return converted, written


def render(edition: Edition, options: ConvertOptions, clock: _Clock | None = None) -> dict[str, bytes]:
    clock = clock or _Clock()
    outputs: dict[str, bytes] = {}
    if {"tei", "epub"} & set(options.formats):
        from .tei.writer import tei_bytes

        tei = outputs["tei"] = tei_bytes(edition, keep_breaks=options.keep_breaks)
        _check_valid(tei)
        clock.lap("tei")
        if "epub" in options.formats:
            from .epub.writer import epub_bytes
            from .tei.reader import read_tei

            # The EPUB is made from the TEI read back: the archival master is what readers get.
            outputs["epub"] = epub_bytes(read_tei(tei), vertical=options.vertical)
            clock.lap("epub")
    if "json" in options.formats:
        from .jsonexport import json_bytes

        outputs["json"] = json_bytes(edition)
        clock.lap("json")
    return {fmt: outputs[fmt] for fmt in options.formats}


def _check_valid(tei: bytes) -> None:
    """Every TEI written validates (project schema and Schematron); anything else is a bug."""
    from .validate import validate_tei

    errors = validate_tei(tei, warnings=False)
    if errors:
        raise ValidationError(f"the TEI made from it does not validate (a bug, please report it): "
                              f"line {errors[0].line}: {errors[0].message}")


def _metadata_sources(text: str, options: ConvertOptions, path: Path | None) -> list[Source]:
    """Strongest first: options, the input's own metadata file, the run's, inference."""
    sources = [Source("command line", options.metadata, explicit=True)]
    if path and beside(path).is_file():
        sources.append(Source(beside(path).name, load_toml(beside(path)), explicit=True))
    if options.run_metadata:
        sources.append(options.run_metadata)
    named = from_file_name(path.name) if path else None
    return sources + ([named] if named else []) + from_text(text)


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_MAX_NAME_BYTES = 200  # file systems allow 255; leave room for suffixes and temp names


def safe_name(name: str) -> str:
    """One path component that cannot leave its directory: no separators, no "..",
    no hidden files, no control characters, not too long."""
    clean = _UNSAFE.sub("_", name).strip().lstrip(".")
    return clean.encode("utf-8")[:_MAX_NAME_BYTES].decode("utf-8", "ignore") or "_"


def output_stem(path: Path) -> str:
    name = Path(path).name
    return safe_name(name[:-4] if name.lower().endswith(".txt") else name)


def diagnostic_line(name: str, diagnostic: Diagnostic) -> str:
    where = f"{name}:{diagnostic.span.first}" if diagnostic.span else name
    return f"{where}: {diagnostic.level}: {diagnostic.message} [{diagnostic.code}]"


def failure_message(exc: BaseException) -> str:
    """One line for any failure: a user's error as is, a bug marked as one."""
    if isinstance(exc, News2teiError):
        return str(exc)
    return f"internal error ({type(exc).__name__}: {exc}); please report it (--debug shows the traceback)"


@lru_cache(maxsize=1)
def _tool_version() -> str:
    from importlib.metadata import version

    return version("news2tei")


class _Clock:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> float:
        now = time.perf_counter()
        self.laps[name] = round(now - self._last, 4)
        self._last = now
        return self.laps[name]
