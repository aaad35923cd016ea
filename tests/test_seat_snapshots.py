"""SVG snapshots of a seat's screens at 80x24 (DESIGN §11): the lobby, and a round
with the partner's line under it. The table runs in a thread of its own, on its
own event loop, so the seat App the snapshot plugin runs reaches it over TCP as
a real seat does."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator

from table_support import TIMEOUT, Seat, new_profile
from ui_driver import SIZE, screen_text, wait_until

from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.table.server import Table
from nuzzle_game.ui.screens.round_base import RoundScreen
from nuzzle_game.ui.seat.app import SeatApp, SeatConfig
from nuzzle_game.ui.seat.lobby import LobbyScreen


@contextlib.contextmanager
def table_aside(folder: SaveFolder, library, clock) -> Iterator[tuple[Table, asyncio.AbstractEventLoop]]:
    """A table on Alex & Sam's fresh profile, served from another thread."""
    new_profile(folder)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    table = Table(folder, "alex-sam", library, clock=clock, seed=7)
    try:
        asyncio.run_coroutine_threadsafe(table.open(), loop).result(TIMEOUT)
        yield table, loop
    finally:
        asyncio.run_coroutine_threadsafe(table.close(), loop).result(TIMEOUT)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(TIMEOUT)
        loop.close()


def alex_at(table: Table) -> SeatApp:
    assert table.connection is not None
    return SeatApp(SeatConfig(connection=table.connection, seat=0, cursor_blink=False))


def test_the_lobby_waiting_for_the_partner(snap_compare, saves, library, clock):
    with table_aside(saves, library, clock) as (table, _):
        app = alex_at(table)

        async def run_before(pilot) -> None:
            await wait_until(pilot, lambda: isinstance(app.screen, LobbyScreen), "the lobby")
            await wait_until(pilot, lambda: "Sam isn't at the table yet" in screen_text(app), "Sam's line")

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_a_round_at_a_seat_with_the_partners_line(snap_compare, saves, library, clock):
    with table_aside(saves, library, clock) as (table, loop):
        sam = asyncio.run_coroutine_threadsafe(Seat(table, 1).join(), loop).result(TIMEOUT)
        app = alex_at(table)

        async def run_before(pilot) -> None:
            await wait_until(pilot, lambda: "Sam is at the table." in screen_text(app), "Sam at the table")
            await pilot.press("c")  # a check-in for both
            await wait_until(pilot, lambda: isinstance(app.screen, RoundScreen), "Alex's first round")
            await wait_until(pilot, lambda: "Sam is" in screen_text(app), "Sam's line")

        try:
            assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
        finally:
            asyncio.run_coroutine_threadsafe(sam.leave(), loop).result(TIMEOUT)
