"""What `nuzzle restore` says and finds (DESIGN §8): `--list` lists every backup,
of every kind; a profile only the demo made has a backup of its state.json too;
`--backup` given a month (or an archive part, or a love maps' base) restores it as
what it is, and refuses another couple's, naming whose it is.

    .venv/bin/python -m pytest tests/test_store_restore_messages.py
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from nuzzle_game.cli.main import main


def cli(root: Path, *args: str) -> int:
    return main(["--saves", str(root), *args])


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """Two profiles made by the demo alone, never opened by a game: d over fifteen
    months, so every kind of backup is there (an archive part too); e, another
    couple, over forty days (a past month's backup is all its tests need)."""
    root = tmp_path_factory.mktemp("demo") / "saves"
    for profile, players, games in (("d", "Ann,Bo", "450"), ("e", "Cy,Di", "40")):
        assert cli(root, "demo", "--profile", profile, "--players", players, "--games", games, "--seed", "1") == 0
    kinds = {p.name.split("-")[0] for p in (root / "d" / "backups").iterdir()}
    assert kinds == {"state", "history", "lovemaps", "archive"}, kinds
    return root


@pytest.fixture
def saves(demo, tmp_path) -> Path:
    shutil.copytree(demo, tmp_path / "saves")
    return tmp_path / "saves"


def test_restore_list_lists_every_backup_of_every_kind(saves, capsys):
    capsys.readouterr()
    assert cli(saves, "restore", "d", "--list") == 0
    listed = capsys.readouterr().out.splitlines()
    assert "No backups" not in " ".join(listed)
    assert sorted(listed) == sorted(str(p) for p in (saves / "d" / "backups").iterdir())
    assert [Path(line).name.split("-")[0] for line in listed][:1] == ["state"]  # the states first, newest first


def test_a_profile_only_the_demo_made_can_get_its_state_back(saves, capsys):
    state = saves / "d" / "state.json"
    games = json.loads(state.read_text())["aggregates"]["1"]["games"]
    state.write_bytes(state.read_bytes()[:100])  # truncated
    capsys.readouterr()
    assert cli(saves, "restore", "d") == 0
    assert "Restored 'd'" in capsys.readouterr().out
    assert json.loads(state.read_text())["aggregates"]["1"]["games"] == games == 450


def test_a_month_backup_given_to_restore_is_restored_as_a_month(saves, capsys):
    backup = sorted((saves / "d" / "backups").glob("history-*.json"))[0]
    month = saves / "d" / "history" / backup.name.removeprefix("history-")
    month.write_text("{ damaged")
    capsys.readouterr()
    assert cli(saves, "restore", "d", "--backup", str(backup)) == 0
    out = capsys.readouterr().out
    assert f"Restored history/{month.name} from {backup}, a month of the history" in out, out
    assert "schema" not in out and "KeyError" not in out
    assert month.read_bytes() == backup.read_bytes()
    (kept,) = month.parent.glob(f"{month.stem}.replaced-*.json")
    assert kept.read_text() == "{ damaged"


@pytest.mark.parametrize("kind", ["archive", "lovemaps"])
def test_an_archive_part_or_love_maps_backup_given_to_restore_goes_where_it_belongs(saves, capsys, kind):
    backup = sorted((saves / "d" / "backups").glob(f"{kind}-*.json"))[-1]
    capsys.readouterr()
    assert cli(saves, "restore", "d", "--backup", str(backup)) == 0
    out = capsys.readouterr().out
    assert "Restored archive/" in out if kind == "archive" else "Restored lovemaps.json" in out, out


def test_another_couples_month_backup_is_refused_naming_whose_it_is(saves, capsys):
    backup = sorted((saves / "e" / "backups").glob("history-*.json"))[0]
    before = {p: p.read_bytes() for p in (saves / "d").rglob("*") if p.is_file()}
    capsys.readouterr()
    assert cli(saves, "restore", "d", "--backup", str(backup)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "belongs to another couple (e)" in err and "nothing was changed" in err, err
    assert {p: p.read_bytes() for p in (saves / "d").rglob("*") if p.is_file()} == before
