import json
import shutil
import stat
import time
from pathlib import Path

import pytest
from conftest import make_couple
from helpers import first_value, play_games

from nuzzle_game.cli.main import main
from nuzzle_game.core.models import Confidence
from nuzzle_game.paths import default_saves_dir
from nuzzle_game.play.session import GameSession
from nuzzle_game.store import atomic
from nuzzle_game.store.errors import CorruptSave, ProfileBusy, SaveFailed, TooNew
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.store.migrations import SCHEMA_VERSION
from nuzzle_game.store.profile import ProfileReader

FIXTURES = Path(__file__).parent / "fixtures" / "saves"


def test_saves_folder_resolution(monkeypatch, tmp_path):
    monkeypatch.setenv("NUZZLE_SAVES", str(tmp_path))
    assert default_saves_dir() == tmp_path
    monkeypatch.chdir(tmp_path)
    assert default_saves_dir("x") == tmp_path / "x"  # made absolute where it was given


def test_round_trip(saves, library, clock):
    with saves.create(make_couple()) as profile:
        play_games(profile, library, clock, games=2)
        expected = profile.state.model_dump()
    with saves.open("alex-sam") as again:
        assert again.state.model_dump() == expected
        assert len(list(again.games())) == 2


def test_files_are_private(saves, library, clock):
    with saves.create(make_couple()) as profile:
        play_games(profile, library, clock)
    for path in saves.root.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_atomic_write_leaves_old_or_new(tmp_path, monkeypatch):
    target = tmp_path / "f.json"
    atomic.atomic_write(target, b'{"v": 1}')

    def boom(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(SaveFailed, match="No space left"):
        atomic.atomic_write(target, b'{"v": 2}')
    assert json.loads(target.read_bytes()) == {"v": 1}
    assert list(tmp_path.iterdir()) == [target]  # no temp left behind


def test_stray_temp_files_are_cleaned_up(saves, library, clock):
    saves.create(make_couple()).close()
    stray = saves.profile_dir("alex-sam") / ".state.json.tmp-4242"
    stray.write_text("half a save")
    saves.open("alex-sam").close()
    assert not stray.exists()


def test_one_writer_per_profile(saves):
    first = saves.create(make_couple())
    started = time.perf_counter()
    with pytest.raises(ProfileBusy, match="already open"):
        saves.open("alex-sam")
    assert time.perf_counter() - started < 1
    # Read-only access works alongside.
    assert ProfileReader(saves, "alex-sam").state.couple.players[0].name == "Alex"
    first.close()
    saves.open("alex-sam").close()


def test_second_demo_on_a_busy_profile_fails_fast(saves, capsys):
    held = saves.create(make_couple())
    code = main(["--saves", str(saves.root), "demo", "--profile", "alex-sam", "--players", "A,B", "--games", "1"])
    held.close()
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "already open" in err


def _writes_of_one_round(profile, library, clock, reveal_only: bool = False) -> list[tuple[Path, int]]:
    """What playing one round (start, answer, guess, reveal; or the reveal alone)
    writes: (file, bytes) for each atomic write."""
    written: list[tuple[Path, int]] = []
    real = atomic.atomic_write

    def spy(path, data, durable=True):
        written.append((path, len(data)))
        real(path, data, durable)

    atomic.atomic_write = spy
    try:
        session = GameSession(profile, library, clock=clock)
        session.start(seed=1)
        question = session.question(session.round.question_id)
        session.answer(first_value(question))
        session.guess(first_value(question), Confidence.SURE)
        if reveal_only:
            written.clear()
        session.reveal()
    finally:
        atomic.atomic_write = real
    return written


def test_saving_a_round_touches_only_the_bounded_state(saves, library, clock):
    with saves.create(make_couple()) as profile:
        play_games(profile, library, clock, games=2)
        history = {p: p.stat().st_mtime_ns for p in (profile.dir / "history").iterdir()}
        written = _writes_of_one_round(profile, library, clock)
        # game.json, and the welcome's line once, as the game begins (it says a game is waiting).
        assert [path.name for path, _ in written if path.name != "game.json"] == ["summary.json"]
        assert {path for path, _ in written} == {profile.dir / "game.json", profile.dir / "summary.json"}
        assert {p: p.stat().st_mtime_ns for p in (profile.dir / "history").iterdir()} == history


def _round_save_size(profile, library, clock) -> int:
    """The bytes written to save one revealed round."""
    written = _writes_of_one_round(profile, library, clock, reveal_only=True)
    assert [path.name for path, _ in written] == ["game.json"]
    return written[0][1]


def test_a_round_save_is_a_few_kilobytes_whatever_the_history(saves, library, clock):
    with saves.create(make_couple()) as profile:
        first = _round_save_size(profile, library, clock)
        profile.state.active_game = None
        profile.save_game()
        play_games(profile, library, clock, games=30)
        later = _round_save_size(profile, library, clock)
    assert first < 8 * 1024 and later < 8 * 1024, (first, later)


def test_month_files_are_append_only(saves, library, clock):
    with saves.create(make_couple()) as profile:
        play_games(profile, library, clock, games=1)
        month = profile.dir / "history" / "2026-01.json"
        before = json.loads(month.read_text())["games"]
        play_games(profile, library, clock, games=3)
        after = json.loads(month.read_text())["games"]
    assert list(after) == ["1", "2", "3", "4"]
    assert {key: after[key] for key in before} == before


def test_finished_games_go_to_their_month(saves, library, clock):
    with saves.create(make_couple()) as profile:
        play_games(profile, library, clock, games=1)
        clock.advance(days=40)
        play_games(profile, library, clock, games=1)
        months = sorted(p.name for p in (profile.dir / "history").iterdir())
    assert months == ["2026-01.json", "2026-02.json"]


def test_startup_reads_only_the_bounded_state(saves, library, clock, monkeypatch):
    with saves.create(make_couple()) as profile:
        play_games(profile, library, clock, games=3)
    read = []
    real = atomic.read_json
    monkeypatch.setattr(atomic, "read_json", lambda p: (read.append(p), real(p))[1])
    saves.open("alex-sam").close()
    assert sorted(p.name for p in read) == ["game.json", "lovemaps.json", "state.json"]


@pytest.mark.parametrize("version", ["v1", "v2", "v3", "v4", "v5"])
def test_every_schema_version_loads(tmp_path, version):
    root = tmp_path / "saves"
    shutil.copytree(FIXTURES / version, root / version)
    folder = SaveFolder(root)
    with folder.open(version) as profile:
        assert [p.name for p in profile.state.couple.players] == ["Robin", "Kai"]
        assert profile.state.aggregates.games == 3
        # The game in progress (two rounds revealed) is there and counted once.
        assert profile.state.active_game is not None and profile.state.active_game.revealed == 2
        assert profile.state.aggregates.total.rounds == 3 * 8 + 2
        entries = profile.state.love_maps[0].entries
        assert entries and all(r.confirmed_at >= r.at for e in entries.values() for r in e.history)
        assert len(list(profile.games())) == 3
    saved = json.loads((root / version / "state.json").read_text())
    assert saved["meta"]["1"]["schema"] == SCHEMA_VERSION
    with folder.open(version) as again:  # and a second load does not count it twice
        assert again.state.aggregates.total.rounds == 3 * 8 + 2


def test_a_newer_schema_is_refused_untouched(tmp_path):
    root = tmp_path / "saves"
    shutil.copytree(FIXTURES / "v3", root / "v3")
    state = root / "v3" / "state.json"
    tables = json.loads(state.read_text())
    tables["meta"]["1"]["schema"] = 99
    state.write_text(json.dumps(tables))
    before = state.read_bytes()
    with pytest.raises(TooNew, match="newer version of Nuzzle"):
        SaveFolder(root).open("v3")
    assert state.read_bytes() == before


@pytest.mark.parametrize("damage", [b"", b"{not json", b"[1, 2, 3]", b'{"couple": {"1": {"profile": 5}}}', b"\xff\xfe"])
def test_a_corrupt_save_is_named_and_never_overwritten(saves, library, clock, damage, capsys):
    with saves.create(make_couple()) as profile:
        play_games(profile, library, clock)
    state = saves.profile_dir("alex-sam") / "state.json"
    state.write_bytes(damage)
    with pytest.raises(CorruptSave) as error:
        saves.open("alex-sam")
    assert str(state) in str(error.value) and "nuzzle restore alex-sam" in str(error.value)
    assert state.read_bytes() == damage
    code = main(["--saves", str(saves.root), "export", "alex-sam"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert state.read_bytes() == damage


def test_restore_from_the_last_good_backup(saves, library, clock, capsys):
    with saves.create(make_couple()) as profile:
        play_games(profile, library, clock, games=2)
    saves.open("alex-sam").close()  # opening keeps a backup of the good state
    state = saves.profile_dir("alex-sam") / "state.json"
    state.write_bytes(b"garbage")
    assert main(["--saves", str(saves.root), "restore", "alex-sam", "--list"]) == 0
    assert "state-" in capsys.readouterr().out
    assert main(["--saves", str(saves.root), "restore", "alex-sam"]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "kept as" in out
    damaged = list(state.parent.glob("state.damaged-*.json"))
    assert damaged and damaged[0].read_bytes() == b"garbage"
    with saves.open("alex-sam") as profile:
        assert profile.state.aggregates.games == 2


def test_restore_leaves_a_good_save_alone(saves, library, clock, capsys):
    with saves.create(make_couple()) as profile:
        play_games(profile, library, clock, games=1)
    saves.open("alex-sam").close()
    with saves.open("alex-sam") as profile:
        play_games(profile, library, clock, games=1)  # newer than any backup
    before = (saves.profile_dir("alex-sam") / "state.json").read_bytes()
    assert main(["--saves", str(saves.root), "restore", "alex-sam"]) == 0
    assert "Nothing to restore" in capsys.readouterr().out
    assert (saves.profile_dir("alex-sam") / "state.json").read_bytes() == before


def test_a_damaged_game_in_progress_is_named_and_set_aside(saves, library, clock, capsys):
    with saves.create(make_couple()) as profile:
        play_games(profile, library, clock, games=1)
        GameSession(profile, library, clock=clock).start(seed=1)
    game = saves.profile_dir("alex-sam") / "game.json"
    game.write_bytes(b"[]")
    with pytest.raises(CorruptSave, match="game.json"):
        saves.open("alex-sam")
    assert main(["--saves", str(saves.root), "restore", "alex-sam"]) == 0
    assert "set aside" in capsys.readouterr().out
    assert list(game.parent.glob("game.damaged-*.json"))[0].read_bytes() == b"[]"
    with saves.open("alex-sam") as profile:
        assert profile.state.aggregates.games == 1 and profile.state.active_game is None


def test_restore_a_chosen_backup(saves, library, clock, capsys):
    with saves.create(make_couple()) as profile:
        play_games(profile, library, clock, games=1)
    saves.open("alex-sam").close()
    backup = saves.state_backups("alex-sam")[0]  # the one kept at opening, newest first
    with saves.open("alex-sam") as profile:
        play_games(profile, library, clock, games=1)
    assert main(["--saves", str(saves.root), "restore", "alex-sam", "--backup", str(backup)]) == 0
    assert "kept as" in capsys.readouterr().out
    with saves.open("alex-sam") as profile:
        assert profile.state.aggregates.games == 1


def test_backups_are_rotated(saves):
    saves.create(make_couple()).close()
    for _ in range(8):
        saves.open("alex-sam").close()
    assert len(saves.state_backups("alex-sam")) == 5


def test_a_failed_write_keeps_what_was_saved(saves, library, clock, monkeypatch):
    with saves.create(make_couple()) as profile:
        play_games(profile, library, clock)
        before = (profile.dir / "game.json").read_bytes()
        monkeypatch.setattr(
            atomic.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(30, "Read-only file system"))
        )
        session = GameSession(profile, library, clock=clock)
        with pytest.raises(SaveFailed, match="Read-only file system"):
            session.start(seed=1)
        assert (profile.dir / "game.json").read_bytes() == before
    monkeypatch.undo()
    with saves.open("alex-sam") as profile:
        assert profile.state.aggregates.games == 1
