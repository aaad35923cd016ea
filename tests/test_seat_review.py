"""A seat App (Pilot) looks at the love map and the things that changed, and its
palette holds the game's commands only."""

from __future__ import annotations

from helpers import first_value, other_value
from review_support import couple_with_maps, questions
from table_support import open_table
from test_seat import TRIES, seat_app, wait_for, wait_text
from textual.widgets import DataTable, OptionList
from ui_driver import SIZE

from nuzzle_game.core.text import format_answer
from nuzzle_game.ui.screens.answer import AnswerScreen, GuessScreen
from nuzzle_game.ui.seat.changes import SeatChangesScreen
from nuzzle_game.ui.seat.lobby import LobbyScreen
from nuzzle_game.ui.seat.lovemap import SeatLoveMapScreen


async def wait_rows(pilot, widget_id: str, count: int, kind=DataTable):
    for _ in range(TRIES):
        widget = pilot.app.screen.query_one(widget_id, kind)
        if (widget.row_count if kind is DataTable else widget.option_count) >= count:
            return widget
        await pilot.pause(0.02)
    raise AssertionError(f"{widget_id} never had {count} rows")


def commands(app) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


def palette_hits(app) -> str:
    """What the open command palette lists."""
    from textual.command import CommandList

    hits = app.screen.query_one(CommandList)
    return "\n".join(str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count))


async def wait_hits(pilot, text: str) -> str:
    for _ in range(TRIES):
        shown = palette_hits(pilot.app)
        if text in shown:
            return shown
        await pilot.pause(0.02)
    raise AssertionError(f"{text!r} never in the palette: {palette_hits(pilot.app)}")


async def test_a_seats_palette_holds_the_games_commands_and_nothing_that_writes(saves, library, clock):
    couple_with_maps(saves, library, clock)
    async with open_table(saves, library, clock) as table:
        alex = seat_app(table, 0, library)
        async with alex.run_test(size=SIZE) as pilot:
            await wait_for(pilot, LobbyScreen)
            assert commands(alex) == ["Love map", "Things that changed", "Light or dark theme", "Leave the table"]
            # Typed into the palette itself: Textual's own commands are not there.
            await pilot.press("ctrl+p", *"s")
            hits = await wait_hits(pilot, "Things that changed")  # an "s" in it
            assert "Screenshot" not in hits and "SVG" not in hits and "Quit" not in hits
            await pilot.press("backspace", *"love")
            await wait_hits(pilot, "What each of you knows of the other")
            await pilot.press("enter")
            await wait_for(pilot, SeatLoveMapScreen)
            await pilot.press("escape")
            await wait_for(pilot, LobbyScreen)
            # The palette's theme is the game's light and dark, not Textual's picker.
            await pilot.press("ctrl+p", *"light or dark")
            await wait_hits(pilot, "Switch the theme")
            await pilot.press("enter")
            for _ in range(TRIES):
                if alex.theme == "textual-light":
                    break
                await pilot.pause(0.02)
            assert alex.theme == "textual-light"
            # No screenshot, even asked for by its action.
            files = set(saves.root.rglob("*"))
            await alex.run_action("screenshot")
            assert alex.deliver_screenshot() is None and set(saves.root.rglob("*")) == files


async def test_a_seat_opens_the_love_map_and_an_entrys_history_from_the_lobby(saves, library, clock):
    couple_with_maps(saves, library, clock)
    changed = questions(library)[0]  # answered twice by each: first_value, then other_value
    async with open_table(saves, library, clock) as table:
        alex = seat_app(table, 0, library)
        async with alex.run_test(size=SIZE) as pilot:
            await wait_for(pilot, LobbyScreen)
            await pilot.press("l")
            await wait_for(pilot, SeatLoveMapScreen)
            shown = await wait_text(pilot, "Your map of Sam")
            assert "Sam's map of you" in shown
            entries = await wait_rows(pilot, "#entries-1", len(questions(library)), OptionList)
            assert entries.option_count == len(questions(library))
            now, was = format_answer(changed, other_value(changed)), format_answer(changed, first_value(changed))
            prompt = str(entries.get_option_at_index(entries.get_option_index(changed.id)).prompt)
            assert prompt == f"{changed.text}\n  {now} · today · fresh"
            dims = await wait_rows(pilot, "#dims-1", 5)
            assert "emotional" in str(dims.get_row_at(0)[0])
            entries.focus()
            entries.highlighted = entries.get_option_index(changed.id)
            text = await wait_text(pilot, "(2 answers)")
            assert f"{now}: from" in text and f"{was}: from" in text and "last confirmed 1 month ago" in text
            await pilot.press("escape")
            await wait_for(pilot, LobbyScreen)
            # Things that changed, from its key: Sam's answer, was and now.
            await pilot.press("t")
            await wait_for(pilot, SeatChangesScreen)
            text = await wait_text(pilot, f"Sam · {changed.dimension.value}: {changed.text}")
            assert f"was: {was} (1 month ago)" in text and f"now: {now}" in text
            assert "Alex (you) ·" in text
            await pilot.press("escape")
            await wait_for(pilot, LobbyScreen)


async def test_a_look_gives_way_to_the_round_when_the_partner_starts_one(saves, library, clock):
    couple_with_maps(saves, library, clock)
    async with open_table(saves, library, clock) as table:
        alex, sam = seat_app(table, 0, library), seat_app(table, 1, library)
        async with alex.run_test(size=SIZE) as a, sam.run_test(size=SIZE) as s:
            await wait_for(a, LobbyScreen)
            await wait_for(s, LobbyScreen)
            await a.press("t")
            await wait_for(a, SeatChangesScreen)
            await s.press("c")  # Sam starts a check-in for both
            await wait_for(a, (AnswerScreen, GuessScreen))
            # During the round the palette still opens the map, over the round screen and back.
            await a.app.run_action("love_map")
            await wait_for(a, SeatLoveMapScreen)
            await a.press("escape")
            await wait_for(a, (AnswerScreen, GuessScreen))
