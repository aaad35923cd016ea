"""`nuzzle serve`: the table, with each partner's seat in a web browser.

textual-serve runs one seat App per websocket. On top of it this module checks
what textual-serve does not: the websocket's Origin must be this server, and
the URL must carry the seat's secret. Pages and the font come from the
package; nothing is fetched from the internet. Plain http unless given a
certificate (``--tls CERT KEY``): on the local network (``--lan``) that is said
where the links are printed, since answers would cross the Wi-Fi readable.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import shlex
import ssl
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from nuzzle_game.table.connection import Connection
from nuzzle_game.ui.serve_links import PLAIN_ON_THE_LAN, SEAT_STARTED, lan_address, qr_text, tls_context

__all__ = ["SeatServer", "lan_address", "qr_text", "run_serve", "seat_command", "tls_context"]

log = logging.getLogger("nuzzle.serve")
WEB = Path(__file__).parent / "web"


ON_FOCUS = "NUZZLE_SEAT_ON_FOCUS"  # a spare seat joins the table when its page attaches
# The websocket close code that tells a seat's page it was opened in another tab
# or on another device (seat.html shows it on top of everything).
OPENED_ELSEWHERE = 4001


class SpareService(AppService):
    """A seat's App started before its page opens, so the page shows it at once.

    Its output waits in a buffer until a websocket attaches; then the size and
    the focus are sent, and the App joins the table (it waits for the focus).
    """

    def __init__(self, command: str, download_manager) -> None:
        self._socket: web.WebSocketResponse | None = None
        self._early: list[tuple[bool, bytes | str]] = []
        self._size: tuple[int, int] | None = None  # the page's, as last sent
        self._focused = False  # the page's, as last sent
        super().__init__(
            command,
            write_bytes=self._bytes,
            write_str=self._str,
            close=self._close,
            download_manager=download_manager,
        )

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.returncode is None

    async def _bytes(self, data: bytes) -> None:
        if self._socket is None:
            self._early.append((True, data))
        else:
            await self._socket.send_bytes(data)

    async def _str(self, data: str) -> None:
        if self._socket is None:
            self._early.append((False, data))
        else:
            await self._socket.send_str(data)

    async def _close(self) -> None:
        if self._socket is not None:
            await self._socket.close()

    async def attach(self, socket: web.WebSocketResponse, width: int, height: int) -> None:
        self._socket = socket
        early, self._early = self._early, []
        for is_bytes, data in early:
            await (socket.send_bytes(data) if is_bytes else socket.send_str(data))  # type: ignore[arg-type]
        await self.set_terminal_size(width, height)
        await self.focus()

    async def set_terminal_size(self, width: int, height: int) -> None:
        self._size = (width, height)
        await super().set_terminal_size(width, height)

    async def focus(self) -> None:
        self._focused = True
        await super().focus()

    async def blur(self) -> None:
        self._focused = False
        await super().blur()

    async def on_meta(self, data: bytes) -> None:
        """The seat's App has started (``SEAT_STARTED``): a page attached while it
        was starting is sent its size and focus again, which Textual's web driver
        would otherwise have overridden with its own start-up size and blur."""
        try:
            started = json.loads(data).get("type") == SEAT_STARTED
        except (ValueError, AttributeError):
            started = False
        if not started:
            await super().on_meta(data)
        elif self._socket is not None and self._size is not None:
            await super().set_terminal_size(*self._size)
            await (super().focus() if self._focused else super().blur())


class SeatServer(Server):
    """Serves seat ``i`` at ``/seat/{i}/{secret}``; refuses anything else."""

    def __init__(
        self,
        connection: Connection,
        seat_command: Callable[[int], str],
        host: str = "127.0.0.1",
        port: int = 0,
        public_host: str | None = None,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        super().__init__(command="nuzzle", host=host, port=port, title="Nuzzle")
        self.tls = tls
        self.connection = connection
        self.seat_command = seat_command
        self.public_host = public_host or host
        self.templates_path = WEB
        self._runner: web.AppRunner | None = None
        self.services: set[AppService] = set()
        self.spares: dict[int, SpareService] = {}
        self._spawning: set[asyncio.Task] = set()
        self._pages: dict[int, web.WebSocketResponse] = {}  # each seat's newest page

    # ------------------------------------------------------------ addresses

    @property
    def scheme(self) -> str:
        return "https" if self.tls else "http"

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.public_host}:{self.port}"

    def allowed_hosts(self) -> set[str]:
        hosts = {f"{self.public_host}:{self.port}", f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        return hosts

    def seat_url(self, seat: int) -> str:
        return f"{self.origin}/seat/{seat}/{self.connection.seats[seat].secret}"

    # ------------------------------------------------------------ life

    async def start(self) -> None:
        app = await self._make_app()
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, ssl_context=self.tls)
        await site.start()
        if self.port == 0:
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.public_url = self.origin
        for seat in (0, 1):
            await self._spare(seat)

    async def _spare(self, seat: int) -> None:
        """Start a seat's App ahead of its page (a Python start-up takes a while)."""
        spare = SpareService(f"{ON_FOCUS}=1 {self.seat_command(seat)}", self.download_manager)
        try:
            await spare.start(80, 24)
        except OSError:
            log.exception("could not start a seat ahead of time")
            return
        self.spares[seat] = spare

    def _respare(self, seat: int) -> None:
        task = asyncio.create_task(self._spare(seat))
        self._spawning.add(task)
        task.add_done_callback(self._spawning.discard)

    async def stop(self) -> None:
        for task in list(self._spawning):
            with contextlib.suppress(Exception):
                await asyncio.wait_for(task, 5)
        for service in [*self.spares.values(), *self.services]:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(service.stop(), 3)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _make_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024)
        app.add_routes(
            [
                web.get("/seat/{seat}/{secret}", self.handle_seat_page, name="index"),
                web.get("/ws/{seat}/{secret}", self.handle_websocket, name="websocket"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        return app

    # ------------------------------------------------------------ checks

    def _seat(self, request: web.Request) -> int | None:
        """The seat this request may use, or None (wrong host, seat or secret)."""
        if request.host not in self.allowed_hosts():
            return None
        seat = to_int(request.match_info.get("seat", ""), -1)
        if seat not in (0, 1) or not self.connection.check(seat, request.match_info.get("secret", "")):
            return None
        return seat

    def _origin_ok(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if not origin:
            return False
        parts = urlsplit(origin)
        return parts.scheme == self.scheme and parts.netloc in self.allowed_hosts()

    # ------------------------------------------------------------ pages

    async def handle_seat_page(self, request: web.Request) -> web.StreamResponse:
        seat = self._seat(request)
        if seat is None:
            raise web.HTTPForbidden(
                text="This link is not a seat at this table. Ask for the link `nuzzle serve` printed."
            )
        font_size = min(max(to_int(request.query.get("fontsize", "16"), 16), 8), 40)
        page = (WEB / "seat.html").read_text(encoding="utf-8")
        secret = self.connection.seats[seat].secret
        host = request.host
        replacements = {
            "{{ name }}": _html(self.connection.seats[seat].name),
            "{{ static }}": "/static/",
            "{{ websocket }}": f"{'wss' if self.tls else 'ws'}://{host}/ws/{seat}/{secret}",
            "{{ font_size }}": str(font_size),
        }
        for key, value in replacements.items():
            page = page.replace(key, value)
        return web.Response(
            text=page,
            content_type="text/html",
            headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
        )

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        seat = self._seat(request)
        if seat is None or not self._origin_ok(request):
            log.warning("refused a websocket from origin %r", request.headers.get("Origin"))
            raise web.HTTPForbidden(text="refused")
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=64 * 1024)
        width = min(max(to_int(request.query.get("width", "80"), 80), 20), 400)
        height = min(max(to_int(request.query.get("height", "24"), 24), 5), 200)
        service: AppService | None = None
        try:
            await websocket.prepare(request)
            await self._take_seat(seat, websocket)
            spare = self.spares.pop(seat, None)
            if spare is not None and spare.alive:
                service = spare
                self.services.add(service)
                await spare.attach(websocket, width, height)
            else:
                service = AppService(
                    self.seat_command(seat),
                    write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    close=websocket.close,  # type: ignore[arg-type]
                    download_manager=self.download_manager,
                )
                self.services.add(service)
                await service.start(width, height)
            self._respare(seat)  # ready for the next time this seat's page opens
            try:
                await self._process_messages(websocket, service)
            finally:
                await service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception:  # one browser's trouble never stops the table
            log.exception("a browser seat failed")
        finally:
            if self._pages.get(seat) is websocket:
                del self._pages[seat]
            if service is not None:
                self.services.discard(service)
                with contextlib.suppress(Exception):
                    await service.stop()
        return websocket

    async def _take_seat(self, seat: int, websocket: web.WebSocketResponse) -> None:
        """The newest page takes the seat; the page it replaces is told so, and closes."""
        previous, self._pages[seat] = self._pages.get(seat), websocket
        if previous is not None and not previous.closed:
            with contextlib.suppress(Exception):
                await previous.close(code=OPENED_ELSEWHERE, message=b"opened elsewhere")

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """textual-serve's loop, but a malformed message is skipped, not a crash."""
        from aiohttp import WSMsgType

        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
                kind, data = envelope[0], envelope[1]
                if kind == "stdin" and isinstance(data, str):
                    await app_service.send_bytes(data.encode("utf-8"))
                elif kind == "resize" and isinstance(data, dict):
                    await app_service.set_terminal_size(
                        min(max(int(data["width"]), 20), 400), min(max(int(data["height"]), 5), 200)
                    )
                elif kind == "ping":
                    await websocket.send_json(["pong", data])
                elif kind == "blur":
                    await app_service.blur()
                elif kind == "focus":
                    await app_service.focus()
            except (ValueError, TypeError, KeyError, IndexError):
                continue


def _html(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def seat_command(
    saves: Path, deck_dirs: list[Path] | None, profile: str, names: tuple[str, str]
) -> Callable[[int], str]:
    """The shell command textual-serve runs for a seat's App."""

    def command(seat: int) -> str:
        parts = [sys.executable, "-m", "nuzzle_game", "--saves", str(Path(saves).resolve())]
        if deck_dirs:
            parts += ["--decks", str(Path(deck_dirs[0]).resolve())]
        parts += ["join", profile, "--as", names[seat]]
        return shlex.join(parts)

    return command


async def run_serve(
    table,
    saves: Path,
    deck_dirs: list[Path] | None,
    port: int = 0,
    lan: bool = False,
    say: Callable[[str], Any] = print,
    stop: asyncio.Event | None = None,
    tls: ssl.SSLContext | None = None,
) -> None:
    """Open the table, serve both seats, and wait until ``stop`` is set."""
    connection = await table.open()
    host = "0.0.0.0" if lan else "127.0.0.1"
    public = lan_address() if lan else "127.0.0.1"
    names = connection.seats[0].name, connection.seats[1].name
    command = seat_command(saves, deck_dirs, table.profile_name, names)
    server = SeatServer(connection, command, host, port, public, tls)
    try:
        await server.start()
        say(
            f"Nuzzle is serving '{table.profile_name}' on {server.origin} ({'your local network' if lan else 'this computer only'})."
        )
        for seat in (0, 1):
            say(f"  {names[seat]}: {server.seat_url(seat)}")
            if lan:
                say(qr_text(server.seat_url(seat)))
        if lan and tls is None:
            say(PLAIN_ON_THE_LAN)
        say("Each link is that partner's seat: keep it between the two of you. Ctrl+C closes the table.")
        await (stop or asyncio.Event()).wait()
    finally:
        try:
            await server.stop()
        finally:
            await table.close()  # and with it the connection file, whatever stopping the pages did
