"""state.json, the bounded state: built from its tables when read, made into them when saved.

Saving a round rewrites game.json only; state.json is written when a game ends
or settings change. It records how many of the game in progress's revealed
rounds it holds, so a load replays only the rest (``ProfileState.catch_up``),
and names the love maps' base its changes go on (``lovemaps``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nuzzle_game.core.game import Game
from nuzzle_game.core.state import ProfileState
from nuzzle_game.store.atomic import JsonObject
from nuzzle_game.store.documents import ArchivePending, StateDocument, StateHead
from nuzzle_game.store.errors import CorruptSave, reading
from nuzzle_game.store.lovemaps import Entry, all_entries, read_base
from nuzzle_game.store.migrations import CHANGES, PENDING, Tables, migrate
from nuzzle_game.store.writer import Part

LAYOUT = "not a Nuzzle save (unexpected layout)"


@dataclass
class Loaded:
    """A profile's state as its files hold it, and what saving it again needs."""

    state: ProfileState
    tables: Tables  # state.json's tables, as read (and migrated)
    game_doc: JsonObject | None  # game.json's document, as read (None: none)
    migrated: bool
    head: StateHead
    pending: ArchivePending
    base_read: str | None  # the name of the lovemaps.json read (``head.lovemaps``, or the one written on it)
    changed: dict[Entry, None]  # the entries state.json holds (changed since that base), in order


@dataclass(frozen=True)
class GameRead:
    """game.json, read and checked on its own (so that its damage is blamed on it)."""

    doc: JsonObject | None  # its document as read (None: none)
    game: Game | None  # the game in progress it holds
    halves: Game | None = None  # and the check-in in halves


def load_state(tables: object, path: Path, read: GameRead, base: Path) -> Loaded:
    """The state state.json's ``tables`` hold, with game.json's games (``read``, read
    and checked on its own) and its love maps on the base file ``base``."""
    game, game_doc = read.game, read.doc
    if not isinstance(tables, dict):
        raise CorruptSave(path, LAYOUT)
    with reading(path):
        tables, migrated = migrate(tables, path)
        document = StateDocument.model_validate(tables)
        if game_doc is None and document.legacy_game is not None:
            game = document.legacy_game.game
        state = ProfileState(
            couple=document.couple,
            settings=document.settings,
            aggregates=document.aggregates,
            unlocks=document.unlocks.items,
            active_game=game,
            halves=read.halves,
            love_maps=document.love_map_changes,
        )
        head = document.meta
        changed = all_entries(state)  # so far, those of state.json
        base_read = None
        if head.lovemaps is not None:
            base_read, maps = read_base(base, head.lovemaps)
            for love_map, base_map in zip(state.love_maps, maps, strict=True):
                entries = base_map.entries  # the base's order, then the entries new since
                entries.update(love_map.entries)
                love_map.entries = entries
        state.catch_up(head.applied_game, head.applied_rounds, head.archived_game)
    return Loaded(state, tables, game_doc, migrated, head, document.archive_pending, base_read, changed)


def state_tables(state: ProfileState, head: StateHead, pending: ArchivePending, changes: Part) -> dict[str, Part]:
    """state.json's tables for ``state`` (``changes``: its love_map_changes table)."""
    return {
        "meta": {"1": head},
        "couple": {"1": state.couple},
        "settings": {"1": state.settings},
        "aggregates": {"1": state.aggregates},
        "unlocks": {"1": {"items": state.unlocks}},
        PENDING: {"1": pending},
        CHANGES: changes,
    }
