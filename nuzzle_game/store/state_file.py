"""state.json, the bounded state: built from its tables when read, made into them when saved.

Saving a round rewrites game.json only; state.json is written when a game ends
or settings change. It records how many of the game in progress's revealed
rounds it holds, so a load replays only the rest (``ProfileState.catch_up``),
and names the love maps' base its changes go on (``lovemaps``). It says whose
it is: its couple (whose profile must be its folder's) and the couple's id, which
every other file of the profile must carry too (``documents.Owner``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from nuzzle_game.core.game import Game
from nuzzle_game.core.state import ProfileState
from nuzzle_game.store.atomic import JsonObject, RawTables, read_tables
from nuzzle_game.store.documents import (
    ArchivePending,
    GameDocument,
    Head,
    HistoryIndex,
    Owner,
    StateDocument,
    StateHead,
    check_head,
)
from nuzzle_game.store.errors import CorruptSave, NotThisCouple, reading
from nuzzle_game.store.lovemaps import Entry, all_entries, read_base
from nuzzle_game.store.migrations import CHANGES, PENDING, Tables, couple_id_of, migrate
from nuzzle_game.store.writer import Part

LAYOUT = "not a Nuzzle save (unexpected layout)"


class GameRead(NamedTuple):
    """game.json, read and checked on its own, so that its damage is blamed on it
    (whose it is is known only once state.json is read: ``load_state`` checks it)."""

    path: Path
    doc: JsonObject | None  # its document as read (None: none)
    game: Game | None  # the game in progress it holds
    head: Head | None  # None: no game.json
    halves: Game | None = None  # the check-in in halves it holds

    @classmethod
    def none(cls, path: Path) -> GameRead:
        return cls(path, None, None, None)


def read_game(path: Path) -> GameRead:
    with reading(path):
        tables = read_tables(path)
        head = check_head(path, tables, None)
        doc = (tables.get("game") or {}).get("1")
        # No game in progress nor check-in (game.json after a game ends): nothing to validate.
        busy = isinstance(doc, dict) and (doc.get("game") is not None or doc.get("halves") is not None)
        slot = GameDocument.model_validate(tables).game if busy else None
    return GameRead(path, doc or None, slot.game if slot else None, head, slot.halves if slot else None)


@dataclass
class Loaded:
    """A profile's state as its files hold it, and what saving it again needs."""

    owner: Owner
    state: ProfileState
    tables: Tables  # state.json's tables, as read (and migrated)
    game_doc: JsonObject | None  # game.json's document, as read (None: none)
    migrated: bool
    head: StateHead
    pending: ArchivePending
    base_read: str | None  # the name of the lovemaps.json read (``head.lovemaps``, or the one written on it)
    changed: dict[Entry, None]  # the entries state.json holds (changed since that base), in order
    index: HistoryIndex | None  # the games in each month file (None: state.json has no index yet)


def load_state(tables: RawTables, path: Path, profile: str | None, game: GameRead, base: Path) -> Loaded:
    """The state state.json's ``tables`` hold, with ``game`` in progress and its love
    maps on the base file ``base``. ``profile``: the folder's name, which must be
    the couple's (None: any couple's, as a backup given to restore may be)."""
    if not isinstance(tables, dict):
        raise CorruptSave(path, LAYOUT)
    with reading(path):
        tables, migrated = migrate(tables, path)
        context = {"game": game.game, "halves": game.halves} if game.doc is not None else {}
        document = StateDocument.model_validate(tables, context=context)
        head, state, couple = document.meta, document.state, document.state.couple
        for name in (couple.profile, head.profile):
            if profile is not None and name is not None and name != profile:
                raise NotThisCouple(path, f"belongs to another couple ({name})")
        owner = Owner(couple.profile, head.couple_id or couple_id_of(couple.profile, couple.created_at.isoformat()))
        if game.head is not None:
            owner.check(game.path, game.head)
        changed = all_entries(state)  # so far, those of state.json
        base_read = None
        if head.lovemaps is not None:
            base_read, maps = read_base(base, head.lovemaps, owner)
            for love_map, base_map in zip(state.love_maps, maps, strict=True):
                entries = base_map.entries  # the base's order, then the entries new since
                entries.update(love_map.entries)
                love_map.entries = entries
        state.catch_up(head.applied_game, head.applied_rounds, head.archived_game)
    head.couple_id = owner.couple_id  # written with the next save, if it had none
    pending, index = document.archive_pending, document.history
    return Loaded(owner, state, tables, game.doc, migrated, head, pending, base_read, changed, index)


def state_tables(
    state: ProfileState, head: StateHead, pending: ArchivePending, index: HistoryIndex, changes: Part
) -> dict[str, Part]:
    """state.json's tables for ``state`` (``changes``: its love_map_changes table)."""
    return {
        "history": {"1": index},
        "meta": {"1": head},
        "couple": {"1": state.couple},
        "settings": {"1": state.settings},
        "aggregates": {"1": state.aggregates},
        "unlocks": {"1": {"items": state.unlocks}},
        PENDING: {"1": pending},
        CHANGES: changes,
    }
