"""Restore never loses a file, and no read is unbounded (DESIGN §8).

.venv/bin/python -m pytest tests/test_trust_restore.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import T0, make_couple

from nuzzle_game.cli.main import main
from nuzzle_game.core.decks import BrokenDeck
from nuzzle_game.core.models import Couple, Player
from nuzzle_game.store import atomic
from nuzzle_game.store.deck_files import parse_deck
from nuzzle_game.store.errors import CorruptSave
from nuzzle_game.store.folder import SaveFolder

HERE = Path(__file__).parent


@pytest.fixture
def folder(tmp_path) -> SaveFolder:
    saves = SaveFolder(tmp_path / "saves", durable=False)
    saves.create(make_couple()).close()
    saves.open("alex-sam").close()  # a backup of the good state
    return saves


def cli(folder: SaveFolder, *args: str) -> int:
    return main(["--saves", str(folder.root), *args])


def test_two_restores_in_the_same_second_keep_both_damaged_files(folder):
    folder.clock = lambda: datetime(2026, 12, 1, 5, 0, 0, tzinfo=UTC)  # the store's one clock, frozen
    state = folder.profile_dir("alex-sam") / "state.json"
    for damage in (b"first damage", b"second damage"):
        state.write_bytes(damage)
        assert folder.restore("alex-sam")
    kept = sorted(p.read_bytes() for p in state.parent.glob("state.damaged-*.json"))
    assert kept == [b"first damage", b"second damage"]


def _other_couple_backup(folder: SaveFolder) -> Path:
    other = Couple(profile="kim-lee", players=(Player(name="Kim"), Player(name="Lee")), created_at=T0)
    folder.create(other).close()
    folder.open("kim-lee").close()
    return folder.backups("kim-lee")[0]


def test_a_backup_of_another_couple_is_refused_naming_both(folder, capsys):
    backup = _other_couple_backup(folder)
    state = folder.profile_dir("alex-sam") / "state.json"
    before = state.read_bytes()
    assert cli(folder, "restore", "alex-sam", "--backup", str(backup)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Kim & Lee" in err and "Alex & Sam" in err and "nothing was changed" in err
    assert state.read_bytes() == before
    state.write_bytes(b"damaged")  # also when the current state cannot be read
    assert cli(folder, "restore", "alex-sam", "--backup", str(backup)) == 1
    assert "Kim & Lee" in capsys.readouterr().err and state.read_bytes() == b"damaged"


def test_a_backup_that_is_not_a_regular_file_is_refused_unread(folder, tmp_path):
    fifo = tmp_path / "backup.json"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):
        # In a child with a timeout: a FIFO read would hang, /dev/zero would fill memory.
        done = subprocess.run(
            [sys.executable, "-m", "nuzzle_game", "--saves", str(folder.root), "restore", "alex-sam", "--backup", path],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(HERE.parent)},
        )
        assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
        assert "not a regular file" in done.stderr and "nothing was changed" in done.stderr


def test_every_save_read_is_bounded(folder, monkeypatch):
    state = folder.profile_dir("alex-sam") / "state.json"
    monkeypatch.setattr(atomic, "MAX_SAVE_BYTES", state.stat().st_size - 1)
    with pytest.raises(CorruptSave, match="too large"):
        folder.open("alex-sam")
    # Without its small summary, the welcome line reads state.json: bounded too.
    (folder.profile_dir("alex-sam") / "summary.json").unlink()
    summaries = folder.couple_summaries()
    assert summaries[0][2].startswith("damaged: state.json: ") and "too large" in summaries[0][2]


def test_a_file_growing_past_its_size_is_not_read_past_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "grows.json"
    path.write_bytes(b"[" + b" " * 100 + b"]")
    real_fstat = os.fstat

    class Shrunk:  # a file that claims to be small (like /proc files or a file being appended to)
        def __init__(self, info):
            self.st_mode, self.st_size = info.st_mode, 0

    monkeypatch.setattr(atomic.os, "fstat", lambda fd: Shrunk(real_fstat(fd)))
    read = []
    real_read = os.read
    monkeypatch.setattr(atomic.os, "read", lambda fd, n: (read.append(n), real_read(fd, n))[1])
    with pytest.raises(OSError, match="too large"):
        atomic.read_limited(path, 10)
    assert sum(read) <= 11


def test_deck_files_are_bounded_and_never_block(tmp_path):
    fifo = tmp_path / "deck.toml"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo):
        result = parse_deck(path)
        assert isinstance(result, BrokenDeck) and "not a regular file" in str(result.problems[0])
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (2 * 1024 * 1024))
    assert "too large" in str(parse_deck(big).problems[0]) or "larger than" in str(parse_deck(big).problems[0])


def test_restore_picks_the_newest_written_backup_whatever_the_clock(folder, capsys):
    """The clock ran a year ahead, then came back: rotation and restore follow the order of writing."""
    profile_dir = folder.profile_dir("alex-sam")
    times = iter([datetime(2027, 12, 1, tzinfo=UTC)] * 3 + [datetime(2026, 12, 1, tzinfo=UTC)] * 20)
    folder.clock = lambda: next(times)  # the store's one clock: a year ahead, then back
    for games in range(1, 9):
        state = json.loads((profile_dir / "state.json").read_text())
        state["aggregates"]["1"]["games"] = games  # a marker of how new each state is
        (profile_dir / "state.json").write_text(json.dumps(state))
        folder.open("alex-sam").close()
    kept = folder.backups("alex-sam")
    markers = [json.loads(p.read_text())["aggregates"]["1"]["games"] for p in kept]
    assert markers == [8, 7, 6, 5, 4]  # the newest written survive, newest first
    (profile_dir / "state.json").write_bytes(b"broken")
    assert cli(folder, "restore", "alex-sam") == 0
    capsys.readouterr()
    assert json.loads((profile_dir / "state.json").read_text())["aggregates"]["1"]["games"] == 8


# ------------------------------------------------------------------ the love maps' base


def _maps(state) -> dict:
    return {(s, q): [a.value for a in e.history] for s, m in enumerate(state.love_maps) for q, e in m.entries.items()}


def test_a_damaged_base_written_at_the_last_close_comes_back_from_its_copy(tmp_path, clock):
    from test_bounded import play
    from test_ui_privacy import one_kind_library

    from nuzzle_game.store.profile import ProfileReader

    scales = one_kind_library(tmp_path, "scale")
    saves = SaveFolder(tmp_path / "saves")
    with saves.create(make_couple()) as profile:
        play(profile, scales, clock, games=3)
    with saves.open("alex-sam") as profile:
        play(profile, scales, clock, games=3)  # closing writes a new base: nobody has read it yet
    before = _maps(ProfileReader(saves, "alex-sam").state)
    (saves.profile_dir("alex-sam") / "lovemaps.json").write_text("{ broken")
    done = saves.restore("alex-sam")
    assert any("lovemaps.json" in line and "restored" in line for line in done), done
    assert _maps(ProfileReader(saves, "alex-sam").state) == before


def test_a_state_put_back_from_its_backup_comes_back_with_the_love_maps_of_its_moment(tmp_path, clock):
    """The newest state backup names an older base than lovemaps.json (written on it
    since): restore puts that base back too, so stats and love maps are of one moment."""
    from test_bounded import play
    from test_ui_privacy import one_kind_library

    from nuzzle_game.store.profile import ProfileReader

    scales = one_kind_library(tmp_path, "scale")
    saves = SaveFolder(tmp_path / "saves")
    with saves.create(make_couple()) as profile:
        play(profile, scales, clock, games=3)  # closing writes base 1
    with saves.open("alex-sam") as profile:
        play(profile, scales, clock, games=1)  # too few changes for a base at close
    with saves.open("alex-sam") as profile:  # the backup kept now: base 1 and this game
        moment, games = _maps(profile.state), profile.state.aggregates.games
        play(profile, scales, clock, games=4)  # closing writes base 2, on base 1
    (saves.profile_dir("alex-sam") / "state.json").write_text("{ broken")
    done = saves.restore("alex-sam")
    assert any("lovemaps.json was restored too" in line for line in done), done
    restored = ProfileReader(saves, "alex-sam").state
    assert restored.aggregates.games == games and _maps(restored) == moment
    kept = list(saves.profile_dir("alex-sam").glob("lovemaps.later-*.json"))
    assert len(kept) == 1, "the later base is kept, never deleted"
