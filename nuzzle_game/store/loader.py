"""Reading a profile's bounded state: game.json, state.json and the love maps'
base, each read through its model and checked (``ProfileFiles``). The reader,
the writer and the welcome's read-ahead all load a profile here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from nuzzle_game.clock import Clock
from nuzzle_game.store.atomic import read_tables
from nuzzle_game.store.documents import GameDocument
from nuzzle_game.store.errors import CorruptSave, NoSuchProfile, reading
from nuzzle_game.store.files import FileStamp, file_stamp
from nuzzle_game.store.layout import GAME, LOVEMAPS, STATE
from nuzzle_game.store.lovemaps import BaseMismatch
from nuzzle_game.store.state_file import GameRead, Loaded, load_state


class Folder(Protocol):
    """What a profile needs of its save folder (``folder.SaveFolder``)."""

    root: Path
    durable: bool
    clock: Clock  # names backups and the files set aside

    def profile_dir(self, profile: str) -> Path: ...

    def take_read_ahead(self, profile: str) -> ReadAhead | None:
        """The profile's saves as read before it was opened, if any (once)."""
        ...


class ProfileFiles:
    """A profile's folder and the reading of its bounded state."""

    def __init__(self, directory: Path, profile: str) -> None:
        self.dir = directory
        self.profile = profile
        self.state = directory / STATE
        self.game = directory / GAME
        self.lovemaps = directory / LOVEMAPS

    def stamps(self) -> tuple[FileStamp | None, ...]:
        """What changes whenever state.json, game.json or lovemaps.json do."""
        return tuple(file_stamp(path) for path in (self.state, self.game, self.lovemaps))

    def read_game(self) -> GameRead:
        with reading(self.game):
            tables = read_tables(self.game)
            slot = GameDocument.model_validate(tables).game
            doc = (tables.get("game") or {}).get("1")
        return GameRead(doc or None, slot.game, slot.halves)

    def load(self) -> Loaded:
        """The state, with its love maps' base and the game in progress; any damage is
        a CorruptSave naming its file (and this profile)."""
        try:
            # game.json before state.json: a game filed meanwhile is then either
            # still in progress (and not yet counted) or marked filed in the state.
            game = self.read_game() if self.game.exists() else GameRead(None, None)
            try:
                return load_state(read_tables(self.state), self.state, game, self.lovemaps)
            except BaseMismatch:
                # A writer compacted between our two reads: state.json names the new base now.
                return load_state(read_tables(self.state), self.state, game, self.lovemaps)
        except CorruptSave as error:
            raise error.for_profile(self.profile) from None


@dataclass(frozen=True)
class ReadAhead:
    """A profile's saves read and checked before it is opened (``read_ahead``)."""

    stamps: tuple[FileStamp | None, ...]  # of the files read, taken before reading them
    loaded: Loaded


def read_ahead(folder: Folder, profile: str) -> ReadAhead:
    """Read and check a profile's saves as opening it would, without its lock and
    writing nothing: the welcome screen does this while it is read, and opening
    takes the result if none of the files changed since (``Profile``)."""
    files = ProfileFiles(folder.profile_dir(profile), profile)
    if not files.state.is_file():
        raise NoSuchProfile(profile, folder.root)
    stamps = files.stamps()
    return ReadAhead(stamps, files.load())
