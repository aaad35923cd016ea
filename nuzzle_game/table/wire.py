"""The wire between the table and its seats: one JSON object per line.

Every message is a pydantic model with a ``type``. Anything that does not parse
into one of them is answered with an ``error`` (or the connection is closed);
it never reaches the game or the save.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter, ValidationError

from nuzzle_game.core.game import GameMode
from nuzzle_game.core.models import PlayerIndex
from nuzzle_game.core.text import control_character, printable
from nuzzle_game.play.moves import AnswerMove, GuessMove, PassMove, ReadMove, VerdictMove
from nuzzle_game.play.views import PlayerView
from nuzzle_game.table.review_messages import (
    ChangesAsk,
    ChangesPage,
    HistoryAsk,
    HistoryPage,
    LoveMapAsk,
    LoveMapPage,
    Refused,
)

MAX_LINE = 64 * 1024  # a message longer than this closes the connection


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ------------------------------------------------------------- seat -> table


# The handshake (``connection.Connection.proof``): the seat says who it is with a
# fresh nonce; the table answers with its own nonce and its proof; only if that
# proof holds does the seat send its own. No secret ever crosses the wire.
Nonce = Annotated[str, Field(min_length=32, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
Digest = Annotated[str, Field(min_length=64, max_length=64, pattern=r"^[0-9a-f]+$")]


class Hello(_Message):
    type: Literal["hello"] = "hello"
    seat: Annotated[str, Field(min_length=1, max_length=24)]
    nonce: Nonce


class Proof(_Message):
    """The seat's proof, sent once the table has proved itself."""

    type: Literal["proof"] = "proof"
    proof: Digest


class Start(_Message):
    type: Literal["start"] = "start"
    mode: GameMode = GameMode.CHECKIN
    rounds: Annotated[int, Field(ge=1, le=30)] | None = None


SeatMessage = Annotated[
    Hello
    | Proof
    | Start
    | AnswerMove
    | GuessMove
    | VerdictMove
    | PassMove
    | ReadMove
    | LoveMapAsk
    | HistoryAsk
    | ChangesAsk,
    Field(discriminator="type"),
]
_seat_messages: TypeAdapter[SeatMessage] = TypeAdapter(SeatMessage)


# ------------------------------------------------------------- table -> seat


class Challenge(_Message):
    """The table's answer to a hello: its proof over the seat's nonce, and its own nonce."""

    type: Literal["challenge"] = "challenge"
    nonce: Nonce
    proof: Digest


class SeatUpdate(_Message):
    """Everything one seat may know now: the round engine's view of it, and the table's.

    ``game`` is the engine's ``PlayerView`` for this seat (never the partner's
    answer or guess before the reveal); None between games. The moves a seat
    sends are the engine's own (``play.moves``).
    """

    type: Literal["view"] = "view"
    seat: PlayerIndex
    names: tuple[str, str]
    profile: str
    partner_here: bool
    # The partner was at the table in this sitting and has left it (not: not here yet).
    partner_left: bool = False
    game: PlayerView | None = None
    note: str | None = None  # something to tell this seat once (e.g. "Sam passed")


# Why a move was refused or a connection closed: shown on a terminal, so any
# control character in it (a hostile field name echoed back) is made visible.
Said = Annotated[str, BeforeValidator(lambda text: printable(text) if isinstance(text, str) else text)]


class ErrorReply(_Message):
    type: Literal["error"] = "error"
    message: Said


class Bye(_Message):
    """The table closes this connection; ``message`` says why."""

    type: Literal["bye"] = "bye"
    message: Said


TableMessage = Annotated[
    Challenge | SeatUpdate | ErrorReply | Bye | LoveMapPage | HistoryPage | ChangesPage | Refused,
    Field(discriminator="type"),
]
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
    except RecursionError:  # "[[[[…" well inside the line limit
        raise WireError("that message is nested too deeply") from None


def decode_seat(line: bytes) -> SeatMessage:
    data = _load(line)
    try:
        return _seat_messages.validate_python(data)
    except ValidationError as error:
        raise WireError(f"not a move the table knows ({_first(error)})") from None
    except RecursionError:  # pragma: no cover - pydantic has its own guard
        raise WireError("that message is nested too deeply") from None


def decode_table(line: bytes) -> TableMessage:
    data = _load(line)
    if _controlled(data):  # nothing the table sends may drive a terminal
        raise WireError("the table sent text holding a control character")
    try:
        return _table_messages.validate_python(data)
    except ValidationError as error:
        raise WireError(f"unexpected message from the table ({_first(error)})") from None
    except RecursionError:  # pragma: no cover - pydantic has its own guard
        raise WireError("that message is nested too deeply") from None


def _controlled(data: object) -> bool:
    """Whether any text in ``data`` holds a control character other than tab and newline."""
    if isinstance(data, str):
        return control_character(data.replace("\t", "").replace("\n", "")) is not None
    if isinstance(data, dict):
        return any(_controlled(key) or _controlled(value) for key, value in data.items())
    if isinstance(data, list):
        return any(_controlled(item) for item in data)
    return False


def _first(error: ValidationError) -> str:
    detail = error.errors()[0]
    where = ".".join(map(str, detail["loc"]))
    return f"{where}: {detail['msg']}" if where else detail["msg"]
