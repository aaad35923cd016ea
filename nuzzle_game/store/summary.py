"""summary.json: the welcome screen's line for a couple, rewritten on each save.

It names the state.json and game.json it was written after (their stamps): if
either changed since (a restore, an older Nuzzle), the welcome screen reads them
instead. Derived data: written without fsync, and a summary that cannot be read
is only ever a slower welcome, never damage. The welcome lists the couples before
pydantic is imported, so its shape is a plain dataclass, checked here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from nuzzle_game.core.checkin_status import CheckinStatus
from nuzzle_game.store import atomic
from nuzzle_game.store.errors import SaveError
from nuzzle_game.store.files import FileStamp, file_stamp
from nuzzle_game.store.layout import GAME, STATE, SUMMARY


@dataclass(frozen=True)
class Summary:
    names: tuple[str, str]
    games: int
    waiting: bool  # a game in progress
    state: FileStamp | None  # of the state.json it was written after
    game: FileStamp | None  # and of the game.json
    checkin: CheckinStatus | None = None  # the check-in in halves, if there is one

    @classmethod
    def parse(cls, data: object) -> Summary | None:
        """The summary ``data`` holds, or None if it is not one."""
        if not isinstance(data, dict):
            return None
        names, games, waiting = data.get("names"), data.get("games"), data.get("waiting")
        if not (isinstance(names, list) and len(names) == 2 and all(isinstance(n, str) for n in names)):
            return None
        if isinstance(games, bool) or not isinstance(games, int) or not isinstance(waiting, bool):
            return None
        checkin = CheckinStatus.parse(data.get("checkin"))
        return cls((names[0], names[1]), games, waiting, _stamp(data.get("state")), _stamp(data.get("game")), checkin)

    def text(self) -> str:
        data = {"names": list(self.names), "games": self.games, "waiting": self.waiting}
        checkin = self.checkin.as_json() if self.checkin else None
        return json.dumps({**data, "state": self.state, "game": self.game, "checkin": checkin}, ensure_ascii=False)


def _stamp(value: object) -> FileStamp | None:
    if isinstance(value, list) and len(value) == 3 and all(type(n) is int for n in value):
        return (value[0], value[1], value[2])
    return None


def read_summary(directory: Path) -> Summary | None:
    try:
        return Summary.parse(atomic.read_json(directory / SUMMARY))
    except SaveError:
        return None


def write_summary(
    directory: Path, names: tuple[str, str], games: int, waiting: bool, checkin: CheckinStatus | None = None
) -> None:
    """Write the couple's line, naming the state.json and game.json on disk now."""
    summary = Summary(names, games, waiting, file_stamp(directory / STATE), file_stamp(directory / GAME), checkin)
    atomic.atomic_write(directory / SUMMARY, summary.text().encode("utf-8"), durable=False)
