"""What is wrong with a profile's files: the first problem, in the order export
reads them (state.json and its love maps' base, game.json, the history, the
archive), for ``restore`` to repair. A file is a problem when it cannot be read,
belongs to another couple, or is missing where the state says it is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from nuzzle_game.store.atomic import read_tables
from nuzzle_game.store.errors import CorruptSave, MissingFile, NotThisCouple, SaveError, reading
from nuzzle_game.store.layout import ARCHIVE, GAME, HISTORY, LOVEMAPS, STATE
from nuzzle_game.store.state_file import GameRead, Loaded, load_state, read_game

if TYPE_CHECKING:
    from nuzzle_game.store.loader import Folder

Kind = Literal["state", "lovemaps", "game", "month", "archive"]


@dataclass(frozen=True)
class Problem:
    """A file of the profile that does not read: which one, of what kind, and why."""

    kind: Kind
    error: SaveError
    path: Path

    @property
    def reason(self) -> str:
        return self.error.reason if isinstance(self.error, CorruptSave) else str(self.error)

    @property
    def missing(self) -> bool:
        return isinstance(self.error, MissingFile) or not (self.path.exists() or self.path.is_symlink())

    @property
    def label(self) -> str:
        """How a file set aside for this problem is named."""
        return "other-couple" if isinstance(self.error, NotThisCouple) else "damaged"


def load(state: Path, profile: str | None, game: GameRead | None = None, base: Path | None = None) -> Loaded:
    """The profile ``state`` holds (state.json, or a backup of it), with ``game`` in
    progress and its love maps on ``base`` (by default the lovemaps.json beside it).
    ``profile``: the folder's name, which must be the couple's (None: any couple's)."""
    tables = read_tables(state)
    with reading(state):
        return load_state(
            tables, state, profile, game or GameRead.none(state.with_name(GAME)), base or state.with_name(LOVEMAPS)
        )


def find_problem(folder: Folder, profile: str) -> Problem | None:
    """The first file that does not read, in the order export reads them; None if all read."""
    from nuzzle_game.store.reader import ProfileReader

    directory = folder.profile_dir(profile)
    state, game = directory / STATE, directory / GAME
    try:
        load(state, profile)
    except SaveError as error:
        if getattr(error, "path", None) == directory / LOVEMAPS:
            return Problem("lovemaps", error, directory / LOVEMAPS)
        return Problem("state", error, state)
    if game.exists() or game.is_symlink():
        try:
            load(state, profile, read_game(game))  # the state read fine alone: what fails is the game
        except SaveError as error:
            if getattr(error, "path", None) != game:
                error = CorruptSave(game, getattr(error, "reason", str(error)))
            return Problem("game", error, game)
    try:
        ProfileReader(folder, profile).check()  # exactly what export reads, and what it should find
    except SaveError as error:
        path = getattr(error, "path", None)
        if isinstance(path, Path) and path.parent == directory / HISTORY:
            return Problem("month", error, path)
        if isinstance(path, Path) and path.parent == directory / ARCHIVE:
            return Problem("archive", error, path)
        return Problem("state", error, state)
    return None
