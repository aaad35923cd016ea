"""Deck files parsed in an earlier run come from saves/.cache/decks.json:
by content digest, validated again, and never trusted over the files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_decks import GOOD

from nuzzle_game.paths import bundled_decks_dir
from nuzzle_game.store import deck_files as decks
from nuzzle_game.store.deck_cache import DeckCache
from nuzzle_game.store.deck_files import load_decks


@pytest.fixture
def new_run(monkeypatch):
    """Forget what this process parsed, as a new run of Nuzzle would."""

    def forget() -> None:
        monkeypatch.setattr(decks, "_PARSED", {})
        monkeypatch.setattr(decks, "_LIBRARIES", {})

    forget()
    return forget


@pytest.fixture
def no_toml(monkeypatch):
    """Make parsing TOML fail loudly: only the cache may give decks."""

    def refuse(text: str):
        raise AssertionError("a deck file was parsed")

    def on() -> None:
        monkeypatch.setattr(decks.tomllib, "loads", refuse)

    return on


def deck_dir(tmp_path: Path, text: str = GOOD) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir(exist_ok=True)
    (folder / "tiny.toml").write_text(text, encoding="utf-8")
    return folder


def test_a_second_run_takes_the_decks_from_the_cache_and_parses_no_toml(tmp_path, new_run, no_toml):
    folder = deck_dir(tmp_path)
    first = load_decks([folder], DeckCache(tmp_path / "saves"))
    assert (tmp_path / "saves" / ".cache" / "decks.json").is_file()
    new_run()
    no_toml()
    second = load_decks([folder], DeckCache(tmp_path / "saves"))
    assert second.decks == first.decks and not second.broken


def test_the_bundled_decks_come_back_from_the_cache_unchanged(tmp_path, new_run, no_toml):
    parsed = load_decks([bundled_decks_dir()], DeckCache(tmp_path))
    new_run()
    no_toml()
    cached = load_decks([bundled_decks_dir()], DeckCache(tmp_path))
    assert cached.decks == parsed.decks
    assert [q.model_dump() for q in cached.questions] == [q.model_dump() for q in parsed.questions]


def test_a_deck_file_that_changed_is_parsed_again(tmp_path, new_run):
    folder = deck_dir(tmp_path)
    load_decks([folder], DeckCache(tmp_path / "saves"))
    deck_dir(tmp_path, GOOD.replace("Which one these days?", "Which one today?"))
    new_run()
    library = load_decks([folder], DeckCache(tmp_path / "saves"))
    assert library.questions[0].text == "Which one today?"
    new_run()  # and the cache now holds the new deck, not the old one
    assert load_decks([folder], DeckCache(tmp_path / "saves")).questions[0].text == "Which one today?"


def _hostile(line: str) -> str:
    """A cache line whose deck holds a terminal escape, which no deck file may hold."""
    digest, _, deck = line.partition(" ")
    doc = json.loads(deck)
    doc["questions"][0]["text"] = "\x1b[2J Which one?"
    return f"{digest} {json.dumps(doc)}"


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "not json at all",
        lambda text: text[: len(text) // 2],  # cut short
        # Written with other models: not read, even where its decks would validate.
        lambda text: '{"models": "an older Nuzzle"}\n' + text.split("\n", 1)[1].replace("these days", "then"),
        lambda text: "\n".join([text.split("\n")[0], _hostile(text.split("\n")[1])]),
        lambda text: text.split("\n")[0] + "\n" + "[" * 100_000,
    ],
    ids=["garbage", "truncated", "other-models", "hostile-deck", "deeply-nested"],
)
def test_a_damaged_or_foreign_cache_is_never_trusted(tmp_path, new_run, damage):
    folder = deck_dir(tmp_path)
    load_decks([folder], DeckCache(tmp_path / "saves"))
    cache = tmp_path / "saves" / ".cache" / "decks.json"
    cache.write_text(damage(cache.read_text(encoding="utf-8")), encoding="utf-8")
    new_run()
    library = load_decks([folder], DeckCache(tmp_path / "saves"))
    assert [q.text for q in library.questions] == ["Which one these days?"] and not library.broken
    assert "\x1b" not in cache.read_text(encoding="utf-8"), "the cache is written again from the files"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_saves_folder_that_cannot_be_written_only_costs_the_parsing(tmp_path, new_run):
    folder = deck_dir(tmp_path)
    saves = tmp_path / "saves"
    saves.mkdir()
    saves.chmod(0o500)
    try:
        assert load_decks([folder], DeckCache(saves)).questions
    finally:
        saves.chmod(0o700)


def test_a_saves_path_that_is_a_file_only_costs_the_parsing(tmp_path, new_run):
    folder = deck_dir(tmp_path)
    (tmp_path / "saves").write_text("not a folder")
    assert [q.id for q in load_decks([folder], DeckCache(tmp_path / "saves")).questions] == ["tiny.one"]
