"""The round engine: hot seat turns, two seats at once, passes, privacy; views are pure reads."""

from __future__ import annotations

import pytest
from conftest import Clock, library_of, make_couple
from helpers import first_value, other_value, q
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from nuzzle_game.core.decks import Deck, DeckLibrary
from nuzzle_game.core.game import GameMode
from nuzzle_game.core.models import Confidence, Verdict
from nuzzle_game.core.questions import QuestionKind
from nuzzle_game.core.state import ProfileState
from nuzzle_game.play import moves
from nuzzle_game.play.engine import MoveError, Pending, RoundEngine
from nuzzle_game.play.hotseat import Handoff, HotSeat
from nuzzle_game.play.session import GameSession
from nuzzle_game.play.views import PartnerStatus, PlayerView, Task


class MemoryStore:
    def __init__(self, state):
        self.state = state
        self.archived = []

    def save_state(self):
        pass

    def save_game(self):
        pass

    def archive_game(self, game):
        self.archived.append(game)
        self.state.active_game = None


def session_for(library, clock=None):
    store = MemoryStore(ProfileState(couple=make_couple()))
    return GameSession(store, library, clock=clock or Clock()), store


DIMENSIONS = ["emotional", "physical", "intellectual", "experiential", "spiritual"]
TEXT_LIBRARY = DeckLibrary(
    decks=[
        Deck(
            id="texts",
            title="Texts",
            description="Only free text, so any value can be spotted in a view.",
            questions=[q("text", qid=f"t.q{i}", dimension=DIMENSIONS[i % 5], depth=1 + i % 3) for i in range(30)],
        )
    ]
)


def play_hot_seat(engine: RoundEngine, seat: HotSeat | None = None) -> list[str]:
    """Play a whole game as the App does; returns what each turn showed."""
    seat = seat or HotSeat(engine)
    seen = []
    while True:
        engine.advance()
        turn = seat.turn()
        if isinstance(turn, Handoff):
            seen.append("handoff")
            seat.handed_off(turn)
            continue
        seen.append(turn.task.value)
        question = turn.round.question if turn.round else None
        if turn.task is Task.ANSWER:
            moves.apply(engine, turn.me, moves.AnswerMove(value=first_value(question)))
        elif turn.task is Task.GUESS:
            moves.apply(engine, turn.me, moves.GuessMove(value=first_value(question), confidence=Confidence.SURE))
        elif turn.task is Task.VERDICT:
            moves.apply(engine, turn.me, moves.VerdictMove(verdict=turn.verdict.proposed))
        elif turn.task is Task.REVEAL:
            moves.apply(engine, seat.mover(turn), moves.ReadMove())
        else:
            return seen


def test_hot_seat_plays_a_whole_game_in_steps(library):
    session, store = session_for(library)
    session.start(seed=3, rounds=4)
    seen = play_hot_seat(RoundEngine(session))
    plain = [kind for kind in seen if kind != "verdict"]  # text rounds add one
    rounds = [plain[i : i + 5] for i in range(0, len(plain) - 1, 5)]
    assert all(r == ["handoff", "answer", "handoff", "guess", "reveal"] for r in rounds), seen
    assert len(rounds) == 4 and seen[-1] == "summary"
    assert len(store.archived) == 1 and store.state.aggregates.games == 1


def test_text_rounds_ask_the_answerer_for_a_verdict():
    session, store = session_for(TEXT_LIBRARY)
    session.start(seed=1, rounds=2)
    seen = play_hot_seat(RoundEngine(session))
    assert seen[:6] == ["handoff", "answer", "handoff", "guess", "verdict", "reveal"]


def test_the_guess_waits_behind_a_handoff_even_after_a_restart(library):
    session, _ = session_for(library)
    session.start(seed=5)
    engine = RoundEngine(session)
    seat = HotSeat(engine)
    handoff = seat.turn()
    assert isinstance(handoff, Handoff) and handoff.task is Task.ANSWER
    seat.handed_off(handoff)
    answer = seat.turn()
    assert isinstance(answer, PlayerView) and answer.task is Task.ANSWER
    engine.answer(answer.me, first_value(answer.round.question))
    step = seat.turn()
    assert isinstance(step, Handoff) and step.task is Task.GUESS and step.player == 1 - answer.me
    seat.handed_off(step)
    assert seat.turn().task is Task.GUESS
    # Paused on the guess: a new driver (a resumed game) hands off again first.
    assert isinstance(HotSeat(RoundEngine(session)).turn(), Handoff)


def test_views_are_immutable_and_reading_them_changes_nothing(library):
    session, store = session_for(library)
    session.start(seed=5)
    engine = RoundEngine(session)
    view = engine.view(0)
    with pytest.raises(ValidationError):
        view.me = 1
    with pytest.raises(ValidationError):
        view.round.number = 3
    # A read never draws, reveals or files: the game is as it was, however often it is read.
    before = session.game.model_dump()
    for _ in range(3):
        engine.view(0), engine.view(1), HotSeat(engine).turn()
    assert session.game.model_dump() == before and engine.version == 0


def test_draws_reveals_and_filing_are_commands_the_driver_gives(library):
    session, store = session_for(library_of(library, QuestionKind.CHOICE))
    session.start(seed=8, rounds=1)
    engine = RoundEngine(session)
    info = engine.view(0).round
    engine.answer(info.answerer, first_value(info.question))
    engine.guess(info.guesser, first_value(info.question), Confidence.SURE)
    assert engine.pending is Pending.REVEAL and session.game.revealed == 0  # not revealed by a read
    assert engine.view(0).result is None
    assert engine.advance() is Pending.REVEAL and session.game.revealed == 1
    engine.read()
    assert engine.pending is Pending.FILE and not store.archived  # not filed by a read
    assert engine.advance() is Pending.FILE and store.archived and engine.finished


def test_a_guess_before_the_answer_is_held_and_applied_when_it_comes(library):
    session, _ = session_for(library_of(library, QuestionKind.CHOICE))  # no verdict step
    session.start(seed=8)
    table = RoundEngine(session)
    info = table.view(0).round
    answerer, guesser = info.answerer, info.guesser
    question = info.question
    assert table.view(guesser).task is Task.GUESS  # may guess at once
    table.guess(guesser, other_value(question), Confidence.THINK_SO)
    assert table.view(guesser).task is Task.WAIT
    assert table.view(answerer).partner is PartnerStatus.GUESSED
    assert table.view(answerer).task is Task.ANSWER
    table.answer(answerer, first_value(question))
    table.advance()
    a, b = table.view(answerer), table.view(guesser)
    assert a.task is b.task is Task.REVEAL
    assert a.result == b.result and a.result.guess == other_value(question)
    assert session.game.revealed == 1


def test_the_next_round_waits_until_both_seats_read_the_reveal(library):
    session, _ = session_for(library_of(library, QuestionKind.CHOICE))  # no verdict step
    session.start(seed=8)
    table = RoundEngine(session)
    info = table.view(0).round
    table.answer(info.answerer, first_value(info.question))
    table.guess(info.guesser, first_value(info.question), Confidence.SURE)
    table.advance()
    table.read(0)
    assert table.view(0).task is Task.WAIT and table.view(1).partner is PartnerStatus.READY
    assert table.view(1).task is Task.REVEAL
    table.read(1)
    table.advance()
    assert table.view(0).round.number == 2 and table.view(1).task in (Task.ANSWER, Task.GUESS)


def test_moves_from_the_wrong_seat_are_refused():
    session, _ = session_for(TEXT_LIBRARY)
    session.start(seed=2)
    table = RoundEngine(session)
    info = table.view(0).round
    with pytest.raises(MoveError):
        table.answer(info.guesser, "not mine to give")
    with pytest.raises(MoveError):
        table.judge(info.answerer, Verdict.CLOSE)  # nothing committed yet
    table.answer(info.answerer, "a walk by the sea")
    with pytest.raises(MoveError):
        table.answer(info.answerer, "changed my mind")
    with pytest.raises(MoveError):
        table.guess(info.answerer, "my own guess", Confidence.SURE)
    table.guess(info.guesser, "a walk", Confidence.SURE)
    with pytest.raises(MoveError):
        table.judge(info.guesser, Verdict.SPOT_ON)  # the verdict is the answerer's
    with pytest.raises(MoveError):
        table.pass_(info.guesser)  # both committed: on to the reveal
    table.judge(info.answerer, Verdict.CLOSE)
    assert table.view(info.guesser).result.verdict is Verdict.CLOSE


def test_a_pass_replaces_the_question_and_scores_nothing(library):
    session, store = session_for(library)
    session.start(seed=4)
    table = RoundEngine(session)
    before = table.view(0).round
    table.answer(before.answerer, first_value(before.question))
    table.pass_(before.guesser)  # either partner, while guessing too
    after = table.view(0).round
    assert after.question.id != before.question.id
    assert (after.number, after.answerer) == (before.number, before.answerer)
    assert table.view(after.answerer).task is Task.ANSWER  # the old answer is gone
    assert store.state.aggregates.total.rounds == 0 and session.game.revealed == 0
    assert before.question.id in store.state.love_maps[before.answerer].last_asked()
    assert before.question.id not in store.state.love_maps[before.guesser].last_asked()


def test_a_passed_question_is_not_asked_of_that_answerer_again_soon(library, clock):
    session, store = session_for(library, clock)
    session.start(seed=4, rounds=1)
    table = RoundEngine(session)
    passed = table.view(0).round
    table.pass_(passed.answerer)
    play_hot_seat(table)
    for _ in range(40):
        # The same seed and answerer would draw it first again, within the window.
        clock.advance(hours=1)
        store.state.aggregates.games = 0  # keep the same first answerer
        session.start(seed=4, rounds=1)
        engine = RoundEngine(session)
        info = engine.view(0).round
        assert info.answerer == passed.answerer
        assert info.question.id != passed.question.id
        play_hot_seat(engine)


def test_resuming_a_game_with_every_round_revealed_shows_the_summary(library):
    session, store = session_for(library_of(library, QuestionKind.SCALE))  # no verdict step
    session.start(seed=6, rounds=1)
    engine = RoundEngine(session)
    info = engine.view(0).round
    engine.answer(info.answerer, first_value(info.question))
    engine.guess(info.guesser, first_value(info.question), Confidence.SURE)
    engine.advance()
    assert engine.view(0).task is Task.REVEAL
    # Quit on the last reveal; the game is resumed later.
    again = RoundEngine(session)
    again.advance()
    view = again.view(0)
    assert view.task is Task.SUMMARY and view.summary.summary.rounds == 1
    assert store.archived and session.game is None


MOVES = st.lists(
    st.tuples(st.sampled_from(["answer", "guess", "judge", "pass", "next"]), st.sampled_from([0, 1])),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(moves=MOVES, verdict=st.sampled_from(list(Verdict)))
def test_a_seat_never_sees_the_partners_answer_or_guess_before_the_reveal(moves, verdict):
    session, store = session_for(TEXT_LIBRARY)
    session.start(seed=11, rounds=3)
    table = RoundEngine(session)
    n = 0
    for move, player in moves:
        n += 1
        try:
            if move == "answer":
                table.answer(player, f"answer-{n}-secret")
            elif move == "guess":
                table.guess(player, f"guess-{n}-secret", Confidence.SURE)
            elif move == "judge":
                table.judge(player, verdict)
            elif move == "pass":
                table.pass_(player)
            else:
                table.read(player)
            table.advance()
        except MoveError:
            pass
        if table.finished:
            break
        current = session.game.current if session.game else None
        for seat in (0, 1):
            view = table.view(seat)
            if view.result is not None or current is None:
                continue
            sent = view.model_dump_json()
            if seat == current.guesser and current.answer is not None:
                assert str(current.answer) not in sent
            if seat == current.answerer and current.guess is not None and view.task is not Task.VERDICT:
                assert str(current.guess.value) not in sent
    # Both seats see the same reveal.
    if not table.finished and table.view(0).result is not None:
        assert table.view(0).result == table.view(1).result


def test_a_checkin_keeps_its_mode_in_every_view(library):
    session, _ = session_for(library)
    session.start(mode=GameMode.CHECKIN, seed=2)
    engine = RoundEngine(session)
    assert engine.view(0).round.mode is GameMode.CHECKIN
    assert engine.view(1).round.total == 3


def test_a_pass_survives_quitting_and_the_end_of_the_game(library, saves, clock):
    profile = saves.create(make_couple())
    session = GameSession(profile, library, clock=clock)
    session.start(seed=4, rounds=1)
    table = RoundEngine(session)
    passed = table.view(0).round
    table.pass_(passed.guesser)
    profile.close()

    profile = saves.open("alex-sam")  # quit, and resume
    session = GameSession(profile, library, clock=clock)
    engine = RoundEngine(session)
    assert engine.view(0).round.question.id != passed.question.id
    assert [p.question_id for p in session.game.passes] == [passed.question.id]
    play_hot_seat(engine)
    # A second game in the same sitting (the store saved this profile before).
    clock.advance(days=1)
    session.start(seed=5, rounds=1)
    engine = RoundEngine(session)
    second = engine.view(0).round
    engine.pass_(second.answerer)
    play_hot_seat(engine)
    profile.close()

    profile = saves.open("alex-sam")  # the games are filed; the passes stay on the maps
    assert passed.question.id in profile.state.love_maps[passed.answerer].last_asked()
    assert second.question.id in profile.state.love_maps[second.answerer].last_asked()
    profile.close()
