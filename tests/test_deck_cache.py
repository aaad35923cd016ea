"""Deck files parsed in an earlier run come from saves/.cache/decks.json:
by content digest, validated again, and never trusted over the files."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from test_decks import GOOD

from nuzzle_game.paths import bundled_decks_dir
from nuzzle_game.store import deck_cache
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
    """Make parsing a deck file fail loudly: only the cache may give decks (reading
    a file's few header lines, to check a cached deck against it, is allowed)."""

    def refuse(path, raw):
        raise AssertionError(f"a deck file was parsed: {path}")

    def on() -> None:
        monkeypatch.setattr(decks, "_parse", refuse)

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


def _line(digest: str, doc: dict) -> str:
    """A cache line as the cache writes one, its entry's digest made for ``doc``."""
    deck = json.dumps(doc)
    return f"{digest} {hashlib.blake2b(deck.encode(), digest_size=16).hexdigest()} {deck}"


def _hostile(line: str) -> str:
    """A cache line whose deck holds a terminal escape, which no deck file may hold."""
    digest, _, deck = line.split(" ", 2)
    doc = json.loads(deck)
    doc["questions"][0]["text"] = "\x1b[2J Which one?"
    return _line(digest, doc)


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


def test_a_saves_folder_that_cannot_be_written_only_costs_the_parsing(tmp_path, new_run, monkeypatch):
    folder = deck_dir(tmp_path)
    saves = tmp_path / "saves"
    saves.mkdir()
    saves.chmod(0o500)
    if os.geteuid() == 0:  # root writes anywhere: the folder refuses as it would anyone else

        def refused(*_args, **_kwargs):
            raise PermissionError(13, "Permission denied", str(saves))

        monkeypatch.setattr(deck_cache, "atomic_write", refused)
    try:
        assert [q.id for q in load_decks([folder], DeckCache(saves)).questions] == ["tiny.one"]
        assert not (saves / ".cache" / "decks.json").exists()
    finally:
        saves.chmod(0o700)


def test_a_saves_path_that_is_a_file_only_costs_the_parsing(tmp_path, new_run):
    folder = deck_dir(tmp_path)
    (tmp_path / "saves").write_text("not a folder")
    assert [q.id for q in load_decks([folder], DeckCache(tmp_path / "saves")).questions] == ["tiny.one"]


# ------------------------------------------------------------ entries checked against their files


def _cached(tmp_path: Path) -> tuple[Path, dict[str, tuple[str, dict]]]:
    """The bundled decks, cached: the cache file, and each deck's line by deck id."""
    load_decks([bundled_decks_dir()], DeckCache(tmp_path / "saves"))
    cache = tmp_path / "saves" / ".cache" / "decks.json"
    entries = {}
    for line in cache.read_text(encoding="utf-8").splitlines()[1:]:
        digest, _, deck = line.split(" ", 2)
        doc = json.loads(deck)
        entries[doc["id"]] = (digest, doc)
    return cache, entries


def _open_to_all(doc: dict) -> dict:
    return {**doc, "sensitive": False, "unlock": {"type": "always"}}


@pytest.mark.parametrize(
    "forge",
    [
        # After Dark's entry says it is open to all (its own digest no longer matches).
        lambda entries: {"after-dark": (entries["after-dark"][0], _open_to_all(entries["after-dark"][1]), "stale")},
        # The same, its digest made again for the new content.
        lambda entries: {"after-dark": (entries["after-dark"][0], _open_to_all(entries["after-dark"][1]), None)},
        # After Dark's questions under the first deck's file and header, open to all.
        lambda entries: {
            "starter": (
                entries["starter"][0],
                {**entries["starter"][1], "questions": entries["after-dark"][1]["questions"]},
                None,
            )
        },
    ],
    ids=["edited", "edited-with-its-digest", "moved-to-another-deck"],
)
def test_a_cached_sensitive_deck_is_never_taken_as_open_to_all(tmp_path, new_run, forge):
    cache, entries = _cached(tmp_path)
    head, *lines = cache.read_text(encoding="utf-8").splitlines()
    forged = forge(entries)
    for deck_id, (digest, doc, stale) in forged.items():
        line = _line(digest, doc)
        if stale:  # the digest of the content as it was
            line = line.replace(line.split(" ")[1], lines[list(entries).index(deck_id)].split(" ")[1], 1)
        lines[list(entries).index(deck_id)] = line
    cache.write_text("\n".join([head, *lines]) + "\n", encoding="utf-8")
    new_run()
    library = load_decks([bundled_decks_dir()], DeckCache(tmp_path / "saves"))
    after_dark = library.deck("after-dark")
    assert after_dark is not None and after_dark.sensitive and after_dark.unlock.type == "opt_in"
    assert all(q.sensitive for q in after_dark.questions)
    assert not any(q.sensitive for q in library.deck("starter").questions)
    assert not library.broken
    # The cache is written again from the files: the forged entry is gone.
    _, again = _cached(tmp_path)
    assert again["after-dark"][1]["sensitive"] is True
    assert again["starter"][1]["questions"] == entries["starter"][1]["questions"]


@pytest.mark.parametrize("points_at", ["/dev/zero", "a-file", "a-folder"])
def test_a_cache_that_is_a_link_is_replaced_never_written_through(tmp_path, new_run, no_toml, points_at):
    folder = deck_dir(tmp_path)
    saves = tmp_path / "saves"
    (saves / ".cache").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "decks.json").write_text("keep me")
    if points_at == "a-folder":  # the cache's folder itself
        (saves / ".cache").rmdir()
        link, target = saves / ".cache", elsewhere
    else:
        link, target = saves / ".cache" / "decks.json", Path("/dev/zero") if points_at == "/dev/zero" else elsewhere
        target = target / "decks.json" if points_at == "a-file" else target
    link.symlink_to(target)
    assert [q.id for q in load_decks([folder], DeckCache(saves)).questions] == ["tiny.one"]
    assert (elsewhere / "decks.json").read_text() == "keep me", "never written through the link"
    assert not link.is_symlink() and (saves / ".cache" / "decks.json").is_file(), "the link was replaced"
    new_run()
    no_toml()  # the next run takes the deck from the cache
    assert [q.id for q in load_decks([folder], DeckCache(saves)).questions] == ["tiny.one"]
