"""Crash-safe files: every write goes to a temp file that replaces the original.

TinyDB's stock JSONStorage rewrites its file in place and truncates afterwards;
a kill in between leaves broken JSON. ``AtomicJSONStorage`` never does that.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .errors import CorruptSave, SaveFailed

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_MARK = ".tmp-"


def make_private_dir(path: Path) -> None:
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o777 != DIR_MODE:
        os.chmod(path, DIR_MODE)


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old or the new file.

    Temp file in the same folder, flush, fsync, ``os.replace``, fsync the folder.
    """
    temp = path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        if durable:
            _fsync_dir(path.parent)
    except OSError as error:
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass
        raise SaveFailed(path, error) from error


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stray_temps(folder: Path) -> int:
    """Delete temp files a killed process left behind. Returns how many."""
    removed = 0
    if folder.is_dir():
        for temp in folder.glob(f".*{TEMP_MARK}*"):
            try:
                temp.unlink()
                removed += 1
            except OSError:
                pass
    return removed


def read_json(path: Path) -> Any:
    """Parse a save file, or raise CorruptSave naming it."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CorruptSave(path, error.strerror or str(error)) from error
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, ValueError) as error:
        raise CorruptSave(path, f"not valid JSON ({error})") from error


class AtomicJSONStorage(Storage):
    """A TinyDB storage with atomic, optionally batched, writes.

    The data is read once and kept in memory; ``hold()`` batches many TinyDB
    operations into one atomic write.
    """

    def __init__(self, path: str | Path, durable: bool = True, read_only: bool = False) -> None:
        self.path = Path(path)
        self.durable = durable
        self.read_only = read_only
        self._data: dict[str, dict[str, Any]] | None = None
        self._loaded = False
        self._holding = 0
        self._dirty = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        if not self._loaded:
            self._loaded = True
            if self.path.exists():
                data = read_json(self.path)
                if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
                    raise CorruptSave(self.path, "not a Nuzzle save (unexpected layout)")
                self._data = data
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise SaveFailed(self.path, PermissionError("opened read-only"))
        self._data = data
        self._loaded = True
        if self._holding:
            self._dirty = True
        else:
            self._flush()

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Batch the writes made inside into a single atomic write."""
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1
        if not self._holding and self._dirty:
            self._flush()

    def _flush(self) -> None:
        self._dirty = False
        payload = json.dumps(self._data, ensure_ascii=False, separators=(",", ":"))
        atomic_write(self.path, payload.encode("utf-8"), self.durable)
