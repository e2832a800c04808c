"""Where the time of one conversion goes, stage by stage (run in a fresh process).

`python bench/stages.py profile EDITION.txt [REPEATS]` prints JSON: the import
time of the modules `convert` needs, then each stage's CPU milliseconds in the
first conversion of the process (cold: its imports, schema and template
compilation, OpenCC tables) and the fastest of REPEATS more (warm). The stages
are called one by one as converter/conversion.py calls them, and the TEI they make
is checked to be the one `convert_bytes` makes, so the profile cannot drift
from the real path.

`python bench/stages.py corpus FILE...` prints JSON: the mean CPU milliseconds
of each stage per edition over the files, warm (the batch's view).

`python bench/stages.py scale FILE...` prints JSON: for each file, its size and
the CPU milliseconds of normalisation and of the structure stage (segment,
classify, attach: lines -> model)."""
from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

_started = time.process_time()
from converter.conversion import ConvertOptions, _metadata_sources, convert_bytes  # noqa: E402
from converter.assemble import build_edition  # noqa: E402
from converter.decode import decode  # noqa: E402
from converter.metadata import apply_page_labels, resolve  # noqa: E402
from converter.model import Edition, Metadata  # noqa: E402
from converter.normalize import split_lines  # noqa: E402
from converter.script import ambiguities, detect_language  # noqa: E402
from converter.source import clear_line_caches  # noqa: E402

IMPORT_MS = (time.process_time() - _started) * 1000


class _Laps:
    def __init__(self) -> None:
        self.ms: dict[str, float] = {}

    def __call__(self, name, function, *args, **kwargs):
        started = time.process_time()
        result = function(*args, **kwargs)
        self.ms[name] = self.ms.get(name, 0.0) + (time.process_time() - started) * 1000
        return result


def convert_by_stage(data: bytes, path: Path, options: ConvertOptions = ConvertOptions()) -> tuple[dict, bytes]:
    from converter.epub.writer import epub_bytes
    from converter.tei.reader import read_tei
    from converter.tei.writer import tei_bytes
    from converter.validate import validate_tei

    lap = _Laps()
    decoded = lap("decode", decode, data, options.encoding)
    resolved = lap("metadata", lambda: resolve(_metadata_sources(decoded.text, options, path, path.name)))
    meta = Metadata(source_name=path.name, script=options.script, **resolved.values)
    lines, _ = lap("normalise", split_lines, decoded.text)
    meta = replace(meta, language=lap("script", detect_language, decoded.text))
    lap("script", ambiguities, lines, meta.script)
    edition: Edition = lap("segment/classify", lambda: apply_page_labels(build_edition(lines, meta)))
    tei = lap("TEI write", tei_bytes, edition)
    lap("validate", validate_tei, tei)
    back = lap("TEI read back", read_tei, tei)
    lap("EPUB write", epub_bytes, back)
    return lap.ms, tei


def profile(path: Path, repeats: int) -> dict:
    data = path.read_bytes()
    cold, tei = convert_by_stage(data, path)
    warm = [convert_by_stage(data, path)[0] for _ in range(repeats)]
    if tei != convert_bytes(data, ConvertOptions(formats=("tei",)), path).outputs["tei"]:
        raise SystemExit("bench/stages.py no longer follows converter/conversion.py: update convert_by_stage")
    return {"import_ms": IMPORT_MS, "cold_ms": cold, "warm_ms": {k: min(w[k] for w in warm) for k in cold}}


def corpus(paths: list[Path]) -> dict:
    """Mean CPU ms per edition and stage over many editions, warm (after one)."""
    convert_by_stage(paths[0].read_bytes(), paths[0])
    totals: dict[str, float] = {}
    failed = 0
    for path in paths:
        try:
            laps, _ = convert_by_stage(path.read_bytes(), path)
        except Exception:  # counted: the batch reports the same editions as failed
            failed += 1
            continue
        for stage, ms in laps.items():
            totals[stage] = totals.get(stage, 0.0) + ms
    done = len(paths) - failed
    return {"editions": done, "failed": failed, "mean_ms": {k: v / done for k, v in totals.items()}}


def scale(paths: list[Path]) -> list[dict]:
    rows = []
    build_edition(split_lines(paths[0].read_text(encoding="utf-8"))[0], Metadata())  # warm-up: lazy tables
    for path in paths:
        text = path.read_text(encoding="utf-8")
        clear_line_caches()  # the warm-up's lines are the 1x input's: each size starts cold
        lap = _Laps()
        lines, _ = lap("normalise", split_lines, text)
        lap("segment/classify", build_edition, lines, Metadata(language="zh-Hans"))
        rows.append({"file": str(path), "bytes": path.stat().st_size, "lines": len(lines), **lap.ms})
    return rows


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    runs: dict[str, Callable[[list[Path]], dict | list]] = {"corpus": corpus, "scale": scale}
    result: dict | list
    if command == "profile":
        result = profile(Path(args[0]), int(args[1]) if len(args) > 1 else 5)
    else:
        result = runs[command]([Path(a) for a in args])
    json.dump(result, sys.stdout, ensure_ascii=False)
