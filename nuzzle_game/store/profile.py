"""The one small store interface: couples, games, rounds, love maps, unlocks.

Layout of a save folder::

    saves/
      nuzzle.json                 app settings (theme)
      <profile>/
        state.json                bounded state: couple, love maps, aggregates,
                                  unlocks, settings (written when a game ends)
        game.json                 the game in progress (written every round)
        history/2026-11.json      finished games of that month (append-only)
        backups/state-*.json      the last good versions of state.json
        .lock                     one writer at a time

Saving a round rewrites ``game.json`` only: a few kilobytes, whatever the
history. On load, the game's revealed rounds that state.json does not hold yet
are replayed into the love map. Finished games go to their month's file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock
from pydantic import ValidationError
from tinydb import TinyDB
from tinydb.table import Document

from ..game import Game
from ..models import Couple
from ..state import ProfileState
from .atomic import AtomicJSONStorage, lock_profile, make_private_dir, read_tables, remove_stray_temps
from .backups import KEEP_BACKUPS, keep_month_backup, keep_state_backup
from .folder import GAME, HISTORY, STATE, SaveFolder
from .errors import CorruptSave, NoSuchProfile, reading, require_aware
from .migrations import LEGACY_GAME, SCHEMA_VERSION, migrate


def _lock(folder: Path, profile: str) -> FileLock:
    return lock_profile(folder, profile)


def _load_state(tables: Any, path: Path, game_tables: Any = None) -> tuple[ProfileState, bool, str | None]:
    """Build the state from state.json's tables and game.json's, replaying the
    revealed rounds of the game in progress that state.json does not hold yet."""
    if not isinstance(tables, dict):
        raise CorruptSave(path, "not a Nuzzle save (unexpected layout)")
    with reading(path):
        return _build_state(tables, path, game_tables)


def _build_state(tables: Any, path: Path, game_tables: Any) -> tuple[ProfileState, bool, str | None]:
    tables, migrated = migrate(tables, path)
    try:
        doc = {name: table.get("1") for name, table in tables.items()}
        meta = doc.get("meta") or {}
        game_doc = ((game_tables or {}).get("game") or {}).get("1") or doc.get(LEGACY_GAME) or {}
        raw = {
            "couple": doc["couple"],
            "settings": doc.get("settings") or {},
            "aggregates": doc.get("aggregates") or {},
            "unlocks": (doc.get("unlocks") or {}).get("items", []),
            "active_game": game_doc.get("game"),
            "love_maps": [
                tables.get("love_maps", {}).get(str(i + 1)) or {"subject": i}
                for i in range(2)
            ],
        }
        state = ProfileState.model_validate(raw)
    except (KeyError, TypeError, AttributeError, ValidationError) as error:
        detail = error.errors()[0] if isinstance(error, ValidationError) else None
        where = ".".join(map(str, detail["loc"])) + ": " + detail["msg"] if detail else repr(error)
        raise CorruptSave(path, f"unexpected content ({where})") from error
    require_aware(state, path)
    game = state.active_game
    if game is not None and game.id == meta.get("archived_game"):
        # Killed after filing this game but before clearing game.json: it is done.
        state.active_game = None
    elif game is not None:
        applied = meta.get("applied_rounds", 0) if meta.get("applied_game") == game.id else 0
        for result in game.results[applied:]:
            state.apply(result)
    return state, migrated, meta.get("archived_game")


def _check_game(game_tables: Any, path: Path) -> None:
    """Read game.json's game on its own, so that its damage is blamed on it."""
    with reading(path):
        game = ((game_tables or {}).get("game") or {}).get("1") or {}
        if game.get("game") is not None:
            require_aware(Game.model_validate(game["game"]), path, "game")


class ProfileReader:
    """Read-only access (export, the welcome list); takes no lock."""

    def __init__(self, folder: SaveFolder, profile: str) -> None:
        self.folder = folder
        self.profile = profile
        self.dir = folder.profile_dir(profile)
        if not (self.dir / STATE).is_file():
            raise NoSuchProfile(profile, folder.root)
        self.state, _, _ = self._read()

    def _read(self, storage: AtomicJSONStorage | None = None) -> tuple[ProfileState, bool, str | None]:
        state_file = self.dir / STATE
        game_file = self.dir / GAME
        try:
            tables = storage.read() if storage else read_tables(state_file)
            game_tables = read_tables(game_file) if game_file.exists() else None
            _check_game(game_tables, game_file)
            return _load_state(tables, state_file, game_tables)
        except CorruptSave as error:
            raise error.for_profile(self.profile) from None

    def history_files(self) -> list[Path]:
        folder = self.dir / HISTORY
        return sorted(folder.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9].json")) if folder.is_dir() else []

    def games(self) -> Iterator[Game]:
        """Every finished game, oldest first, one month file at a time."""
        for path in self.history_files():
            storage = AtomicJSONStorage(path, read_only=True)
            with reading(path, self.profile):
                data = storage.read() or {}
                docs = sorted(data.get("games", {}).items(), key=lambda kv: int(kv[0]))
            for _, doc in docs:
                with reading(path, self.profile):
                    game = Game.model_validate(doc)
                    require_aware(game, path, "game")
                yield game


class Profile(ProfileReader):
    """A profile opened for playing: holds the lock until ``close()``."""

    def __init__(self, folder: SaveFolder, profile: str, _new_state: ProfileState | None = None) -> None:
        self.folder = folder
        self.profile = profile
        self.dir = folder.profile_dir(profile)
        self._lock = _lock(self.dir, profile)
        try:
            self._open(_new_state)
        except BaseException:
            self._lock.release()
            raise

    def _open(self, new_state: ProfileState | None) -> None:
        self._archived: str | None = None  # the last game filed in the history
        self._dumped_for: ProfileState | None = None
        self._map_docs: list[dict[str, Any]] = []
        remove_stray_temps(self.dir)
        remove_stray_temps(self.dir / HISTORY)
        durable = self.folder.durable
        self._db = TinyDB(self.dir / STATE, storage=AtomicJSONStorage, durable=durable)
        self._storage: AtomicJSONStorage = self._db.storage  # type: ignore[assignment]
        self._game_db = TinyDB(self.dir / GAME, storage=AtomicJSONStorage, durable=durable)
        if new_state is not None:
            self.state = new_state
            self.save_state()
            return
        self.state, migrated, self._archived = self._read(self._storage)
        self._backup()
        if migrated:
            self.save_state()

    # ----------------------------------------------------------- writing

    def save_game(self) -> None:
        """Save the game in progress: a small file, whatever the history."""
        game = self.state.active_game
        doc = {"game": game.model_dump(mode="json") if game else None}
        self._game_db.table("game").upsert(Document(doc, doc_id=1))

    def save_state(self) -> None:
        """Save everything: the bounded state, then the game in progress.

        state.json records how many of the game's rounds it already holds, so
        a load replays only the rest.
        """
        state = self.state
        game = state.active_game
        dump = state.model_dump(mode="json", exclude={"love_maps", "active_game"})
        with self._storage.hold():
            self._db.drop_table(LEGACY_GAME)
            self._put("meta", {
                "schema": SCHEMA_VERSION,
                "profile": self.profile,
                "applied_game": game.id if game else None,
                "applied_rounds": game.revealed if game else 0,
                "archived_game": self._archived,
            })
            self._put("couple", dump["couple"])
            self._put("settings", dump["settings"])
            self._put("aggregates", dump["aggregates"])
            self._put("unlocks", {"items": dump["unlocks"]})
            maps = self._db.table("love_maps")
            for i, love_map in enumerate(self._love_map_docs(state)):
                maps.upsert(Document(love_map, doc_id=i + 1))
        self.save_game()

    def _love_map_docs(self, state: ProfileState) -> list[dict[str, Any]]:
        """The love maps as documents, re-serialising only the entries that changed."""
        if self._dumped_for is not state:
            for love_map in state.love_maps:
                love_map.take_dirty()
            self._map_docs = [m.model_dump(mode="json") for m in state.love_maps]
            self._dumped_for = state
            return self._map_docs
        for love_map, doc in zip(state.love_maps, self._map_docs):
            for question_id in love_map.take_dirty():
                doc["entries"][question_id] = love_map.entries[question_id].model_dump(mode="json")
        return self._map_docs

    def _put(self, table: str, doc: dict[str, Any]) -> None:
        self._db.table(table).upsert(Document(doc, doc_id=1))

    def archive_game(self, game: Game) -> None:
        """File a finished game in its month's history, then clear it from the state.

        Order matters for crashes: the history (keyed by game id, so filing
        twice is harmless), then state.json, then game.json.
        """
        path = self.dir / HISTORY / f"{game.started_at:%Y-%m}.json"
        make_private_dir(path.parent, inside=self.dir)
        try:
            history = TinyDB(path, storage=AtomicJSONStorage, durable=self.folder.durable)
            games = history.table("games")
            filed = games.all()
            existing = next((doc.doc_id for doc in filed if doc.get("id") == game.id), None)
            doc_id = existing or (max((doc.doc_id for doc in filed), default=0) + 1)
            if path.exists() and existing is None:
                self._backup_history(path)
            games.upsert(Document(game.model_dump(mode="json"), doc_id=doc_id))
        except CorruptSave as error:
            raise error.for_profile(self.profile) from None
        if self.state.active_game is not None and self.state.active_game.id == game.id:
            self.state.active_game = None
        self._archived = game.id
        self.save_state()

    def update_couple(self, couple: Couple) -> None:
        self.state.couple = couple
        self.save_state()

    # ----------------------------------------------------------- backups

    def _backup(self) -> None:
        """Keep the state just read, known good, among the last few backups."""
        keep_state_backup(self.dir, self._storage.path, self.folder.durable, KEEP_BACKUPS)

    def _backup_history(self, path: Path) -> None:
        """Keep the month file, as it was before this game is added to it."""
        keep_month_backup(self.dir, path, self.folder.durable)

    def close(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    def __enter__(self) -> "Profile":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
