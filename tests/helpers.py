"""Small builders shared by the tests."""

from __future__ import annotations

import random
from collections.abc import Callable

from nuzzle_game.core.models import Confidence
from nuzzle_game.core.questions import Question


def q(kind: str = "choice", qid: str = "t.q", dimension: str = "emotional", depth: int = 1, **extra) -> Question:
    fields: dict = {
        "id": qid,
        "text": "How is it going these days?",
        "kind": kind,
        "dimension": dimension,
        "depth": depth,
    }
    if kind in ("choice", "multi"):
        fields["options"] = ["a", "b", "c", "d"]
    if kind == "scale":
        fields["scale"] = {"lo": 1, "hi": 5, "lo_label": "low", "hi_label": "high"}
    if kind == "rank":
        fields["items"] = ["w", "x", "y", "z"]
    fields.update(extra)
    return Question.model_validate(fields)


def first_value(question: Question):
    """A valid answer to any question."""
    kind = question.kind.value
    if kind == "choice":
        return question.options[0]
    if kind == "multi":
        return [o for o in question.options if o not in (question.exclusive or ())][:1]
    if kind == "scale":
        return question.scale.lo
    if kind == "rank":
        return list(question.items)
    return "a quiet evening at home"


def other_value(question: Question):
    """A valid answer that differs from first_value (and is not in sync with it)."""
    kind = question.kind.value
    if kind == "choice":
        return question.options[1]
    if kind == "multi":
        return [o for o in question.options if o not in (question.exclusive or ())][1:3]
    if kind == "scale":
        return question.scale.hi
    if kind == "rank":
        return list(reversed(question.items))
    return "climbing a mountain in winter"


def play_rounds(
    session, answer: Callable[[Question], object], guess=None, confidence: Confidence = Confidence.SURE
) -> None:
    """Every round of the game in progress: the answer ``answer`` gives, a guess
    (``guess``, by default ``first_value``, as sure as ``confidence``), the reveal.
    The game is left over but not filed."""
    guess = guess or first_value
    while True:
        question = session.question(session.round.question_id)
        session.answer(answer(question))
        session.guess(guess(question), confidence)
        session.reveal()
        if session.game.over:
            break
        session.next_round()


def play_rounds_and_file(
    session, answer: Callable[[Question], object], guess=None, confidence: Confidence = Confidence.SURE
) -> None:
    """``play_rounds``, then the game is filed."""
    play_rounds(session, answer, guess, confidence)
    session.finish()


def play_games(profile, library, clock, games=1):
    """``games`` whole games filed, a day apart, each answered with first values."""
    from nuzzle_game.play.session import GameSession

    session = GameSession(profile, library, clock=clock)
    for _ in range(games):
        session.start(seed=random.Random(clock().isoformat()).randrange(1000))
        play_rounds_and_file(session, first_value)
        clock.advance(days=1)
    return session


def consistent(reader):
    """Every revealed round counted exactly once; returns the games filed."""
    listed = [g.id for g in reader.games()]
    active = reader.state.active_game
    assert active is None or active.id not in listed, "a game both finished and in progress"
    assert reader.state.aggregates.games == len(listed)
    assert reader.state.aggregates.total.rounds == sum(len(g.results) for g in reader.games()) + (
        active.revealed if active else 0
    )
    return len(listed)
