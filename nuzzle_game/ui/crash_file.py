"""Where a traceback goes: a private file in the saves folder, never a terminal.

A traceback can hold a couple's answers, and a terminal can be seen by the
partner (the table's) or be driven by what it prints. ``write_crash_report``
writes one to a new 0600 file; ``PrivateLog`` is the logging handler of the
long-running commands (``nuzzle table``, ``nuzzle serve``): every record is one
escaped line on the terminal, and its traceback, if any, goes to such a file.
No Textual here, so the table starts without it.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from nuzzle_game.core.text import printable

PRIVATE = "private to you: it may hold your answers"


def write_crash_report(folder: Path, error: BaseException, note: str = "") -> Path | None:
    """Write ``error``'s traceback (no local variables) to a new 0600 file; None if nowhere."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    details = "".join(traceback.format_exception(error))
    text = f"Nuzzle crash report, {datetime.now(UTC).isoformat()}\n{note + chr(10) if note else ''}\n{details}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for place in (folder, Path(tempfile.gettempdir())):
        for number in range(100):
            path = place / f"crash-{stamp}{f'-{number}' if number else ''}.txt"
            try:
                if place == folder:
                    from nuzzle_game.store.atomic import make_private_dir

                    make_private_dir(folder)
                fd = os.open(path, flags, 0o600)
            except FileExistsError:
                continue
            except Exception:
                break
            try:
                os.fchmod(fd, 0o600)
                os.write(fd, text.encode("utf-8", "replace"))
            finally:
                os.close(fd)
            return path
    return None


class PrivateLog(logging.Handler):
    """One line per record on ``stream``; a record's traceback only in a crash file.

    At most ``limit`` files are written in one run, so a flood of failing
    connections cannot fill the disk.
    """

    def __init__(self, folder: Path, stream: TextIO | None = None, limit: int = 20) -> None:
        super().__init__(logging.WARNING)
        self.folder, self.stream, self.limit = Path(folder), stream, limit
        self.reports: list[Path] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = record.getMessage()
            error = record.exc_info[1] if record.exc_info else None
            if error is not None:
                path = None
                if len(self.reports) < self.limit:
                    path = write_crash_report(self.folder, error, printable(line))
                if path is not None:
                    self.reports.append(path)
                where = f"the details are in {path}" if path else "its details were not written"
                line = f"{line}; {where} ({PRIVATE})"
            stream = self.stream or sys.stderr
            stream.write(f"nuzzle: {printable(line)}\n")
            stream.flush()
        except Exception:  # a log line must never bring the table down, nor print a traceback
            pass

    def handleError(self, record: logging.LogRecord) -> None:  # logging calls it; print nothing
        pass


def log_privately(folder: Path) -> PrivateLog:
    """From now on, this process's log records go through a ``PrivateLog`` (with a
    handler in place, Python's last-resort printing to stderr is never used)."""
    handler = PrivateLog(folder)
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, PrivateLog)]:
        root.removeHandler(old)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    return handler
