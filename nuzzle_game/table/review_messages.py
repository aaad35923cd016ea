"""What a seat may ask to look at between moves, and the table's answers.

A seat asks for the couple's love map, one entry's history, or the things
that changed; the table answers that seat alone with a view built for it
(``table.review``): text ready to show, in pages that each fit in one line of
the wire. A seat may ask for anything; what it may not see, or what is not
there, is ``refused`` in one sentence and changes nothing.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from nuzzle_game.core.models import PlayerIndex
from nuzzle_game.core.questions import QUESTION_ID
from nuzzle_game.core.text import printable

# Offsets are entry counts; no couple's map comes near this.
MAX_OFFSET = 100_000
# Rows one page may hold, whatever their size (the table also keeps each page
# under the wire's line limit).
MAX_ROWS = 200


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
Text = Annotated[str, Field(max_length=2_100)]  # an answer is at most 2,000 characters, and "…"


# ------------------------------------------------------------- seat -> table


class LoveMapAsk(_Message):
    """The love map of ``subject`` (what the other knows of them), from ``offset``."""

    type: Literal["ask-lovemap"] = "ask-lovemap"
    subject: PlayerIndex
    offset: Offset = 0


class HistoryAsk(_Message):
    """Every answer ``subject`` gave to one question, newest first."""

    type: Literal["ask-history"] = "ask-history"
    subject: PlayerIndex
    question_id: Annotated[str, Field(pattern=QUESTION_ID)]


class ChangesAsk(_Message):
    """The answers that changed since they were last asked, newest first, from ``offset``."""

    type: Literal["ask-changes"] = "ask-changes"
    offset: Offset = 0


ReviewAsk = LoveMapAsk | HistoryAsk | ChangesAsk


# ------------------------------------------------------------- table -> seat


class DimensionRow(_Message):
    dimension: str
    known: int
    total: int
    fresh: int
    stale: int
    in_sync: int | None = None  # of the guesser's last rounds in this dimension, how many were in sync
    out_of: int = 0


class EntryRow(_Message):
    question_id: str
    dimension: str
    question: Text
    answer: Text  # the current answer, as a player reads it (a long one shortened)
    since: str  # "3 days ago"
    state: str  # fresh / stale


class LoveMapPage(_Message):
    type: Literal["lovemap"] = "lovemap"
    subject: PlayerIndex
    dimensions: Annotated[list[DimensionRow], Field(max_length=12)]
    entries: Annotated[list[EntryRow], Field(max_length=MAX_ROWS)]
    offset: int
    total: int
    next_offset: int | None = None  # where the next page starts; None: this is the last


class HistoryRow(_Message):
    answer: Text
    given: str  # the day it was first given
    confirmed: str  # "last confirmed 2 months ago"


class HistoryPage(_Message):
    type: Literal["history"] = "history"
    subject: PlayerIndex
    question_id: str
    question: Text
    answers: Annotated[list[HistoryRow], Field(max_length=MAX_ROWS)]  # newest first
    total: int  # answers there are; more than shown when the oldest did not fit


class ChangeRow(_Message):
    subject: PlayerIndex
    dimension: str
    question: Text
    was: Text | None = None
    was_when: str | None = None  # "4 months ago"
    now: Text
    follow_up: Text | None = None


class ChangesPage(_Message):
    type: Literal["changes"] = "changes"
    changes: Annotated[list[ChangeRow], Field(max_length=MAX_ROWS)]
    # When nothing changed yet: the answers most recently learned, so the screen is not empty.
    newest: Annotated[list[ChangeRow], Field(max_length=MAX_ROWS)] = []
    offset: int
    total: int
    next_offset: int | None = None


class Refused(_Message):
    """The table will not show what was asked (not there, not this seat's to see, or
    not now). Only a look was refused: the game is where it was."""

    type: Literal["refused"] = "refused"
    message: Annotated[str, BeforeValidator(lambda text: printable(text) if isinstance(text, str) else text)]


ReviewPage = LoveMapPage | HistoryPage | ChangesPage | Refused
