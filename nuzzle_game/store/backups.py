"""Backups of a profile's files, kept and rotated in the order they were written.

A backup's name carries a sequence number (``state-n000042-….json``): the
clock is only a label. A clock that ran ahead and came back can neither make a
new backup look old (and be rotated away at once) nor make ``restore`` pick an
older state over a newer one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from nuzzle_game.clock import Clock
from nuzzle_game.store.atomic import copy_private, make_private_dir
from nuzzle_game.store.errors import SaveError

BACKUPS = "backups"
KEEP_BACKUPS = 5
_SEQUENCE = re.compile(r"^state-n(\d+)-")


def _order(path: Path) -> tuple[int, int, str]:
    found = _SEQUENCE.match(path.name)
    # Backups from before numbering (state-<time>.json) are older than any numbered one.
    return (1, int(found.group(1)), path.name) if found else (0, 0, path.name)


def state_backups(profile_dir: Path) -> list[Path]:
    """The backups of state.json, the most recently written first."""
    folder = profile_dir / BACKUPS
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob("state-*.json") if p.is_file() and not p.is_symlink()]
    return sorted(found, key=_order, reverse=True)


def _label(clock: Clock) -> str:
    """The time in a backup's or a set-aside file's name (a label: never its order)."""
    return clock().strftime("%Y%m%dT%H%M%S")


def keep_state_backup(
    profile_dir: Path, state: Path, clock: Clock, durable: bool = True, keep: int = KEEP_BACKUPS
) -> Path | None:
    """Copy ``state`` (known good) among the backups; drop all but the ``keep`` last written.

    A backup that cannot be made never stops a game: returns None then.
    """
    folder = profile_dir / BACKUPS
    try:
        make_private_dir(folder, inside=profile_dir)
        existing = state_backups(profile_dir)
        number = max((_order(p)[1] for p in existing), default=0) + 1
        target = folder / f"state-n{number:06d}-{_label(clock)}.json"
        copy_private(state, target, durable)
        for old in state_backups(profile_dir)[keep:]:
            old.unlink(missing_ok=True)
        return target
    except (OSError, SaveError):
        return None


def month_backup(profile_dir: Path, month_name: str) -> Path:
    """Where the backup of ``history/<month_name>`` lives."""
    return profile_dir / BACKUPS / f"history-{month_name}"


def archive_backup(profile_dir: Path, chunk_name: str) -> Path:
    """Where the backup of ``archive/<chunk_name>`` lives."""
    return profile_dir / BACKUPS / f"archive-{chunk_name}"


def _keep_copy(profile_dir: Path, source: Path, target: Path, durable: bool) -> None:
    """A copy in backups/; a failure to keep it never stops the save it goes with."""
    try:
        make_private_dir(profile_dir / BACKUPS, inside=profile_dir)
        copy_private(source, target, durable)
    except (OSError, SaveError):
        pass


def base_backup(profile_dir: Path, name: str) -> Path:
    """Where the backup of the love maps' base named ``name`` (lovemaps.json) lives."""
    return profile_dir / BACKUPS / f"lovemaps-{name}.json"


def base_backups(profile_dir: Path) -> list[Path]:
    """The backups of lovemaps.json, the most recently written base first (a base's
    name begins with its number)."""
    folder = profile_dir / BACKUPS
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob("lovemaps-*.json") if p.is_file() and not p.is_symlink()]
    return sorted(found, key=lambda p: p.name, reverse=True)


def keep_base_backup(profile_dir: Path, base: Path, name: str, durable: bool = True, keep: int = KEEP_BACKUPS) -> None:
    """Keep the base just read (known good) once, and the ``keep`` last ones.

    State backups are kept at each opening, and each opening keeps the base it read:
    the last few state backups each find theirs among the last few bases.
    """
    target = base_backup(profile_dir, name)
    if target.exists():  # a base is written once under its name, never changed
        return
    _keep_copy(profile_dir, base, target, durable)
    for old in base_backups(profile_dir)[keep:]:
        try:
            old.unlink()
        except OSError:
            pass


def keep_month_backup(profile_dir: Path, month: Path, durable: bool = True) -> None:
    """Keep a month file as it was before a game is added to it."""
    _keep_copy(profile_dir, month, month_backup(profile_dir, month.name), durable)


def keep_archive_backup(profile_dir: Path, chunk: Path, durable: bool = True) -> None:
    """Keep a copy of an archive file, once, as it is written (it never changes)."""
    _keep_copy(profile_dir, chunk, archive_backup(profile_dir, chunk.name), durable)


def set_aside(path: Path, label: str, clock: Clock) -> Path:
    """Move ``path`` beside itself under a new, unused name; never overwrites a file."""
    stamp = _label(clock)
    number = 0
    while True:
        suffix = f"-{number}" if number else ""
        kept = path.with_name(f"{path.stem}.{label}-{stamp}{suffix}{path.suffix}")
        if not os.path.lexists(kept):
            break
        number += 1
    os.rename(path, kept)
    return kept
