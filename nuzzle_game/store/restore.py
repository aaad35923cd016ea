"""``nuzzle restore``: repair what a backup can repair, and never lose a file.

Only the files that do not read are touched (``checkup``: damaged, another
couple's, or missing where the state says they are). A ``game.json`` is set
aside (the game in progress is lost, nothing else); a ``state.json`` is replaced
by the most recently written backup of this couple's that reads, with the love
maps' base that backup names (so its stats and love maps are of one moment); a
``lovemaps.json`` by the most recent copy kept in ``backups/`` that goes with
state.json; a month of the history or an archive part by its copy in
``backups/``. A replaced file is always kept beside it under a new name, never
deleted or overwritten. A save made by a newer Nuzzle is refused, never
"repaired" by going back to an older backup. ``--backup FILE`` puts back one
chosen backup, of any kind (``chosen``).

"Reads fine" means exactly what export reads: the state, the game in progress,
every month of the history and every archive part the state counts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from nuzzle_game.clock import Clock
from nuzzle_game.store.atomic import copy_private, lock_profile, make_private_dir
from nuzzle_game.store.backups import archive_backup, base_backups, month_backup, set_aside, state_backups
from nuzzle_game.store.checkup import Problem, find_problem, load
from nuzzle_game.store.documents import Owner
from nuzzle_game.store.errors import CorruptSave, NoSuchProfile, SaveError, TooNew
from nuzzle_game.store.layout import ARCHIVE, BACKUPS, GAME, HISTORY, LOVEMAPS, STATE
from nuzzle_game.store.migrations import SCHEMA_VERSION

if TYPE_CHECKING:
    from nuzzle_game.store.folder import SaveFolder


def restore(folder: SaveFolder, profile: str, backup: Path | None = None) -> list[str]:
    """Repair ``profile``; returns what was done, one line each."""
    from nuzzle_game.store.chosen import use_backup

    directory = folder.profile_dir(profile)
    if not directory.is_dir():
        raise NoSuchProfile(profile, folder.root)
    lock = lock_profile(directory, profile)
    try:
        done: list[str] = []
        if backup is not None:
            done.append(use_backup(folder, profile, Path(backup)))
        done += _repair(folder, profile)
        return done or [f"Nothing to restore: '{profile}' reads fine."]
    finally:
        lock.release()


def _repair(folder: SaveFolder, profile: str) -> list[str]:
    directory = folder.profile_dir(profile)
    done: list[str] = []
    seen: set[Path] = set()
    while (problem := find_problem(folder, profile)) is not None:
        if isinstance(problem.error, TooNew):
            raise TooNew(problem.path, problem.error.version, SCHEMA_VERSION)
        if problem.path in seen:  # repaired once and still damaged: stop here
            raise _cannot(problem, done)
        seen.add(problem.path)
        if problem.kind == "game":
            kept = set_aside(problem.path, problem.label, folder.clock)
            done.append(
                f"{GAME}, the game in progress, could not be read ({problem.reason}); it was set "
                f"aside as {kept}. Finished games and love maps are untouched."
            )
        elif problem.kind == "state":
            done += _replace_state(directory, problem, done, folder.clock)
        elif problem.kind == "lovemaps":
            done += _replace_base(directory, problem, done, folder.clock)
        else:
            owner = load(directory / STATE, profile).owner  # the state reads by now
            done += _replace_part(directory, problem, done, folder.clock, owner)
    return done


def load_with_a_base(directory: Path, state: Path, profile: str | None) -> Path:
    """Load ``state`` (a backup, say) with the love maps' base it names: the profile's
    lovemaps.json or a copy of it in backups/, the one of that very name first (a base
    written after it also loads, but holds the entries as they were later: a backup
    put back with it would mix two moments). Returns the base it loaded with; raises
    the first failure if none goes."""
    wanted = _base_named(state)
    bases = [directory / LOVEMAPS, *base_backups(directory)]
    bases.sort(key=lambda base: wanted is None or _base_name(base) != wanted)  # stable: the exact one first
    first: CorruptSave | None = None
    for base in bases:
        try:
            load(state, profile, base=base)
            return base
        except CorruptSave as error:
            if error.path != base:  # the state's own damage
                raise
            first = first or error
    assert first is not None
    raise first


def _meta(path: Path) -> dict[str, object]:
    """A save file's meta document, or none if it cannot be read."""
    from nuzzle_game.store.atomic import read_tables

    try:
        return dict((read_tables(path).get("meta") or {}).get("1", {}))
    except SaveError:
        return {}


def _base_named(state: Path) -> object:
    return _meta(state).get("lovemaps")


def _base_name(base: Path) -> object:
    return _meta(base).get("id")


def _replace_state(directory: Path, problem: Problem, done: list[str], clock: Clock) -> list[str]:
    good = base = None
    for candidate in state_backups(directory):  # the most recently written first
        try:
            base = load_with_a_base(directory, candidate, directory.name)
        except SaveError:
            continue
        good = candidate
        break
    if good is None or base is None:
        raise _cannot(problem, done, f"no backup of this couple's in {directory / BACKUPS} reads either")
    kept = set_aside(problem.path, problem.label, clock) if problem.path.exists() else None
    copy_private(good, problem.path)
    lines = [f"Restored '{directory.name}' from {good} ({problem.path.name}: {problem.reason})."]
    if kept:
        lines.append(
            f"The {'other couple’s' if problem.label == 'other-couple' else 'damaged'} state was kept as {kept}."
        )
    return lines + with_its_base(directory, base, clock)  # the love maps as they were at that backup's moment


def _replace_base(directory: Path, problem: Problem, done: list[str], clock: Clock) -> list[str]:
    """Put back the most recent copy of lovemaps.json that goes with state.json."""
    good = None
    for candidate in base_backups(directory):  # the most recently written first
        try:
            load(directory / STATE, directory.name, base=candidate)
        except SaveError:
            continue
        good = candidate
        break
    if good is None:
        raise _cannot(problem, done, f"no copy of it in {directory / BACKUPS} goes with {STATE}")
    kept = None if problem.missing else set_aside(problem.path, problem.label, clock)
    copy_private(good, problem.path)
    line = (
        f"{LOVEMAPS}, the love maps, could not be read ({problem.reason}); it was restored from {good}, "
        "the copy kept when it was last read (the entries changed since are in state.json)."
    )
    return [line + (f" The file that was there was kept as {kept}." if kept else "")]


def _replace_part(directory: Path, problem: Problem, done: list[str], clock: Clock, owner: Owner) -> list[str]:
    """Put back a month of the history, or an archive part, from its copy in backups/."""
    from nuzzle_game.store.archive import read_part
    from nuzzle_game.store.months import read_month

    check: Callable[[Path], object]
    if problem.kind == "month":
        backup, name, check = month_backup(directory, problem.path.name), HISTORY, lambda path: read_month(path, owner)
        which = "as it was before its last game was filed (that game still counts in your stats and love maps)"
    else:
        backup, name, check = archive_backup(directory, problem.path.name), ARCHIVE, lambda path: read_part(path, owner)
        which = "the copy kept when it was written"
    try:
        check(backup)
    except SaveError:
        raise _cannot(problem, done, f"its backup {backup} is missing, damaged or not this couple's either") from None
    kept = None if problem.missing else set_aside(problem.path, problem.label, clock)
    make_private_dir(problem.path.parent, inside=directory)
    copy_private(backup, problem.path)
    what = f"{name}/{problem.path.name}"
    if problem.missing:
        return [f"{what} was {problem.reason}; it was restored from {backup}, {which}."]
    if problem.label == "other-couple":
        return [
            f"{what} {problem.reason}: it was set aside as {kept}, and this couple's own copy "
            f"restored from {backup}, {which}."
        ]
    return [
        f"{what} could not be read ({problem.reason}); it was restored from {backup}, {which}. "
        f"The damaged file was kept as {kept}."
    ]


def with_its_base(directory: Path, base: Path, clock: Clock) -> list[str]:
    """Put back the love maps' base a restored state.json goes with, if it is not there."""
    here = directory / LOVEMAPS
    if base == here:
        return []
    later = set_aside(here, "later", clock) if here.exists() or here.is_symlink() else None
    copy_private(base, here)
    return [
        f"{LOVEMAPS} was restored too, from {base}, the love maps that backup goes with"
        + (f"; the later one was kept as {later}." if later else ".")
    ]


def _cannot(problem: Problem, done: list[str], why: str = "") -> SaveError:
    name = f"{HISTORY}/{problem.path.name}" if problem.kind == "month" else problem.path.name
    text = (
        f"{problem.path} is {problem.reason}"
        if problem.missing
        else f"{problem.path} cannot be read ({problem.reason})"
    )
    text += f" and {why}" if why else f" and no backup of {name} repairs it"
    text += "; " + (" ".join(done) if done else "nothing was changed.")
    return SaveError(text)
