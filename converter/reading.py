"""Reading a file a user names, safely: only a regular file is read (a FIFO would block
for ever, a device like /dev/zero never ends), and never more than a limit."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import InputError

MAX_INPUT_MB = 512  # an edition larger than this is refused (--max-size): it would take gigabytes
_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def read_regular(path: Path, limit_mb: int, limit_name: str) -> bytes:
    """The bytes of `path`, a regular file of at most `limit_mb` MB (`limit_name` says
    how to change the limit), else an InputError; OSError if it cannot be read at all."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # opening a FIFO must not wait for a writer
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        kind = next((name for test, name in _KINDS if test(mode)), None)
        if kind or not stat.S_ISREG(mode):
            raise InputError(f"not a regular file ({kind or 'special'}); not read")
        data = handle.read((limit_mb << 20) + 1)  # the size may change while it is read
    if len(data) > limit_mb << 20:
        raise InputError(f"larger than the limit of {limit_mb} MB ({limit_name}); not read")
    return data
