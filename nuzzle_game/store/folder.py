"""A save folder: its couples, and the door to each profile.

Light on purpose: the welcome screen lists couples from here before pydantic,
TinyDB or the decks are imported (see benchmarks/). Opening a profile imports
the rest.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import make_private_dir, read_json, read_tables
from .backups import state_backups
from .errors import CONTENT_ERRORS, CorruptSave, NoSuchProfile, SaveError, SaveFailed, damage_line, reading
from .migrations import migrate
from ..text import control_character

if TYPE_CHECKING:
    from ..models import Couple
    from .profile import Profile

STATE = "state.json"
GAME = "game.json"
HISTORY = "history"
BACKUPS = "backups"
# A profile is a folder with a plain name (never a control character in a list).
PROFILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


def _couple_names(tables: dict[str, Any]) -> tuple[str, str]:
    players = tables["couple"]["1"]["players"]
    names = tuple(p["name"] for p in players)
    if len(names) != 2 or not all(isinstance(n, str) and n.strip() for n in names):
        raise ValueError("not two named players")
    for name in names:
        if control_character(name):
            raise ValueError(f"a player's name holds a control character ({control_character(name)})")
    return names  # type: ignore[return-value]


class SaveFolder:
    def __init__(self, root: Path, durable: bool = True) -> None:
        self.root = Path(root)
        self.durable = durable

    def profile_dir(self, profile: str) -> Path:
        return self.root / profile

    def profiles(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(
            p.name for p in self.root.iterdir() if PROFILE_NAME.fullmatch(p.name) and (p / STATE).is_file()
        )

    def exists(self, profile: str) -> bool:
        return (self.profile_dir(profile) / STATE).is_file()

    def couple_summaries(self) -> list[tuple[str, str, str | None]]:
        """Each profile as (name, "Alex & Sam · 12 games", problem or None).

        Reads only the couple and the game count from the raw file: the welcome
        screen stays quick however long a couple has played.
        """
        found: list[tuple[str, str, str | None]] = []
        for name in self.profiles():
            path = self.profile_dir(name) / STATE
            try:
                with reading(path, name):
                    tables, _ = migrate(read_tables(path), path)
                    a, b = _couple_names(tables)
                    games = tables.get("aggregates", {}).get("1", {}).get("games", 0)
                    if not isinstance(games, int):
                        raise TypeError("the number of games is not a number")
                    if datetime.fromisoformat(tables["couple"]["1"]["created_at"]).tzinfo is None:
                        raise CorruptSave(path, "a time without a time zone (couple.created_at)")
            except SaveError as error:  # damaged, or made by a newer Nuzzle
                found.append((name, "", damage_line(error, self.profile_dir(name))))
                continue
            waiting = " · a game is waiting" if self._has_game_in_progress(name) else ""
            found.append((name, f"{a} & {b} · {games} game{'' if games == 1 else 's'}{waiting}", None))
        return found

    def _has_game_in_progress(self, profile: str) -> bool:
        path = self.profile_dir(profile) / GAME
        try:
            return bool(read_json(path).get("game", {}).get("1", {}).get("game")) if path.exists() else False
        except (SaveError, *CONTENT_ERRORS):
            return False

    def create(self, couple: "Couple") -> "Profile":
        from ..state import ProfileState
        from .profile import Profile

        folder = self.profile_dir(couple.profile)
        if (folder / STATE).exists():
            raise SaveFailed(folder / STATE, FileExistsError("that profile already exists"))
        make_private_dir(self.root)
        make_private_dir(folder)
        return Profile(self, couple.profile, _new_state=ProfileState(couple=couple))

    def open(self, profile: str) -> "Profile":
        from .profile import Profile

        if not self.exists(profile):
            raise NoSuchProfile(profile, self.root)
        return Profile(self, profile)

    def backups(self, profile: str) -> list[Path]:
        return state_backups(self.profile_dir(profile))

    def restore(self, profile: str, backup: Path | None = None) -> list[str]:
        """Repair a damaged profile; returns what was done, one line each (see restore.py)."""
        from .restore import restore

        return restore(self, profile, backup)
