"""A round as a pure state machine, and a game played through GameSession."""

import pytest
from conftest import T0, make_couple
from helpers import first_value, other_value, q

from nuzzle_game.core.game import Game, GameMode, Phase, Round, RoundError
from nuzzle_game.core.models import Confidence, Verdict, other
from nuzzle_game.core.state import ProfileState
from nuzzle_game.play.session import GameSession


class MemoryStore:
    """A store that keeps everything in memory and counts saves."""

    def __init__(self, state):
        self.state = state
        self.saves = 0
        self.archived = []
        self.saved_games = []  # what each save_game() wrote, as JSON

    def save_state(self):
        self.saves += 1

    def save_game(self):
        self.saves += 1
        game = self.state.active_game
        self.saved_games.append(game.model_dump(mode="json") if game else None)

    def archive_game(self, game):
        self.archived.append(game)
        self.state.active_game = None


def test_phases_answer_guess_reveal():
    question = q("choice")
    round_ = Round(index=0, question_id=question.id, answerer=0)
    assert round_.phase is Phase.ANSWER and round_.guesser == 1
    round_.commit_answer(question, "a", T0)
    assert round_.phase is Phase.GUESS
    round_.commit_guess(question, "b", Confidence.SURE)
    assert round_.phase is Phase.REVEALED


def test_a_committed_answer_cannot_change():
    question = q("choice")
    round_ = Round(index=0, question_id=question.id, answerer=0)
    round_.commit_answer(question, "a", T0)
    with pytest.raises(RoundError):
        round_.commit_answer(question, "b", T0)
    assert round_.answer == "a"


def test_a_guess_before_the_answer_is_held_until_it_comes():
    question = q("choice")
    round_ = Round(index=0, question_id=question.id, answerer=0)
    round_.commit_guess(question, "a", Confidence.SURE)
    assert round_.phase is Phase.ANSWER and round_.guess_held
    with pytest.raises(RoundError):
        round_.commit_guess(question, "b", Confidence.SURE)  # a guess is made once
    round_.commit_answer(question, "b", T0)
    assert round_.phase is Phase.REVEALED and round_.guess.value == "a"


def test_a_held_guess_on_a_text_round_waits_for_the_verdict():
    question = q("text")
    round_ = Round(index=0, question_id=question.id, answerer=0)
    round_.commit_guess(question, "a nap", Confidence.NO_IDEA)
    round_.commit_answer(question, "a walk", T0)
    assert round_.phase is Phase.VERDICT


def test_values_are_checked_for_the_kind():
    round_ = Round(index=0, question_id="t.q", answerer=0)
    with pytest.raises(ValueError):
        round_.commit_answer(q("choice"), "not an option", T0)
    with pytest.raises(ValueError):
        round_.commit_answer(q("multi", max_choices=2), ["a", "b", "c"], T0)
    with pytest.raises(ValueError):
        round_.commit_answer(q("scale"), 9, T0)
    with pytest.raises(ValueError):
        round_.commit_answer(q("rank"), ["w", "x"], T0)
    with pytest.raises(ValueError):
        round_.commit_answer(q("rank", items=["1", "2", "3"]), [1, 2, 3], T0)
    with pytest.raises(ValueError):
        round_.commit_answer(q("text"), "   ", T0)
    assert round_.phase is Phase.ANSWER


def test_text_rounds_wait_for_the_verdict():
    question = q("text")
    round_ = Round(index=0, question_id=question.id, answerer=1)
    round_.commit_answer(question, "a walk", T0)
    round_.commit_guess(question, "a nap", Confidence.NO_IDEA)
    assert round_.needs_verdict()


def test_games_take_turns_at_answering_first(library, clock):
    session, store = session_for(library, clock)
    firsts = []
    for seed in range(3):
        game = session.start(mode=GameMode.CHECKIN, seed=seed)
        firsts.append(game.first_answerer)
        for _ in range(3):
            play_round(session)
            if not session.game.over:
                session.next_round()
        session.finish()
    assert firsts == [0, 1, 0]


def test_roles_alternate():
    game = Game(id="g", deck_ids=["d"], seed=1, started_at=T0, first_answerer=1)
    assert [game.answerer_for(i) for i in range(4)] == [1, 0, 1, 0]
    assert [Game(id="g", deck_ids=["d"], seed=1, started_at=T0).answerer_for(i) for i in range(3)] == [0, 1, 0]
    assert (other(0), other(1)) == (1, 0)
    assert [Round(index=0, question_id="q", answerer=a).guesser for a in (0, 1)] == [1, 0]


def session_for(library, clock, **kw):
    store = MemoryStore(ProfileState(couple=make_couple(**kw)))
    return GameSession(store, library, clock=clock), store


def play_round(session, guess_right=True, verdict=None):
    question = session.question(session.round.question_id)
    session.answer(first_value(question))
    session.guess(first_value(question) if guess_right else other_value(question), Confidence.THINK_SO)
    return session.reveal(verdict)


def test_a_whole_game_through_the_session(library, clock):
    session, store = session_for(library, clock)
    game = session.start(seed=3)
    answerers = []
    while True:
        answerers.append(session.round.answerer)
        result = play_round(session, guess_right=len(answerers) % 2 == 0, verdict=Verdict.SPOT_ON)
        assert result.game_id == game.id
        if session.game.over:
            break
        session.next_round()
    summary = session.finish()
    assert answerers == [game.answerer_for(i) for i in range(8)]
    assert summary.rounds == 8 and summary.in_sync + summary.discoveries == 8
    assert store.archived == [game] and store.state.active_game is None
    assert store.state.aggregates.games == 1
    # Each reveal reached the love map of the answerer.
    assert sum(len(m.entries) for m in store.state.love_maps) == 8


def test_the_round_is_saved_when_revealed(library, clock):
    session, store = session_for(library, clock)
    session.start(seed=1)
    question = session.question(session.round.question_id)
    session.answer(first_value(question))
    session.guess(first_value(question), Confidence.THINK_SO)
    before = len(store.saved_games)
    result = session.reveal(Verdict.SPOT_ON)
    # The reveal itself wrote the game, with this round's result in it.
    assert len(store.saved_games) > before
    saved = store.saved_games[-1]["rounds"][-1]["result"]
    assert saved is not None and saved["accuracy"] == result.accuracy


def test_checkin_is_three_rounds_and_counts(library, clock):
    session, store = session_for(library, clock)
    game = session.start(mode=GameMode.CHECKIN, seed=2)
    assert game.total_rounds == 3
    for _ in range(3):
        play_round(session)
        if not session.game.over:
            session.next_round()
    session.finish()
    assert store.state.aggregates.games == 1 and store.state.aggregates.checkins == 1


def test_sensitive_deck_needs_both_opt_ins(library, clock):
    one, _ = session_for(library, clock, opted=(True, False))
    assert not any(d.sensitive for d in one.available_decks())
    both, _ = session_for(library, clock, opted=(True, True))
    assert any(d.sensitive for d in both.available_decks())


def test_sensitive_questions_never_drawn_without_both_opt_ins(library, clock):
    session, store = session_for(library, clock, opted=(True, False))
    for seed in range(15):
        game = session.start(seed=seed, deck_ids=[d.id for d in library.decks])
        while True:
            assert not session.question(session.round.question_id).sensitive
            play_round(session)
            if session.game.over:
                break
            session.next_round()
        session.finish()


def test_resume_picks_up_where_it_stopped(library, clock):
    session, store = session_for(library, clock)
    session.start(seed=9)
    play_round(session)
    session.next_round()
    question_id = session.round.question_id
    # A new session over the same state (as after a restart) draws the same round.
    store.state.active_game.rounds.pop()  # the unsaved draw is lost on restart
    again = GameSession(store, library, clock=clock)
    assert again.resume().question_id == question_id


def test_abandon_keeps_revealed_rounds(library, clock):
    session, store = session_for(library, clock)
    session.start(seed=4)
    play_round(session)
    session.next_round()
    session.abandon()
    assert store.state.active_game is None
    assert len(store.archived[0].results) == 1
