"""Convert one edition to its outputs: the glue the CLI and batch share.

bytes -> decode -> metadata (options, metadata files, inference) -> pipeline ->
TEI / EPUB (made from the TEI read back) / JSON -> atomic files."""
from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Sequence

from . import __version__
from .buildtime import build_time
from .columns import one_column
from .decode import decode
from .errors import InputError, News2teiError, ValidationError
from .metadata import Source, beside_file, checked, from_file_name, from_text, load_toml, resolve
from .model import Counts, Diagnostic, Edition, Metadata, ScriptOption
from .output import spool, write_all_or_nothing
from .pipeline import Part, edition_parts, joined
from .reading import MAX_INPUT_MB, read_regular
from .source import SourceLine

if TYPE_CHECKING:
    from lxml import etree

    from .epub.writer import EpubStream
    from .tei.writer import TeiStream

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
    max_size: int = MAX_INPUT_MB  # MB: a larger input is refused

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
        extra = beside_file(source) if source else None
        state = {"version": __version__, "options": asdict(self),
                 "beside": load_toml(extra) if extra else None}
        return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class Converted:
    meta: Metadata
    diagnostics: tuple[Diagnostic, ...]
    counts: Counts
    encoding: str  # the codec the input was decoded with
    outputs: dict[str, bytes]  # format -> file content, in the order asked for (convert_bytes only)
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds
    edition: Edition | None = None  # the whole model (convert_bytes only)


def convert_bytes(data: bytes, options: ConvertOptions, path: Path | None = None,
                  name: str | None = None) -> Converted:
    """Convert an edition's bytes, in memory; `path` (the input file) names it and finds its
    metadata, or `name` names it (read as a file name is) when there is no file."""
    converted, spools = _convert(data, options, path, keep=True, name=name)
    converted.outputs = {fmt: _read(made) for fmt, made in spools.items()}
    return converted


def convert_file(path: Path, outdir: Path, options: ConvertOptions = ConvertOptions(),
                 stem: str | None = None) -> tuple[Converted, list[Path]]:
    """Convert `path` to OUTDIR/<stem><suffix> for each format; return what was written.
    Only a stretch of the edition is in memory at a time (see pipeline.py): outputs are
    spooled (to a temporary file when large) and written, atomically, when all are made."""
    path = Path(path)
    converted, spools = _convert(read_input(path, options), options, path, keep=False)
    clock = _Clock()
    targets = {Path(outdir) / f"{stem or output_stem(path)}{SUFFIXES[fmt]}": made for fmt, made in spools.items()}
    try:
        write_all_or_nothing(targets)
    finally:
        for made in spools.values():
            made.close()
    written = list(targets)
    converted.timings["write"] = clock.lap("write")
    return converted, written


def read_input(path: Path, options: ConvertOptions) -> bytes:
    """An edition's bytes: a regular file within the size limit, else an InputError."""
    try:
        return read_regular(path, options.max_size, "--max-size")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def _convert(data: bytes, options: ConvertOptions, path: Path | None, keep: bool,
             name: str | None = None) -> tuple[Converted, dict[str, IO[bytes]]]:
    """decode -> metadata -> (structure -> outputs), stretch by stretch; `keep` keeps the model."""
    clock = _Clock()
    decoded = decode(data, options.encoding)
    clock.lap("decode")
    name = path.name if path else name
    reading = one_column(decoded.text)
    resolved = resolve(_metadata_sources(reading.text, options, path, name))
    meta = Metadata(source_name=name, converted=build_time(path), script=options.script, **resolved.values)
    outputs = Outputs(options, clock, hashlib.sha256(data).hexdigest())
    kept: list[Part] = []
    counts = Counts.none()
    diagnostics = [decoded.diagnostic(), *resolved.diagnostics]
    for part in edition_parts(reading.text, meta, reading=reading):
        clock.lap("structure")
        meta = part.edition.meta  # with the language found in the text
        outputs.add(part)
        counts += Counts.of(part.edition)
        diagnostics += part.edition.diagnostics
        if keep or options.inspect or "json" in options.formats:
            kept.append(part)
    lines, edition = joined(kept) if kept else ([], None)
    if edition:
        edition = replace(edition, diagnostics=tuple(diagnostics))
    spools = outputs.close(edition, lines)
    reported = tuple(in_input_lines(d, reading.origin) for d in diagnostics)
    converted = Converted(meta, reported, replace(counts, diagnostics=len(diagnostics)),
                          decoded.encoding, {}, clock.laps, edition if keep else None)
    return converted, spools


class Outputs:
    """The formats asked for, made stretch by stretch into spools. The EPUB is made
    from each stretch's TEI read back: the archival master is what readers get."""

    def __init__(self, options: ConvertOptions, clock: _Clock, source_digest: str) -> None:
        self.options, self.clock = options, clock
        self.source_digest = source_digest  # names the edition in the JSON when no identifier is given
        self.spools: dict[str, IO[bytes]] = {fmt: spool() for fmt in options.outputs}
        self.tei: TeiStream | None = None
        self.epub: EpubStream | None = None
        self.pages = 0  # written so far
        if "tei" in options.formats:
            from .tei.writer import TeiStream

            self.tei = TeiStream(options.keep_breaks)

    def add(self, part: Part) -> None:
        if not {"tei", "epub"} & set(self.options.formats):
            return
        blank_stretch = not part.edition.pages and (self.pages or not part.last)
        if not blank_stretch:  # (an edition with no page at all still fails, as it should)
            render(part, self)
            self.pages += len(part.edition.pages)

    def close(self, edition: Edition | None, lines: list[SourceLine]) -> dict[str, IO[bytes]]:
        if self.tei is not None:
            self.tei.close(self.spools["tei"])
            self.clock.lap("tei")
        if self.epub is not None:
            self.epub.close()
            self.clock.lap("epub")
        if edition is not None:  # kept whenever JSON or the inspect page is asked for
            self._write_whole(edition, lines)
        return {fmt: self.spools[fmt] for fmt in self.options.outputs}

    def _write_whole(self, edition: Edition, lines: list[SourceLine]) -> None:
        """The outputs made from the whole edition at once."""
        if "json" in self.spools:
            from .jsonexport import json_bytes

            self.spools["json"].write(json_bytes(edition, self.source_digest))
            self.clock.lap("json")
        if "inspect" in self.spools:
            from .proof import inspect_html

            self.spools["inspect"].write(inspect_html(edition, lines).encode("utf-8"))
            self.clock.lap("inspect")


def render(part: Part, outputs: Outputs) -> None:
    """One stretch into the TEI (validated) and the EPUB."""
    from .tei.secure import parse_tei
    from .tei.writer import tei_bytes

    tei = tei_bytes(part.edition, keep_breaks=outputs.options.keep_breaks)
    tree = parse_tei(tei, trusted=True)  # once, for validating and for reading back
    _check_valid(tree, tei)
    if outputs.tei is not None:
        outputs.tei.add(part.edition, tei)
    outputs.clock.lap("tei")
    if "epub" in outputs.options.formats:
        from .epub.writer import EpubStream
        from .tei.reader import edition_of

        back = edition_of(tree)
        if outputs.epub is None:
            outputs.epub = EpubStream(outputs.spools["epub"], back.meta, outputs.options.vertical)
        outputs.epub.add(back, last=part.last)
        outputs.clock.lap("epub")


def _read(spool: IO[bytes]) -> bytes:
    spool.seek(0)
    data = spool.read()
    spool.close()
    return data


def _check_valid(tree: etree._ElementTree, tei: bytes) -> None:
    """Every TEI written validates (project schema and Schematron); anything else is a bug."""
    from .validate import tree_problems

    errors = tree_problems(tree, tei, warnings=False)
    if errors:
        raise ValidationError(f"the TEI made from it does not validate (a bug, please report it): "
                              f"line {errors[0].line}: {errors[0].message}")


def _metadata_sources(text: str, options: ConvertOptions, path: Path | None, name: str | None) -> list[Source]:
    """Strongest first: options, the input's own metadata file, the run's, inference (from
    the name and the text)."""
    sources = [Source("command line", options.metadata, explicit=True)]
    extra = beside_file(path) if path else None
    if extra:
        sources.append(Source(extra.name, load_toml(extra), explicit=True))
    if options.run_metadata:
        sources.append(options.run_metadata)
    named = from_file_name(name) if name else None
    return sources + ([named] if named else []) + from_text(text)


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|\ud800-\udfff]')  # (surrogates: bytes not UTF-8)
_MAX_NAME_BYTES = 200  # file systems allow 255; leave room for suffixes and temp names
_NAME_DIGEST = 8  # hex digits of the whole name's hash that end a shortened name


def safe_name(name: str) -> str:
    """One path component that cannot leave its directory: no separators, no "..",
    no hidden files, no control characters, not too long. A shortened name ends with a
    hash of the whole one, so two long names that begin alike stay apart."""
    clean = _UNSAFE.sub("_", name).strip().lstrip(".") or "_"
    encoded = clean.encode("utf-8")
    if len(encoded) <= _MAX_NAME_BYTES:
        return clean
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:_NAME_DIGEST]
    return encoded[:_MAX_NAME_BYTES - _NAME_DIGEST - 1].decode("utf-8", "ignore") + "~" + digest


def output_stem(path: Path) -> str:
    name = Path(path).name
    return safe_name(name[:-4] if name.lower().endswith(".txt") else name)


def in_input_lines(diagnostic: Diagnostic, origin: Sequence[int] | None) -> Diagnostic:
    """`diagnostic` pointing at the input's lines where pages were read column after column."""
    if origin is None or diagnostic.span is None:
        return diagnostic
    return replace(diagnostic, span=diagnostic.span.to_input(origin))


def diagnostic_line(name: str, diagnostic: Diagnostic) -> str:
    where = f"{name}:{diagnostic.span.first}" if diagnostic.span else name
    return f"{where}: {diagnostic.level}: {diagnostic.message} [{diagnostic.code}]"


def failure_message(exc: BaseException) -> str:
    """One line for any failure: a user's error as is, a bug marked as one."""
    if isinstance(exc, News2teiError):
        return str(exc)
    return f"internal error ({type(exc).__name__}: {exc}); please report it (--debug shows the traceback)"


class _Clock:
    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> float:
        """Time since the last lap, added to `name`'s (a stage runs once per stretch)."""
        now = time.perf_counter()
        self.laps[name] = round(self.laps.get(name, 0.0) + now - self._last, 4)
        self._last = now
        return self.laps[name]
