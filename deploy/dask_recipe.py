"""news2tei over an archive with Dask, through the Python API (docs/api.md).

    python deploy/dask_recipe.py ARCHIVE OUT [SCHEDULER_ADDRESS]

Without an address it runs on Dask's local scheduler (worker processes on this
machine); with one, on that cluster's (dask.distributed). Each edition's TEI and JSON go
to OUT at its path under ARCHIVE; OUT/report.jsonl has one line per edition, in the
format of `news2tei batch --report`, so `news2tei report merge` reads it."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import dask.bag as db

import converter
from converter.errors import News2teiError

EDITIONS_PER_PARTITION = 200  # a worker's first edition pays for the start-up; spread it over many


def convert_one(path: str, archive: str, out: str) -> dict:
    """Convert one edition, write its outputs, return its report line (never raises on bad input)."""
    source = Path(path)
    stem = Path(out, source.relative_to(archive)).with_name(source.name[:-4])
    try:
        result = converter.convert(source.read_bytes(), formats=("tei", "json"), name=source.name)
    except (News2teiError, OSError) as exc:
        return {"input": path, "status": "error", "error": str(exc)}
    stem.parent.mkdir(parents=True, exist_ok=True)
    for suffix, data in ((".tei.xml", result.tei), (".json", result.json)):
        assert data is not None  # asked for
        part = Path(f"{stem}{suffix}.part")
        part.write_bytes(data)
        os.replace(part, f"{stem}{suffix}")  # never a half-written output
    counts = {"pages": result.counts.pages, "articles": result.counts.articles}
    return {"input": path, "status": "ok", "error": None, "language": result.metadata.language, **counts}


def convert_archive(archive: str, out: str, scheduler: str | None = None) -> list[dict]:
    paths = sorted(str(p) for p in Path(archive).rglob("*.txt"))
    bag = db.from_sequence(paths, partition_size=EDITIONS_PER_PARTITION).map(convert_one, archive, out)
    if scheduler:
        from dask.distributed import Client

        with Client(scheduler):
            return bag.compute()
    return bag.compute(scheduler="processes")


if __name__ == "__main__":
    archive, out, *address = sys.argv[1:]
    records = convert_archive(archive, out, *address)
    Path(out).mkdir(parents=True, exist_ok=True)
    Path(out, "report.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                         encoding="utf-8")
    failed = sum(r["status"] != "ok" for r in records)
    print(f"{len(records)} edition(s): {len(records) - failed} converted, {failed} failed", file=sys.stderr)
    sys.exit(1 if failed else 0)
