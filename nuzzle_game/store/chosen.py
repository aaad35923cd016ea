"""``nuzzle restore PROFILE --backup FILE``: put back one chosen backup, of any kind.

What the file is decides where it goes: a state (``backups/state-….json``) in
place of state.json, with the love maps' base it names; a love maps' base
(``lovemaps-….json``) in place of lovemaps.json, if it goes with state.json; a
month of the history (``history-YYYY-MM.json``) or an archive part
(``archive-NNNN.json``) in its place. Only this couple's: another couple's file
is refused naming whose it is, and so is anything that is not a regular file
(read unread). The file it replaces is kept beside it under a new name.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from nuzzle_game.core.models import Couple
from nuzzle_game.store.atomic import RawTables, copy_private, make_private_dir, read_tables
from nuzzle_game.store.checkup import load
from nuzzle_game.store.documents import Owner
from nuzzle_game.store.errors import CONTENT_ERRORS, SaveError, TooNew
from nuzzle_game.store.layout import ARCHIVE, HISTORY, LOVEMAPS, STATE
from nuzzle_game.store.migrations import SCHEMA_VERSION, schema_version
from nuzzle_game.store.restore import load_with_a_base, with_its_base

if TYPE_CHECKING:
    from nuzzle_game.store.folder import SaveFolder

_MONTH_NAME = re.compile(r"(\d{4}-\d{2})\.json$")
_PART_NAME = re.compile(r"(\d{4})\.json$")


def kind_of(tables: RawTables) -> str | None:
    """What a save file holds, by its tables: "state", "lovemaps", "month", "archive"."""
    if "couple" in tables:
        return "state"
    if "love_maps" in tables:
        return "lovemaps"
    if "games" in tables:
        return "month"
    if "answers" in tables or "months" in tables:
        return "archive"
    return None


def use_backup(folder: SaveFolder, profile: str, backup: Path) -> str:
    """Put ``backup`` back where a file of its kind goes; returns what was done."""
    directory = folder.profile_dir(profile)
    state = directory / STATE
    try:
        current_version = schema_version(read_tables(state))
    except (SaveError, *CONTENT_ERRORS):
        current_version = 0
    if current_version > SCHEMA_VERSION:  # never roll a newer save back
        raise TooNew(state, current_version, SCHEMA_VERSION)
    try:
        tables = read_tables(backup)  # a FIFO or a device is refused unread
        kind = kind_of(tables)
        if kind == "state":
            return _state(folder, profile, backup, tables)
        owner = _owner_now(state, profile)
        if kind == "lovemaps":
            return _base(folder, profile, backup)
        if kind == "month":
            return _month(folder, profile, backup, owner)
        if kind == "archive":
            return _part(folder, profile, backup, owner)
    except TooNew:
        raise
    except SaveError as error:
        reason = getattr(error, "reason", str(error))
        raise SaveError(f"cannot restore from {backup}: {reason}; nothing was changed.") from None
    raise SaveError(
        f"cannot restore from {backup}: it is not a backup of a Nuzzle save (no state, love maps, "
        "month of games or archived answers in it); nothing was changed."
    )


def _owner_now(state: Path, profile: str) -> Owner:
    """Whose files the profile holds: its state's couple (only its profile's name,
    if state.json cannot be read)."""
    try:
        return load(state, profile).owner
    except SaveError:
        return Owner(profile, None)


def _put(folder: SaveFolder, profile: str, backup: Path, target: Path) -> str:
    """Copy ``backup`` to ``target``, keeping the file there under a new name."""
    from nuzzle_game.store.backups import set_aside

    make_private_dir(target.parent, inside=folder.profile_dir(profile))
    kept = set_aside(target, "replaced", folder.clock) if target.exists() or target.is_symlink() else None
    copy_private(backup, target)
    return f" The file it replaced was kept as {kept}." if kept else ""


def _month(folder: SaveFolder, profile: str, backup: Path, owner: Owner) -> str:
    from nuzzle_game.store.months import read_month

    games = read_month(backup, owner)
    named = _MONTH_NAME.search(backup.name)
    months = {f"{game.started_at:%Y-%m}" for _, game in games}
    month = named.group(1) if named else (months.pop() if len(months) == 1 else None)
    if month is None:
        raise SaveError(f"cannot tell which month {backup} holds (name it history-YYYY-MM.json); nothing was changed.")
    target = folder.profile_dir(profile) / HISTORY / f"{month}.json"
    kept = _put(folder, profile, backup, target)
    count = f"{len(games)} game{'s' * (len(games) != 1)}"
    return f"Restored {HISTORY}/{target.name} from {backup}, a month of the history ({count}).{kept}"


def _part(folder: SaveFolder, profile: str, backup: Path, owner: Owner) -> str:
    from nuzzle_game.store.archive import read_part

    read_part(backup, owner)
    named = _PART_NAME.search(backup.name)
    if named is None:
        raise SaveError(f"cannot tell which archive part {backup} is (name it archive-NNNN.json); nothing was changed.")
    target = folder.profile_dir(profile) / ARCHIVE / f"{named.group(1)}.json"
    kept = _put(folder, profile, backup, target)
    return f"Restored {ARCHIVE}/{target.name} from {backup}, a part of the archive.{kept}"


def _base(folder: SaveFolder, profile: str, backup: Path) -> str:
    directory = folder.profile_dir(profile)
    load(directory / STATE, profile, base=backup)  # it must be the love maps state.json goes with
    kept = _put(folder, profile, backup, directory / LOVEMAPS)
    return f"Restored {LOVEMAPS} from {backup}, the love maps {STATE} goes with.{kept}"


def _state(folder: SaveFolder, profile: str, backup: Path, tables: RawTables) -> str:
    """Put the chosen backup in place of state.json, if it is this couple's state."""
    directory = folder.profile_dir(profile)
    state = directory / STATE
    if schema_version(tables) > SCHEMA_VERSION:
        raise TooNew(backup, schema_version(tables), SCHEMA_VERSION)
    theirs = _couple_in(tables)
    current = _couple_of(state, profile)
    if theirs is not None and current is not None and not _same_couple(current, theirs):
        raise SaveError(
            f"{backup} holds the saves of {_names(theirs)} (profile '{theirs.profile}'), not of "
            f"{_names(current)} (profile '{profile}'); nothing was changed."
        )
    if theirs is not None and current is None and theirs.profile != profile:
        raise SaveError(
            f"{backup} holds the saves of {_names(theirs)} (profile '{theirs.profile}'), not of "
            f"profile '{profile}'; nothing was changed."
        )
    base = load_with_a_base(directory, backup, profile)
    kept = None
    if state.exists() or state.is_symlink():
        from nuzzle_game.store.backups import set_aside

        kept = set_aside(state, "replaced" if current is not None else "damaged", folder.clock)
    copy_private(backup, state)
    line = f"Restored '{profile}' from {backup}." + (f" The replaced state was kept as {kept}." if kept else "")
    return " ".join([line, *with_its_base(directory, base, folder.clock)])


def _couple_in(tables: RawTables) -> Couple | None:
    """The couple a state's tables name, if they name one."""
    try:
        return Couple.model_validate(tables["couple"]["1"])
    except (KeyError, ValidationError):
        return None


def _couple_of(state: Path, profile: str) -> Couple | None:
    """The couple of the current state.json, or None if it cannot be read (or is
    another couple's)."""
    try:
        return load(state, profile).state.couple
    except SaveError:
        try:  # a damaged state may still name its couple
            couple = _couple_in(read_tables(state))
        except SaveError:
            return None
        return couple if couple is not None and couple.profile == profile else None


def _same_couple(a: Couple, b: Couple) -> bool:
    return a.profile == b.profile and _folded(a) == _folded(b)


def _folded(couple: Couple) -> list[str]:
    return sorted(p.name.casefold() for p in couple.players)


def _names(couple: Couple) -> str:
    return " & ".join(p.name for p in couple.players)
