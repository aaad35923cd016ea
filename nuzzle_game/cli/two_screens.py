"""`nuzzle table`, `nuzzle join` and `nuzzle serve` (DESIGN §11): two screens.

Kept apart from ``cli`` so the command line only adds and calls them. Bad input
is one line on stderr and a non-zero exit, as everywhere.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from nuzzle_game.clock import Clock
from nuzzle_game.core.text import printable
from nuzzle_game.store.errors import NoSuchProfile, SaveError

if TYPE_CHECKING:
    import asyncio

COMMANDS = ("table", "join", "serve")


class TwoScreensError(SaveError):
    """One clear line for the player (shown by the CLI, exit 1)."""


def add_commands(commands) -> None:
    table = commands.add_parser("table", help="open a profile for two screens, one per partner")
    table.add_argument("profile")
    join = commands.add_parser(
        "join", help="one partner's screen: at the open table, else their half of today's check-in"
    )
    join.add_argument("profile")
    join.add_argument("--as", dest="seat_name", required=True, metavar="NAME", help="your name in the profile")
    serve = commands.add_parser("serve", help="the table, with each partner's screen in a web browser")
    serve.add_argument("profile")
    serve.add_argument("--port", type=int, default=0, metavar="N", help="web port (default: a free one)")
    serve.add_argument("--lan", action="store_true", help="listen on the local network and print QR codes")
    serve.add_argument(
        "--tls", nargs=2, type=Path, metavar=("CERT", "KEY"), help="serve https with this PEM certificate and key"
    )


def run(
    args: argparse.Namespace,
    folder,
    deck_dirs: Callable[[], list[Path]],
    check_profile: Callable[[str], str],
    clock: Clock,
) -> int:
    profile = check_profile(args.profile)
    if not folder.exists(profile):
        raise NoSuchProfile(profile, folder.root)
    if args.command == "join":
        return _join(args, folder, profile, deck_dirs(), clock)
    if args.command == "serve" and not 0 <= args.port <= 65535:
        raise TwoScreensError("--port takes a number from 1 to 65535 (or 0 for a free one)")
    from nuzzle_game.store.deck_files import load_decks
    from nuzzle_game.table.server import Table
    from nuzzle_game.ui.crash_file import log_privately

    log_privately(folder.root)  # the table's terminal may be in view: no traceback there
    dirs = deck_dirs()
    table = Table(folder, profile, load_decks(dirs), clock=clock)
    if args.command == "table":
        return _until_stopped(lambda stop: _table(table, args, stop))
    try:
        from nuzzle_game.ui.serve import run_serve, tls_context
    except ImportError:
        raise TwoScreensError("`nuzzle serve` needs the serve extra: pip install 'nuzzle-game[serve]'") from None
    try:
        tls = tls_context(*args.tls) if args.tls else None
    except ValueError as error:
        raise TwoScreensError(str(error)) from None
    decks = dirs if args.decks else None
    return _until_stopped(lambda stop: run_serve(table, folder.root, decks, args.port, args.lan, _say, stop, tls))


def _say(line: str) -> None:
    try:
        print("\n".join(map(printable, line.split("\n"))), flush=True)
    except OSError:  # the terminal is gone (closed window, SIGHUP): nothing to tell
        pass


def join_command(profile: str, name: str) -> str:
    """What a partner types to join, with the saves folder when it is not the default."""
    saves = ""
    if "--saves" in sys.argv or os.environ.get("NUZZLE_SAVES"):
        from nuzzle_game.paths import default_saves_dir

        saves = f" --saves {default_saves_dir(_saves_arg()).resolve()}"
    quoted = f'"{name}"' if " " in name else name
    return f"nuzzle{saves} join {profile} --as {quoted}"


def _saves_arg() -> str | None:
    argv = sys.argv
    return argv[argv.index("--saves") + 1] if "--saves" in argv[:-1] else None


async def _table(table, args: argparse.Namespace, stop: asyncio.Event) -> None:
    connection = await table.open()
    try:
        _say(f"The table for '{table.profile_name}' is open on {connection.host}:{connection.port}.")
        for seat in connection.seats:
            _say(f"  {seat.name} runs:  {join_command(table.profile_name, seat.name)}")
        _say("Everything revealed is saved as you play. Ctrl+C closes the table.")
        await stop.wait()
    finally:
        await table.close()


def _until_stopped(main) -> int:
    """Run ``main(stop)`` until Ctrl+C, SIGTERM or SIGHUP sets ``stop``; close cleanly
    (the table's ``close`` removes its connection file)."""
    import asyncio
    import signal

    async def runner() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # SIGHUP: its terminal window closed
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
        await main(stop)

    asyncio.run(runner())
    _say("The table is closed. See you next time.")
    return 0


def _join(args: argparse.Namespace, folder, profile: str, deck_dirs: list[Path], clock: Clock) -> int:
    from nuzzle_game.table import connection as conn

    connection = conn.read(folder.profile_dir(profile))
    if connection is None:  # no table: this partner's own seat (DESIGN §12)
        from nuzzle_game.cli.own_seat import run_own_seat

        join = join_command(profile, args.seat_name)
        return run_own_seat(folder, profile, args.seat_name, deck_dirs, clock, join)
    seat = connection.seat_of(args.seat_name)
    if seat is None:
        raise TwoScreensError(
            f"'{args.seat_name}' has no seat at this table: it is {connection.seats[0].name}'s "
            f"and {connection.seats[1].name}'s"
        )
    from nuzzle_game.table.client import check_table

    check_table(connection, seat, profile)  # the table still runs, and proves it is the table
    from nuzzle_game.ui.seat.app import SeatApp, SeatConfig

    app = SeatApp(
        SeatConfig(
            connection=connection,
            seat=seat,
            wait_for_focus=os.environ.get("NUZZLE_SEAT_ON_FOCUS") == "1",
            crash_folder=folder.root,
        )
    )
    message = app.run()
    if message:
        print(printable(message), file=sys.stderr if app.return_code else sys.stdout)
    return app.return_code or 0
