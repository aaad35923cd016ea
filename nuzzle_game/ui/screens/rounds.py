"""The one map from a player's view of a round to the screen that shows it.

Hot seat (``PlayScreen``, with a hand-off between the two players' views) and a
seat (``SeatApp``) both open round screens through ``screen_for``; each screen
answers with a move (``play.moves``) or None for a pause.
"""

from __future__ import annotations

from nuzzle_game.play.views import PlayerView, Task
from nuzzle_game.ui.screens.answer import AnswerScreen, GuessScreen
from nuzzle_game.ui.screens.reveal import RevealScreen, VerdictScreen
from nuzzle_game.ui.screens.round_base import RoundOptions, RoundScreen
from nuzzle_game.ui.screens.summary import SummaryScreen


def screen_for(view: PlayerView, options: RoundOptions) -> RoundScreen | None:
    """The screen for what ``view``'s player does now; None while they wait."""
    info = view.round
    if view.task is Task.REVEAL and view.checkin is not None:  # a check-in in halves
        return checkin_screen(view, options)
    if view.task is Task.SUMMARY:
        assert view.summary is not None
        return SummaryScreen(view.summary, view.names, options)
    if info is None or view.task is Task.WAIT:
        return None
    if view.task is Task.ANSWER:
        return AnswerScreen(info, view.me, options)
    if view.task is Task.GUESS:
        return GuessScreen(info, view.me, options)
    if view.task is Task.VERDICT:
        assert view.verdict is not None
        return VerdictScreen(info, view.verdict, options)
    assert view.result is not None  # Task.REVEAL
    return RevealScreen(info, view.result, options)


def checkin_screen(view: PlayerView, options: RoundOptions) -> RoundScreen:
    from nuzzle_game.ui.screens.checkin_reveal import CheckinRevealScreen

    assert view.checkin is not None
    return CheckinRevealScreen(view.checkin, view.names, options)


def stage(view: PlayerView | None) -> tuple[object, ...]:
    """A key for the screen a view calls for: a new key means a new screen."""
    if view is None:
        return ("lobby",)
    if view.task is Task.SUMMARY:
        assert view.summary is not None
        return (Task.SUMMARY, view.summary.summary.game_id)
    info = view.round
    where = (info.index, info.question.id) if info is not None else ()
    return (view.task, *where, view.result is not None)
