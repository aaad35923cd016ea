"""A couple whose love maps already hold answers, some changed, for the seat's
love map and changes (tests of the wire, of the seat App and of the browser)."""

from __future__ import annotations

from datetime import timedelta

from conftest import make_couple
from helpers import first_value, other_value

from nuzzle_game.core.lovemap import judge
from nuzzle_game.core.models import Confidence, Guess, Verdict
from nuzzle_game.core.questions import Dimension, QuestionKind
from nuzzle_game.store.folder import SaveFolder


def questions(library, count_per_dimension: int = 2, sensitive: bool = False) -> list:
    """Choice questions, ``count_per_dimension`` of each dimension, from (non-)sensitive decks."""
    found, taken = [], dict.fromkeys(Dimension, 0)
    for deck in library.decks:
        if deck.sensitive != sensitive:
            continue
        for question in deck.questions:
            if question.kind is QuestionKind.CHOICE and taken[question.dimension] < count_per_dimension:
                taken[question.dimension] += 1
                found.append(question)
    return found


def sensitive_question(library):
    """A free-text question of a sensitive deck: any answer given to it is a word of the test's own."""
    return next(q for d in library.decks if d.sensitive for q in d.questions if q.kind is QuestionKind.TEXT)


def reveal(state, question, answerer: int, answer, at, game_id: str = "g-test") -> None:
    """A revealed round, as the engine files it: judged against the maps, then applied."""
    maps = state.love_maps
    result = judge(
        question,
        answerer=answerer,
        answer=answer,
        guess=Guess(value=first_value(question), confidence=Confidence.THINK_SO),
        verdict=Verdict.NOT_REALLY if question.kind is QuestionKind.TEXT else None,
        subject_entry=maps[answerer].entries.get(question.id),
        guesser_entry=maps[1 - answerer].entries.get(question.id),
        at=at,
        game_id=game_id,
    )
    state.apply(result)


def couple_with_maps(saves: SaveFolder, library, clock, opted=(False, False), sensitive_answer=None) -> dict:
    """Alex and Sam with both maps holding answers: per question, a first answer
    40 days ago and, for every other question, a different one today (a change).
    ``sensitive_answer``: Sam's answer to a sensitive question, revealed too.
    Returns what was revealed: {(subject, question id): [answers, oldest first]}."""
    revealed: dict = {}
    with saves.create(make_couple(opted=opted)) as store:
        state = store.state
        start = clock()
        for subject in (0, 1):  # in the order of time: a reveal brings later dates back to its own
            for question in questions(library):
                reveal(state, question, subject, first_value(question), start - timedelta(days=40))
                revealed[(subject, question.id)] = [first_value(question)]
        if sensitive_answer is not None:
            question = sensitive_question(library)
            reveal(state, question, 1, sensitive_answer, start - timedelta(days=1))
            revealed[(1, question.id)] = [sensitive_answer]
        for subject in (0, 1):
            for question in questions(library)[::2]:
                reveal(state, question, subject, other_value(question), start)
                revealed[(subject, question.id)].append(other_value(question))
        store.save_state()
    return revealed
