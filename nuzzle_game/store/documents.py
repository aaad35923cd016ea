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

summary.json, the welcome screen's line, is read before pydantic is imported:
its shape is ``summary.Summary``.
"""

from __future__ import annotations

from typing import Annotated, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt

from nuzzle_game.core.game import Game
from nuzzle_game.core.lovemap import LoveMap
from nuzzle_game.core.models import Couple, Unlock
from nuzzle_game.core.state import ProfileSettings, RetiredAnswer
from nuzzle_game.core.stats import Aggregates, Period

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


# state.json's changes: a love map with no changed entry may be left out.
LoveMapChanges = Annotated[tuple[LoveMap, LoveMap], BeforeValidator(_two_love_maps)]
# lovemaps.json: both, whole.
LoveMaps = Annotated[tuple[LoveMap, LoveMap], BeforeValidator(_both_love_maps)]


def _empty_love_maps() -> tuple[LoveMap, LoveMap]:
    return (LoveMap(subject=0), LoveMap(subject=1))


class Document(BaseModel):
    """A file's model: built when first used (as the core's are), ignoring tables it
    does not know."""

    model_config = ConfigDict(defer_build=True, populate_by_name=True)


class Head(Document):
    """The "meta" document a file begins with."""

    schema_version: StrictInt | None = Field(default=None, alias="schema")
    profile: str | None = None


class StateHead(Head):
    """state.json's meta: which rounds of the game in progress it holds, the last
    game filed, and the love maps' base its changes go on."""

    applied_game: str | None = None
    applied_rounds: StrictInt = 0
    archived_game: str | None = None
    lovemaps: str | None = None  # None: no base, love_map_changes holds the love maps whole


class UnlockList(Document):
    items: list[Unlock] = Field(default_factory=list)


class ArchivePending(Document):
    """Retired answers and months waiting in state.json to be filed in a new
    archive part, and the number that part will take."""

    answers: list[RetiredAnswer] = Field(default_factory=list)
    months: list[Period] = Field(default_factory=list)
    next_chunk: StrictInt = Field(default=1, ge=1)


class GameSlot(Document):
    """game.json's document: the game in progress (None: none), whether the demo
    started it, and the daily check-in in halves (open, or the last one filed,
    kept for its reveal)."""

    game: Game | None = None
    simulated: bool = False
    halves: Game | None = None


class StateDocument(Document):
    """state.json (schema ``migrations.SCHEMA_VERSION``, after migration)."""

    meta: One[StateHead] = Field(default_factory=StateHead)
    couple: One[Couple]
    settings: One[ProfileSettings] = Field(default_factory=ProfileSettings)
    aggregates: One[Aggregates] = Field(default_factory=Aggregates)
    unlocks: One[UnlockList] = Field(default_factory=UnlockList)
    archive_pending: One[ArchivePending] = Field(default_factory=ArchivePending)
    # The love map entries changed since lovemaps.json was written (or all of them).
    love_map_changes: LoveMapChanges = Field(default_factory=_empty_love_maps)
    # Schema 2 kept the game in progress here (game.json holds it since).
    legacy_game: One[GameSlot] | None = None


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

    game: One[GameSlot] = Field(default_factory=GameSlot)


class MonthDocument(Document):
    """history/YYYY-MM.json: the games finished that month, numbered as filed."""

    games: dict[str, Game] = Field(default_factory=dict)


class ArchivePart(Document):
    """archive/NNNN.json: answers and months retired from the bounded state, written once."""

    answers: dict[str, RetiredAnswer] = Field(default_factory=dict)
    months: dict[str, Period] = Field(default_factory=dict)
