"""Pilot tests of the review screens, the command palette, settings and theme."""

from __future__ import annotations

from textual.widgets import Button, DataTable, Input
from ui_driver import SIZE, couple_on_disk, make_app, open_couple, record_notices, screen_text, start, wait_for

from nuzzle_game.cli.demo import run_demo
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.ui.screens.changes import ChangesScreen
from nuzzle_game.ui.screens.confirm import ConfirmScreen
from nuzzle_game.ui.screens.decks import DecksScreen
from nuzzle_game.ui.screens.handoff import HandoffScreen
from nuzzle_game.ui.screens.help import HelpScreen
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.screens.lovemap import LoveMapScreen
from nuzzle_game.ui.screens.settings import SettingsScreen
from nuzzle_game.ui.screens.stats import StatsScreen
from nuzzle_game.ui.screens.welcome import WelcomeScreen


def demo_profile(tmp_path, library, clock, games=40):
    folder = SaveFolder(tmp_path / "saves")
    run_demo(folder, library, "alex-sam", ("Alex", "Sam"), games, seed=4, clock=clock).close()
    return folder


def cells(table: DataTable) -> str:
    return "\n".join(" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count))


async def open_home(pilot) -> None:
    await wait_for(pilot, WelcomeScreen)
    await pilot.press("enter")
    await wait_for(pilot, HomeScreen)


async def test_every_screen_from_the_command_palette(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock, games=1)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_home(pilot)
        for command, screen in (
            ("Love", LoveMapScreen),
            ("Things", ChangesScreen),
            ("Decks", DecksScreen),
            ("Stats", StatsScreen),
            ("Settings", SettingsScreen),
            ("Help", HelpScreen),
        ):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*command)
            await pilot.pause(0.3)
            await pilot.press("enter")
            await wait_for(pilot, screen)
            await pilot.press("escape")
            await wait_for(pilot, HomeScreen)


async def test_love_map_shows_knowledge_and_history(tmp_path, library, clock):
    folder = demo_profile(tmp_path, library, clock)
    app = make_app(folder.root, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_home(pilot)
        await pilot.press("l")
        await wait_for(pilot, LoveMapScreen)
        dims = cells(app.screen.query_one("#dims-0", DataTable))
        assert "emotional" in dims and " of " in dims
        entries = app.screen.query_one("#entries-0", DataTable)
        assert entries.row_count == len(app.session.state.love_maps[0].entries) > 0
        entries.focus()
        await pilot.press("down")
        await pilot.pause()
        history = str(app.screen.query_one("#history-0").render())
        assert "answer" in history and "last confirmed" in history


async def test_stats_show_trends_and_calibration(tmp_path, library, clock):
    folder = demo_profile(tmp_path, library, clock, games=60)
    app = make_app(folder.root, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_home(pilot)
        await pilot.press("s")
        await wait_for(pilot, StatsScreen)
        chart = str(app.screen.query_one("#accuracy-chart").render())
        assert all(d in chart for d in ("all", "emotional", "spiritual"))
        calibration = str(app.screen.query_one("#calibration").render())
        assert any(label in calibration for label in ("overconfident", "well calibrated", "underconfident"))
        text = screen_text(app)
        assert "You were right before, it changed since:" in text and "Guessed their own answer:" in text
        assert "outdated" not in text and "projection" not in text, "no jargon"


async def test_decks_show_locks_progress_and_broken_ones(tmp_path, library, clock):
    import shutil

    from nuzzle_game.paths import bundled_decks_dir
    from nuzzle_game.store.deck_files import load_decks

    decks = tmp_path / "decks"
    shutil.copytree(bundled_decks_dir(), decks)
    (decks / "zz-broken.toml").write_text("id = [")
    couple_on_disk(tmp_path / "saves", load_decks([decks]), clock)
    app = make_app(tmp_path / "saves", load_decks([decks]), clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await pilot.press("d")
        await wait_for(pilot, DecksScreen)
        listing = app.screen.query_one("#deck-list")
        table = "\n".join(str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count))
        starter = app.library.deck("starter")
        assert f"{starter.title} · {len(starter.questions)} questions · open" in table
        assert "0 of 4 days played" in table and "0 of 8 discoveries made" in table
        assert "needs both opt-ins" in table and "partners opted in" not in table
        assert "zz-broken.toml" in table and "broken" in table and "TOML" in table


async def choose_in_private(pilot, index: int, yes: bool) -> str:
    """From settings: a partner's private choice. Returns what their screen showed."""
    from nuzzle_game.ui.screens.opt_in import OptInScreen

    pilot.app.screen.query_one(f"#opt-{index}", Button).press()  # below the fold at 80x24
    await wait_for(pilot, OptInScreen)
    handoff = screen_text(pilot.app)
    await pilot.press("enter")
    await pilot.pause()
    shown = screen_text(pilot.app)
    await pilot.click("#yes" if yes else "#no")
    await wait_for(pilot, SettingsScreen)
    return handoff + "\n" + shown


async def test_settings_opt_in_unlocks_the_sensitive_deck(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock, opted=(True, False))
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        assert not any(d.sensitive for d in app.session.available_decks())
        await pilot.press("o")
        await wait_for(pilot, SettingsScreen)
        seen = await choose_in_private(pilot, 1, True)
        # Sam's screen asks Alex to look away and never shows Alex's choice.
        assert "Alex, look away" in seen and "Your choice so far: not now" in seen
        assert any(d.sensitive for d in app.session.available_decks())
        # Either partner can switch it off again at any time.
        await choose_in_private(pilot, 0, False)
        assert not any(d.sensitive for d in app.session.available_decks())
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
    reopened = SaveFolder(tmp_path / "saves").open("alex-sam")
    assert [p.opted_in for p in reopened.state.couple.players] == [False, True]
    reopened.close()


async def test_new_couple_opt_ins_are_private_and_both_are_needed(tmp_path, library, clock):
    from nuzzle_game.ui.screens.opt_in import OptInScreen

    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert not app.screen.query("Checkbox"), "the form holds no one's opt-in"
        await pilot.press(*"Ada")
        app.screen.query_one("#name-b").focus()
        await pilot.press(*"Zoë", "enter")
        await wait_for(pilot, OptInScreen)
        first = app.screen
        assert "Zoë, look away" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#yes")
        for _ in range(200):
            if isinstance(app.screen, OptInScreen) and app.screen is not first:
                break
            await pilot.pause(0.02)
        second = screen_text(app)
        assert "Ada, look away" in second
        await pilot.press("enter")
        await pilot.pause()
        second += screen_text(app)
        assert "yes" not in second.replace("Yes, I'm open", "").lower().replace("say yes", "")
        await pilot.click("#no")
        await wait_for(pilot, HomeScreen)
        await pilot.pause(0.2)
        assert [p.opted_in for p in app.session.state.couple.players] == [True, False]
        assert app.session.state.couple.profile == "ada-zoë"
        assert not any(d.sensitive for d in app.session.available_decks())


async def test_theme_is_remembered(tmp_path, library, clock):
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"
    again = make_app(tmp_path / "saves", library, clock)
    async with again.run_test(size=SIZE):
        assert again.theme == "textual-light"


async def test_a_busy_profile_is_a_clear_message_not_a_crash(tmp_path, library, clock):
    folder = demo_profile(tmp_path, library, clock, games=1)
    held = folder.open("alex-sam")
    app = make_app(folder.root, library, clock)
    notices = record_notices(app)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, WelcomeScreen)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, WelcomeScreen)
            assert any("already open" in n for n in notices)
    finally:
        held.close()


async def test_a_damaged_profile_is_listed_with_the_way_back(tmp_path, library, clock):
    folder = demo_profile(tmp_path, library, clock, games=1)
    state = folder.profile_dir("alex-sam") / "state.json"
    state.write_bytes(b"{broken")
    app = make_app(folder.root, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, WelcomeScreen)
        option = app.screen.query_one("#couples").get_option_at_index(0)
        assert option.disabled and "nuzzle restore alex-sam" in str(option.prompt)
        await pilot.press("enter")
        assert isinstance(app.screen, WelcomeScreen)
    assert state.read_bytes() == b"{broken"


async def test_a_game_whose_question_left_the_decks_says_so(tmp_path, library, clock):
    """A deck removed mid-game: a clear message, and the game can be ended."""
    from nuzzle_game.core.decks import DeckLibrary

    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        await wait_for(pilot, HandoffScreen)
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
    # A new couple draws only from the decks open from the start: take them all away.
    emptier = DeckLibrary([d for d in library.decks if d.unlock.type != "always"], [])
    again = make_app(tmp_path / "saves", emptier, clock)
    async with again.run_test(size=SIZE) as pilot:
        await open_home(pilot)
        await pilot.press("g")
        await wait_for(pilot, ConfirmScreen)
        assert "no longer in any deck" in screen_text(again)
        await pilot.press("y")
        await wait_for(pilot, HomeScreen)
        await pilot.pause()
        assert again.session.game is None


async def test_notifications_show_paths_literally(tmp_path, library, clock):
    saves = tmp_path / "[odd]" / "saves"
    app = make_app(saves, library, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.report(OSError("could not save to [odd]/saves/x [/]"))
        await pilot.pause(0.2)
        toasts = [str(t.render()) for t in app.screen.query("Toast")]
        assert any("Could not save to [odd]/saves/x [/]" in t for t in toasts), toasts


async def test_numbers_outside_their_range_are_refused_and_nothing_is_saved(tmp_path, library, clock):
    from nuzzle_game.ui.screens.setup import SetupScreen

    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await pilot.press("o")
        await wait_for(pilot, SettingsScreen)
        for rounds, stale, message in (
            ("0", "30", "Rounds per game: a number from 1 to 30."),
            ("12", "", "Stale after, in days: a number from 1 to 3650."),
            ("12", "9999", "Stale after, in days: a number from 1 to 3650."),
        ):
            app.screen.query_one("#rounds", Input).value = rounds
            app.screen.query_one("#stale", Input).value = stale
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SettingsScreen) and message in screen_text(app)
            assert app.session.state.settings.rounds == 8
        app.screen.query_one("#stale", Input).value = "90"
        await pilot.press("ctrl+s")
        await wait_for(pilot, HomeScreen)
        await pilot.press("g")
        await wait_for(pilot, SetupScreen)
        assert app.screen.query_one("#rounds", Input).value == "12"
        app.screen.query_one("#rounds", Input).value = "31"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen) and "Rounds: a number from 1 to 30." in screen_text(app)
    saved = SaveFolder(tmp_path / "saves").open("alex-sam")
    assert (saved.state.settings.rounds, saved.state.settings.stale_after_days) == (12, 90)
    assert saved.state.active_game is None
    saved.close()
