"""The check-in in halves (DESIGN §12), through the round engine: each partner's
half alone, in any order, with a pause anywhere; nothing of a half is in the
other's views before both are in; text verdicts; filing once every verdict is in."""

from __future__ import annotations

import pytest
from conftest import Clock, make_couple
from helpers import first_value, other_value, q
from hypothesis import given, settings
from hypothesis import strategies as st

from nuzzle_game.core.decks import Deck, DeckLibrary
from nuzzle_game.core.game import GameMode, Phase
from nuzzle_game.core.models import Confidence, Verdict
from nuzzle_game.core.state import ProfileState
from nuzzle_game.play import moves
from nuzzle_game.play.engine import MoveError, Pending, RoundEngine
from nuzzle_game.play.halves import Half, open_halves
from nuzzle_game.play.session import GameSession
from nuzzle_game.play.views import PartnerStatus, Task

DIMENSIONS = ["emotional", "physical", "intellectual", "experiential", "spiritual"]


class MemoryStore:
    """Saves nothing; files a game as the store does (a filed check-in in halves stays)."""

    def __init__(self, state: ProfileState) -> None:
        self.state = state
        self.archived: list = []
        self.saves = 0

    def save_state(self) -> None:
        pass

    def save_game(self) -> None:
        self.saves += 1

    def archive_game(self, game) -> None:
        self.archived.append(game.model_copy(deep=True))


def library_of(kinds: list[str]) -> DeckLibrary:
    questions = [
        q(kind, qid=f"h.{kind}.{i}", dimension=DIMENSIONS[i % 5], depth=1 + i % 2) for kind in kinds for i in range(10)
    ]
    return DeckLibrary(decks=[Deck(id="halves", title="Halves", description="Every kind.", questions=questions)])


def halves_for(library: DeckLibrary, clock: Clock | None = None, seed: int = 3):
    store = MemoryStore(ProfileState(couple=make_couple()))
    session = GameSession(store, library, clock=clock or Clock(), halves=True)
    open_halves(session, seed=seed)
    return session, store


def play_half(engine: RoundEngine, player: int, answer=first_value, guess=other_value, stop_after: int | None = None):
    """``player`` plays their half (or its first ``stop_after`` moves) as a seat does."""
    half = Half(engine, player)
    made = 0
    while stop_after is None or made < stop_after:
        engine.advance()
        view = half.turn()
        if view.task is Task.ANSWER:
            moves.apply(engine, player, moves.AnswerMove(value=answer(view.round.question)), view.round.index)
        elif view.task is Task.GUESS:
            move = moves.GuessMove(value=guess(view.round.question), confidence=Confidence.THINK_SO)
            moves.apply(engine, player, move, view.round.index)
        else:
            return view
        made += 1
    return half.turn()


def test_three_questions_each_asked_both_ways():
    session, store = halves_for(library_of(["choice", "scale"]))
    game = session.game
    assert game.mode is GameMode.HALVES and game.checkin and len(game.rounds) == 6
    pairs = [game.rounds[i : i + 2] for i in range(0, 6, 2)]
    assert all(a.question_id == b.question_id and {a.answerer, b.answerer} == {0, 1} for a, b in pairs)
    assert len({a.question_id for a, _ in pairs}) == 3
    assert session.state.active_game is None  # a game together stays free
    assert store.saves == 1  # the draw is saved at once


def test_a_half_is_three_answers_then_three_guesses_in_question_order():
    session, _ = halves_for(library_of(["choice"]))
    engine = RoundEngine(session)
    half = Half(engine, 0)
    seen = []
    while (view := half.turn()).task in (Task.ANSWER, Task.GUESS):
        seen.append((view.task, view.round.question.id))
        value = first_value(view.round.question)
        move = (
            moves.AnswerMove(value=value)
            if view.task is Task.ANSWER
            else moves.GuessMove(value=value, confidence="sure")
        )
        moves.apply(engine, 0, move, view.round.index)
    assert [t for t, _ in seen] == [Task.ANSWER, Task.GUESS] * 3
    assert [qid for _, qid in seen][::2] == [qid for _, qid in seen][1::2]
    assert half.progress() == (6, 6)
    assert view.task is Task.WAIT and view.partner is PartnerStatus.HALF_TO_COME


def test_both_halves_in_reveal_everything_and_file_the_checkin():
    session, store = halves_for(library_of(["choice", "multi", "scale", "rank"]))
    engine = RoundEngine(session)
    play_half(engine, 0)
    assert engine.view(1).partner is PartnerStatus.HALF_IN
    view = play_half(engine, 1)
    assert engine.pending is None and engine.finished  # judged and filed by advance()
    assert view.task is Task.REVEAL and view.checkin.filed
    reveal = view.checkin
    assert len(reveal.questions) == 3
    for pair in reveal.questions:
        for player in (0, 1):
            side = pair.sides[player]
            assert side.answer == first_value(pair.question) and side.guess.value == other_value(pair.question)
            assert side.result is not None and side.result.answerer == player
    state = session.state
    assert state.aggregates.games == 1 and state.aggregates.checkins == 1 and state.aggregates.total.rounds == 6
    assert all(len(m.entries) == 3 for m in state.love_maps)
    assert [g.id for g in store.archived] == [session.game.id]
    assert session.game.finished_at is not None  # it stays, for its reveal
    # Both see the same reveal.
    assert engine.view(0).checkin == engine.view(1).checkin


def test_a_text_round_waits_for_its_answerers_verdict():
    session, store = halves_for(library_of(["text"]))
    engine = RoundEngine(session)
    play_half(engine, 0)
    play_half(engine, 1)
    assert not engine.finished and not store.archived
    view = engine.view(1)
    assert view.task is Task.VERDICT and view.round.answerer == 1 and view.verdict.guess is not None
    grace = engine.view(0)
    assert grace.task is Task.VERDICT  # her own verdicts come first
    with pytest.raises(MoveError):
        engine.judge(0, Verdict.CLOSE, view.round.index)  # not hers to give
    for player in (0, 1):
        while (view := engine.view(player)).task is Task.VERDICT:
            moves.apply(engine, player, moves.VerdictMove(verdict=Verdict.CLOSE), view.round.index)
        if player == 0:
            waiting = engine.view(0).checkin
            assert waiting is not None and not waiting.filed
            assert any(pair.sides[1].waiting_verdict for pair in waiting.questions)
    engine.advance()
    assert engine.finished and store.archived
    assert all(r.verdict is Verdict.CLOSE for r in session.game.results)


def test_a_guess_of_the_partners_answer_to_the_same_question_is_judged_for_projection():
    session, _ = halves_for(library_of(["choice"]))
    engine = RoundEngine(session)
    # Both answer "a" and guess "b": neither projects. Then Grace guesses her own answer.
    play_half(engine, 0, answer=first_value, guess=first_value)
    play_half(engine, 1, answer=other_value, guess=other_value)
    results = {(r.answerer, r.question_id): r for r in session.game.results}
    assert all(r.projection for (answerer, _), r in results.items() if answerer == 0)  # Grace guessed her own
    assert all(r.projection for (answerer, _), r in results.items() if answerer == 1)  # so did Ada


def test_a_pass_replaces_the_question_for_both_and_drops_its_moves():
    session, _ = halves_for(library_of(["choice"]))
    engine = RoundEngine(session)
    view = Half(engine, 0).turn()
    before = view.round.question.id
    engine.answer(0, first_value(view.round.question), view.round.index)
    moves.apply(engine, 1, moves.PASS, view.round.index)
    pair = session.game.rounds[view.round.index - view.round.index % 2 :][:2]
    assert all(r.question_id != before and r.answer is None for r in pair)
    assert [p.question_id for p in session.game.passes] == [before]
    assert len({r.question_id for r in session.game.rounds}) == 3


def test_moves_out_of_turn_are_refused():
    session, _ = halves_for(library_of(["choice"]))
    engine = RoundEngine(session)
    rounds = session.game.rounds
    mine = next(r for r in rounds if r.answerer == 0)
    with pytest.raises(MoveError):
        engine.answer(1, first_value(session.question(mine.question_id)), mine.index)  # Ada's to give
    with pytest.raises(MoveError):
        engine.answer(0, "b")  # which question?
    play_half(engine, 0)
    with pytest.raises(MoveError):
        engine.answer(0, "a", mine.index)  # already in


def test_the_checkin_stays_open_across_midnight_and_counts_the_day_both_halves_are_in():
    clock = Clock()
    session, _ = halves_for(library_of(["choice"]), clock)
    engine = RoundEngine(session)
    play_half(engine, 0)
    clock.advance(days=1, hours=3)  # Grace plays the next day
    play_half(engine, 1)
    assert engine.finished
    assert session.state.aggregates.recent_games[-1].at.date() == clock().date()


# ------------------------------------------------- every order, nothing leaks

STEPS = st.lists(st.tuples(st.sampled_from([0, 1]), st.sampled_from(["move", "move", "pause", "pass"])), max_size=30)


@settings(max_examples=60, deadline=None)
@given(steps=STEPS, kinds=st.sampled_from([["choice", "text"], ["multi", "scale", "rank"], ["text"]]))
def test_no_view_holds_the_partners_half_before_both_are_in_in_any_order(steps, kinds):
    session, store = halves_for(library_of(kinds), seed=7)
    engine = RoundEngine(session)
    secret = {0: "ADA-SECRET", 1: "GRACE-SECRET"}

    def answer(player):
        return lambda question: f"{secret[player]} answer" if question.kind.value == "text" else first_value(question)

    def guess(player):
        return lambda question: f"{secret[player]} guess" if question.kind.value == "text" else other_value(question)

    def check_privacy():
        game = session.game
        if game.halves_in:
            return
        for player in (0, 1):
            view = engine.view(player)
            assert secret[1 - player] not in view.model_dump_json()
            # Nothing committed travels in a view before both halves are in, not even one's own.
            assert (view.my_answer, view.my_guess, view.verdict, view.result, view.checkin) == (None,) * 5

    for player, step in steps:
        if step == "pause":
            engine = RoundEngine(session)  # quit and resume: a new engine over the save
        elif step == "pass":
            view = Half(engine, player).turn()
            if view.round is not None:
                moves.apply(engine, player, moves.PASS, view.round.index)
        else:
            play_half(engine, player, answer(player), guess(player), stop_after=1)
        check_privacy()
    for player in (0, 1):
        play_half(engine, player, answer(player), guess(player))
        check_privacy()
    while not engine.finished:
        engine.advance()
        for player in (0, 1):
            view = engine.view(player)
            if view.task is Task.VERDICT:
                moves.apply(engine, player, moves.VerdictMove(verdict=view.verdict.proposed), view.round.index)
    assert engine.view(0).checkin == engine.view(1).checkin and engine.view(0).checkin.filed
    assert session.state.aggregates.checkins == 1 and len(store.archived) == 1
    assert all(r.phase is Phase.REVEALED for r in session.game.rounds)
    assert engine.pending is None


def test_a_failed_filing_changes_nothing_and_a_retry_files_once():
    session, store = halves_for(library_of(["choice"]))
    engine = RoundEngine(session)
    play_half(engine, 0)
    calls = []

    def full_disk(game):
        calls.append(game.id)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        store.archived.append(game)

    store.archive_game = full_disk
    before = [dict(m.entries) for m in session.state.love_maps], session.state.aggregates.model_dump()
    with pytest.raises(OSError):
        play_half(engine, 1)
    assert [dict(m.entries) for m in session.state.love_maps] == before[0]
    assert session.state.aggregates.model_dump() == before[1]
    assert engine.pending is Pending.FILE and not engine.finished
    engine.advance()
    assert engine.finished and session.state.aggregates.checkins == 1 and len(calls) == 2
