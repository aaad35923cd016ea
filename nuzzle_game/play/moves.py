"""A player's moves in a round, as data: what a round screen answers with, what a
seat sends over the wire, and what the round engine is given.

Hot seat, the table and the check-in in halves all apply a move the same way
(``apply``); a screen never calls the engine itself.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from nuzzle_game.core.models import Confidence, PlayerIndex, Verdict
from nuzzle_game.core.questions import AnswerValue
from nuzzle_game.play.engine import RoundEngine


class _Move(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AnswerMove(_Move):
    type: Literal["answer"] = "answer"
    value: AnswerValue


class GuessMove(_Move):
    type: Literal["guess"] = "guess"
    value: AnswerValue
    confidence: Confidence


class VerdictMove(_Move):
    type: Literal["verdict"] = "verdict"
    verdict: Verdict


class PassMove(_Move):
    """Pass on the question: another takes its place and nothing is scored."""

    type: Literal["pass"] = "pass"


class ReadMove(_Move):
    """Done reading the reveal (or the summary): ready for what comes next."""

    type: Literal["next"] = "next"


RoundMove = Annotated[AnswerMove | GuessMove | VerdictMove | PassMove | ReadMove, Field(discriminator="type")]

# The one pass marker: what an answer or guess screen dismisses with when its player passes.
PASS = PassMove()


def apply(engine: RoundEngine, player: PlayerIndex | None, move: RoundMove, round_index: int | None = None) -> None:
    """Give ``player``'s move to the engine (``None``: both at once, as at one
    keyboard, for reading a reveal). MoveError or ValueError when it does not fit now."""
    if isinstance(move, ReadMove):
        engine.read(player)
        return
    if player is None:
        raise ValueError("a move is made by one player")
    if isinstance(move, AnswerMove):
        engine.answer(player, move.value, round_index)
    elif isinstance(move, GuessMove):
        engine.guess(player, move.value, move.confidence, round_index)
    elif isinstance(move, VerdictMove):
        engine.judge(player, move.verdict, round_index)
    else:
        engine.pass_(player, round_index)
