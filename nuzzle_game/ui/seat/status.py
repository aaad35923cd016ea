"""What a seat shows: which screen a view calls for, and what the partner is doing.

Plain functions over the wire's ``SeatUpdate``: no Textual here.
"""

from __future__ import annotations

from nuzzle_game.play.engine import PartnerStatus, SeatTask
from nuzzle_game.table.wire import SeatUpdate

# The screens a seat can be on; "wait" is the seat's own table screen.
LOBBY, ASK, VERDICT, REVEAL, SUMMARY, WAIT = "lobby", "ask", "verdict", "reveal", "summary", "wait"


def stage(view: SeatUpdate) -> tuple:
    """A key for the screen this view calls for: a new key means a new screen."""
    game = view.game
    if game is None:
        return (LOBBY,)
    if game.task is SeatTask.SUMMARY:
        assert game.summary is not None
        return (SUMMARY, game.summary.summary.game_id)
    info = game.round
    where = (info.number, info.question.id) if info is not None else ()
    if game.task in (SeatTask.ANSWER, SeatTask.GUESS):
        return (ASK, *where, game.task.value)
    if game.task is SeatTask.VERDICT:
        return (VERDICT, *where)
    if game.task is SeatTask.REVEAL:
        return (REVEAL, *where)
    return (WAIT, *where, game.result is not None)


_DOING = {
    PartnerStatus.ANSWERING: "{p} is answering…",
    PartnerStatus.ANSWERED: "{p} has answered.",
    PartnerStatus.GUESSING: "{p} is guessing…",
    PartnerStatus.GUESSED: "{p} has guessed.",
    PartnerStatus.JUDGING: "{p} is deciding how close your guess was…",
    PartnerStatus.READING: "{p} is looking at the reveal.",
    PartnerStatus.READY: "{p} is ready for the next round.",
    PartnerStatus.DONE: "{p} is looking at how it went.",
}


def partner_line(view: SeatUpdate) -> str:
    """One line on what the partner is doing right now."""
    partner = view.names[1 - view.seat]
    if not view.partner_here:
        return f"{partner} isn't at the table yet: they run  nuzzle join {view.profile} --as {partner}"
    game = view.game
    if game is None:
        return f"{partner} is at the table."
    if game.task is SeatTask.VERDICT:
        return f"{partner} is waiting for your verdict."
    return _DOING[game.partner].format(p=partner)


def waiting_message(view: SeatUpdate) -> str:
    """The big line on the seat's own screen while it waits."""
    partner = view.names[1 - view.seat]
    game = view.game
    if game is None:
        return "Between games."
    if game.result is not None:
        return f"On to the next round as soon as {partner} is ready too."
    if game.my_answer is not None:
        return f"Your answer is in. {partner} can't see it until the reveal."
    if game.my_guess is not None:
        return "Your guess is in. It stays hidden until the reveal."
    return "Waiting for the table…"
