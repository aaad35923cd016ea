"""Crash-safe files: every write goes to a temp file that replaces the original
(DESIGN §8), in private folders, never through a symbolic link; every read is
size-limited. Also the profile's one-writer lock.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias, cast

from nuzzle_game.store.errors import CorruptSave, NotWritable, ProfileBusy, SaveFailed
from nuzzle_game.store.files import read_limited

if TYPE_CHECKING:
    from filelock import BaseFileLock

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_MARK = ".tmp-"
# A save file is far smaller than this (state.json stays bounded, a month holds a
# month of games); anything larger is not a Nuzzle save and is never read whole.
MAX_SAVE_BYTES = 64 * 1024 * 1024
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# JSON as parsed; a save file's tables (``read_tables``): table name -> document
# number -> document. What the documents hold is checked by the models in ``documents``.
Json: TypeAlias = "str | int | float | bool | list[Json] | dict[str, Json] | None"
JsonObject: TypeAlias = "dict[str, Json]"
RawTables: TypeAlias = "dict[str, dict[str, JsonObject]]"
_temp_count = 0


def make_private_dir(path: Path, inside: Path | None = None) -> None:
    """Create ``path`` (and missing parents) readable by its owner only.

    Only folders created here get mode 0700: a folder that already exists
    keeps its mode, whoever made it. With ``inside``, ``path`` and every folder
    between it and ``inside`` must be real folders, never symbolic links.
    """
    missing: list[Path] = []
    probe = path
    while True:
        try:
            info = os.lstat(probe)
        except FileNotFoundError:
            missing.append(probe)
            if probe.parent == probe:
                break
            probe = probe.parent
            continue
        except OSError as error:
            raise SaveFailed(probe, error) from error
        if not stat.S_ISDIR(info.st_mode) and not (stat.S_ISLNK(info.st_mode) and probe.is_dir()):
            raise SaveFailed(probe, NotADirectoryError(errno.ENOTDIR, "not a folder"))
        break
    if inside is not None:
        _refuse_links(path, inside)
    for folder in reversed(missing):
        try:
            os.mkdir(folder, DIR_MODE)
        except FileExistsError:
            continue  # made meanwhile by another Nuzzle
        except OSError as error:
            raise _refused(folder.parent, error) from error
        try:
            os.chmod(folder, DIR_MODE)  # mkdir's mode is masked by the umask
        except OSError:
            pass


def _refused(folder: Path, error: OSError) -> SaveFailed | NotWritable:
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        return NotWritable(folder, error.strerror or str(error))
    return SaveFailed(folder, error)


def lock_profile(folder: Path, profile: str) -> BaseFileLock:
    """Take the profile's one-writer lock (a ``filelock.FileLock``), or say why not."""
    from filelock import FileLock, Timeout

    make_private_dir(folder)
    path = folder / ".lock"
    refuse_link(path)
    lock = FileLock(path, timeout=0, mode=FILE_MODE)
    try:
        lock.acquire()
    except Timeout as error:
        raise ProfileBusy(profile) from error
    except OSError as error:
        raise _refused(folder, error) from error
    return lock


def _refuse_links(path: Path, inside: Path) -> None:
    """Refuse to write through a symbolic link anywhere from ``inside`` down to ``path``."""
    try:
        parts = path.relative_to(inside).parts
    except ValueError:
        return
    probe = inside
    for part in parts:
        probe = probe / part
        refuse_link(probe)


def refuse_link(path: Path) -> None:
    """Raise SaveFailed if ``path`` is a symbolic link (Nuzzle never writes through one)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise SaveFailed(path, error) from error
    if stat.S_ISLNK(info.st_mode):
        raise SaveFailed(path, OSError(errno.ELOOP, "it is a symbolic link, and Nuzzle never writes through one"))


def atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old or the new file.

    Temp file in the same folder, flush, fsync, ``os.replace``, fsync the folder.
    The temp file is new (``O_EXCL``, never through a link) and a link at
    ``path`` is refused, not replaced.
    """
    global _temp_count
    _temp_count += 1
    temp = path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{_temp_count}")
    refuse_link(path)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, FILE_MODE)
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


def copy_private(source: Path, target: Path, durable: bool = True) -> None:
    """Copy a save file (size-limited, never through a link) as a new private file."""
    try:
        data = read_limited(source, MAX_SAVE_BYTES)
    except OSError as error:
        raise SaveFailed(source, error) from error
    atomic_write(target, data, durable)


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


def read_json(path: Path) -> Json:
    """Parse a save file, or raise CorruptSave naming it (never anything else)."""
    try:
        raw = read_limited(path, MAX_SAVE_BYTES)
    except OSError as error:
        raise CorruptSave(path, error.strerror or str(error)) from error
    try:
        data: Json = json.loads(raw)
        return data
    except RecursionError:
        raise CorruptSave(path, "nested too deeply to be a Nuzzle save") from None
    except (UnicodeDecodeError, ValueError) as error:
        raise CorruptSave(path, f"not valid JSON ({error})") from error


def read_tables(path: Path) -> RawTables:
    """A TinyDB file's tables: an object of tables, each an object of documents."""
    data = read_json(path)
    if not isinstance(data, dict) or not all(
        isinstance(table, dict)
        and all(isinstance(doc, dict) and key.isdigit() and key.isascii() for key, doc in table.items())
        for table in data.values()
    ):  # documents are numbered: TinyDB fails on any other key when it next writes
        raise CorruptSave(path, "not a Nuzzle save (unexpected layout)")
    return cast(RawTables, data)  # its layout checked just above
