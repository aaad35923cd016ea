"""What a seat shows: which screen a view calls for, and what the partner is doing.

Plain functions over the wire's ``SeatView``: no Textual here, so they are
tested on their own.
"""

from __future__ import annotations

from ...table.wire import SeatView

# The screens a seat can be on. "wait" is the table screen itself.
LOBBY, ASK, VERDICT, REVEAL, SUMMARY, WAIT = "lobby", "ask", "verdict", "reveal", "summary", "wait"


def stage(view: SeatView) -> tuple:
    """A key for the screen this view calls for: a new key means a new screen."""
    if view.summary is not None:
        return (SUMMARY, view.summary.summary.game_id)
    r = view.round
    if r is None:
        return (LOBBY,)
    if r.result is not None:
        return (REVEAL, r.number, r.question.id) if not r.ready else (WAIT, r.number, "ready")
    if r.verdict_guess is not None and r.role == "answer":
        return (VERDICT, r.number, r.question.id)
    if not r.mine_done:
        return (ASK, r.number, r.question.id, r.role)
    return (WAIT, r.number, r.question.id)


def partner_line(view: SeatView) -> str:
    """One line on what the partner is doing right now."""
    partner = view.names[1 - view.seat]
    if not view.partner_here:
        return (
            f"{partner} isn't at the table yet. They join with: "
            f"nuzzle join {view.profile} --as {partner}"
        )
    if view.summary is not None:
        return f"{partner} is looking at how it went."
    r = view.round
    if r is None:
        return f"{partner} is at the table."
    partner_role = "guess" if r.role == "answer" else "answer"
    if r.result is not None:
        return f"{partner} is ready for what comes next." if r.partner_done else f"{partner} is looking at the reveal."
    if r.mine_done and r.partner_done:
        if r.role == "guess":
            return f"{partner} is deciding how close your guess was…"
        return f"{partner} is waiting for your verdict."
    if partner_role == "answer":
        return f"{partner} has answered." if r.partner_done else f"{partner} is answering…"
    return f"{partner} has guessed." if r.partner_done else f"{partner} is guessing…"


def waiting_message(view: SeatView) -> str:
    """The big line on the table screen while this seat waits."""
    partner = view.names[1 - view.seat]
    r = view.round
    if r is None:
        return "Waiting for the table…"
    if r.result is not None:
        return f"Round {r.number} of {r.total} is revealed. The next one starts when {partner} is ready too."
    if r.role == "answer":
        return f"Your answer is in. {partner} is guessing what you said."
    return f"Your guess is in. It stays hidden until {partner} has answered."
