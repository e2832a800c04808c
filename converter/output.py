"""Atomic output: each file is written to a temporary `.part` file beside its target,
then renamed, so an interrupted run never leaves a truncated TEI or EPUB behind; the
outputs of one edition appear all together or not at all. A `.part` file names the
process writing it, so one left by a killed process can be told from one being written."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, BinaryIO, Iterator

from .errors import OutputError


def _file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()
SPOOL_MEMORY = 32 << 20  # bytes kept in memory before a spool moves to a temporary file
_PART = re.compile(r"\..+\.(?P<pid>\d+)\.[^.]+\.part")  # .NAME.PID.RANDOM.part


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
    with _all_or_nothing() as parts, parts.open(Path(path)) as handle:
        yield handle


def write_all_or_nothing(contents: dict[Path, IO[bytes]]) -> None:
    """Each target gets its content (read from the start), or none does: when one cannot
    be written (a full disk), the files already there are left as they were."""
    with _all_or_nothing() as parts:
        for path, source in contents.items():
            source.seek(0)
            with parts.open(path) as handle:
                shutil.copyfileobj(source, handle)


class _Parts:
    """Temporary files beside their targets, renamed onto them together."""

    def __init__(self) -> None:
        self.made: list[tuple[str, Path]] = []  # (temporary file, target)
        self.renamed: list[Path] = []
        self.current: Path | None = None  # the target being written or renamed, for the error

    def open(self, path: Path) -> BinaryIO:
        self.current = path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent)
        self.made.append((tmp, path))
        return os.fdopen(fd, "wb")

    def commit(self) -> None:
        for tmp, path in self.made:
            self.current = path
            os.chmod(tmp, _FILE_MODE)  # mkstemp makes 0600; outputs get the usual mode
            os.replace(tmp, path)
            self.renamed.append(path)

    def discard(self) -> None:
        """No temporary file left, and no target of a set renamed only in part."""
        for path in [Path(tmp) for tmp, _ in self.made] + self.renamed:
            with suppress(OSError):
                path.unlink(missing_ok=True)


@contextmanager
def _all_or_nothing() -> Iterator[_Parts]:
    parts = _Parts()
    try:
        yield parts
        parts.commit()
    except BaseException as exc:
        parts.discard()
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {parts.current}: {exc.strerror or exc}") from None
        raise


def sweep_stale_parts(directory: Path) -> None:
    """Remove the `.part` files in `directory` whose writing process is gone (killed)."""
    try:
        names = os.listdir(directory)
    except OSError:  # not made yet: nothing to sweep
        return
    for name in names:
        m = _PART.fullmatch(name)
        if m and not _running(int(m["pid"])):
            (Path(directory) / name).unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # somebody else's process
        return True
    return True
