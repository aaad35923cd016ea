"""A seat's end of the wire: check the table, prove the seat, send moves, receive views.

Pure asyncio, so the seat App and the tests drive the same code. Nothing of the
seat's key is sent before whatever answers on the port has proved it holds that
key too (``connect``), and every read until the first view has a time limit:
a program that is not the table gets nothing it could use, and ``join`` says so
in one line within seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import Awaitable, Callable

from pydantic import BaseModel

from nuzzle_game.store.errors import SaveError
from nuzzle_game.table.connection import Connection, table_running
from nuzzle_game.table.wire import (
    MAX_LINE,
    Bye,
    Challenge,
    Hello,
    Proof,
    SeatUpdate,
    TableMessage,
    WireError,
    decode_table,
    encode,
)

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 5.0  # each read of the handshake, until the first view


class TableGone(SaveError):
    """No table (or not this profile's) answers where the connection file says: ``str()`` says what to do."""


class SeatClient:
    def __init__(self, connection: Connection, seat: int) -> None:
        self.connection = connection
        self.seat = seat
        self.name = connection.seats[seat].name
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._early: list[TableMessage] = []  # the first view, read while connecting
        self.received = bytearray()  # every byte the table sent this seat

    async def connect(self, prove: bool = True) -> None:
        """Connect; have the table prove itself; then prove this seat and wait for its view.

        ``prove=False`` stops once the table has proved itself (``check_table``).
        """
        port = self.connection.port
        try:
            self._reader, self._writer = await asyncio.wait_for(
                asyncio.open_connection(self.connection.host, port, limit=MAX_LINE * 4), CONNECT_TIMEOUT
            )
        except (TimeoutError, OSError):
            raise TableGone(f"no table answers on port {port}; is `nuzzle table` still running?") from None
        try:
            nonce = secrets.token_urlsafe(32)
            await self.send(Hello(seat=self.name, nonce=nonce))
            challenge = await self._handshake()
            if not (
                isinstance(challenge, Challenge)
                and self.connection.proves(self.seat, "table", nonce, challenge.nonce, challenge.proof)
            ):
                raise TableGone(
                    f"what answers on port {port} is not your table: it could not prove it knows your seat, "
                    "so nothing of your secret was sent to it. Is `nuzzle table` still running?"
                )
            if not prove:
                return
            await self.send(Proof(proof=self.connection.proof(self.seat, "seat", nonce, challenge.nonce)))
            first = await self._handshake()
            if isinstance(first, Bye):
                raise TableGone(f"the table turned this seat away: {first.message}")
            if not isinstance(first, SeatUpdate):
                raise TableGone(f"the table on port {port} sent something unexpected; try joining again")
            self._early.append(first)
        except BaseException:
            await self.close()
            raise

    async def _handshake(self) -> TableMessage | None:
        """One message before the first view: in time, or TableGone."""
        assert self._reader is not None
        try:
            line = await asyncio.wait_for(self._reader.readline(), READ_TIMEOUT)
        except TimeoutError:
            raise TableGone(
                f"what answers on port {self.connection.port} did not answer as a table within "
                f"{READ_TIMEOUT:g} seconds; is `nuzzle table` still running?"
            ) from None
        except (OSError, ValueError):
            line = b""
        if not line:
            raise TableGone(f"the connection on port {self.connection.port} closed before the table answered")
        self.received += line
        try:
            return decode_table(line)
        except WireError:
            return None

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
        if self._early:
            return self._early.pop(0)
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


def check_table(connection: Connection, seat: int, profile: str) -> None:
    """For ``join``, before any screen opens: the table that wrote the connection
    file still runs, and what listens on its port proves it is that table.
    TableGone, in one line, if not."""
    if not table_running(connection):
        raise TableGone(
            f"the table for '{profile}' is not running any more (it was stopped without closing); "
            f"start it again with `nuzzle table {profile}`"
        )

    async def probe() -> None:
        client = SeatClient(connection, seat)
        try:
            await client.connect(prove=False)
        finally:
            await client.close()

    asyncio.run(probe())
