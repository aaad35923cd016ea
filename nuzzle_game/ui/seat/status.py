"""What a seat says while it waits, and what the partner is doing.

Plain functions over the wire's ``SeatUpdate``: no Textual here.
"""

from __future__ import annotations

from nuzzle_game.play.views import PartnerStatus, Task
from nuzzle_game.table.wire import SeatUpdate

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


def partner_line(view: SeatUpdate, in_browser: bool = False) -> str:
    """One line on what the partner is doing right now. ``in_browser``: this seat
    is a web page of ``nuzzle serve``, where each partner opens their own link."""
    partner = view.names[1 - view.seat]
    if not view.partner_here and view.partner_left:
        if in_browser:
            return f"{partner} has left the table: their link brings them back."
        return f"{partner} has left the table: they come back with  nuzzle join {view.profile} --as {partner}"
    if not view.partner_here:
        if in_browser:
            return f"{partner} isn't at the table yet: they open their link."
        return f"{partner} isn't at the table yet: they run  nuzzle join {view.profile} --as {partner}"
    game = view.game
    if game is None:
        return f"{partner} is at the table."
    if game.task is Task.VERDICT:
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
