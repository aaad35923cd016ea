"""A partner's own seat (`nuzzle join` with no table open): their half of today's
check-in, the reveal once both are in, nothing of the other's half before, and
nothing but the game in its palette."""

from __future__ import annotations

import pytest
from conftest import Clock
from ui_driver import SIZE, couple_on_disk, pick, screen_text, wait_for, wait_until

from nuzzle_game.cli.own_seat import OwnSeatError, run_own_seat
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.ui.own_seat import OwnSeatApp, OwnSeatConfig
from nuzzle_game.ui.screens.answer import AnswerScreen, GuessScreen
from nuzzle_game.ui.screens.checkin_reveal import CheckinRevealScreen
from nuzzle_game.ui.screens.reveal import VerdictScreen
from nuzzle_game.ui.seat.waiting import WaitingScreen

SECRET = {0: "alex-own-words", 1: "sam-own-words"}


def seat(saves, library, clock, player: int) -> OwnSeatApp:
    names = ("Alex", "Sam")
    return OwnSeatApp(
        OwnSeatConfig(
            saves=SaveFolder(saves, clock=clock),
            profile="alex-sam",
            player=player,  # type: ignore[arg-type]
            names=names,
            library=library,
            clock=clock,
            join_command=f"nuzzle join alex-sam --as {names[player]}",
            seed=5,
            cursor_blink=False,
        )
    )


async def play_half(pilot, player: int, seen: list[str]) -> None:
    for _ in range(6):
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, AnswerScreen | GuessScreen), "a question")
        screen = pilot.app.screen
        seen.append(screen_text(pilot.app))
        assert "•" not in screen_text(pilot.app)  # nothing masked at one's own seat
        await pick(pilot, screen.question.kind, 0, f"{SECRET[player]} {len(seen)}")
        if isinstance(screen, GuessScreen):
            screen.query_one("#confidence").focus()
            await pilot.press("enter")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda s=screen: pilot.app.screen is not s, "the next screen")


async def test_two_own_seats_one_after_the_other_then_the_reveal_for_each(tmp_path, library):
    clock = Clock()
    saves = tmp_path / "saves"
    couple_on_disk(saves, library, clock)
    alex, sam = [], []
    app = seat(saves, library, clock, 0)
    async with app.run_test(size=SIZE) as pilot:
        await play_half(pilot, 0, alex)
        await wait_for(pilot, WaitingScreen)
        await wait_until(pilot, lambda: "Your half is in. Sam's turn" in screen_text(app), "the waiting line")
        assert app.profile is None  # it let go: Sam can play meanwhile
        # Sam plays his half at his own seat while Alex's seat waits.
        other = seat(saves, library, clock, 1)
        async with other.run_test(size=SIZE) as sam_pilot:
            await play_half(sam_pilot, 1, sam)
            for _ in range(500):  # his verdicts, then the reveal
                if isinstance(other.screen, CheckinRevealScreen):
                    break
                if isinstance(other.screen, VerdictScreen):
                    await sam_pilot.press("ctrl+s")
                await sam_pilot.pause(0.02)
            await wait_for(sam_pilot, CheckinRevealScreen)
            await sam_pilot.press("enter")
            await wait_until(sam_pilot, lambda: other.profile is None, "Sam's seat to let go")
        # Alex's seat notices both halves are in: her verdicts, then the reveal.
        for _ in range(1000):
            if isinstance(app.screen, CheckinRevealScreen):
                break
            if isinstance(app.screen, VerdictScreen):
                await pilot.press("ctrl+s")
            await pilot.pause(0.02)
        await wait_for(pilot, CheckinRevealScreen)
        reveal = screen_text(app)
        assert SECRET[1] in reveal or "Sam said" in reveal
        await pilot.press("enter")
    assert not any(SECRET[1] in text for text in alex) and not any(SECRET[0] in text for text in sam)
    state = SaveFolder(saves).open("alex-sam")
    try:
        assert state.state.halves.finished_at is not None and sorted(state.state.halves.seen) == [0, 1]
        assert state.state.aggregates.checkins == 1
    finally:
        state.close()


async def test_the_seats_palette_holds_nothing_but_leaving(tmp_path, library):
    clock = Clock()
    couple_on_disk(tmp_path / "saves", library, clock)
    app = seat(tmp_path / "saves", library, clock, 1)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, AnswerScreen), "Sam's first question")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles == ["Quit"]  # no screenshot (a file written), no theme files, no shell
        assert "ctrl+z" not in {binding.key for binding in app.BINDINGS}  # no suspend


async def test_a_partner_playing_is_named_in_one_line(tmp_path, library):
    clock = Clock()
    saves = tmp_path / "saves"
    couple_on_disk(saves, library, clock)
    app = seat(saves, library, clock, 1)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, AnswerScreen), "Sam's first question")
        with pytest.raises(OwnSeatError, match="Sam is playing at their own seat right now"):
            run_own_seat(
                SaveFolder(saves, clock=clock), "alex-sam", "alex", [], clock, "nuzzle join alex-sam --as Alex"
            )
    keyboard = SaveFolder(saves, clock=clock).open("alex-sam", holder=("keyboard", None))
    try:
        with pytest.raises(OwnSeatError, match="open at the keyboard"):
            run_own_seat(
                SaveFolder(saves, clock=clock), "alex-sam", "Alex", [], clock, "nuzzle join alex-sam --as Alex"
            )
        keyboard.hold_as("keyboard", "Sam")
        with pytest.raises(OwnSeatError, match="Sam is playing at the keyboard right now"):
            run_own_seat(
                SaveFolder(saves, clock=clock), "alex-sam", "Alex", [], clock, "nuzzle join alex-sam --as Alex"
            )
        with pytest.raises(OwnSeatError, match="not a partner"):
            run_own_seat(SaveFolder(saves, clock=clock), "alex-sam", "Robin", [], clock, "")
    finally:
        keyboard.close()
