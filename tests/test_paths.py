"""How a folder is shown to a person."""

from pathlib import Path

from nuzzle_game.paths import shown_path


def test_a_folder_under_home_is_shown_with_a_tilde(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home" / "games").mkdir(parents=True)
    assert shown_path(tmp_path / "home" / "games") == str(Path("~") / "games")


def test_a_folder_elsewhere_is_shown_whole_and_absolute(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    assert shown_path(Path("saves")) == str(tmp_path / "saves")
