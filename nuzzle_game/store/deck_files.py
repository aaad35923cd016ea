"""Loading deck files (DESIGN §7): TOML validated by pydantic.

A broken deck never stops the others: it is kept aside with its problems.

Load order decides who wins a clash of ids: the bundled decks come first, then
copies of them (in a folder of the user's, given with ``--decks``), then every
other folder or file in the order given (a folder's files by name). The later
deck loses, so a user's deck reusing a bundled id breaks itself, never the
bundled deck. A file named twice is read once.

Parsed decks are kept in-process, keyed by path and content digest, so opening
another couple (or validating, then listing) parses nothing again; a deck set's
library, and each question pool built from it, is built once. Given a
``ParsedDecks`` (the store's ``DeckCache``), decks parsed in an earlier run are
taken from it by content digest, validated again from JSON instead of parsed from
TOML; a deck whose bytes changed misses and is parsed.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from nuzzle_game.core.decks import BrokenDeck, Deck, DeckLibrary, Problem
from nuzzle_game.paths import bundled_decks_dir
from nuzzle_game.store.files import read_limited

MAX_DECK_BYTES = 1_000_000


def _is_bundled(path: Path) -> bool:
    try:
        return path.resolve().is_relative_to(bundled_decks_dir().resolve())
    except OSError:  # pragma: no cover - defensive
        return False


def _list_folder(path: Path) -> list[Path] | BrokenDeck:
    try:
        names = sorted(entry.name for entry in os.scandir(path) if entry.name.endswith(".toml"))
    except OSError as error:
        return BrokenDeck(path, (Problem(str(path), f"cannot read this deck folder: {error.strerror or error}"),), True)
    return [path / name for name in names]


def _expand(paths: Iterable[Path]) -> tuple[list[Path], list[BrokenDeck]]:
    """Deck files in load order (bundled first, each file once), and unreadable folders."""
    files: list[Path] = []
    unreadable: list[BrokenDeck] = []
    for path in paths:
        if path.is_dir():
            listed = _list_folder(path)
            if isinstance(listed, BrokenDeck):
                unreadable.append(listed)
            else:
                files.extend(listed)
        else:
            files.append(path)
    seen: set[Path] = set()
    unique: list[Path] = []
    for path in files:
        try:
            key = path.resolve()
        except OSError:  # pragma: no cover - defensive
            key = path.absolute()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    # Stable: bundled decks first, the rest keep the order they were given in.
    unique.sort(key=lambda p: not _is_bundled(p))
    return unique, unreadable


def deck_files(paths: Iterable[Path]) -> list[Path]:
    return _expand(paths)[0]


class ParsedDecks(Protocol):
    """Decks parsed in earlier runs, by the digest of their file's bytes."""

    def get(self, digest: str, raw: bytes) -> Deck | None:
        """The deck parsed from the bytes ``raw`` (of digest ``digest``), if kept."""

    def keep(self, decks: dict[str, Deck]) -> None:
        """The deck set just loaded, by digest: what the next run will look for."""


# (path, digest of the bytes) -> what parsing them gave; decks are immutable.
_PARSED: dict[tuple[str, bytes | str], Deck | BrokenDeck] = {}
_PARSED_LIMIT = 512


def parse_deck(path: Path) -> Deck | BrokenDeck:
    return _parse_cached(path)[1]


def _parse_cached(path: Path, earlier: ParsedDecks | None = None) -> tuple[tuple[str, bytes | str], Deck | BrokenDeck]:
    """A file's parse and a key that changes whenever its bytes do.

    The key's second part is the digest of the bytes (``bytes``) when they were
    read; ``earlier`` may hold their parse from another run."""
    try:
        if path.stat().st_size > MAX_DECK_BYTES:
            return (str(path), "large"), _broken(path, "file is larger than 1 MB")
        raw = read_limited(path, MAX_DECK_BYTES)  # a FIFO or a device is refused unread
    except OSError as error:
        return (str(path), "unreadable"), _broken(path, f"cannot read: {error.strerror or error}")
    if len(raw) > MAX_DECK_BYTES:
        return (str(path), "large"), _broken(path, "file is larger than 1 MB")
    digest = hashlib.blake2b(raw, digest_size=16).digest()
    key = (str(path), digest)
    parsed = _PARSED.get(key)
    if parsed is None:
        if len(_PARSED) >= _PARSED_LIMIT:
            _PARSED.clear()
        parsed = earlier.get(digest.hex(), raw) if earlier is not None else None
        parsed = _PARSED[key] = parsed or _parse(path, raw)
    return key, parsed


def _parse(path: Path, raw: bytes) -> Deck | BrokenDeck:
    name = str(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _broken(path, "not UTF-8 text")
    if not text.strip():
        return _broken(path, "the file is empty")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return _broken(path, f"not valid TOML ({error})")
    try:
        return Deck.model_validate(data)
    except ValidationError as error:
        return BrokenDeck(path, tuple(_problems(name, data, error)))
    except (ValueError, TypeError, RecursionError) as error:  # pragma: no cover - defensive
        return _broken(path, str(error))


def _broken(path: Path, message: str) -> BrokenDeck:
    return BrokenDeck(path, (Problem(str(path), message),))


def _problems(name: str, data: dict[str, Any], error: ValidationError) -> Iterable[Problem]:
    questions = data.get("questions")
    for item in error.errors(include_url=False):
        loc = list(item["loc"])
        message = str(item["msg"]).removeprefix("Value error, ")
        question_id = None
        if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
            index = loc[1]
            raw = questions[index] if isinstance(questions, list) and index < len(questions) else None
            raw_id = raw.get("id") if isinstance(raw, dict) else None
            question_id = raw_id if isinstance(raw_id, str) and raw_id else f"#{index + 1}"
            loc = loc[2:]
        # Drop the discriminator tag pydantic puts in union locations.
        if loc[:1] == ["unlock"] and len(loc) >= 2 and isinstance(loc[1], str):
            loc = [loc[0], *loc[2:]]
        field_name = ".".join(str(part) for part in loc) or None
        yield Problem(name, message, question_id, field_name)


# A deck set (its files and their parses) -> the library made of it.
_LIBRARIES: dict[tuple[tuple[str, ...], tuple[tuple[str, bytes | str], ...]], DeckLibrary] = {}


def load_decks(paths: Sequence[Path], earlier: ParsedDecks | None = None) -> DeckLibrary:
    """Load every deck file under ``paths``; broken decks are set aside.

    Question ids are global: a deck reusing an id of a deck loaded before it
    (bundled decks load first) is broken, and the earlier one stays whole.
    The same deck set gives the same library, so its pools are built once.
    ``earlier`` holds decks parsed in earlier runs, and is told this deck set.
    """
    files, unreadable = _expand(paths)
    keyed = [_parse_cached(path, earlier) for path in files]
    if earlier is not None:
        earlier.keep(
            {digest.hex(): deck for (_, digest), deck in keyed if isinstance(deck, Deck) and isinstance(digest, bytes)}
        )
    parsed = [(path, loaded) for path, (_, loaded) in zip(files, keyed)]
    key = (tuple(str(u.path) for u in unreadable), tuple(k for k, _ in keyed))
    library = _LIBRARIES.get(key)
    if library is None:
        if len(_LIBRARIES) >= 64:
            _LIBRARIES.clear()
        library = _LIBRARIES[key] = _library(parsed, unreadable)
    return library


def _library(parsed: list[tuple[Path, Deck | BrokenDeck]], unreadable: list[BrokenDeck]) -> DeckLibrary:
    """The decks that keep their ids, and the broken ones, in the order loaded.

    In a clash the earlier deck keeps the id, and the bundled decks come first
    (``_precedence``): a user's deck reusing a bundled id is the one that breaks,
    even in a folder of the user's that holds copies of the bundled decks.
    """
    order = list(range(len(parsed)))
    if _clashing(loaded for _, loaded in parsed):
        ranks = [_precedence(path, loaded) for path, loaded in parsed]
        order.sort(key=lambda i: ranks[i])  # stable: the given order within a rank
    kept: dict[int, Deck] = {}
    broken: dict[int, BrokenDeck] = {}
    owner: dict[str, tuple[Path, Deck]] = {}
    deck_ids: dict[str, Path] = {}
    for index in order:
        path, loaded = parsed[index]
        if isinstance(loaded, BrokenDeck):
            broken[index] = loaded
            continue
        clashes = [Problem(str(path), _taken(*owner[q.id]), q.id, "id") for q in loaded.questions if q.id in owner]
        if loaded.id in deck_ids:
            clashes.insert(
                0, Problem(str(path), f"deck id '{loaded.id}' already used in {deck_ids[loaded.id]}", None, "id")
            )
        if clashes:
            broken[index] = BrokenDeck(path, tuple(clashes))
            continue
        deck_ids[loaded.id] = path
        owner.update({q.id: (path, loaded) for q in loaded.questions})
        kept[index] = loaded
    return DeckLibrary([kept[i] for i in sorted(kept)], list(unreadable) + [broken[i] for i in sorted(broken)])


def _clashing(decks: Iterable[Deck | BrokenDeck]) -> bool:
    """Whether two decks share a deck id or a question id (rare: checked first, cheaply)."""
    seen: set[str] = set()
    count = 0
    for deck in decks:
        if isinstance(deck, Deck):
            ids = [f"deck:{deck.id}", *(q.id for q in deck.questions)]
            seen.update(ids)
            count += len(ids)
    return len(seen) != count


def _precedence(path: Path, deck: Deck | BrokenDeck) -> int:
    """Who keeps an id in a clash: 0 a deck of the bundled folder, 1 a copy of one
    (its deck id and a question of a bundled deck, in a folder of the user's), 2 any other."""
    if _is_bundled(path):
        return 0
    if isinstance(deck, Deck):
        questions = _bundled_questions().get(deck.id, frozenset())
        if any(q.id in questions for q in deck.questions):
            return 1
    return 2


def _bundled_questions() -> dict[str, frozenset[str]]:
    """Each bundled deck's question ids, by deck id (parsed once, only when ids clash)."""
    files, _ = _expand([bundled_decks_dir()])
    decks = (_parse_cached(path)[1] for path in files)
    return {d.id: frozenset(q.id for q in d.questions) for d in decks if isinstance(d, Deck)}


def _taken(path: Path, deck: Deck) -> str:
    if _precedence(path, deck) < 2:
        return f"id already used by the bundled deck '{deck.id}' ({path}): give your question an id of its own"
    return f"id already used in {path}"


def validate(paths: Sequence[Path]) -> list[Problem]:
    """Every problem in the deck files under ``paths`` (empty when all is well)."""
    missing = [Problem(str(p), "no such file or folder") for p in paths if not p.exists()]
    existing = [p for p in paths if p.exists()]
    empty = [Problem(str(p), "no deck files (*.toml) here") for p in existing if p.is_dir() and _list_folder(p) == []]
    library = load_decks(existing)
    return missing + empty + library.problems
