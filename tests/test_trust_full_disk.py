"""A full disk at the table: the move that fails counts later exactly once, and
nobody's screen runs ahead of the save.

    .venv/bin/python -m pytest tests/test_trust_full_disk.py
"""

from __future__ import annotations

import asyncio
import errno

import pytest
from conftest import library_of
from helpers import first_value, other_value
from table_support import TIMEOUT, Seat, new_profile, open_table

from nuzzle_game.core.questions import QuestionKind
from nuzzle_game.play.moves import AnswerMove, GuessMove, ReadMove, VerdictMove
from nuzzle_game.play.views import Task
from nuzzle_game.store.errors import SaveFailed
from nuzzle_game.store.profile import ProfileReader
from nuzzle_game.table.wire import ErrorReply, Start


class FullDisk:
    """The profile's ``save_game`` fails with ENOSPC at its ``at``-th call from now, once."""

    def __init__(self, profile, at: int) -> None:
        self.profile, self.at, self.calls = profile, at, 0
        self.real = profile.save_game

    def __call__(self, *args, **kwargs) -> None:
        self.calls += 1
        if self.calls == self.at:
            raise SaveFailed(self.profile.dir / "game.json", OSError(errno.ENOSPC, "No space left on device"))
        self.real(*args, **kwargs)


def errors(seat: Seat) -> list[str]:
    return [m.message for m in seat.messages if isinstance(m, ErrorReply)]


async def told(seat: Seat, count: int) -> None:
    for _ in range(int(TIMEOUT / 0.01)):
        if len(errors(seat)) >= count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"seat {seat.seat} was never told: {errors(seat)}")


def saved_game():
    return ProfileReader(saves_folder[0], "alex-sam").state


saves_folder: list = []

# (the kind of question, which save fails after the completing move: 1 = the
# move's own save, 2 = the reveal's)
CASES = [
    (QuestionKind.CHOICE, 1),
    (QuestionKind.CHOICE, 2),
    (QuestionKind.TEXT, 1),  # the verdict completes a text round: its one save is the reveal's
]


@pytest.mark.parametrize("kind, failing", CASES)
async def test_a_full_disk_at_the_move_that_completes_a_round(saves, library, clock, monkeypatch, kind, failing):
    saves_folder[:] = [saves]
    new_profile(saves)
    async with open_table(saves, library_of(library, kind), clock) as table:
        alex, sam = await Seat(table, 0).join(), await Seat(table, 1).join()
        await alex.until(lambda v: v.partner_here)
        await alex.send(Start(mode="check-in"))
        view = await alex.until(lambda v: v.game is not None)
        answerer, guesser = (alex, sam) if view.game.round.answerer == 0 else (sam, alex)
        question = view.game.round.question
        await answerer.send(AnswerMove(value=first_value(question)))
        await guesser.until(lambda v: v.game.partner.value == "answered")
        completing = (guesser, GuessMove(value=other_value(question), confidence="sure"))
        if kind is QuestionKind.TEXT:
            await guesser.send(completing[1])
            await answerer.until(lambda v: v.game.verdict is not None)
            completing = (answerer, VerdictMove(verdict="close"))
        seat, move = completing

        monkeypatch.setattr(table.profile, "save_game", FullDisk(table.profile, failing))
        await seat.send(move)
        # Both seats are told, in words; neither is shown a reveal.
        for each in (alex, sam):
            await told(each, 1)
            assert any("No space left on device" in e for e in errors(each)), errors(each)
        await asyncio.sleep(0.2)
        for each in (alex, sam):
            assert all(v.game is None or v.game.result is None for v in each.views), "a seat was shown a reveal"
        assert saved_game().active_game.rounds[0].result is None
        # The seat that moved is asked for its move again: the failed one did not count.
        assert seat.view.game.task in (Task.GUESS, Task.VERDICT), seat.view.game.task

        # Space is freed: the same move again just works, for both.
        await seat.send(move)
        for each in (alex, sam):
            await each.until(lambda v: v.game.result is not None, "the reveal")
        assert len(errors(alex)) == len(errors(sam)) == 1, (errors(alex), errors(sam))
        for each in (alex, sam):
            assert each.view.game.task is Task.REVEAL and each.view.game.round.number == 1
            await each.send(ReadMove())
        for each in (alex, sam):
            await each.until(lambda v: v.game.round is not None and v.game.round.number == 2, "round 2")
        state = saved_game()
        game = state.active_game
        assert game.revealed == 1 and [r.question_id for r in game.rounds].count(question.id) == 1
        assert state.aggregates.total.rounds == 1
        (entry,) = [m.entry(question.id) for m in state.love_maps if m.entry(question.id)]
        assert len(entry.history) == 1


async def test_a_full_disk_when_the_game_is_filed_counts_it_once_when_read_again(saves, library, clock, monkeypatch):
    saves_folder[:] = [saves]
    new_profile(saves)
    async with open_table(saves, library_of(library, QuestionKind.CHOICE), clock) as table:
        alex, sam = await Seat(table, 0).join(), await Seat(table, 1).join()
        await alex.until(lambda v: v.partner_here)
        await alex.send(Start(mode="check-in"))
        for number in (1, 2, 3):
            view = await alex.until(lambda v: v.game is not None and v.game.round.number == number)
            answerer, guesser = (alex, sam) if view.game.round.answerer == 0 else (sam, alex)
            question = view.game.round.question
            await answerer.send(AnswerMove(value=first_value(question)))
            await guesser.send(GuessMove(value=other_value(question), confidence="sure"))
            for each in (alex, sam):
                await each.until(lambda v: v.game.result is not None and v.game.round.number == number)
            await alex.send(ReadMove())
            if number < 3:
                await sam.send(ReadMove())
        await alex.until(lambda v: v.game.task is Task.WAIT)
        real = table.profile.archive_game
        failures = []

        def archive_game(game) -> None:
            if not failures:
                failures.append(game.id)
                raise SaveFailed(table.profile.dir / "history", OSError(errno.ENOSPC, "No space left on device"))
            real(game)

        monkeypatch.setattr(table.profile, "archive_game", archive_game)
        await sam.send(ReadMove())  # the last read files the game: the disk is full
        for each in (alex, sam):
            await told(each, 1)
        assert sam.view.game.task is Task.REVEAL and alex.view.game.task is Task.WAIT
        await sam.send(ReadMove())  # space freed: the same read again
        for each in (alex, sam):
            await each.until(lambda v: v.game.summary is not None, "the summary")
        assert len(errors(alex)) == len(errors(sam)) == 1
    reader = ProfileReader(saves, "alex-sam")
    assert reader.state.active_game is None and reader.state.aggregates.games == 1
    (game,) = list(reader.games())
    assert game.id == failures[0] and game.revealed == 3
