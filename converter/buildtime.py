"""When an edition's outputs were made, the reproducible-builds way
(https://reproducible-builds.org/specs/source-date-epoch/): SOURCE_DATE_EPOCH when
set, else the input file's modification time. Never the issue's date, so the
same file converted again gives the same bytes."""
from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

ISO_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def source_date_epoch() -> datetime | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return _utc(int(epoch)) if epoch.isdigit() else None


def build_time(path: Path | None) -> str | None:
    """ISO 8601 UTC time of the conversion of `path` (None: no file and no SOURCE_DATE_EPOCH)."""
    moment = source_date_epoch()
    if moment is None and path is not None and path.is_file():
        moment = _utc(int(path.stat().st_mtime))
    return moment.strftime(ISO_FORMAT) if moment else None


def parse_iso(value: str) -> datetime | None:
    """A time written by `build_time` (or any ISO date-time), naive UTC; None when it is not one."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment


def _utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc).replace(tzinfo=None)
