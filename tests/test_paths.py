"""Where the saves are, from any folder, and how a folder is shown to a person."""

import os
import subprocess
import sys
from pathlib import Path

from nuzzle_game import paths
from nuzzle_game.paths import shown_path


def test_a_folder_under_home_is_shown_with_a_tilde(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home" / "games").mkdir(parents=True)
    assert shown_path(tmp_path / "home" / "games") == str(Path("~") / "games")


def test_a_folder_elsewhere_is_shown_whole_and_absolute(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    assert shown_path(Path("saves")) == str(tmp_path / "saves")


def test_from_the_checkout_the_saves_are_its_own_whatever_the_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("NUZZLE_SAVES", raising=False)
    checkout = paths.checkout_dir()
    assert checkout is not None and (checkout / "pyproject.toml").is_file()  # the tests run from one
    found = []
    for folder in (tmp_path, Path("/")):
        monkeypatch.chdir(folder)
        found.append(paths.default_saves_dir())
    assert found == [checkout / "saves"] * 2
    assert paths.saves_source() == "the project's checkout"


def test_installed_elsewhere_the_saves_are_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("NUZZLE_SAVES", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(paths, "checkout_dir", lambda: None)  # a wheel, pipx
    monkeypatch.chdir(tmp_path)
    assert paths.default_saves_dir() == tmp_path / "data" / "nuzzle" / "saves"
    assert paths.saves_source() == "your user data folder"


def test_nuzzle_started_from_two_folders_names_the_same_saves(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NUZZLE_SAVES"}
    seen = []
    for folder in (tmp_path, Path.home()):
        out = subprocess.run(
            [sys.executable, "-m", "nuzzle_game", "--help"], cwd=folder, env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        seen.append(out.stdout.split("Saves folder in use", 1)[1])
    assert seen[0] == seen[1] and str(paths.checkout_dir() / "saves") in seen[0]
