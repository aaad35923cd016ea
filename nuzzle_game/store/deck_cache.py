"""Deck files parsed in earlier runs, so opening a couple parses no TOML.

``saves/.cache/decks.json`` maps the digest of a deck file's bytes to that deck,
as validated: a first line naming the cache's format and the models it was
written with, then a line a deck (its file's digest, the digest of the deck's
JSON, the deck's JSON). It is read once per run and validated again as it is
read (pydantic from JSON, not parsed from TOML: see docs/benchmarks.md).

An entry is trusted only if its JSON is the one its own digest names (damage
that still validates is caught) and the deck agrees with its file: the file's
own header (id, sensitive, unlock, checkin: what decides who may see a deck's
questions) and the file's question ids, read from the file's bytes without
parsing the questions. A cached After Dark that says it is not sensitive, or
another deck's entry holding its questions, is never taken; its file is parsed.

Anything wrong with the cache (missing, damaged, written by another version of
the models, too large, a symbolic link) makes it an empty cache, never an error:
every deck is then parsed from its file, and the cache is written again, in
place of a link (never through it). It is derived data: written atomically,
without fsync, and only when the deck set changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
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
FORMAT = 2  # a line: file digest, entry digest, deck
# A TOML table header other than the questions' ([unlock], say): the file's header
# then does not hold every top-level key, and the entry is not checked but parsed.
# (Each begins with a line break: a literal prefix keeps the scan cheap.)
_OTHER_TABLE = re.compile(rb"\n[ \t]*\[(?!\[questions\]\])")
# A question's id, as the deck files write it; one written otherwise only costs a parse.
_ID_LINE = re.compile(rb'\n[ \t]*id[ \t]*=[ \t]*"([^"\\\n]*)"')


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


def _entry_digest(deck_json: bytes) -> str:
    return hashlib.blake2b(deck_json, digest_size=16).hexdigest()


def agrees_with_file(deck: Deck, raw: bytes) -> bool:
    """Whether ``deck`` says what its file ``raw`` says of who may see it (its
    header's id, sensitive flag, unlock rule and check-in flag), and holds exactly
    the file's questions (by id)."""
    start = raw.find(b"[[questions]]")
    if start < 0 or _OTHER_TABLE.search(raw, start + len(b"[[questions]]")):
        return False
    try:
        header = tomllib.loads(raw[:start].decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    unlock = header.get("unlock", {"type": "always"})
    if (
        header.get("id") != deck.id
        or header.get("sensitive", False) is not deck.sensitive
        or header.get("checkin", False) is not deck.checkin
        or unlock != deck.unlock.model_dump(mode="json")
    ):
        return False
    ids = [found.decode("utf-8", "replace") for found in _ID_LINE.findall(raw, start)]
    return ids == [q.id for q in deck.questions]


class DeckCache:
    """``decks.ParsedDecks`` kept in a save folder."""

    def __init__(self, saves: Path) -> None:
        self.folder = Path(saves) / CACHE_DIR
        self.path = self.folder / CACHE_FILE
        self._decks: dict[str, Deck] | None = None
        self._distrusted = False  # an entry was found not to agree with its file
        self._stamp = _models_stamp()

    def _head(self) -> bytes:
        return json.dumps({"format": FORMAT, "models": self._stamp}).encode()

    def _linked(self) -> bool:
        return self.folder.is_symlink() or self.path.is_symlink()

    def _read(self) -> dict[str, Deck]:
        if self._decks is None:
            self._decks = {}
            try:
                if self._linked():
                    return self._decks  # never read through a link (replaced when written)
                head, *lines = read_limited(self.path, MAX_CACHE_BYTES).splitlines()
                if self._stamp != "unknown" and head == self._head():
                    # Each deck by its own validator (the one parsing its TOML uses).
                    for line in lines:
                        digest, entry, deck = line.split(b" ", 2)
                        if _entry_digest(deck) == entry.decode():
                            self._decks[digest.decode()] = Deck.model_validate_json(deck)
            except (OSError, ValueError, ValidationError, RecursionError):
                self._decks = {}  # no cache, or one not to trust: parse the files
        return self._decks

    def get(self, digest: str, raw: bytes) -> Deck | None:
        """The deck of the file whose bytes are ``raw`` (of digest ``digest``), if
        the cache holds it and it agrees with the file."""
        deck = self._read().get(digest)
        if deck is not None and not agrees_with_file(deck, raw):
            self._distrusted = True  # written again, from the file's own deck
            return None
        return deck

    def keep(self, decks: dict[str, Deck]) -> None:
        if decks.keys() == self._read().keys() and not (self._distrusted or self._linked()):
            return
        lines = [self._head()]
        for digest, deck in decks.items():
            deck_json = deck.model_dump_json().encode()
            lines.append(f"{digest} {_entry_digest(deck_json)} ".encode() + deck_json)
        try:
            for link in (self.folder, self.path):  # Nuzzle's own cache: a link there is replaced
                if link.is_symlink():
                    os.unlink(link)  # the link itself, never what it points at
            make_private_dir(self.folder)
            atomic_write(self.path, b"\n".join(lines) + b"\n", durable=False)
        except (OSError, SaveError):
            return  # a folder we may not write: the next run parses the files again
        self._decks = dict(decks)
