"""A seat's end of the wire: connect, say hello, send moves, receive views.

Pure asyncio, so the seat App and the tests drive the same code.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

from pydantic import BaseModel

from nuzzle_game.table.connection import Connection
from nuzzle_game.table.wire import MAX_LINE, Bye, Hello, TableMessage, WireError, decode_table, encode

CONNECT_TIMEOUT = 5.0


class TableGone(Exception):
    """No table answers where the connection file says: ``str()`` says what to do."""


class SeatClient:
    def __init__(self, connection: Connection, seat: int) -> None:
        self.connection = connection
        self.seat = seat
        self.name = connection.seats[seat].name
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self.received = bytearray()  # every byte the table sent this seat

    async def connect(self) -> None:
        try:
            self._reader, self._writer = await asyncio.wait_for(
                asyncio.open_connection(self.connection.host, self.connection.port, limit=MAX_LINE * 4),
                CONNECT_TIMEOUT,
            )
        except (TimeoutError, OSError):
            raise TableGone(
                f"no table answers on port {self.connection.port}; is `nuzzle table` still running?"
            ) from None
        await self.send(Hello(seat=self.name, secret=self.connection.seats[self.seat].secret))

    async def send(self, message: BaseModel) -> None:
        await self.send_raw(encode(message))

    async def send_raw(self, data: bytes) -> None:
        if self._writer is None:
            raise TableGone("not connected to the table")
        try:
            self._writer.write(data)
            await self._writer.drain()
        except (OSError, RuntimeError):
            raise TableGone("the table closed the connection") from None

    async def receive(self) -> TableMessage | None:
        """The next message, or None when the table has closed the connection."""
        if self._reader is None:
            return None
        try:
            line = await self._reader.readline()
        except (OSError, ValueError):
            return None
        if not line:
            return None
        self.received += line
        try:
            return decode_table(line)
        except WireError as error:
            return Bye(message=str(error))

    async def listen(self, handle: Callable[[TableMessage], Awaitable[None] | None]) -> None:
        """Hand every message to ``handle`` until the connection closes."""
        while True:
            message = await self.receive()
            if message is None:
                return
            result = handle(message)
            if asyncio.iscoroutine(result):
                await result
            if isinstance(message, Bye):
                return

    async def close(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            with contextlib.suppress(Exception):
                writer.close()
                await asyncio.wait_for(writer.wait_closed(), 1)
