"""The command line (DESIGN §10). Bad input: one line on stderr, non-zero exit."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from nuzzle_game.paths import default_saves_dir, saves_source
from nuzzle_game.store.errors import SaveError

if TYPE_CHECKING:
    from nuzzle_game.clock import Clock


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not usage + error
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _saves_note() -> str:
    chosen = _saves_arg(sys.argv)
    return (
        f"Saves folder in use (from {saves_source(chosen)}; change it with --saves DIR or NUZZLE_SAVES):\n"
        f"  {default_saves_dir(chosen)}"
    )


def _saves_arg(argv: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--saves" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--saves="):
            return arg.split("=", 1)[1]
    return None


def build_parser() -> Parser:
    parser = Parser(
        prog="nuzzle",
        description="Nuzzle: a game for two that keeps you curious about each other.",
        epilog=_saves_note(),
        formatter_class=argparse.RawDescriptionHelpFormatter,  # keep the path whole
    )
    parser.add_argument("--saves", metavar="DIR", help="save folder (default: $NUZZLE_SAVES, else see below)")
    parser.add_argument("--decks", metavar="DIR", help="load decks from DIR instead of the bundled ones")
    commands = parser.add_subparsers(dest="command", parser_class=Parser)

    decks = commands.add_parser("decks", help="check or list deck files")
    deck_commands = decks.add_subparsers(dest="deck_command", required=True, parser_class=Parser)
    validate = deck_commands.add_parser("validate", help="check deck files; exit 1 on any problem")
    validate.add_argument("paths", nargs="*", metavar="PATH", type=Path)
    listing = deck_commands.add_parser("list", help="list the loaded decks")
    listing.add_argument("--json", action="store_true", help="as JSON")

    export = commands.add_parser("export", help="a couple's love maps and history to stdout")
    export.add_argument("profile")
    export.add_argument("--format", choices=["md", "json"], default="md")

    demo = commands.add_parser("demo", help="create or extend a profile with simulated games")
    demo.add_argument("--profile", required=True)
    demo.add_argument("--players", required=True, metavar="A,B")
    amount = demo.add_mutually_exclusive_group()
    amount.add_argument("--games", type=int, metavar="N")
    amount.add_argument("--years", type=float, metavar="Y")
    demo.add_argument("--seed", type=int)

    restore = commands.add_parser("restore", help="go back to the last good backup of a profile")
    restore.add_argument("profile")
    restore.add_argument("--list", action="store_true", help="list the backups and change nothing")
    restore.add_argument("--backup", type=Path, help="restore this backup file")

    invite = commands.add_parser("invite", help="the authorized_keys line for a partner far away (SSH)")
    invite.add_argument("profile")
    invite.add_argument("--as", dest="seat_name", required=True, metavar="NAME", help="the partner's name")
    invite.add_argument("--key", required=True, type=Path, metavar="FILE.pub", help="the partner's public key")

    nudge = commands.add_parser("nudge", help="one line per couple whose check-in waits on someone")
    nudge.add_argument("--as", dest="seat_name", metavar="NAME", help="only what waits on NAME")

    from nuzzle_game.cli.two_screens import add_commands as add_two_screen_commands

    add_two_screen_commands(commands)  # table, join, serve (DESIGN §11)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return _run(args)
    except UsageError as error:
        return _fail(str(error), 2)
    except SaveError as error:
        return _fail(str(error), 1)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        return 0
    except Exception as error:  # never a traceback in front of a player
        if os.environ.get("NUZZLE_DEBUG"):
            raise
        return _fail(f"unexpected error: {type(error).__name__}: {error}", 1)


def _fail(message: str, code: int) -> int:
    # A message may quote a name, a path or a save's content: never raw controls.
    print(f"nuzzle: {_shown(message)}", file=sys.stderr)
    return code


def _shown(text: object) -> str:
    from nuzzle_game.core.text import printable

    return printable(str(text))


def _decks_dirs(args: argparse.Namespace) -> list[Path]:
    from nuzzle_game.paths import bundled_decks_dir

    if args.decks:
        folder = Path(args.decks)
        if not folder.is_dir():
            raise UsageError(f"no deck folder at {folder}")
        return [folder]
    return [bundled_decks_dir()]


def _library(args: argparse.Namespace):
    from nuzzle_game.store.deck_files import load_decks

    return load_decks(_decks_dirs(args))


def _check_profile(name: str) -> str:
    from nuzzle_game.paths import is_profile_name

    if not is_profile_name(name):
        raise UsageError(f"{name!r} is not a profile name: use letters, digits, '-' and '_' (up to 40)")
    return name


def _run(args: argparse.Namespace) -> int:
    from nuzzle_game.clock import system_clock

    clock = system_clock  # the one clock, handed to everything below
    saves = default_saves_dir(args.saves)
    if args.command is None:
        from nuzzle_game.ui.run import run_app

        return run_app(saves, _decks_dirs(args), clock)
    if args.command == "decks":
        return _decks(args)
    from nuzzle_game.store.folder import SaveFolder

    folder = SaveFolder(saves, clock=clock)
    if args.command == "export":
        return _export(args, folder, clock)
    if args.command == "demo":
        return _demo(args, folder, clock)
    if args.command == "restore":
        return _restore(args, folder)
    if args.command == "invite":
        from nuzzle_game.cli.invite import invite

        print(invite(folder, _check_profile(args.profile), args.seat_name, args.key))
        return 0
    if args.command == "nudge":
        from nuzzle_game.cli.nudge import nudge

        return nudge(str(saves), args.seat_name, clock, args.saves)
    from nuzzle_game.cli import two_screens as table_commands

    if args.command in table_commands.COMMANDS:
        return table_commands.run(args, folder, lambda: _decks_dirs(args), _check_profile, clock)
    raise UsageError(f"unknown command {args.command}")  # pragma: no cover


def _decks(args: argparse.Namespace) -> int:
    if args.deck_command == "validate":
        from nuzzle_game.store.deck_files import validate

        paths = args.paths or _decks_dirs(args)
        problems = validate(paths)
        for problem in problems:
            print(_shown(problem))
        if problems:
            print(f"{len(problems)} problem{'s' * (len(problems) != 1)} found.", file=sys.stderr)
            return 1
        from nuzzle_game.store.deck_files import load_decks

        library = load_decks(paths)
        print(f"All good: {len(library.decks)} decks, {len(library.questions)} questions.")
        return 0
    library = _library(args)
    if args.json:
        decks = [
            {
                **deck.model_dump(mode="json", exclude={"questions"}),
                "questions": [q.model_dump(mode="json", exclude={"deck_id", "sensitive"}) for q in deck.questions],
            }
            for deck in library.decks
        ]
        broken = [{"path": str(b.path), "reason": b.reason} for b in library.broken]
        import json

        print(json.dumps(decks, ensure_ascii=False, indent=2))
        for item in broken:
            print(_shown(f"nuzzle: broken deck {item['path']}: {item['reason']}"), file=sys.stderr)
        return 1 if library.unreadable else 0
    for deck in library.decks:
        flag = " (sensitive)" if deck.sensitive else ""
        print(_shown(f"{deck.id:16} {len(deck.questions):4} questions  {deck.title}{flag}"))
    for broken_deck in library.broken:
        print(_shown(f"{'BROKEN':16} {broken_deck.path}: {broken_deck.reason}"))
    # A deck folder that cannot be read is an error, not an empty list.
    return 1 if library.unreadable else 0


def _export(args: argparse.Namespace, folder, clock: Clock) -> int:
    from nuzzle_game.cli.export import write_json, write_markdown
    from nuzzle_game.store.errors import NoSuchProfile
    from nuzzle_game.store.profile import ProfileReader

    try:
        reader = ProfileReader(folder, _check_profile(args.profile))
    except NoSuchProfile as error:
        names = folder.profiles()
        found = f"profiles here: {', '.join(names)}" if names else "there are no profiles here yet"
        raise SaveError(f"{str(error).rstrip('.')}; {found}.") from None
    library = _library(args)
    # Streamed as it is read: the games are never all in memory at once.
    (write_json if args.format == "json" else write_markdown)(reader, library, sys.stdout, clock())
    note = reader.incomplete_note()  # never an incomplete history without saying so
    if note:
        print(f"nuzzle: {note}", file=sys.stderr)
    return 0


def _demo(args: argparse.Namespace, folder, clock: Clock) -> int:
    from nuzzle_game.cli.demo import run_demo

    profile = _check_profile(args.profile)
    from nuzzle_game.core.text import clean_name

    names = [n.strip() for n in args.players.split(",")]
    if len(names) != 2 or not all(names):
        raise UsageError("--players takes two names separated by a comma, e.g. --players Alex,Sam")
    try:
        names = [clean_name(name) for name in names]
    except ValueError as error:
        raise UsageError(f"--players: {error}") from None
    if args.years is not None:
        if not 0 < args.years <= 50:
            raise UsageError("--years must be between 0 and 50")
        games = max(1, round(args.years * 365))
    else:
        games = args.games if args.games is not None else 10
        if not 1 <= games <= 20000:
            raise UsageError("--games must be between 1 and 20000")
    from pydantic import ValidationError

    library = _library(args)
    if not library.decks:
        raise UsageError("no decks could be loaded")
    import time

    started = time.perf_counter()

    def progress(done: int) -> None:
        if done % 25 == 0 or done == games:
            print(f"\r{done} of {games} games…", end="", file=sys.stderr, flush=True)

    try:
        opened = run_demo(
            folder,
            library,
            profile,
            (names[0], names[1]),
            games,
            args.seed,
            progress if sys.stderr.isatty() else None,
            clock=clock,
        )
    except ValidationError as error:
        raise UsageError(error.errors()[0]["msg"].removeprefix("Value error, ")) from None
    if sys.stderr.isatty():
        print(file=sys.stderr)
    with opened as result:
        state = result.state
        print(
            _shown(
                f"{profile}: played {games} simulated games in {time.perf_counter() - started:.1f} s; "
                f"now {state.aggregates.games} games, {state.aggregates.discoveries} discoveries "
                f"(saves in {folder.root})."
            )
        )
    return 0


def _restore(args: argparse.Namespace, folder) -> int:
    profile = _check_profile(args.profile)
    if args.list:
        backups = folder.backups(profile)
        if not backups:
            print(f"No backups of '{profile}' yet.")
        for path in backups:
            print(_shown(path))
        return 0
    for line in folder.restore(profile, args.backup):
        print(_shown(line))
    return 0
