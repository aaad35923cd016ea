"""Loading deck files (DESIGN §7): TOML validated by pydantic.

A broken deck never stops the others: it is kept aside with its problems.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .models import Deck, Question
from .paths import bundled_decks_dir  # noqa: F401  (re-exported)
from .store.atomic import read_limited

MAX_DECK_BYTES = 1_000_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a deck file, located as precisely as we can."""

    file: str
    message: str
    question_id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.question_id:
            where.append(f"question {self.question_id}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{': '.join(where)}: {self.message}"


@dataclass(frozen=True)
class BrokenDeck:
    path: Path
    problems: tuple[Problem, ...]

    @property
    def reason(self) -> str:
        first = self.problems[0]
        more = len(self.problems) - 1
        text = str(first).removeprefix(f"{first.file}: ")
        return text + (f" (and {more} more)" if more else "")


@dataclass
class DeckLibrary:
    decks: list[Deck] = field(default_factory=list)
    broken: list[BrokenDeck] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._questions = {q.id: q for d in self.decks for q in d.questions}
        self._decks = {d.id: d for d in self.decks}

    def question(self, question_id: str) -> Question | None:
        return self._questions.get(question_id)

    def deck(self, deck_id: str) -> Deck | None:
        return self._decks.get(deck_id)

    @property
    def questions(self) -> list[Question]:
        return list(self._questions.values())

    @property
    def problems(self) -> list[Problem]:
        return [p for b in self.broken for p in b.problems]


def deck_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.toml")))
        else:
            files.append(path)
    return files


def parse_deck(path: Path) -> Deck | BrokenDeck:
    name = str(path)
    try:
        if path.stat().st_size > MAX_DECK_BYTES:
            return _broken(path, "file is larger than 1 MB")
        raw = read_limited(path, MAX_DECK_BYTES)  # a FIFO or a device is refused unread
    except OSError as error:
        return _broken(path, f"cannot read: {error.strerror or error}")
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


def load_decks(paths: Sequence[Path]) -> DeckLibrary:
    """Load every deck file under ``paths``; broken decks are set aside.

    Question ids are global: a deck reusing another deck's id is broken.
    """
    decks: list[Deck] = []
    broken: list[BrokenDeck] = []
    owner: dict[str, Path] = {}
    deck_ids: dict[str, Path] = {}
    for path in deck_files(paths):
        loaded = parse_deck(path)
        if isinstance(loaded, BrokenDeck):
            broken.append(loaded)
            continue
        clashes = [
            Problem(str(path), f"id already used in {owner[q.id]}", q.id, "id")
            for q in loaded.questions
            if q.id in owner
        ]
        if loaded.id in deck_ids:
            clashes.insert(
                0, Problem(str(path), f"deck id '{loaded.id}' already used in {deck_ids[loaded.id]}", None, "id")
            )
        if clashes:
            broken.append(BrokenDeck(path, tuple(clashes)))
            continue
        deck_ids[loaded.id] = path
        owner.update({q.id: path for q in loaded.questions})
        decks.append(loaded)
    return DeckLibrary(decks, broken)


def validate(paths: Sequence[Path]) -> list[Problem]:
    """Every problem in the deck files under ``paths`` (empty when all is well)."""
    missing = [Problem(str(p), "no such file or folder") for p in paths if not p.exists()]
    existing = [p for p in paths if p.exists()]
    files = deck_files(existing)
    empty = [
        Problem(str(p), "no deck files (*.toml) here")
        for p in existing
        if p.is_dir() and not any(p.glob("*.toml"))
    ]
    library = load_decks(files)
    return missing + empty + library.problems
