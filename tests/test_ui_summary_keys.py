"""The summary scrolls with the keyboard alone (DESIGN §9): its focus sits on a
button, and the keys that scroll still scroll the page."""

from __future__ import annotations

from round_host import NAMES, Host, summary_of
from ui_driver import wait_for

from nuzzle_game.ui.screens.round_base import RoundOptions
from nuzzle_game.ui.screens.summary import SummaryScreen


def eight_rounds(library):
    kinds = {}
    for question in library.questions:  # two of each kind, as a game would mix them
        if len(kinds.setdefault(question.kind, [])) < 2 and not question.tags:
            kinds[question.kind].append(question)
    return [q for pair in zip(*kinds.values(), strict=False) for q in pair][:8]


def on_screen(app, widget) -> bool:
    page = app.screen.query_one("#summary")
    return page.region.contains_region(widget.region) and widget.region.height > 0


async def test_end_shows_the_last_round_and_home_the_first(library):
    app = Host(SummaryScreen(summary_of(eight_rounds(library)), NAMES, RoundOptions(cursor_blink=False)))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, SummaryScreen)
        await pilot.pause()
        recaps = list(app.screen.query(".recap"))
        assert len(recaps) == 8 and not on_screen(app, recaps[-1]), "the test needs a page longer than the screen"
        assert app.focused is app.screen.query_one("#changes"), "the focus sits on a button"
        await pilot.press("end")
        await pilot.pause()
        assert on_screen(app, recaps[-1])
        await pilot.press("home")
        await pilot.pause()
        assert on_screen(app, app.screen.query_one("#headline"))
        for key in ("down", "pagedown"):
            before = app.screen.query_one("#summary").scroll_y
            await pilot.press(key)
            await pilot.pause()
            assert app.screen.query_one("#summary").scroll_y > before, key
        await pilot.press("up")
        await pilot.press("pageup")
        await pilot.pause()
        assert app.screen.query_one("#summary").scroll_y == 0
        assert app.focused is app.screen.query_one("#changes"), "scrolling never moved the focus"
