"""``nuzzle restore``: repair what a backup can repair, and never lose a file.

Only damaged files are touched. A damaged ``game.json`` is set aside (the game
in progress is lost, nothing else); a damaged ``state.json`` is replaced by the
most recently written backup that reads, with the love maps' base that backup
names (so its stats and love maps are of one moment); a damaged ``history/`` month file is
replaced by its backup; a damaged (or missing, or mismatched) ``lovemaps.json`` by
the most recent copy of it kept in ``backups/`` that goes with state.json. A replaced file is always kept beside it under a new
name, never deleted or overwritten. A save made by a newer Nuzzle is refused,
never "repaired" by going back to an older backup.

"Reads fine" means exactly what export reads: the state, the game in
progress, and every month of the history.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from nuzzle_game.clock import Clock
from nuzzle_game.core.models import Couple
from nuzzle_game.store.atomic import copy_private, lock_profile, read_tables
from nuzzle_game.store.backups import archive_backup, base_backups, month_backup, set_aside, state_backups
from nuzzle_game.store.errors import CONTENT_ERRORS, CorruptSave, NoSuchProfile, SaveError, TooNew, reading
from nuzzle_game.store.folder import GAME, HISTORY, STATE
from nuzzle_game.store.layout import ARCHIVE, LOVEMAPS
from nuzzle_game.store.migrations import SCHEMA_VERSION, schema_version
from nuzzle_game.store.state_file import GameRead

if TYPE_CHECKING:
    from nuzzle_game.core.state import ProfileState
    from nuzzle_game.store.folder import SaveFolder


class _Problem:
    """A damaged file of the profile: which one, and why."""

    def __init__(self, kind: str, error: SaveError, path: Path) -> None:
        self.kind = kind  # "state", "lovemaps", "game", "month" or "archive"
        self.error = error
        self.path = path

    @property
    def reason(self) -> str:
        return getattr(self.error, "reason", None) or str(self.error)


def restore(folder: SaveFolder, profile: str, backup: Path | None = None) -> list[str]:
    """Repair ``profile``; returns what was done, one line each."""
    directory = folder.profile_dir(profile)
    if not directory.is_dir():
        raise NoSuchProfile(profile, folder.root)
    lock = lock_profile(directory, profile)
    try:
        done: list[str] = []
        if backup is not None:
            done.append(_use_backup(folder, profile, Path(backup)))
        done += _repair(folder, profile)
        return done or [f"Nothing to restore: '{profile}' reads fine."]
    finally:
        lock.release()


# ------------------------------------------------------------------ checking


def _load(state: Path, game: GameRead | None = None, base: Path | None = None) -> ProfileState:
    """The state ``state`` holds, with ``game`` in progress and its love maps on
    ``base`` (by default the lovemaps.json beside it)."""
    from nuzzle_game.store.state_file import load_state

    tables = read_tables(state)
    with reading(state):
        game = game or GameRead(None, None)
        return load_state(tables, state, game, base or state.with_name(LOVEMAPS)).state


def _meta(path: Path, key: str) -> object:
    """``key`` of a save file's meta document, or None if it cannot be read."""
    try:
        return (read_tables(path).get("meta") or {}).get("1", {}).get(key)
    except SaveError:
        return None


def _load_with_a_base(directory: Path, state: Path) -> Path:
    """Load ``state`` (a backup, say) with the love maps' base it names: the profile's
    lovemaps.json or a copy of it in backups/, the one of that very name first (a base
    written after it also loads, but holds the entries as they were later: a backup
    put back with it would mix two moments). Returns the base it loaded with; raises
    the first failure if none goes."""
    wanted = _meta(state, "lovemaps")
    bases = [directory / LOVEMAPS, *base_backups(directory)]
    bases.sort(key=lambda base: wanted is None or _meta(base, "id") != wanted)  # stable: the exact one first
    first: CorruptSave | None = None
    for base in bases:
        try:
            _load(state, base=base)
            return base
        except CorruptSave as error:
            if error.path != base:  # the state's own damage
                raise
            first = first or error
    assert first is not None
    raise first


def find_problem(folder: SaveFolder, profile: str) -> _Problem | None:
    """The first damaged file, in the order export reads them; None if all read."""
    from nuzzle_game.store.loader import ProfileFiles
    from nuzzle_game.store.reader import ProfileReader

    directory = folder.profile_dir(profile)
    state, game = directory / STATE, directory / GAME
    try:
        _load(state)
    except SaveError as error:
        if getattr(error, "path", None) == directory / LOVEMAPS:
            return _Problem("lovemaps", error, directory / LOVEMAPS)
        return _Problem("state", error, state)
    if game.exists() or game.is_symlink():
        try:
            _load(
                state, ProfileFiles(directory, profile).read_game()
            )  # the state read fine alone: what fails is the game
        except SaveError as error:
            return _Problem(
                "game",
                error
                if getattr(error, "path", None) == game
                else CorruptSave(game, getattr(error, "reason", str(error))),
                game,
            )
    try:
        ProfileReader(folder, profile).check()  # exactly what export reads
    except SaveError as error:
        path = getattr(error, "path", None)
        if isinstance(path, Path) and path.parent == directory / HISTORY:
            return _Problem("month", error, path)
        if isinstance(path, Path) and path.parent == directory / ARCHIVE:
            return _Problem("archive", error, path)
        return _Problem("state", error, state)
    return None


# ------------------------------------------------------------------ repairing


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
        if problem.kind == "archive":
            done += _replace_archive(directory, problem, done, folder.clock)
        elif problem.kind == "game":
            kept = set_aside(problem.path, "damaged", folder.clock)
            done.append(
                f"{GAME}, the game in progress, could not be read ({problem.reason}); it was set "
                f"aside as {kept}. Finished games and love maps are untouched."
            )
        elif problem.kind == "state":
            done += _replace_state(directory, problem, done, folder.clock)
        elif problem.kind == "lovemaps":
            done += _replace_base(directory, problem, done, folder.clock)
        else:
            done += _replace_month(directory, problem, done, folder.clock)
    return done


def _replace_state(directory: Path, problem: _Problem, done: list[str], clock: Clock) -> list[str]:
    good = base = None
    for candidate in state_backups(directory):  # the most recently written first
        try:
            base = _load_with_a_base(directory, candidate)
        except SaveError:
            continue
        good = candidate
        break
    if good is None or base is None:
        raise _cannot(problem, done, f"no backup in {directory / 'backups'} reads either")
    kept = set_aside(problem.path, "damaged", clock) if problem.path.exists() else None
    copy_private(good, problem.path)
    lines = [f"Restored '{directory.name}' from {good} ({problem.path.name}: {problem.reason})."]
    if kept:
        lines.append(f"The damaged state was kept as {kept}.")
    return lines + _with_its_base(directory, base, clock)  # the love maps as they were at that backup's moment


def _replace_base(directory: Path, problem: _Problem, done: list[str], clock: Clock) -> list[str]:
    """Put back the most recent copy of lovemaps.json that goes with state.json."""
    good = None
    for candidate in base_backups(directory):  # the most recently written first
        try:
            _load(directory / STATE, base=candidate)
        except SaveError:
            continue
        good = candidate
        break
    if good is None:
        raise _cannot(problem, done, f"no copy of it in {directory / 'backups'} goes with {STATE}")
    there = problem.path.exists() or problem.path.is_symlink()
    kept = set_aside(problem.path, "damaged", clock) if there else None
    copy_private(good, problem.path)
    line = (
        f"{LOVEMAPS}, the love maps, could not be read ({problem.reason}); it was restored from {good}, "
        "the copy kept when it was last read (the entries changed since are in state.json)."
    )
    return [line + (f" The damaged file was kept as {kept}." if kept else "")]


def _replace_month(directory: Path, problem: _Problem, done: list[str], clock: Clock) -> list[str]:
    from nuzzle_game.store.months import read_month

    backup = month_backup(directory, problem.path.name)
    return _from_backup(
        problem,
        backup,
        lambda: read_month(backup),
        done,
        f"{HISTORY}/{problem.path.name}",
        "as it was before its last game was filed (that game still counts in your stats and love maps)",
        clock,
    )


def _replace_archive(directory: Path, problem: _Problem, done: list[str], clock: Clock) -> list[str]:
    from nuzzle_game.store.archive import read_part

    backup = archive_backup(directory, problem.path.name)
    return _from_backup(
        problem,
        backup,
        lambda: read_part(backup, directory.name),
        done,
        f"{ARCHIVE}/{problem.path.name}",
        "the copy kept when it was written",
        clock,
    )


def _from_backup(
    problem: _Problem, backup: Path, check: Callable[[], object], done: list[str], name: str, which: str, clock: Clock
) -> list[str]:
    """Put ``backup`` in place of the damaged file if it reads (``check``), keeping the damaged one aside."""
    try:
        check()
    except SaveError:
        raise _cannot(problem, done, f"its backup {backup} is missing or damaged too") from None
    kept = set_aside(problem.path, "damaged", clock)
    copy_private(backup, problem.path)
    return [
        f"{name} could not be read ({problem.reason}); it was restored from {backup}, {which}. "
        f"The damaged file was kept as {kept}."
    ]


def _cannot(problem: _Problem, done: list[str], why: str = "") -> SaveError:
    name = problem.path.name if problem.kind != "month" else f"{HISTORY}/{problem.path.name}"
    text = f"{problem.path} cannot be read ({problem.reason})"
    text += f" and {why}" if why else f" and no backup of {name} repairs it"
    text += "; " + (" ".join(done) if done else "nothing was changed.")
    return SaveError(text)


# ------------------------------------------------------------------ a chosen backup


def _use_backup(folder: SaveFolder, profile: str, backup: Path) -> str:
    """Put the chosen backup in place of state.json, if it is this couple's state."""
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
        if schema_version(tables) > SCHEMA_VERSION:
            raise TooNew(backup, schema_version(tables), SCHEMA_VERSION)
        base = _load_with_a_base(directory, backup)
        chosen = _load(backup, base=base)
    except TooNew:
        raise
    except SaveError as error:
        reason = getattr(error, "reason", str(error))
        raise SaveError(f"cannot restore from {backup}: {reason}; nothing was changed.") from None
    current = _couple_of(state)
    theirs = chosen.couple
    if current is not None and not _same_couple(current, theirs):
        raise SaveError(
            f"{backup} holds the saves of {_names(theirs)} (profile '{theirs.profile}'), not of "
            f"{_names(current)} (profile '{profile}'); nothing was changed."
        )
    if current is None and theirs.profile != profile:
        raise SaveError(
            f"{backup} holds the saves of {_names(theirs)} (profile '{theirs.profile}'), not of "
            f"profile '{profile}'; nothing was changed."
        )
    kept = None
    if state.exists() or state.is_symlink():
        label = "replaced" if current is not None else "damaged"
        kept = set_aside(state, label, folder.clock)
    copy_private(backup, state)
    line = f"Restored '{profile}' from {backup}." + (f" The replaced state was kept as {kept}." if kept else "")
    return " ".join([line, *_with_its_base(directory, base, folder.clock)])


def _with_its_base(directory: Path, base: Path, clock: Clock) -> list[str]:
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


def _couple_of(state: Path) -> Couple | None:
    """The couple of the current state.json, or None if it cannot be read."""
    try:
        return _load(state).couple
    except SaveError:
        try:  # a damaged state may still name its couple
            return Couple.model_validate(read_tables(state)["couple"]["1"])
        except (SaveError, *CONTENT_ERRORS):
            return None


def _same_couple(a: Couple, b: Couple) -> bool:
    return a.profile == b.profile and _folded(a) == _folded(b)


def _folded(couple: Couple) -> list[str]:
    return sorted(p.name.casefold() for p in couple.players)


def _names(couple: Couple) -> str:
    return " & ".join(p.name for p in couple.players)
