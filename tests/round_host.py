"""One round screen on its own, in a small App with Nuzzle's styles: what a
screen shows for a given round, at a given size, without playing up to it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.app import App

from nuzzle_game.core.game import GameMode
from nuzzle_game.core.lovemap import AnswerRecord, LoveMapEntry, judge
from nuzzle_game.core.models import Confidence, Guess, RoundResult, Verdict
from nuzzle_game.core.questions import AnswerValue, Question
from nuzzle_game.play.views import RoundInfo, SummaryInfo
from nuzzle_game.ui import app as nuzzle_app
from nuzzle_game.ui.app import THEMES
from nuzzle_game.ui.screens.round_base import RoundScreen

AT = datetime(2026, 3, 14, 20, 0, tzinfo=UTC)
NAMES = ("Maya", "Sam")  # Maya answers, Sam guesses


def round_info(question: Question, number: int = 2, total: int = 8, mode: GameMode = GameMode.GAME) -> RoundInfo:
    return RoundInfo(
        index=number - 1,
        number=number,
        total=total,
        mode=mode,
        question=question,
        answerer=0,
        guesser=1,
        names=NAMES,
    )


def result_of(
    question: Question,
    answer: AnswerValue,
    guess: AnswerValue,
    verdict: Verdict | None = None,
    before: list[tuple[AnswerValue, datetime]] = (),
) -> RoundResult:
    """The reveal of Maya's ``answer`` and Sam's sure ``guess``; ``before``: what
    Maya said earlier (oldest first), for "this changed" and "you were right"."""
    history = [AnswerRecord(value=value, at=when, confirmed_at=when, game_id="g0") for value, when in before]
    entry = LoveMapEntry(question_id=question.id, dimension=question.dimension, history=history) if history else None
    return judge(
        question,
        answerer=0,
        answer=answer,
        guess=Guess(value=guess, confidence=Confidence.SURE),
        verdict=verdict,
        subject_entry=entry,
        guesser_entry=None,
        at=AT,
        game_id="g1",
    )


def months_ago(months: int) -> datetime:
    return AT - timedelta(days=round(30.44 * months))


class Host(App[None]):
    """Shows ``screen`` over an empty App styled as Nuzzle; keeps what it dismissed with."""

    CSS_PATH = str(Path(nuzzle_app.__file__).with_name("nuzzle.tcss"))

    def __init__(self, screen: RoundScreen, theme: str = "dark") -> None:
        super().__init__()
        self.first = screen
        self.results: list[object] = []
        self.theme = THEMES[theme]

    def on_mount(self) -> None:
        self.push_screen(self.first, self.results.append)


def summary_of(questions: list[Question]) -> SummaryInfo:
    """The end of a game of these questions, Maya answering: the odd rounds in
    sync, the even ones new on the map."""
    from helpers import first_value, other_value

    from nuzzle_game.core.game import GameSummary

    results = [
        result_of(q, first_value(q), (first_value if n % 2 else other_value)(q)) for n, q in enumerate(questions, 1)
    ]
    summary = GameSummary(
        game_id="g1",
        rounds=len(results),
        in_sync=sum(r.in_sync for r in results),
        discoveries=sum(r.discovery for r in results),
        accuracy=(None, sum(r.accuracy for r in results) / len(results)),
        points=(0, sum(r.points for r in results)),
    )
    return SummaryInfo(mode=GameMode.GAME, summary=summary, discoveries=[], results=results, questions=questions)
