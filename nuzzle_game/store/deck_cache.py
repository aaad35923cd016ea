"""Deck files parsed in earlier runs, so opening a couple parses no TOML.

``saves/.cache/decks.json`` maps the digest of a deck file's bytes to that deck,
as validated: a first line naming the models it was written with, then a line a
deck (its digest, a space, the deck's JSON). It is read once per run and validated again as it is read (pydantic
from JSON, not parsed from TOML: see docs/benchmarks.md); anything wrong with it (missing,
damaged, written by another version of the models, too large) makes it an empty
cache, never an error: every deck is then parsed from its file, and the cache is
written again. It is derived data: written atomically, without fsync, and only
when the deck set changed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import ValidationError

from nuzzle_game.core import models, text
from nuzzle_game.core.decks import Deck
from nuzzle_game.store.atomic import atomic_write, make_private_dir
from nuzzle_game.store.errors import SaveError
from nuzzle_game.store.files import read_limited

CACHE_DIR = ".cache"
CACHE_FILE = "decks.json"
MAX_CACHE_BYTES = 32 * 1024 * 1024


def _models_stamp() -> str:
    """Changes whenever the source of the models or of the text clean-up their
    validators call does: a cache made by other models is not read."""
    digest = hashlib.blake2b(digest_size=8)
    for module in (models, text):
        try:
            digest.update(Path(str(module.__file__)).read_bytes())
        except OSError:
            return "unknown"  # no source to compare: the cache is never read
    return digest.hexdigest()


class DeckCache:
    """``decks.ParsedDecks`` kept in a save folder."""

    def __init__(self, saves: Path) -> None:
        self.folder = Path(saves) / CACHE_DIR
        self.path = self.folder / CACHE_FILE
        self._decks: dict[str, Deck] | None = None
        self._stamp = _models_stamp()

    def _read(self) -> dict[str, Deck]:
        if self._decks is None:
            self._decks = {}
            try:
                head, *lines = read_limited(self.path, MAX_CACHE_BYTES).splitlines()
                if self._stamp != "unknown" and json.loads(head) == {"models": self._stamp}:
                    # Each deck by its own validator (the one parsing its TOML uses).
                    decks = (line.partition(b" ") for line in lines)
                    self._decks = {digest.decode(): Deck.model_validate_json(deck) for digest, _, deck in decks}
            except (OSError, ValueError, ValidationError, RecursionError):
                self._decks = {}  # no cache, or one not to trust: parse the files
        return self._decks

    def get(self, digest: str) -> Deck | None:
        return self._read().get(digest)

    def keep(self, decks: dict[str, Deck]) -> None:
        if decks.keys() == self._read().keys():
            return
        lines = [json.dumps({"models": self._stamp}).encode()]
        lines += [f"{digest} ".encode() + deck.model_dump_json().encode() for digest, deck in decks.items()]
        try:
            make_private_dir(self.folder)
            atomic_write(self.path, b"\n".join(lines) + b"\n", durable=False)
        except SaveError:
            return  # a folder we may not write: the next run parses the files again
        self._decks = dict(decks)
