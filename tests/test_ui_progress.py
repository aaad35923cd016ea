"""What a couple sees of their progress: close rounds named apart in the summary,
the streak's milestone, decks that open one a game, and what each knows of the
other on the home (Pilot)."""

from __future__ import annotations

import re

from conftest import library_of
from test_ui_glance import visible
from ui_driver import (
    SIZE,
    couple_on_disk,
    make_app,
    open_couple,
    play_game,
    play_round,
    screen_text,
    start,
    wait_for,
)

from nuzzle_game.core.game import GameMode
from nuzzle_game.core.questions import QuestionKind
from nuzzle_game.ui.screens.decks import DecksScreen
from nuzzle_game.ui.screens.help import HelpScreen
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.screens.summary import SummaryScreen


async def test_the_summary_names_close_rounds_apart_and_says_average_accuracy(tmp_path, library, clock):
    scales = library_of(library, QuestionKind.SCALE)  # 1 to 5: one step off is close, four a miss
    couple_on_disk(tmp_path / "saves", scales, clock)
    app = make_app(tmp_path / "saves", scales, clock, seed=11)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot, rounds=3)
        for guess in (0, 1, 4):  # the answer is always 1: in sync, close (75%), new (0%)
            await play_round(pilot, answer_choice=0, guess_choice=guess)
        await wait_for(pilot, SummaryScreen)
        text = screen_text(app)
        assert "In sync 33% · 1 close · 1 discovery · 3 rounds" in text
        marks = [str(m.render()).strip() for m in app.screen.query(".recap-mark")]
        assert marks == ["1 ✓ in sync", "2 ≈ close", "3 ✦ new"], "a close round is not shown as a miss"
        assert re.search(r"Alex's guesses: average accuracy \d+%", text) or "Sam's guesses: average accuracy" in text
        assert "guessed 75% right" not in text and " right ·" not in text


async def test_a_streak_milestone_is_celebrated_in_the_summary_then_on_the_home(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock, games=6)  # six days in a row, the seventh is today
    app = make_app(tmp_path / "saves", library, clock, seed=11)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        assert "Streak: 6 days; keep it up today" in visible(app)
        await start(pilot, rounds=2)
        await play_game(pilot, 2)
        assert app.screen.query_one("#milestone").render().plain == "7 days in a row: a milestone!"
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        await pilot.pause(0.2)
        assert "Streak: 7 days, a milestone!" in visible(app)
        # A second game the same day: the day is counted once, the milestone not again.
        await start(pilot, rounds=1)
        await play_game(pilot, 1)
        assert not app.screen.query("#milestone")


async def test_one_deck_opens_a_game_and_the_home_named_it_first(tmp_path, library, clock):
    from nuzzle_game.store.folder import SaveFolder

    couple_on_disk(tmp_path / "saves", library, clock, games=6)
    with SaveFolder(tmp_path / "saves").open("alex-sam") as profile:
        profile.state.unlocks.clear()  # four decks due at once (a save from before the pace)
        profile.save_state()
    app = make_app(tmp_path / "saves", library, clock, seed=11)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        named = app.screen.query_one("#glance").data.next_unlock
        assert named is not None and named.share == 1 and "Opens at your next game" in visible(app)
        await start(pilot, GameMode.CHECKIN)
        await play_game(pilot, 3)
        opened = [text for w in app.screen.query(".unlock") if (text := str(w.render())).startswith("New deck")]
        assert opened == [f"New deck open: {named.title}"], "one deck, the one the home named"
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        await pilot.pause(0.2)
        following = app.screen.query_one("#glance").data.next_unlock
        assert following is not None and following.deck_id != named.deck_id and following.share == 1


async def test_the_home_shows_each_partner_s_knowledge_growing_as_decks_open(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock, games=1)
    app = make_app(tmp_path / "saves", library, clock, seed=11)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        before = app.screen.query_one("#glance").data.rows
        await start(pilot, mode=GameMode.CHECKIN)
        await play_game(pilot, 3)
        assert app.screen.query(".unlock"), "the check-in opened a deck"
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)
        await pilot.pause(0.2)
        after = app.screen.query_one("#glance").data.rows
        for old, new in zip(before, after):
            for knower in (0, 1):
                was, now = old.by_knower[knower], new.by_knower[knower]
                assert now.known >= was.known and now.scale == was.scale, "a fixed scale: opening decks shrinks nothing"
        assert sum(r.by_knower[0].known + r.by_knower[1].known for r in after) > sum(
            r.by_knower[0].known + r.by_knower[1].known for r in before
        )
        text = visible(app)
        assert re.search(r"Alex knows +Sam knows", text)


async def test_the_decks_screen_shows_the_deck_under_the_cursor(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await pilot.press("d")
        await wait_for(pilot, DecksScreen)
        await pilot.pause(0.2)
        starter = library.deck("starter")
        text = visible(app)
        assert starter.description[:60] in text.replace("\n", " ") or starter.description[:30] in text
        assert "For example:" in text
        listing = app.screen.query_one("#deck-list")
        listing.highlighted = listing.get_option_index("after-dark")
        await pilot.pause(0.2)
        text = screen_text(app)
        dark = library.deck("after-dark")
        assert "Its questions show once both of you have opted in." in text
        assert not any(q.text in text for q in dark.questions), "no sensitive question without both opt-ins"


async def test_help_names_the_three_outcomes_and_the_streak(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await pilot.press("f1")
        await wait_for(pilot, HelpScreen)
        text = visible(app)
        for words in ("is in sync.", "is close:", "is new on your map"):
            assert words in text
        from nuzzle_game.ui.screens.help import HELP

        assert "A close guess is **in sync**" not in HELP
        assert "# Days played" in HELP and "**streak**" in HELP and "at most one a game" in HELP


def test_the_legend_draws_each_glyph_in_its_bar_s_colour():
    from nuzzle_game.ui.widgets.bars import FILL, HALF, bar
    from nuzzle_game.ui.widgets.glance import FRESH, STALE, legend

    def glyph_styles(content):
        return {content.plain[s.start : s.end]: s.style for s in content.spans if s.end - s.start == 1}

    drawn = glyph_styles(bar([(1, FILL, FRESH), (1, HALF, STALE)], 2, 2))
    told = glyph_styles(legend())
    assert told[FILL] == drawn[FILL] and told[HALF] == drawn[HALF]
    assert "fresh" in legend().plain and "stale" in legend().plain
