"""A save folder: its couples, and the door to each profile.

Light on purpose: the welcome screen lists couples from here before pydantic,
TinyDB or the decks are imported (see benchmarks/). Opening a profile imports
the rest.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import make_private_dir, read_json
from .errors import CorruptSave, NoSuchProfile, SaveError, SaveFailed
from .migrations import migrate

if TYPE_CHECKING:
    from ..models import Couple
    from .profile import Profile

STATE = "state.json"
GAME = "game.json"
HISTORY = "history"
BACKUPS = "backups"


def _copy_private(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)


def _couple_names(tables: dict[str, Any]) -> tuple[str, str]:
    players = tables["couple"]["1"]["players"]
    names = tuple(p["name"] for p in players)
    if len(names) != 2 or not all(isinstance(n, str) and n.strip() for n in names):
        raise ValueError("not two named players")
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
        return sorted(p.name for p in self.root.iterdir() if (p / STATE).is_file())

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
                tables, _ = migrate(read_json(path), path)
                a, b = _couple_names(tables)
                games = tables.get("aggregates", {}).get("1", {}).get("games", 0)
            except (CorruptSave, KeyError, TypeError, AttributeError, ValueError):
                found.append((name, "", f"cannot be read; `nuzzle restore {name}` brings back the last good backup"))
                continue
            except SaveError as error:  # e.g. saved by a newer Nuzzle
                found.append((name, "", str(error)))
                continue
            waiting = " · a game is waiting" if self._has_game_in_progress(name) else ""
            found.append((name, f"{a} & {b} · {games} game{'' if games == 1 else 's'}{waiting}", None))
        return found

    def _has_game_in_progress(self, profile: str) -> bool:
        path = self.profile_dir(profile) / GAME
        try:
            return bool(read_json(path).get("game", {}).get("1", {}).get("game")) if path.exists() else False
        except (SaveError, AttributeError):
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
        folder = self.profile_dir(profile) / BACKUPS
        return sorted(folder.glob("state-*.json"), reverse=True) if folder.is_dir() else []

    def restore(self, profile: str, backup: Path | None = None) -> tuple[Path, Path | None]:
        """Put a backup back in place of state.json; the damaged file is kept aside.

        Returns the backup used and where the replaced file was moved.
        """
        from .profile import _load_state, _lock

        candidates = [backup] if backup else self.backups(profile)
        if not candidates:
            raise SaveError(f"there is no backup of '{profile}' in {self.profile_dir(profile) / BACKUPS}.")
        lock = _lock(self.profile_dir(profile), profile)
        try:
            for candidate in candidates:
                try:
                    _load_state(read_json(candidate), candidate)
                except SaveError:
                    continue
                state_file = self.profile_dir(profile) / STATE
                kept = None
                if state_file.exists():
                    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
                    kept = state_file.with_name(f"state.damaged-{stamp}.json")
                    os.replace(state_file, kept)
                _copy_private(candidate, state_file)
                return candidate, kept
        finally:
            lock.release()
        raise SaveError(f"none of the backups of '{profile}' can be read; nothing was changed.")
