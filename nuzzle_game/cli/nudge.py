"""`nuzzle nudge [--as NAME]` (DESIGN §12): one line per couple whose check-in waits on someone.

For a shell's start-up file or a tmux status line, so it is cheap and quiet: it
imports neither Textual nor pydantic (each couple's small summary.json, or
game.json's JSON when the summary is older), never takes a profile's lock,
never prints an answer, prints nothing when nothing waits, and always exits 0
(a save it cannot read is one line on stderr).
"""

from __future__ import annotations

import json
import os
import sys

from nuzzle_game.core.checkin_status import CheckinStatus, checkin_status, waiting_line
from nuzzle_game.paths import is_profile_name

TYPE_CHECKING = False  # neither typing nor pathlib: this runs at every shell start
if TYPE_CHECKING:
    from collections.abc import Callable

    from nuzzle_game.clock import Clock

MAX_READ = 4 * 1024 * 1024  # a summary or a game.json is a few KB; more is not one


class Unreadable(Exception):
    """A couple's files could not be read: ``str()`` says which, in one line."""


def nudge(saves: str, only: str | None, clock: Clock, saves_given: str | None = None) -> int:
    """Print the lines; always 0."""
    try:
        names = sorted(
            entry.name
            for entry in os.scandir(saves)
            if is_profile_name(entry.name) and os.path.isfile(os.path.join(entry.path, "state.json"))
        )
    except OSError:
        return 0  # no saves folder yet: nothing waits
    now = clock()
    for profile in names:
        try:
            couple, status = _read(os.path.join(saves, profile))
        except Unreadable as error:
            print(f"nuzzle nudge: {profile}: {error}", file=sys.stderr)
            continue
        found = waiting_line(status, couple, now, only)
        if found is not None:
            sentence, name = found
            print(f"{sentence}: {_join_command(profile, saves_given)(name)}")
    return 0


def _join_command(profile: str, saves_given: str | None) -> Callable[[str], str]:
    saves = f" --saves {_quote(os.path.abspath(saves_given))}" if saves_given else ""
    return lambda name: f"nuzzle{saves} join {profile} --as {_quote(name)}"


def _quote(word: str) -> str:
    """``shlex.quote`` without importing shlex (and re) at every shell start."""
    if word and all(ch.isalnum() or ch in "-_./=:@%+," for ch in word):
        return word
    return "'" + word.replace("'", "'\"'\"'") + "'"


def _read(folder: str) -> tuple[tuple[str, str], CheckinStatus | None]:
    """The couple's names and their check-in's status, from summary.json when it
    was written after game.json last changed, else from game.json itself."""
    summary = _json(os.path.join(folder, "summary.json"), required=False)
    game_stamp = _file_stamp(os.path.join(folder, "game.json"))
    names = _names(summary) if isinstance(summary, dict) else None
    if isinstance(summary, dict) and names is not None and _stamp(summary.get("game")) == game_stamp:
        return names, CheckinStatus.parse(summary.get("checkin"))
    if names is None:
        names = _names_from_state(_json(os.path.join(folder, "state.json"), required=True))
    if game_stamp is None:
        return names, None
    game = _json(os.path.join(folder, "game.json"), required=True)
    try:
        halves = game["game"]["1"].get("halves") if isinstance(game, dict) else None
    except (KeyError, TypeError, AttributeError):
        raise Unreadable("game.json is not a Nuzzle save (unexpected layout)") from None
    return names, checkin_status(halves)


def _file_stamp(path: str) -> tuple[int, int, int] | None:
    """As the store stamps a file (``store.files.file_stamp``): inode, size, time."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _json(path: str, required: bool) -> object:
    name = os.path.basename(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_READ + 1)
    except FileNotFoundError:
        if required:
            raise Unreadable(f"{name} is missing") from None
        return None
    except OSError as error:
        raise Unreadable(f"cannot read {name} ({error.strerror or error})") from None
    if len(raw) > MAX_READ:
        raise Unreadable(f"{name} is too large to be a Nuzzle save")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        if not required:
            return None  # a damaged summary is only ever a slower read
        profile = os.path.basename(os.path.dirname(path))
        raise Unreadable(f"{name} is damaged (not JSON); `nuzzle restore {profile}` can help") from None


def _names(data: dict[str, object]) -> tuple[str, str] | None:
    names = data.get("names")
    if isinstance(names, list) and len(names) == 2 and all(_plain_name(n) for n in names):
        return (names[0], names[1])
    return None


def _names_from_state(state: object) -> tuple[str, str]:
    try:
        players = state["couple"]["1"]["players"]  # type: ignore[index]
        names = (players[0]["name"], players[1]["name"])
    except (KeyError, IndexError, TypeError):
        raise Unreadable("state.json is not a Nuzzle save (unexpected layout)") from None
    if not all(_plain_name(n) for n in names):
        raise Unreadable("state.json holds a name that is not plain text")
    return names


def _plain_name(name: object) -> bool:
    """A name safe to print on a terminal (no control character: none is printable)."""
    return isinstance(name, str) and 0 < len(name) <= 24 and name.isprintable()


def _stamp(value: object) -> tuple[int, int, int] | None:
    if isinstance(value, list) and len(value) == 3 and all(type(n) is int for n in value):
        return (value[0], value[1], value[2])
    return None
