"""Reading a file a user or a save points at, safely: size-limited, never a FIFO;
and the one stamp of a file that says whether it changed.

Light and free of the rest of the store (no pydantic, no TinyDB), so the deck
loader and the welcome screen's list of couples share it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or OSError saying why not.

    Opened without blocking (a FIFO cannot hang us), checked with ``fstat`` on
    the open file (a device or FIFO is refused unread), and never read past
    ``limit`` + 1 bytes, whatever the file claims its size is.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        too_large = OSError(errno.EFBIG, f"larger than {_size(limit)}, too large to be read")
        if info.st_size > limit:
            raise too_large
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise too_large
        return b"".join(chunks)
    finally:
        os.close(fd)


# What changes whenever a save file does: every save replaces its file (a new
# inode), and an edit in place changes its size or its time.
FileStamp = tuple[int, int, int]


def file_stamp(path: Path) -> FileStamp | None:
    """``path``'s (inode, size, modification time in ns), or None if it cannot be seen."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
