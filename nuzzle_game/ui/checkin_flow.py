"""The daily check-in in halves at the shared keyboard (DESIGN §12): the home's
choices for it, and what each does. Each partner's half starts with a hand-off;
the reveal is for both at once; the home says whom the check-in waits on, as
``nuzzle nudge`` does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets.option_list import Option

from nuzzle_game.core.checkin_status import checkin_status, waiting_line
from nuzzle_game.core.game import Game

if TYPE_CHECKING:
    from nuzzle_game.core.models import PlayerIndex
    from nuzzle_game.ui.app import NuzzleApp

# The home menu's ids for the check-in in halves (``run`` takes them).
HALF = "half-"  # + the player's index
SEE = "halves-see"
END = "halves-end"
START = "halves"


def open_checkin(app: NuzzleApp) -> Game | None:
    """The check-in in halves still waiting for a half or a verdict, if any."""
    game = app.halves.game if app.halves is not None else None
    return game if game is not None and game.finished_at is None else None


def options(app: NuzzleApp) -> list[Option]:
    """The home menu's items for the check-in in halves, as it stands."""
    session = app.halves
    if session is None:
        return []
    game = session.game
    names = session.state.couple.players[0].name, session.state.couple.players[1].name
    found: list[Option] = []
    if game is not None and game.finished_at is None:
        if game.halves_in:
            found.append(Option(Content.styled("▶  See today's check-in (both halves are in)", "bold"), id=SEE))
        for player in (0, 1):
            if not game.half_done(player):
                done = sum((r.answer if r.answerer == player else r.guess) is not None for r in game.rounds)
                found.append(
                    Option(
                        Content(f"▶  {names[player]}'s half of today's check-in ({done} of 6 done)"),
                        id=f"{HALF}{player}",
                    )
                )
        found.append(Option(Content("   End today's check-in"), id=END))
    elif game is not None and game.finished_at is not None and game.finished_at.date() == app.config.clock().date():
        found.append(Option(Content("   See today's check-in again"), id=SEE))
    return found


def waiting(app: NuzzleApp) -> str | None:
    """What the nudge says of this couple, without the command (the menu has it)."""
    session = app.halves
    if session is None or session.game is None:
        return None
    status = checkin_status(session.game.model_dump(mode="json"))
    players = session.state.couple.players
    found = waiting_line(status, (players[0].name, players[1].name), app.config.clock())
    return f"{found[0]}." if found is not None else None


def run(app: NuzzleApp, choice: str) -> bool:
    """Carry out a home menu choice of the check-in in halves; False if it is not one."""
    if choice == START:
        choose_half(app)
    elif choice.startswith(HALF):
        play_half(app, 0 if choice.endswith("0") else 1)
    elif choice == SEE:
        see(app)
    elif choice == END:
        end(app)
    else:
        return False
    return True


def choose_half(app: NuzzleApp) -> None:
    """Start today's check-in in halves: whose half comes first?"""
    from nuzzle_game.ui.screens.whose_half import WhoseHalfScreen

    if app.halves is None:
        return
    if open_checkin(app) is not None:
        app.notify("Today's check-in is open: pick a half on the menu.", markup=False)
        return
    players = app.halves.state.couple.players

    def chosen(player: int | None) -> None:
        if player is None or app.halves is None:
            return
        from nuzzle_game.play.halves import open_halves
        from nuzzle_game.store.errors import SaveError

        try:
            open_halves(app.halves, seed=app.config.seed)
        except (SaveError, ValueError) as error:
            app.report(error)
            return
        play_half(app, 0 if player == 0 else 1)

    app.push_screen(WhoseHalfScreen(players[0].name, players[1].name), chosen)


def play_half(app: NuzzleApp, player: PlayerIndex) -> None:
    _run(app, (player,), handoff=True)


def see(app: NuzzleApp) -> None:
    _run(app, (0, 1), handoff=False)


def _run(app: NuzzleApp, players: tuple[PlayerIndex, ...], handoff: bool) -> None:
    from nuzzle_game.ui.screens.half import HalfScreen

    session = app.halves
    if session is None or session.game is None:
        return
    names = session.state.couple.players

    profile = app.profile
    if profile is not None:  # a partner who tries to join is told who is here
        profile.hold_as("keyboard", names[players[0]].name if len(players) == 1 else None)

    def done(outcome: str | None) -> None:
        if profile is not None:
            profile.hold_as("keyboard", None)
        if outcome == "half-in" and len(players) == 1:
            other = names[1 - players[0]].name
            app.notify(f"Your half is in. {other}'s turn, whenever they are free.", markup=False)
        elif outcome == "stuck":
            app.notify("Today's check-in cannot go on: its questions left your decks. End it from home.", markup=False)
        refresh = getattr(app.screen, "refresh_view", None)
        if refresh is not None:
            refresh()

    app.push_screen(HalfScreen(session, players, app.round_options(), handoff=handoff), done)


def end(app: NuzzleApp) -> None:
    from nuzzle_game.ui.screens.confirm import ConfirmScreen

    def decided(yes: bool | None) -> None:
        session = app.halves
        if not yes or session is None or open_checkin(app) is None:
            return
        from nuzzle_game.store.errors import SaveError

        try:
            with session.saving():
                session.set_game(None)
        except SaveError as error:
            app.report(error)
        refresh = getattr(app.screen, "refresh_view", None)
        if refresh is not None:
            refresh()

    app.push_screen(
        ConfirmScreen("End today's check-in? Nothing of it is kept, and a new one can start any time.", "End it"),
        decided,
    )
