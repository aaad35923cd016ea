"""Privacy on the messages themselves (DESIGN §11), over every order of moves.

Hypothesis picks, for each round of a check-in, who moves first, whether a
seat drops and comes back (or is replaced by a newer connection) in between.
Every byte the table sends each seat is recorded: no seat ever receives the
partner's answer or guess before its reveal. Every order ends in the same
saved result.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from pathlib import Path

from conftest import Clock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from table_support import TIMEOUT, Seat, new_profile, open_table

from nuzzle_game.core.questions import QuestionKind
from nuzzle_game.play.moves import AnswerMove, GuessMove, ReadMove, VerdictMove
from nuzzle_game.store.deck_files import load_decks
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.store.profile import ProfileReader
from nuzzle_game.table.wire import Bye, Start

# Every option and every typed answer is a word found nowhere else, so its
# presence in a message's bytes can only mean the value itself.
DECK = """
id = "private"
title = "Private"
description = "Questions whose answers are unmistakable."
unlock = { type = "always" }
checkin = true
""" + "".join(
    f"""
[[questions]]
id = "private.text-{i}"
kind = "text"
dimension = "emotional"
depth = 1
text = "What would you write on note {i}?"
"""
    + f"""
[[questions]]
id = "private.choice-{i}"
kind = "choice"
dimension = "emotional"
depth = 1
text = "Which colour is card {i}?"
options = ["zq{i}amber", "zq{i}birch", "zq{i}cobalt"]
"""
    for i in range(4)
)


def answer_for(question, seat: int) -> str:
    """What a seat commits on a question: distinct per question and per seat."""
    if question.kind is QuestionKind.TEXT:
        return f"zt{seat}-{question.id.rsplit('-', 1)[1]}-kept-quiet"
    return question.options[seat % len(question.options)]


ORDERS = st.sampled_from(["answer-first", "guess-first"])
DROPS = st.sampled_from([None, "answerer", "guesser"])
HOW = st.sampled_from(["leave-and-rejoin", "replaced"])
ROUND = st.tuples(ORDERS, DROPS, HOW, st.booleans())  # the bool: drop before or after the first move

_library = None


def library(folder: Path):
    global _library
    if _library is None:
        deck_dir = folder / "decks"
        deck_dir.mkdir()
        (deck_dir / "private.toml").write_text(DECK)
        _library = load_decks([deck_dir])
        assert len(_library.questions) == 8, _library.broken
    return _library


class Recorder:
    """A seat over its connections: all the bytes any of them received."""

    def __init__(self, table, seat: int) -> None:
        self.table, self.seat = table, seat
        self.past: list[Seat] = []
        self.current: Seat | None = None

    async def join(self) -> Seat:
        self.current = await Seat(self.table, self.seat).join()
        self.past.append(self.current)
        return self.current

    @property
    def lines(self) -> list[bytes]:
        return [line for s in self.past for line in bytes(s.client.received).splitlines()]


async def play(folder: SaveFolder, lib, plan) -> list:
    """Play a check-in along ``plan``; returns what each seat was sent, and the rounds."""
    new_profile(folder)
    rounds = []
    async with open_table(folder, lib, Clock(), seed=11) as table:
        seats = [Recorder(table, 0), Recorder(table, 1)]
        for r in seats:
            await r.join()
        await seats[0].current.send(Start(mode="check-in"))
        for number, (order, drop, how, drop_early) in enumerate(plan, 1):
            view = await seats[0].current.until(
                lambda v: v.game and v.game.round and v.game.round.number == number and v.game.result is None
            )
            info = view.game.round
            answerer, guesser = seats[info.answerer], seats[info.guesser]
            question = info.question
            answer, guess = answer_for(question, info.answerer), answer_for(question, info.guesser)
            rounds.append((info.answerer, question, answer, guess))
            moves = [(answerer, AnswerMove(value=answer)), (guesser, GuessMove(value=guess, confidence="think so"))]
            if order == "guess-first":
                moves.reverse()
            dropped = {"answerer": answerer, "guesser": guesser}.get(drop or "")
            for i, (recorder, move) in enumerate(moves):
                if dropped is not None and (i == 0) == drop_early:
                    await reconnect(dropped, how)
                await recorder.current.send(move)
                await recorder.current.until(
                    lambda v: (
                        v.game is None
                        or v.game.my_answer is not None
                        or v.game.my_guess is not None
                        or v.game.result is not None
                    )
                )
            if question.kind is QuestionKind.TEXT:
                await answerer.current.until(lambda v: v.game.verdict is not None or v.game.result is not None)
                await answerer.current.send(VerdictMove(verdict="close"))
            for recorder in seats:
                await recorder.current.until(lambda v: v.game is not None and v.game.result is not None)
            for recorder in seats:
                await recorder.current.send(ReadMove())
        for recorder in seats:
            await recorder.current.until(lambda v: v.game is not None and v.game.summary is not None)
        recorded = [r.lines for r in seats]
        for r in seats:
            await r.current.leave()
    return [recorded, rounds]


async def reconnect(recorder: Recorder, how: str) -> None:
    old = recorder.current
    if how == "leave-and-rejoin":
        await old.leave()
    new = await recorder.join()
    if how == "replaced":  # the newest connection takes the seat; the old one is told
        await asyncio.wait_for(old.closed.wait(), TIMEOUT)
        assert isinstance(old.messages[-1], Bye)
        await old.leave()
    # a seat that comes back gets the whole view again
    await new.until(lambda v: v.game is not None and v.partner_here)


def saved_result(folder: SaveFolder) -> list:
    """The filed game, without its random id and times: what every order must agree on."""
    reader = ProfileReader(folder, "alex-sam")
    (game,) = list(reader.games())
    assert reader.state.active_game is None
    saved = json.dumps(
        [
            [r.result.model_dump(mode="json") for r in game.rounds],
            reader.state.aggregates.model_dump(mode="json"),
            [m.model_dump(mode="json") for m in reader.state.love_maps],
        ]
    )
    return json.loads(saved.replace(game.id, "the-game"))


def check_privacy(lines: list[bytes], seat: int, rounds) -> None:
    """Before a round's reveal, nothing sent to ``seat`` holds the partner's move."""
    number = 0
    for line in lines:
        message = json.loads(line)
        game = message.get("game") if message.get("type") == "view" else None
        if not game or not game.get("round"):
            continue
        number = game["round"]["number"]
        answerer, question, answer, guess = rounds[number - 1]
        if game.get("result") is not None:
            continue  # the reveal: both moves belong to both seats now
        partners = guess if seat == answerer else answer
        if seat == answerer and game.get("verdict") is not None:
            continue  # a text round's verdict: the answerer reads the guess to judge it
        # The partner's word is nowhere in the message: in its raw bytes for a typed
        # answer; for a choice, outside the question (whose options are public)...
        if question.kind is QuestionKind.TEXT:
            assert partners.encode() not in line, f"seat {seat} was sent the partner's move: {line!r}"
        del game["round"]["question"]
        assert partners not in json.dumps(message), f"seat {seat} was sent the partner's move: {line!r}"
        mine = game.get("my_answer") if seat == answerer else (game.get("my_guess") or {}).get("value")
        assert mine in (None, answer if seat == answerer else guess)
        # ...and no field but the seat's own holds a move at all.
        if seat == answerer:
            assert game.get("my_guess") is None
        else:
            assert game.get("my_answer") is None and game.get("verdict") is None


_baseline: list = []


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=st.lists(ROUND, min_size=3, max_size=3))
def test_no_seat_is_sent_the_partners_move_before_the_reveal_in_any_order(plan):
    with tempfile.TemporaryDirectory() as tmp:
        folder = SaveFolder(Path(tmp) / "saves", durable=False)
        lib = library(Path(tempfile.mkdtemp()))
        recorded, rounds = asyncio.run(asyncio.wait_for(play(folder, lib, plan), 60))
        for seat in (0, 1):
            check_privacy(recorded[seat], seat, rounds)
        result = saved_result(folder)
    if not _baseline:
        _baseline.append(result)
    assert result == _baseline[0], "this order saved a different game"
