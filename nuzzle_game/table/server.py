"""The table: the one writer of a profile, serving its game to two seats.

Plain asyncio streams on 127.0.0.1, one JSON message per line (``wire``). A
seat and the table prove to each other that they hold the seat's key from the
connection file, the table first (``_greet``); the newest connection takes a
seat. Every message to a seat is built from that seat's own
view, so nothing private can leak into it. A malformed or hostile message gets
an error reply, or the connection is closed: it never reaches the game.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from nuzzle_game.clock import Clock
from nuzzle_game.core.game import RoundError
from nuzzle_game.store.errors import ProfileBusy, SaveError
from nuzzle_game.table import connection as conn
from nuzzle_game.table.game import TableGame
from nuzzle_game.table.review_messages import ChangesAsk, HistoryAsk, LoveMapAsk, Refused
from nuzzle_game.table.wire import (
    MAX_LINE,
    Bye,
    Challenge,
    ErrorReply,
    Hello,
    Proof,
    WireError,
    decode_seat,
    encode,
)

if TYPE_CHECKING:
    from nuzzle_game.core.decks import DeckLibrary
    from nuzzle_game.core.models import PlayerIndex
    from nuzzle_game.store.folder import SaveFolder
    from nuzzle_game.store.profile import Profile

log = logging.getLogger("nuzzle.table")

HELLO_TIMEOUT = 5.0  # seconds a new connection has to say who it is
SEND_TIMEOUT = 5.0  # a seat that cannot take a message in this long is dropped
MAX_ERRORS = 20  # bad messages on one connection before it is closed
UNKNOWN = "this table does not know that seat and secret"

Step = TypeVar("Step", Hello, Proof)


class TableBusy(SaveError):
    """A table is already open on this profile."""


class _Link:
    """One seat's live connection."""

    def __init__(self, seat: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.seat, self.reader, self.writer = seat, reader, writer
        self.closed = False

    async def send(self, message: BaseModel) -> None:
        if self.closed:
            return
        try:
            self.writer.write(encode(message))
            await asyncio.wait_for(self.writer.drain(), SEND_TIMEOUT)
        except (TimeoutError, OSError, RuntimeError):
            self.close()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            with contextlib.suppress(Exception):
                self.writer.close()


class Table:
    def __init__(
        self,
        folder: SaveFolder,
        profile: str,
        library: DeckLibrary,
        clock: Clock,
        seed: int | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.folder, self.profile_name, self.library = folder, profile, library
        self.clock, self.seed, self.host, self.port = clock, seed, host, port
        self.profile: Profile | None = None
        self.game: TableGame | None = None
        self.connection: conn.Connection | None = None
        self._server: asyncio.Server | None = None
        self._links: list[_Link | None] = [None, None]
        self._tasks: set[asyncio.Task] = set()
        self._writers: set[asyncio.StreamWriter] = set()
        self._were_here: set[int] = set()  # seats that have been at the table since it opened

    # ------------------------------------------------------------ life

    async def open(self) -> conn.Connection:
        """Take the profile's lock, listen, and write the connection file."""
        from nuzzle_game.store.profile import Profile

        profile_dir = self.folder.profile_dir(self.profile_name)
        try:
            self.profile = Profile(self.folder, self.profile_name, holder=("table", None))
        except ProfileBusy:
            running = conn.read(profile_dir)
            if running is not None:
                raise TableBusy(
                    f"a table is already open for '{self.profile_name}' on port {running.port}: "
                    f"join it with `nuzzle join {self.profile_name} --as NAME`."
                ) from None
            raise
        try:
            self.game = TableGame(self.profile, self.library, self.clock, self.seed)
            self._server = await asyncio.start_server(self._serve_link, self.host, self.port, limit=MAX_LINE)
            port = self._server.sockets[0].getsockname()[1]
            names = tuple(p.name for p in self.profile.state.couple.players)
            self.connection = conn.new_connection(port, names)  # type: ignore[arg-type]
            self.connection = self.connection.model_copy(update={"host": self.host})
            conn.write(profile_dir, self.connection)
        except BaseException:
            await self.close()
            raise
        return self.connection

    async def close(self) -> None:
        """Say goodbye to the seats, stop listening, and remove the connection file
        and the profile's lock whatever happens on the way."""
        try:
            if self._server is not None:
                self._server.close()
            for link in self._links:
                if link is not None:
                    await link.send(Bye(message="The table closed. Your game is saved."))
                    link.close()
            self._links = [None, None]
            for writer in list(self._writers):  # ends every reader, greeted or not
                with contextlib.suppress(Exception):
                    writer.close()
            if self._tasks:
                _, late = await asyncio.wait(list(self._tasks), timeout=2)
                for task in late:
                    task.cancel()
            if self._server is not None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(self._server.wait_closed(), 2)
                self._server = None
        finally:
            if self.profile is not None:
                try:
                    if self.connection is not None:
                        conn.remove(self.profile.dir, self.connection)
                finally:
                    self.profile.close()
                    self.profile = None

    async def __aenter__(self) -> Table:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # ------------------------------------------------------ connections

    async def _serve_link(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        link: _Link | None = None
        self._writers.add(writer)
        try:
            link = await self._greet(reader, writer)
            if link is not None:
                await self._converse(link)
        except asyncio.CancelledError:
            pass  # the table is closing: this connection ends with it
        except Exception:  # a connection's trouble never brings the table down
            log.exception("a seat connection failed")
        finally:
            self._writers.discard(writer)
            if link is not None:
                link.close()
                if self._links[link.seat] is link:
                    self._links[link.seat] = None
                    with contextlib.suppress(Exception):
                        await self._broadcast()
            else:
                with contextlib.suppress(Exception):
                    writer.close()

    async def _greet(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> _Link | None:
        """The handshake: the table proves it holds the seat's key, then the seat does.

        Neither sends the key; a connection that does not complete it in time,
        or proves nothing, gets one ``bye`` and is closed.
        """
        stranger = _Link(-1, reader, writer)
        hello = await self._handshake(stranger, Hello)
        if hello is None:
            return None
        assert self.connection is not None
        seat = self.connection.seat_of(hello.seat)
        if seat is None:
            await stranger.send(Bye(message=UNKNOWN))
            return None
        nonce = secrets.token_urlsafe(32)
        await stranger.send(Challenge(nonce=nonce, proof=self.connection.proof(seat, "table", hello.nonce, nonce)))
        answer = await self._handshake(stranger, Proof)
        if answer is None:
            return None
        if not self.connection.proves(seat, "seat", hello.nonce, nonce, answer.proof):
            await stranger.send(Bye(message=UNKNOWN))
            return None
        link = _Link(seat, reader, writer)
        self._were_here.add(seat)
        previous, self._links[seat] = self._links[seat], link
        if previous is not None:  # the newest connection takes the seat
            await previous.send(Bye(message="You opened your seat somewhere else; it continues there."))
            previous.close()
        await self._broadcast()
        return link

    async def _handshake(self, stranger: _Link, kind: type[Step]) -> Step | None:
        """The next line of the handshake, if it is a ``kind``; else a ``bye`` and None."""
        try:
            line = await asyncio.wait_for(stranger.reader.readline(), HELLO_TIMEOUT)
        except (TimeoutError, ValueError, OSError):
            await stranger.send(Bye(message="say hello with your seat first"))
            return None
        try:
            message = decode_seat(line)
        except WireError as error:
            await stranger.send(Bye(message=str(error)))
            return None
        if not isinstance(message, kind):
            await stranger.send(Bye(message=UNKNOWN if kind is Proof else "say hello with your seat first"))
            return None
        return message

    async def _converse(self, link: _Link) -> None:
        errors = 0
        while not link.closed:
            try:
                line = await link.reader.readline()
            except ValueError:  # longer than MAX_LINE
                await link.send(Bye(message="that message is too long"))
                return
            except OSError:
                return
            if not line:
                return
            if not line.strip():
                continue
            try:
                message = decode_seat(line)
                if isinstance(message, Hello | Proof):
                    raise WireError("this seat has already said hello")
            except WireError as error:
                errors += 1
                if errors > MAX_ERRORS:
                    await link.send(Bye(message="too many messages the table could not read"))
                    return
                await link.send(ErrorReply(message=str(error)))
                continue
            await self._move(link, message)

    async def _move(self, link: _Link, message: BaseModel) -> None:
        assert self.game is not None
        seat: PlayerIndex = 1 if link.seat else 0
        if isinstance(message, LoveMapAsk | HistoryAsk | ChangesAsk):  # a look: for this seat alone
            try:
                page = self.game.look(seat, message)
            except SaveError as error:
                page = Refused(message=f"the table could not read that: {error}")
            await link.send(page)
            return
        try:
            self.game.move(1 if link.seat else 0, message)  # type: ignore[arg-type]  # a seat's move, never a hello
        except (RoundError, ValueError) as error:
            await link.send(ErrorReply(message=str(error)))
        except SaveError as error:  # nothing of the move counted: both seats are told, and the mover asked again
            reply = ErrorReply(message=f"The table could not save, so that move did not count: {error}")
            await asyncio.gather(*(other.send(reply) for other in self._links if other is not None))
        await self._broadcast()

    async def _broadcast(self) -> None:
        """Each seat gets its own view, built for it alone."""
        assert self.game is not None
        here = [link is not None and not link.closed for link in self._links]
        sends = []
        for link in self._links:
            if link is not None:
                seat: PlayerIndex = 1 if link.seat else 0
                partner = 1 - seat
                left = not here[partner] and partner in self._were_here
                sends.append(link.send(self.game.view(seat, partner_here=here[partner], partner_left=left)))
        await asyncio.gather(*sends)

    @property
    def seats_here(self) -> tuple[bool, bool]:
        return tuple(link is not None and not link.closed for link in self._links)  # type: ignore[return-value]
