"""Atomic output: write to a temporary file beside the target, then rename, so an
interrupted run never leaves a truncated TEI or EPUB behind."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO, Iterator

from .errors import OutputError


def _file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()
SPOOL_MEMORY = 32 << 20  # bytes kept in memory before a spool moves to a temporary file


def spool() -> IO[bytes]:
    """Somewhere to make an output whose size is not known yet: memory while it is
    small, a temporary file once it is not."""
    return tempfile.SpooledTemporaryFile(SPOOL_MEMORY)


def write_atomic(path: Path, data: bytes) -> None:
    with atomic_file(path) as handle:
        handle.write(data)


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A file to write `path` through: it replaces `path` only when the block ends
    without an error, and is removed otherwise."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                yield handle
            os.chmod(tmp, _FILE_MODE)  # mkstemp makes 0600; outputs get the usual mode
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
