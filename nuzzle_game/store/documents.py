"""What each file of a profile holds: one model a file kind (DESIGN §8).

Every file is laid out as TinyDB lays out a database (see ``tables``): tables of
documents numbered from "1". A one-document table is read as its document
(``One``). Every read of a file goes through its model here, so a file is judged
whole and any damage in it is named in one line (``errors.reading``); what the
files hold (the couple, love maps, aggregates, games) are the core's models.

    state.json           StateDocument   the bounded state (``state_file``)
    lovemaps.json        LoveMapsDocument the love maps' base (``lovemaps``)
    game.json            GameDocument    the game in progress
    history/YYYY-MM.json MonthDocument   a month's finished games (``months``)
    archive/NNNN.json    ArchivePart     retired answers and months (``archive``)

Each file begins with a "meta" document (``Head``) saying which version of the
save format wrote it and whose it is (the profile and the couple's id, see
``Owner``). Before anything else in a file is read, a file from a newer Nuzzle is
refused (``TooNew``) and a file of another couple's is refused naming whose it is
(``NotThisCouple``), whatever its kind (``read_document``).

summary.json, the welcome screen's line, is read before pydantic is imported:
its shape is ``summary.Summary``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NamedTuple, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, ValidationInfo, model_validator

from nuzzle_game.core.game import Game
from nuzzle_game.core.lovemap import LoveMap
from nuzzle_game.core.state import ProfileState, RetiredAnswer
from nuzzle_game.core.stats import Period
from nuzzle_game.store.atomic import RawTables, read_tables
from nuzzle_game.store.errors import NotThisCouple, TooNew, reading
from nuzzle_game.store.migrations import CHANGES, LEGACY_GAME, SCHEMA_VERSION

T = TypeVar("T")


def _first_document(table: object) -> object:
    """A one-document table's document (an empty one if there is none)."""
    return (table.get("1") or {}) if isinstance(table, dict) else table


# A table holding one document, read as that document.
One = Annotated[T, BeforeValidator(_first_document)]


def _two_love_maps(table: object) -> object:
    """A table of the two love maps, "1" and "2" (an empty one for a missing one)."""
    if not isinstance(table, dict):
        return table
    return [table.get(str(i + 1)) or {"subject": i} for i in range(2)]


def _both_love_maps(table: object) -> object:
    """A table that must hold both love maps, "1" and "2"."""
    if isinstance(table, dict) and not {"1", "2"} <= table.keys():
        raise ValueError("a love map is missing")
    return [table["1"], table["2"]] if isinstance(table, dict) else table


# lovemaps.json: both, whole.
LoveMaps = Annotated[tuple[LoveMap, LoveMap], BeforeValidator(_both_love_maps)]


class Document(BaseModel):
    """A file's model: built when first used (as the core's are), ignoring tables it
    does not know."""

    model_config = ConfigDict(defer_build=True, populate_by_name=True)


class Head(Document):
    """The "meta" document a file begins with: which version wrote it, and whose it
    is. Files written before had none (or no owner in it): they read as the
    current version's, and as this couple's."""

    schema_version: StrictInt | None = Field(default=None, alias="schema")
    profile: str | None = None
    couple_id: str | None = None


class Owner(NamedTuple):
    """Whose files these are: the profile (its folder's name) and the couple's id
    (None: not known, as when restore cannot read state.json; then only the name
    is compared)."""

    profile: str
    couple_id: str | None

    def head(self) -> Head:
        """The head of a file of theirs written now."""
        return Head(schema_version=SCHEMA_VERSION, profile=self.profile, couple_id=self.couple_id)

    def check(self, path: Path, head: Head) -> None:
        """Refuse ``path`` if its head says it is another couple's."""
        if head.profile is not None and head.profile != self.profile:
            raise NotThisCouple(path, f"belongs to another couple ({head.profile})")
        if None not in (head.couple_id, self.couple_id) and head.couple_id != self.couple_id:
            raise NotThisCouple(path, f"belongs to another couple of the same name ({self.profile})")


class StateHead(Head):
    """state.json's meta: which rounds of the game in progress it holds, the last
    game filed, and the love maps' base its changes go on."""

    applied_game: str | None = None
    applied_rounds: StrictInt = 0
    archived_game: str | None = None
    lovemaps: str | None = None  # None: no base, love_map_changes holds the love maps whole


class ArchivePending(Document):
    """Retired answers and months waiting in state.json to be filed in a new
    archive part, and the number that part will take."""

    answers: list[RetiredAnswer] = Field(default_factory=list)
    months: list[Period] = Field(default_factory=list)
    next_chunk: StrictInt = Field(default=1, ge=1)


def _month_number(key: str) -> int:
    year, month = key.split("-")
    return int(year) * 12 + int(month) - 1


class HistoryIndex(Document):
    """How many games each month file of the history holds (state.json's "history"
    table), so that a month file gone missing, or holding fewer games than were
    filed in it, is noticed. A count a month from ``first`` on (0: no file): a few
    bytes a month, written with state.json as each game is filed."""

    first: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}$")  # "YYYY-MM"
    games: list[StrictInt] = Field(default_factory=list)

    def months(self) -> dict[str, int]:
        """Each month ("YYYY-MM") that has games, and how many."""
        if self.first is None:
            return {}
        start = _month_number(self.first)
        return {
            f"{(start + i) // 12:04d}-{(start + i) % 12 + 1:02d}": count for i, count in enumerate(self.games) if count
        }

    def set(self, key: str, count: int) -> None:
        """``key``'s month file holds ``count`` games now."""
        number = _month_number(key)
        if self.first is None:
            self.first, self.games = key, []
        start = _month_number(self.first)
        if number < start:  # a clock gone back: an earlier month
            self.first, self.games = key, [0] * (start - number) + self.games
            start = number
        self.games += [0] * (number - start + 1 - len(self.games))
        self.games[number - start] = count


class GameSlot(Document):
    """game.json's document: the game in progress (None: none), whether the demo
    started it, and the daily check-in in halves (open, or the last one filed,
    kept for its reveal)."""

    game: Game | None = None
    simulated: bool = False
    halves: Game | None = None


class StateDocument(Document):
    """state.json (schema ``migrations.SCHEMA_VERSION``, after migration).

    Its couple, settings, aggregates, unlocks and love_map_changes tables (the
    love map entries changed since lovemaps.json was written, or all of them) are
    the couple's state, validated as one ``ProfileState`` (``state``) with the game
    in progress: game.json's, read and checked on its own and given as
    ``context={"game": …}``; without one, the legacy_game table's (schema 2 kept
    the game in progress in state.json).
    """

    meta: One[StateHead] = Field(default_factory=StateHead)
    state: ProfileState
    archive_pending: One[ArchivePending] = Field(default_factory=ArchivePending)
    # None: written before there was one (the profile's writer makes it from the files).
    history: One[HistoryIndex] | None = None

    @model_validator(mode="before")
    @classmethod
    def _the_state_from_its_tables(cls, tables: object, info: ValidationInfo) -> object:
        if not isinstance(tables, dict):
            return tables
        context = info.context or {}
        if "game" in context:
            game = context["game"]
        else:
            legacy = _first_document(tables.get(LEGACY_GAME, {}))
            game = legacy.get("game") if isinstance(legacy, dict) else legacy
        unlocks = _first_document(tables.get("unlocks", {}))
        state = {
            "couple": _first_document(tables.get("couple", {})),
            "settings": _first_document(tables.get("settings", {})),
            "aggregates": _first_document(tables.get("aggregates", {})),
            "unlocks": unlocks.get("items", []) if isinstance(unlocks, dict) else unlocks,
            "love_maps": _two_love_maps(tables.get(CHANGES, {})),
            "active_game": game,
            "halves": context.get("halves"),
        }
        return {**tables, "state": state}


class BaseHead(Head):
    """lovemaps.json's meta: its name, and the name of the base it was written on."""

    id: str
    after: str | None = None


class LoveMapsDocument(Document):
    """lovemaps.json: the love maps as they were when last written whole."""

    meta: One[BaseHead]
    love_maps: LoveMaps


class GameDocument(Document):
    """game.json."""

    meta: One[Head] = Field(default_factory=Head)
    game: One[GameSlot] = Field(default_factory=GameSlot)


class MonthDocument(Document):
    """history/YYYY-MM.json: the games finished that month, numbered as filed."""

    meta: One[Head] = Field(default_factory=Head)
    games: dict[str, Game] = Field(default_factory=dict)


class ArchivePart(Document):
    """archive/NNNN.json: answers and months retired from the bounded state, written once."""

    meta: One[Head] = Field(default_factory=Head)
    answers: dict[str, RetiredAnswer] = Field(default_factory=dict)
    months: dict[str, Period] = Field(default_factory=dict)


D = TypeVar("D", bound=Document)


def check_head(path: Path, tables: RawTables, owner: Owner | None) -> Head:
    """The file's head, checked: a file a newer Nuzzle wrote is refused, unread, and
    so is a file of another couple's than ``owner`` (None: whoever's it is)."""
    head = Head.model_validate(_first_document(tables.get("meta", {})))
    if head.schema_version is not None and head.schema_version > SCHEMA_VERSION:
        raise TooNew(path, head.schema_version, SCHEMA_VERSION)
    if owner is not None:
        owner.check(path, head)
    return head


def read_document(path: Path, model: type[D], owner: Owner | None, tables: RawTables | None = None) -> D:
    """The file at ``path`` (or its ``tables``, read already) as ``model``, its head
    checked first (``check_head``); any damage is a CorruptSave naming it."""
    with reading(path):
        tables = read_tables(path) if tables is None else tables
        check_head(path, tables, owner)
        return model.model_validate(tables)
