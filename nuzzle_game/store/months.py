"""The history: finished games, one file a month (``history/YYYY-MM.json``).

A month file is append-only: a game filed is added under the next number, and
filing it again (a retry after a crash) replaces it in its place. The month a
game is being filed in stays open (``MonthFile``) and keeps each game's JSON
text, so filing one game serialises one game. Each past month's file is copied
into backups/ once, when the next month begins; the current one before each game
added to it (``backups``): restore's way back.
"""

from __future__ import annotations

import os
from pathlib import Path

from nuzzle_game.core.game import Game
from nuzzle_game.store.atomic import Json, JsonObject, read_tables
from nuzzle_game.store.backups import keep_month_backup, month_backup
from nuzzle_game.store.documents import MonthDocument
from nuzzle_game.store.errors import reading
from nuzzle_game.store.layout import HISTORY, MONTH_GLOB
from nuzzle_game.store.tables import TablesFile
from nuzzle_game.store.writer import JsonText, json_text


def history_files(directory: Path) -> list[Path]:
    """The profile's month files, oldest first."""
    folder = directory / HISTORY
    return sorted(folder.glob(MONTH_GLOB)) if folder.is_dir() else []


def month_path(directory: Path, game: Game) -> Path:
    return directory / HISTORY / f"{game.started_at:%Y-%m}.json"


def read_month(path: Path, profile: str | None = None) -> list[tuple[JsonObject, Game]]:
    """A month file's games in the order filed, each as saved and as checked.

    The only reader of a month file (export, the stats, ``restore`` and its
    backups all come here): any damage is a CorruptSave naming it, in one line.
    """
    with reading(path, profile):
        tables = read_tables(path)
        games = MonthDocument.model_validate(tables).games
        saved = tables.get("games", {})
        return [(saved[key], games[key]) for key in sorted(saved, key=int)]


class MonthFile:
    """A month's history file, open while games are filed in it."""

    def __init__(self, path: Path, durable: bool) -> None:
        self.path = path
        tables = read_tables(path) if os.path.lexists(path) else {}
        games = tables.get("games", {})
        self.texts = {key: JsonText(json_text(doc)) for key, doc in games.items()}  # document key -> its text
        self.keys: dict[Json, str] = {}  # game id -> its document key (the first, as a search finds it)
        for key, doc in games.items():
            self.keys.setdefault(doc.get("id"), key)
        self.next_key = max((int(key) for key in games), default=0) + 1
        # The games are kept as text only (the raw documents would double the memory).
        self.file = TablesFile(path, durable, {**tables, "games": self.texts})

    def file_game(self, game: Game) -> None:
        """Add the game, or replace it if it is filed already: one atomic write."""
        key = self.keys.get(game.id)
        texts = dict(self.texts)
        texts[key or str(self.next_key)] = JsonText.of(game)
        self.file.put({"games": texts})
        self.texts = texts
        if key is None:
            self.keys[game.id] = str(self.next_key)
            self.next_key += 1


def backup_past_months(directory: Path, new_month: Path, durable: bool) -> None:
    """A new month begins: keep each past month's file once, now that it is complete."""
    try:
        for path in history_files(directory):
            target = month_backup(directory, path.name)
            if path.name < new_month.name and (not target.exists() or target.stat().st_size != path.stat().st_size):
                keep_month_backup(directory, path, durable)
    except OSError:
        pass
