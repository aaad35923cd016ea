"""A profile read ahead of opening it (the welcome does this while it is read):
opening takes what was read only if no file changed since, and reading ahead
writes nothing and raises nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import make_couple
from ui_driver import couple_on_disk

from nuzzle_game.store.errors import CorruptSave
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.store.loader import ProfileFiles


def files(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def played(tmp_path, library, clock) -> SaveFolder:
    couple_on_disk(tmp_path / "saves", library, clock, games=3)
    return SaveFolder(tmp_path / "saves")


def test_opening_takes_the_saves_read_ahead_and_reads_nothing_again(played, monkeypatch):
    before = files(played.root)
    played.read_ahead("alex-sam")
    assert files(played.root) == before, "reading ahead writes nothing"

    def no_reading(*args, **kwargs):
        raise AssertionError("read again")

    monkeypatch.setattr(ProfileFiles, "load", no_reading)
    with played.open("alex-sam") as opened:
        ahead_state = opened.state
    monkeypatch.undo()
    with SaveFolder(played.root).open("alex-sam") as fresh:
        assert fresh.state == ahead_state and fresh.state.aggregates.games == 3


def test_saves_changed_after_reading_ahead_are_read_again(played, clock):
    played.read_ahead("alex-sam")
    # Another Nuzzle (another process, its own folder object) saves meanwhile.
    with SaveFolder(played.root).open("alex-sam") as other:
        other.update_couple(other.state.couple.model_copy(update={"players": make_couple().players[::-1]}))
    with played.open("alex-sam") as opened:
        assert [p.name for p in opened.state.couple.players] == ["Sam", "Alex"]


def test_what_was_read_ahead_is_used_once_and_only_for_its_couple(played, tmp_path, library, clock):
    couple_on_disk(played.root, library, clock, ("Kim", "Lee"))
    played.read_ahead("alex-sam")
    with played.open("kim-lee") as kim:
        assert kim.state.couple.profile == "kim-lee"
    assert played.take_read_ahead("alex-sam") is None, "dropped once another couple was opened"
    played.read_ahead("alex-sam")
    played.open("alex-sam").close()
    assert played.take_read_ahead("alex-sam") is None


def test_a_damaged_profile_read_ahead_raises_nothing_and_opening_says_what_is_wrong(played):
    state = played.root / "alex-sam" / "state.json"
    state.write_text('{"meta": {"1": {"schema": 5}}, "couple": ', encoding="utf-8")
    played.read_ahead("alex-sam")
    with pytest.raises(CorruptSave, match="state.json"):
        played.open("alex-sam")


def test_a_file_edited_in_place_after_reading_ahead_is_read_again(played):
    played.read_ahead("alex-sam")
    state = played.root / "alex-sam" / "state.json"
    with open(state, "r+b") as handle:  # same inode, same size: only the time moves
        text = handle.read()
        handle.seek(0)
        handle.write(text.replace(b'"Alex"', b'"Alix"'))
    info = state.stat()
    os.utime(state, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    with played.open("alex-sam") as opened:
        assert opened.state.couple.players[0].name == "Alix"
