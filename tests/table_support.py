"""Shared by the two-screen tests: a table on a fresh profile, and seats at it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from conftest import make_couple

from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.table.client import SeatClient
from nuzzle_game.table.server import Table
from nuzzle_game.table.wire import SeatUpdate

TIMEOUT = 5.0  # seconds any one wait may take before a test fails (never hangs)


def new_profile(folder: SaveFolder, profile: str = "alex-sam") -> str:
    folder.create(make_couple(profile)).close()
    return profile


@contextlib.asynccontextmanager
async def open_table(
    folder: SaveFolder, library, clock, seed: int = 7, profile: str = "alex-sam"
) -> AsyncIterator[Table]:
    table = Table(folder, profile, library, clock=clock, seed=seed)
    await asyncio.wait_for(table.open(), TIMEOUT)
    try:
        yield table
    finally:
        await asyncio.wait_for(table.close(), TIMEOUT)


class Seat:
    """A seat driven by a test. A listener keeps every message, and every byte,
    the table sends it (``client.received``)."""

    def __init__(self, table: Table, seat: int) -> None:
        assert table.connection is not None
        self.client = SeatClient(table.connection, seat)
        self.seat = seat
        self.messages: list = []
        self.closed = asyncio.Event()
        self._changed = asyncio.Event()
        self._task: asyncio.Task | None = None

    async def join(self) -> Seat:
        await asyncio.wait_for(self.client.connect(), TIMEOUT)
        self._task = asyncio.create_task(self._listen())
        await self.until(lambda v: True)
        return self

    async def _listen(self) -> None:
        try:
            while (message := await self.client.receive()) is not None:
                self.messages.append(message)
                self._changed.set()
        finally:
            self.closed.set()
            self._changed.set()

    @property
    def views(self) -> list[SeatUpdate]:
        return [m for m in self.messages if isinstance(m, SeatUpdate)]

    @property
    def view(self) -> SeatUpdate:
        return self.views[-1]

    async def until(self, ready, what: str = "a view") -> SeatUpdate:
        """The first new-or-latest view for which ``ready(view)`` holds."""

        async def wait() -> SeatUpdate:
            while True:
                views = self.views
                if views and ready(views[-1]):
                    return views[-1]
                if self.closed.is_set():
                    raise AssertionError(f"the table closed the connection while waiting for {what}")
                self._changed.clear()
                await self._changed.wait()

        return await asyncio.wait_for(wait(), TIMEOUT)

    async def send(self, move) -> None:
        await asyncio.wait_for(self.client.send(move), TIMEOUT)

    async def leave(self) -> None:
        await self.client.close()
        if self._task is not None:
            await asyncio.wait_for(asyncio.gather(self._task, return_exceptions=True), TIMEOUT)
