"""Shards of a batch for a cluster's scheduler, and their reports joined again.

`news2tei batch --shard K/N` converts only the inputs of shard K: an input belongs to
the shard its path relative to its SRC_DIR hashes to, so the assignment depends on
that path alone, never on which other files exist or the order they are listed in.
N array tasks (Slurm, a Kubernetes indexed Job) each given a K cover an archive once;
files added later fall into a shard without moving any other. Each shard writes its
own JSONL report; `news2tei report merge` joins them."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePath

from .errors import InputError

HASH_BYTES = 8  # of a SHA-256: spreads paths evenly over any practical number of shards


@dataclass(frozen=True)
class Shard:
    index: int  # K, from 0
    count: int  # N

    @classmethod
    def parse(cls, text: str) -> Shard:
        """K/N with 0 <= K < N; ValueError otherwise."""
        index, slash, count = text.partition("/")
        if not (slash and index.strip().isdigit() and count.strip().isdigit()):
            raise ValueError(f"K/N (shard K of N, K from 0 to N-1), not {text!r}")
        shard = cls(int(index), int(count))
        if not 0 <= shard.index < shard.count:
            raise ValueError(f"K must be from 0 to N-1 in K/N, not {text!r}")
        return shard

    def holds(self, relative: PurePath) -> bool:
        """Whether the input at `relative` (to its SRC_DIR) is this shard's."""
        digest = hashlib.sha256(os.fsencode(relative.as_posix())).digest()
        return int.from_bytes(digest[:HASH_BYTES], "big") % self.count == self.index


def read_reports(paths: list[Path]) -> list[dict]:
    """The records of several batch reports, ordered by input; an input found twice
    (shards of different N mixed, or a report given twice) is an InputError."""
    found: dict[str, Path] = {}
    records = []
    for path in paths:
        for record in _records(path):
            if record["input"] in found:
                raise InputError(f"{path}: {record['input']} is also in {found[record['input']]}: "
                                 "were the shards run with different N?")
            found[record["input"]] = path
            records.append(record)
    return sorted(records, key=lambda r: r["input"])


def _records(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read report {path}: {getattr(exc, 'strerror', None) or exc}") from None
    return [_record(line, f"{path}:{number}") for number, line in enumerate(lines, 1) if line.strip()]


def _record(line: str, where: str) -> dict:
    try:
        record = json.loads(line)
    except ValueError:
        record = None
    if not (isinstance(record, dict) and isinstance(record.get("input"), str) and "status" in record):
        raise InputError(f"{where}: not a line of a news2tei batch report")
    return record
