"""Where the time of one conversion goes, stage by stage (run in a fresh process).

The real conversion runs (`convert_bytes`, as the CLI and the API call it), with the
functions that make up each stage wrapped in a CPU timer: a stage's time is its
functions' own time, less the time of any other stage's function they call (the
labeller, inside the structure stage, is its own row). What no stage claims (the
glue, generators, spooling) is "other". So the profile cannot drift from the real
path: a function renamed or moved is reported, not silently left out.

`python bench/stages.py profile EDITION.txt [REPEATS]` prints JSON: the import time
of the modules `convert` needs (news2tei's own and what they import beyond the floor's
libraries, which are imported first), then each stage's CPU milliseconds in the first
conversion of the process (cold: lazy imports, pattern, schema and template
compilation, OpenCC tables, the labeller's model) and the fastest of REPEATS more
(warm, the per-line caches emptied first), for TEI+EPUB as `news2tei convert` makes by default.

`python bench/stages.py corpus FILE...` prints JSON: the mean CPU milliseconds of each
stage per edition over the files, warm (the batch's view).

`python bench/stages.py scale FILE...` prints JSON: for each file, its size and the CPU
milliseconds of normalisation, the structure stage (lines -> model) and the labeller
within it.

`python bench/stages.py api EDITION.txt [REPEATS]` prints JSON: CPU milliseconds of
`converter.convert` on the edition, the first call of the process and the fastest of
REPEATS later ones (warm, the per-line caches emptied first), for TEI alone and for TEI+EPUB."""
from __future__ import annotations

import importlib
import json
import sys
import time
from collections.abc import Callable
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import Any

import click  # noqa: E402, F401  (the floor's libraries, imported before the clock starts)
import jinja2  # noqa: E402, F401
import lxml.etree  # noqa: E402, F401
import lxml.isoschematron  # noqa: E402, F401
import opencc  # noqa: E402, F401

with suppress(ImportError):
    importlib.import_module("pycrfsuite")  # the labeller's library, where there is one

_started = time.process_time()
import converter  # noqa: E402
import converter.cli  # noqa: E402, F401
from converter.conversion import ConvertOptions, convert_bytes  # noqa: E402
from converter.normalize import split_lines  # noqa: E402
from converter.pipeline import build_edition  # noqa: E402
from converter.source import clear_line_caches  # noqa: E402

IMPORT_MS = (time.process_time() - _started) * 1000

# stage -> the functions ("module:name" or "module:Class.method") whose own time is its.
STAGES: dict[str, tuple[str, ...]] = {
    "decode": ("converter.conversion:decode",),
    "metadata": ("converter.conversion:_metadata_sources", "converter.conversion:resolve",
                 "converter.conversion:build_time"),
    "normalise": ("converter.pipeline:split_lines",),
    "script": ("converter.pipeline:detect_language", "converter.pipeline:ambiguities"),
    "structure": ("converter.pipeline:build_edition", "converter.pipeline:apply_page_labels"),
    "labeller load": ("converter.labeller.model:Labeller.__init__",),
    "labeller": ("converter.labeller.model:Labeller.label",),
    "TEI write": ("converter.tei.writer:tei_bytes", "converter.tei.writer:TeiStream.add",
                  "converter.tei.writer:TeiStream.close"),
    "validate": ("converter.tei.secure:parse_tei", "converter.conversion:_check_valid"),
    "TEI read back": ("converter.tei.reader:edition_of",),
    "EPUB write": ("converter.epub.writer:EpubStream.__init__", "converter.epub.writer:EpubStream.add",
                   "converter.epub.writer:EpubStream.close"),
    "JSON": ("converter.jsonexport:json_bytes",),
}
OPTIONAL = ("converter.labeller",)  # stages of parts a tree may not have (yet)
TEI_EPUB = ConvertOptions(formats=("tei", "epub"))


class _Timer:
    """Own CPU time per stage: a wrapped call's time less that of the wrapped calls inside it."""

    def __init__(self) -> None:
        self.ms: dict[str, float] = {}
        self._inner: list[float] = []

    def wrap(self, stage: str, function: Callable) -> Callable:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._inner.append(0.0)
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent = (time.process_time() - started) * 1000
                inner = self._inner.pop()
                self.ms[stage] = self.ms.get(stage, 0.0) + spent - inner
                if self._inner:
                    self._inner[-1] += spent
        return timed

    def laps(self, run: Callable[[], Any]) -> tuple[dict[str, float], Any]:
        """Each stage's own ms in `run()`, "other" for the rest, and what `run()` returned."""
        self.ms = {}
        started = time.process_time()
        value = run()
        total = (time.process_time() - started) * 1000
        return {**self.ms, "other": total - sum(self.ms.values()), "total": total}, value


def instrument() -> _Timer:
    timer = _Timer()
    for stage, targets in STAGES.items():
        for target in targets:
            module_name, _, path = target.partition(":")
            try:
                owner: Any = importlib.import_module(module_name)
            except ModuleNotFoundError:
                if module_name.startswith(OPTIONAL):
                    continue
                raise
            *outer, name = path.split(".")
            for part in outer:
                owner = getattr(owner, part)
            if not hasattr(owner, name):
                raise SystemExit(f"bench/stages.py: {target} is gone; update STAGES")
            setattr(owner, name, timer.wrap(stage, getattr(owner, name)))
    return timer


def _uncached(function: Callable, *args: Any) -> Any:
    """A warm run that has not seen these lines: the per-line caches emptied first, so that
    converting the same edition again costs what a new edition of its size would."""
    clear_line_caches()
    return function(*args)


def profile(path: Path, repeats: int) -> dict:
    data = path.read_bytes()
    timer = instrument()
    cold, _ = timer.laps(lambda: convert_bytes(data, TEI_EPUB, path))
    warm = [timer.laps(lambda: _uncached(convert_bytes, data, TEI_EPUB, path))[0] for _ in range(repeats)]
    return {"import_ms": IMPORT_MS, "cold_ms": cold, "warm_ms": {k: min(w.get(k, 0.0) for w in warm) for k in cold}}


def corpus(paths: list[Path]) -> dict:
    """Mean CPU ms per edition and stage over many editions, warm (after one)."""
    timer = instrument()
    convert_bytes(paths[0].read_bytes(), TEI_EPUB, paths[0])
    totals: dict[str, float] = {}
    failed = 0
    for path in paths:
        try:
            laps, _ = timer.laps(partial(convert_bytes, path.read_bytes(), TEI_EPUB, path))
        except Exception:  # counted: the batch reports the same editions as failed
            failed += 1
            continue
        for stage, ms in laps.items():
            totals[stage] = totals.get(stage, 0.0) + ms
    done = len(paths) - failed
    return {"editions": done, "failed": failed, "mean_ms": {k: v / done for k, v in totals.items()}}


def scale(paths: list[Path]) -> list[dict]:
    timer = instrument()
    warm_up = split_lines(paths[0].read_text(encoding="utf-8"))[0]
    build_edition(warm_up, converter.model.Metadata())  # lazy tables, the labeller's model
    rows = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        clear_line_caches()  # the warm-up's lines are the 1x input's: each size starts cold
        normalised, (lines, _) = timer.laps(partial(split_lines, text))
        structured, _ = timer.laps(partial(build_edition, lines, converter.model.Metadata(language="zh-Hans")))
        rows.append({"file": str(path), "bytes": path.stat().st_size, "lines": len(lines),
                     "normalise": normalised["total"], "structure": structured["total"],  # (the labeller within)
                     "labeller": structured.get("labeller", 0.0)})
    return rows


def api(path: Path, repeats: int) -> dict:
    data = path.read_bytes()
    result: dict[str, dict[str, float]] = {}
    for formats in (("tei",), ("tei", "epub")):
        times = []
        for _ in range(repeats + 1):
            clear_line_caches()
            started = time.process_time()
            converter.convert(data, formats=formats)
            times.append((time.process_time() - started) * 1000)
        result["+".join(formats)] = {"first_ms": times[0], "warm_ms": min(times[1:])}
    return result


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    result: Any
    if command in ("profile", "api"):
        result = {"profile": profile, "api": api}[command](Path(args[0]), int(args[1]) if len(args) > 1 else 5)
    else:
        result = {"corpus": corpus, "scale": scale}[command]([Path(a) for a in args])
    json.dump(result, sys.stdout, ensure_ascii=False)
