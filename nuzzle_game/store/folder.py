"""A save folder: its couples, and the door to each profile.

Light on purpose: the welcome screen lists couples from here before pydantic,
TinyDB or the decks are imported (see benchmarks/), from each couple's small
``summary.json``. Opening a profile imports the rest (``profile`` depends on
nothing here; this module imports it only to open one).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from nuzzle_game.clock import Clock, system_clock
from nuzzle_game.core.text import control_character
from nuzzle_game.paths import is_profile_name
from nuzzle_game.store import atomic
from nuzzle_game.store.atomic import make_private_dir
from nuzzle_game.store.backups import state_backups
from nuzzle_game.store.errors import (
    CONTENT_ERRORS,
    CorruptSave,
    NoSuchProfile,
    SaveError,
    SaveFailed,
    damage_line,
    reading,
)
from nuzzle_game.store.files import FileStamp, file_stamp
from nuzzle_game.store.layout import BACKUPS, GAME, HISTORY, STATE, SUMMARY
from nuzzle_game.store.migrations import Tables, migrate
from nuzzle_game.store.summary import read_summary

if TYPE_CHECKING:
    from nuzzle_game.core.models import Couple
    from nuzzle_game.store.loader import ReadAhead
    from nuzzle_game.store.profile import Profile

__all__ = ["BACKUPS", "GAME", "HISTORY", "STATE", "SaveFolder"]


def _line_from_state(path: Path, profile: str) -> tuple[str, str, int]:
    """The names and the number of games state.json holds, checked as far as the
    welcome line goes (opening checks the rest)."""
    with reading(path, profile):
        tables, _ = migrate(atomic.read_tables(path), path)
        a, b = _couple_names(tables)
        games = tables.get("aggregates", {}).get("1", {}).get("games", 0)
        if isinstance(games, bool) or not isinstance(games, int):
            raise TypeError("the number of games is not a number")
        if datetime.fromisoformat(tables["couple"]["1"]["created_at"]).tzinfo is None:
            raise CorruptSave(path, "a time without a time zone (couple.created_at)")
    return a, b, games


def _couple_names(tables: Tables) -> tuple[str, str]:
    players = tables["couple"]["1"]["players"]
    names = tuple(p["name"] for p in players)
    if len(names) != 2 or not all(isinstance(n, str) and n.strip() for n in names):
        raise ValueError("not two named players")
    for name in names:
        if control_character(name):
            raise ValueError(f"a player's name holds a control character ({control_character(name)})")
    return names


class SaveFolder:
    """The saves folder. ``clock`` names the backups and the files set aside (the
    only times the store takes itself); ``durable=False`` skips fsync (the demo)."""

    def __init__(self, root: Path, durable: bool = True, clock: Clock = system_clock) -> None:
        self.root = Path(root)
        self.durable = durable
        self.clock = clock
        # Welcome lines already worked out, by the stamps of the files they came from.
        self._summaries: dict[str, tuple[tuple[FileStamp | None, ...], tuple[str, str, str | None]]] = {}
        # Profiles read ahead of opening them (``read_ahead``), taken once by ``open``.
        self._ahead: dict[str, ReadAhead] = {}

    def profile_dir(self, profile: str) -> Path:
        return self.root / profile

    def profiles(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if is_profile_name(p.name) and (p / STATE).is_file())

    def exists(self, profile: str) -> bool:
        return (self.profile_dir(profile) / STATE).is_file()

    def couple_summaries(self) -> list[tuple[str, str, str | None]]:
        """Each profile as (name, "Alex & Sam · 12 games", problem or None).

        Reads each couple's small summary.json, written on every save. Only if
        the state or the game changed since (an older Nuzzle, a restore) does it
        read those files instead, once; a repeated call reads nothing new.
        """
        found: list[tuple[str, str, str | None]] = []
        for name in self.profiles():
            folder = self.profile_dir(name)
            stamps = (file_stamp(folder / SUMMARY), file_stamp(folder / STATE), file_stamp(folder / GAME))
            cached = self._summaries.get(name)
            if cached is not None and cached[0] == stamps:
                found.append(cached[1])
                continue
            line = self._summary_line(name, folder)
            self._summaries[name] = (stamps, line)
            found.append(line)
        return found

    def _summary_line(self, name: str, folder: Path) -> tuple[str, str, str | None]:
        summary = read_summary(folder)
        state_stamp, game_stamp = file_stamp(folder / STATE), file_stamp(folder / GAME)
        try:
            if summary is not None and summary.state == state_stamp:
                (a, b), games = summary.names, summary.games
            else:
                a, b, games = _line_from_state(folder / STATE, name)
        except SaveError as error:  # damaged, or made by a newer Nuzzle
            return (name, "", damage_line(error, folder))
        if summary is not None and summary.game == game_stamp:
            in_progress = summary.waiting
        else:
            in_progress = self._has_game_in_progress(name)
        waiting = " · a game is waiting" if in_progress else ""
        return (name, f"{a} & {b} · {games} game{'' if games == 1 else 's'}{waiting}", None)

    def _has_game_in_progress(self, profile: str) -> bool:
        path = self.profile_dir(profile) / GAME
        try:
            return bool(atomic.read_tables(path).get("game", {}).get("1", {}).get("game")) if path.exists() else False
        except (SaveError, *CONTENT_ERRORS):
            return False

    def create(self, couple: Couple, holder: tuple[str, str | None] | None = None) -> Profile:
        from nuzzle_game.core.state import ProfileState
        from nuzzle_game.store.profile import Profile

        folder = self.profile_dir(couple.profile)
        if (folder / STATE).exists():
            raise SaveFailed(folder / STATE, FileExistsError("that profile already exists"))
        make_private_dir(self.root)
        make_private_dir(folder)
        return Profile(self, couple.profile, _new_state=ProfileState(couple=couple), holder=holder)

    def read_ahead(self, profile: str) -> None:
        """Read and check a profile's saves now, so that opening it soon reads nothing
        it still holds (no lock is taken, nothing is written). Whatever goes wrong is
        left for opening to say."""
        from nuzzle_game.store.loader import read_ahead

        self._ahead.pop(profile, None)
        try:
            self._ahead = {profile: read_ahead(self, profile)}  # one at a time: it is a whole state
        except Exception:
            pass

    def take_read_ahead(self, profile: str) -> ReadAhead | None:
        ahead = self._ahead.pop(profile, None)
        self._ahead.clear()  # another couple's, read for nothing: not kept in memory
        return ahead

    def open(self, profile: str, durable: bool | None = None, holder: tuple[str, str | None] | None = None) -> Profile:
        """Open a profile for playing; ``durable=False`` skips fsync (the demo);
        ``holder`` says who holds it (``store.holder``), for a partner told to wait."""
        from nuzzle_game.store.profile import Profile

        if not self.exists(profile):
            raise NoSuchProfile(profile, self.root)
        return Profile(self, profile, durable=durable, holder=holder)

    def backups(self, profile: str) -> list[Path]:
        return state_backups(self.profile_dir(profile))

    def restore(self, profile: str, backup: Path | None = None) -> list[str]:
        """Repair a damaged profile; returns what was done, one line each (see restore.py)."""
        from nuzzle_game.store.restore import restore

        return restore(self, profile, backup)
