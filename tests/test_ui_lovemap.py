"""The love map at every size: columns that fit, and a filter over hundreds of entries."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Static
from ui_driver import make_app, open_couple, wait_for, wait_until

from nuzzle_game.cli.demo import run_demo
from nuzzle_game.core.lovemap import Freshness
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.ui.screens.lovemap import LoveMapScreen


@pytest.fixture(scope="module")
def played(tmp_path_factory, library):
    """A couple of 90 days of play, made once for the module (copied by each test)."""
    from conftest import Clock

    root = tmp_path_factory.mktemp("played")
    clock = Clock()
    run_demo(SaveFolder(root / "saves"), library, "alex-sam", ("Alex", "Sam"), 90, seed=4, clock=clock).close()
    clock.advance(days=40)  # a pause: the first months' answers have gone stale
    return root / "saves", clock


def app_for(tmp_path, played, library):
    import shutil

    saves, clock = played
    shutil.copytree(saves, tmp_path / "saves")
    return make_app(tmp_path / "saves", library, clock)


async def open_map(pilot) -> None:
    await open_couple(pilot)
    await pilot.press("l")
    await wait_for(pilot, LoveMapScreen)
    await wait_until(pilot, lambda: pilot.app.screen.query_one("#entries-0", DataTable).row_count, "the entries")


def cells(table: DataTable, row: int) -> list[str]:
    return [str(c) for c in table.get_row_at(row)]


def fits(table: DataTable) -> bool:
    """Every column in view: nothing to scroll sideways."""
    return table.virtual_size.width <= table.scrollable_content_region.width


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (100, 30)])
async def test_columns_fit_the_width_and_cut_text_ends_with_an_ellipsis(tmp_path, played, library, size):
    app = app_for(tmp_path, played, library)
    async with app.run_test(size=size) as pilot:
        await open_map(pilot)
        dims, entries = (app.screen.query_one(f"#{name}-0", DataTable) for name in ("dims", "entries"))
        assert fits(dims) and fits(entries), (dims.virtual_size, entries.virtual_size)
        assert [str(c.label) for c in dims.columns.values()][-1] == "In sync lately"
        widths = [c.width for c in entries.columns.values()]
        cut = 0
        for index in range(entries.row_count):
            for text, width in zip(cells(entries, index), widths):
                assert len(text) <= width
                cut += text.endswith("…")
        assert cut, "some question is longer than its column"
        # The highlighted entry is shown whole below the table.
        entries.move_cursor(row=0)
        await pilot.pause()
        question = app.session.library.question(entries.coordinate_to_cell_key((0, 0)).row_key.value)
        history = str(app.screen.query_one("#history-0", Static).render())
        assert " ".join(question.text.split()) in " ".join(history.split())
        if size == (60, 20):
            assert entries.region.height - 1 >= 5, "at least five entries in view at 60×20"
            assert entries.region.bottom <= size[1] - 1


async def test_the_table_widens_with_the_terminal(tmp_path, played, library):
    app = app_for(tmp_path, played, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_map(pilot)
        entries = app.screen.query_one("#entries-0", DataTable)
        at_80 = entries.columns[next(iter(entries.columns))].width
        await pilot.resize_terminal(100, 30)
        await wait_until(
            pilot, lambda: entries.columns[next(iter(entries.columns))].width > at_80, "a wider question column"
        )
        assert fits(entries)


async def test_filter_by_words_dimension_and_freshness(tmp_path, played, library):
    app = app_for(tmp_path, played, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_map(pilot)
        state, now = app.session.state, app.config.clock()
        entries = state.love_maps[0].entries
        table = app.screen.query_one("#entries-0", DataTable)
        count = app.screen.query_one("#count-0", Static)
        total = table.row_count
        assert total == len(entries) > 100 and str(count.render()) == f"{total} answers"

        def shown() -> list:
            return [entries[table.coordinate_to_cell_key((i, 0)).row_key.value] for i in range(table.row_count)]

        await pilot.press("slash")  # the Footer's "/ Filter"
        assert isinstance(app.focused, Input)
        await pilot.press(*"stale")
        await wait_until(pilot, lambda: table.row_count < total, "the filter applied")
        assert shown() and all(e.freshness(now, state.settings.stale_after_days) is Freshness.STALE for e in shown())
        assert str(count.render()) == f"{table.row_count} of {total}"
        await pilot.press(*" emotional")
        await pilot.pause()
        assert shown() and all(e.dimension.value == "emotional" for e in shown())
        # A word: in the question or the answer.
        app.focused.value = "partner"
        await pilot.pause()
        texts = [" ".join(cells(table, i)) for i in range(table.row_count)]
        assert texts and len(texts) < total
        app.focused.value = "no such words anywhere"
        await pilot.pause()
        assert table.row_count == 0 and "No answer matches" in str(app.screen.query_one("#history-0").render())
        # Enter on a dimension (or a click) filters by it; again, all of them.
        app.focused.value = ""
        dims = app.screen.query_one("#dims-0", DataTable)
        dims.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.query_one("#find-0", Input).value == "physical"
        assert shown() and all(e.dimension.value == "physical" for e in shown())
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#find-0", Input).value == "" and table.row_count == total


async def test_keys_switch_maps_and_letters_type_in_the_filter(tmp_path, played, library):
    app = app_for(tmp_path, played, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_map(pilot)
        await pilot.press("m")
        assert app.screen.query_one("#maps").active == "map-1"
        await pilot.press("slash", *"mum")
        assert app.screen.query_one("#find-1", Input).value == "mum"
        assert app.screen.query_one("#maps").active == "map-1"
