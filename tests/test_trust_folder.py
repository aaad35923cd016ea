"""Only touch what Nuzzle made; say so plainly when it may not write (DESIGN §8).

.venv/bin/python -m pytest tests/test_trust_folder.py
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from conftest import make_couple
from test_trust_reading import _play
from ui_driver import SIZE, create_couple, make_app, wait_for

from nuzzle_game.cli.main import main
from nuzzle_game.play.session import GameSession
from nuzzle_game.store.errors import SaveError
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.store.settings import write_app_settings
from nuzzle_game.ui import app as app_module
from nuzzle_game.ui.app import NuzzleApp
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.screens.welcome import WelcomeScreen


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.mark.parametrize("given", [0o1777, 0o755, 0o500])
def test_a_folder_nuzzle_was_pointed_at_keeps_its_mode(tmp_path, library, clock, given):
    root = tmp_path / "shared"
    root.mkdir()
    os.chmod(root, given)
    folder = SaveFolder(root, durable=False)
    try:
        with folder.create(make_couple()) as profile:
            session = GameSession(profile, library, clock=clock)
            session.start(rounds=3, seed=1)
            _play(session)
            session.finish()
        write_app_settings(root, {"theme": "light"})
    except SaveError:
        assert os.geteuid() != 0  # 0500 refuses a user (not root): fine, as long as the mode stays
    assert mode(root) == given
    if os.geteuid() == 0:  # what Nuzzle made is private
        made = [p for p in root.rglob("*")]
        assert made and all(mode(p) == (0o700 if p.is_dir() else 0o600) for p in made)


def test_a_profile_folder_the_user_changed_keeps_its_mode(tmp_path):
    folder = SaveFolder(tmp_path / "saves", durable=False)
    folder.create(make_couple()).close()
    profile_dir = folder.profile_dir("alex-sam")
    os.chmod(profile_dir, 0o750)
    folder.open("alex-sam").close()
    assert mode(profile_dir) == 0o750


# ---------------------------------------------------------- a folder that says no


def refuse_writes_under(monkeypatch, root: Path, error=PermissionError(errno.EACCES, "Permission denied")):
    """Simulate a folder its user may not write to (root ignores permissions)."""
    real_open, real_mkdir = os.open, os.mkdir
    root = str(root)

    def guarded_open(path, flags, *args, **kwargs):
        if str(path).startswith(root) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise error
        return real_open(path, flags, *args, **kwargs)

    def guarded_mkdir(path, *args, **kwargs):
        if str(path).startswith(root):
            raise error
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    monkeypatch.setattr(os, "mkdir", guarded_mkdir)


@pytest.mark.parametrize("how", ["permission", "file-not-folder"])
def test_the_cli_says_plainly_it_may_not_write(tmp_path, capsys, monkeypatch, how):
    saves = tmp_path / "saves"
    if how == "permission":
        SaveFolder(saves).create(make_couple()).close()
        refuse_writes_under(monkeypatch, saves)
        args = ["restore", "alex-sam"]
    else:
        saves.write_text("a file where the saves folder should be")
        args = ["demo", "--profile", "ab", "--players", "Alex,Sam", "--games", "1"]
    assert main(["--saves", str(saves), *args]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "unexpected" not in err, err
    assert ("Permission denied" in err and "cannot write in" in err) if how == "permission" else "not a folder" in err


class Recorder(NuzzleApp):
    """The app, with the notifications it shows written down (through the public notify)."""

    CSS_PATH = str(Path(app_module.__file__).parent / NuzzleApp.CSS_PATH)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.shown: list[str] = []

    def notify(self, message, *args, **kwargs) -> None:
        self.shown.append(str(message))
        super().notify(message, *args, **kwargs)


def recorder(saves: Path, library, clock) -> Recorder:
    app = make_app(saves, library, clock)
    return Recorder(app.config)


@pytest.mark.parametrize("how", ["permission", "file-not-folder"])
async def test_the_ui_says_plainly_it_may_not_write(tmp_path, library, clock, monkeypatch, how):
    saves = tmp_path / "saves"
    if how == "permission":
        SaveFolder(saves).create(make_couple("kim-lee")).close()
        refuse_writes_under(monkeypatch, saves)
    else:
        saves.write_text("a file where the saves folder should be")
    app = recorder(saves, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, WelcomeScreen)
        if how == "permission":  # Open
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, WelcomeScreen)
            assert any("cannot write in" in m and "Permission denied" in m for m in app.shown), app.shown
        await create_couple(pilot)  # New couple
        await pilot.pause()
        assert not isinstance(app.screen, HomeScreen)
        expected = "Permission denied" if how == "permission" else "not a folder"
        assert any(expected in m for m in app.shown), app.shown
        app.shown.clear()
        await pilot.press("ctrl+t")  # the theme, saved in the folder
        await pilot.pause()
        assert any(expected in m for m in app.shown), app.shown
    assert app.return_code in (None, 0)


# ---------------------------------------------------------- symbolic links


def _profile_with_a_game(tmp_path, library, clock) -> SaveFolder:
    folder = SaveFolder(tmp_path / "saves", durable=False)
    with folder.create(make_couple()) as profile:
        session = GameSession(profile, library, clock=clock)
        session.start(rounds=3, seed=1)
        _play(session)
        session.finish()
    return folder


def _play_one(folder: SaveFolder, library, clock) -> None:
    with folder.open("alex-sam") as profile:
        session = GameSession(profile, library, clock=clock)
        session.start(rounds=3, seed=2)
        _play(session)
        session.finish()


@pytest.mark.parametrize(
    "where",
    [".lock", "state.json", "game.json", "backups", "history", "backups/history-2026-01.json", "history/2026-01.json"],
)
def test_nuzzle_never_writes_through_a_link_in_a_profile(tmp_path, library, clock, where):
    folder = _profile_with_a_game(tmp_path, library, clock)
    profile_dir = folder.profile_dir("alex-sam")
    target = tmp_path / "someone-elses"
    place = profile_dir / where
    place.parent.mkdir(mode=0o700, exist_ok=True)
    if where in ("backups", "history"):
        target.mkdir()
        (target / "theirs.txt").write_text("keep me")
    else:
        target.write_text(place.read_text() if place.is_file() else "keep me")
    before = {p.name: p.read_bytes() for p in target.iterdir()} if target.is_dir() else target.read_bytes()
    if place.is_dir():
        for child in place.iterdir():
            child.unlink()
        place.rmdir()
    else:
        place.unlink(missing_ok=True)
    place.symlink_to(target)
    try:
        _play_one(folder, library, clock)
    except SaveError as error:
        assert "symbolic link" in str(error) and "\n" not in str(error)
    after = {p.name: p.read_bytes() for p in target.iterdir()} if target.is_dir() else target.read_bytes()
    assert after == before
    assert place.is_symlink()  # not replaced either: refused
