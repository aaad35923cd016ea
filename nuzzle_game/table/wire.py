"""The wire between the table and its seats: one JSON object per line.

Every message is a pydantic model with a ``type``. Anything that does not parse
into one of them is answered with an ``error`` (or the connection is closed);
it never reaches the game or the save.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from ..game import GameMode, GameSummary
from ..models import AnswerValue, Confidence, Discovery, PlayerIndex, Question, RoundResult, Verdict

MAX_LINE = 64 * 1024  # a message longer than this closes the connection
SECRET_LENGTH = 43  # secrets.token_urlsafe(32)


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ------------------------------------------------------------- seat -> table


class Hello(_Message):
    type: Literal["hello"] = "hello"
    seat: Annotated[str, Field(min_length=1, max_length=24)]
    secret: Annotated[str, Field(min_length=1, max_length=128)]


class Start(_Message):
    type: Literal["start"] = "start"
    mode: GameMode = GameMode.CHECKIN
    rounds: Annotated[int, Field(ge=1, le=30)] | None = None


class Answer(_Message):
    type: Literal["answer"] = "answer"
    value: AnswerValue


class GuessMove(_Message):
    type: Literal["guess"] = "guess"
    value: AnswerValue
    confidence: Confidence


class VerdictMove(_Message):
    type: Literal["verdict"] = "verdict"
    verdict: Verdict


class Pass(_Message):
    type: Literal["pass"] = "pass"


class Next(_Message):
    """Seen the reveal (or the summary): ready for what comes next."""

    type: Literal["next"] = "next"


SeatMessage = Annotated[
    Union[Hello, Start, Answer, GuessMove, VerdictMove, Pass, Next], Field(discriminator="type")
]
_seat_messages: TypeAdapter[SeatMessage] = TypeAdapter(SeatMessage)


# ------------------------------------------------------------- table -> seat


class RoundView(_Message):
    """One round as one seat may see it: never the partner's move before the reveal."""

    number: int
    total: int
    question: Question
    role: Literal["answer", "guess"]
    answerer: PlayerIndex
    mine_done: bool = False
    partner_done: bool = False
    mine: AnswerValue | None = None  # what this seat committed, so a rejoin shows it
    # Text rounds, once both committed: the answerer judges. Only the answerer's
    # view carries the guess, and only then.
    verdict_guess: AnswerValue | None = None
    verdict_confidence: Confidence | None = None
    proposed: Verdict | None = None
    result: RoundResult | None = None  # after the reveal, the same for both seats
    ready: bool = False  # this seat pressed "next" after the reveal


class SummaryView(_Message):
    summary: GameSummary
    discoveries: list[Discovery]


class SeatView(_Message):
    type: Literal["view"] = "view"
    seat: PlayerIndex
    names: tuple[str, str]
    profile: str
    partner_here: bool
    mode: GameMode | None = None  # the game in play, if any
    round: RoundView | None = None
    summary: SummaryView | None = None
    note: str | None = None  # something to tell this seat once (e.g. "Sam passed")


class ErrorReply(_Message):
    type: Literal["error"] = "error"
    message: str


class Bye(_Message):
    """The table closes this connection; ``message`` says why."""

    type: Literal["bye"] = "bye"
    message: str


TableMessage = Annotated[Union[SeatView, ErrorReply, Bye], Field(discriminator="type")]
_table_messages: TypeAdapter[TableMessage] = TypeAdapter(TableMessage)


class WireError(ValueError):
    """A line that is not a message: ``str()`` is the reply."""


def encode(message: BaseModel) -> bytes:
    return message.model_dump_json().encode() + b"\n"


def _load(line: bytes) -> object:
    if len(line) > MAX_LINE:
        raise WireError("that message is too long")
    try:
        return json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise WireError("that is not a JSON message") from None


def decode_seat(line: bytes) -> SeatMessage:
    data = _load(line)
    try:
        return _seat_messages.validate_python(data)
    except ValidationError as error:
        raise WireError(f"not a move the table knows ({_first(error)})") from None


def decode_table(line: bytes) -> TableMessage:
    data = _load(line)
    try:
        return _table_messages.validate_python(data)
    except ValidationError as error:
        raise WireError(f"unexpected message from the table ({_first(error)})") from None


def _first(error: ValidationError) -> str:
    detail = error.errors()[0]
    where = ".".join(map(str, detail["loc"]))
    return f"{where}: {detail['msg']}" if where else detail["msg"]
