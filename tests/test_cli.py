"""The command line: demo, export and bad input (one line on stderr, non-zero exit)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import Clock

from nuzzle_game.cli.main import main
from nuzzle_game.store.folder import SaveFolder


def run(tmp_path, *args):
    return main(["--saves", str(tmp_path / "saves"), *args])


def test_demo_creates_then_appends_after_the_last_game(tmp_path, capsys):
    assert run(tmp_path, "demo", "--profile", "ab", "--players", "Alex,Sam", "--games", "6", "--seed", "1") == 0
    assert run(tmp_path, "demo", "--profile", "ab", "--players", "Alex,Sam", "--games", "4", "--seed", "2") == 0
    out = capsys.readouterr().out
    assert "now 10 games" in out
    data = json.loads(_export(tmp_path, capsys, "json"))
    games = data["games"]
    starts = [g["started_at"] for g in games]
    assert len(games) == 10 and starts == sorted(starts)
    days = {s[:10] for s in starts}
    assert len(days) == 10  # one game a day


def test_demo_years_is_one_game_a_day(tmp_path, capsys):
    assert run(tmp_path, "demo", "--profile", "y", "--players", "A,B", "--years", "0.1", "--seed", "3") == 0
    assert "played 36 simulated games" in capsys.readouterr().out


def test_demo_gives_real_history(tmp_path, capsys):
    """Drifting partners: discoveries, changed answers, outdated models, projections."""
    assert run(tmp_path, "demo", "--profile", "h", "--players", "A,B", "--games", "90", "--seed", "7") == 0
    capsys.readouterr()
    data = json.loads(_export(tmp_path, capsys, "json", "h"))
    stats = data["stats"]
    assert stats["discoveries"] > 0 and stats["outdated_models"] > 0 and stats["projections"] > 0
    assert any(len(e["history"]) > 1 for m in data["love_maps"] for e in m["entries"])
    results = [r["result"] for g in data["games"] for r in g["rounds"]]
    assert any(r["outdated_since"] for r in results) and any(r["projection"] for r in results)
    labels = {p["as_guesser"]["calibration"] for p in stats["players"]}
    assert labels <= {"overconfident", "well calibrated", "underconfident"} and labels
    assert len(stats["trend"]["accuracy_by_month"]["all"]) >= 3
    markdown = _export(tmp_path, capsys, "md", "h")
    assert "outdated model" in markdown and "projection" in markdown and "## A's love map" in markdown


def test_export_counts_close_rounds_apart_from_misses(tmp_path, capsys):
    """In sync, close, new on your map: three outcomes, and the tallies say each."""
    assert run(tmp_path, "demo", "--profile", "c", "--players", "A,B", "--games", "30", "--seed", "7") == 0
    capsys.readouterr()
    data = json.loads(_export(tmp_path, capsys, "json", "c"))
    stats = data["stats"]
    results = [r["result"] for g in data["games"] for r in g["rounds"]]
    close = [r for r in results if not r["in_sync"] and not r["discovery"]]
    assert close and all(0.5 <= r["accuracy"] < 0.8 for r in close)
    assert stats["close"] == len(close) and stats["days_played"] == 30
    assert stats["in_sync"] + stats["close"] + stats["discoveries"] == stats["rounds"]
    for player in stats["players"]:
        tally = player["as_guesser"]
        assert tally["in_sync"] + tally["close"] + tally["discoveries"] == tally["rounds"]
        assert all("close" in t for t in player["by_dimension"].values())
    markdown = _export(tmp_path, capsys, "md", "c")
    assert f"close {len(close)}, new on your map {stats['discoveries']}" in markdown
    assert "| in sync | close | new |" in markdown
    assert " close, " in markdown and "; close (50%)" in markdown


def _export(tmp_path, capsys, fmt, profile="ab"):
    assert run(tmp_path, "export", profile, "--format", fmt) == 0
    return capsys.readouterr().out


def test_export_is_stable(tmp_path, capsys):
    run(tmp_path, "demo", "--profile", "ab", "--players", "Alex,Sam", "--games", "3", "--seed", "1")
    capsys.readouterr()
    first = json.loads(_export(tmp_path, capsys, "json"))
    second = json.loads(_export(tmp_path, capsys, "json"))
    first.pop("exported_at"), second.pop("exported_at")
    assert first == second
    assert list(first) == [
        "format",
        "version",
        "profile",
        "couple",
        "stats",
        "unlocks",
        "love_maps",
        "games",
        "game_in_progress",
        "incomplete",
    ]


def test_export_runs_alongside_a_game(tmp_path, capsys):
    run(tmp_path, "demo", "--profile", "ab", "--players", "Alex,Sam", "--games", "2", "--seed", "1")
    held = SaveFolder(tmp_path / "saves").open("ab")
    try:
        assert run(tmp_path, "export", "ab") == 0
    finally:
        held.close()


@pytest.mark.parametrize(
    "args, message",
    [
        (["export", "nobody"], "no profile 'nobody'"),
        (["export", "../etc"], "is not a profile name"),
        (["export", "ab", "--format", "pdf"], "invalid choice"),
        (["demo", "--profile", "x", "--players", "OnlyOne"], "two names"),
        (["demo", "--profile", "x", "--players", "A,A"], "different names"),
        (["demo", "--profile", "x", "--players", "A,B", "--years", "-1"], "between 0 and 50"),
        (["demo", "--profile", "x", "--players", "A,B", "--games", "0"], "between 1 and 20000"),
        (["demo", "--profile", "x", "--players", "A,B", "--games", "two"], "invalid int"),
        (["--decks", "/no/such/dir", "decks", "list"], "no deck folder"),
        (["restore", "nobody"], "no profile 'nobody'"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(tmp_path, capsys, args, message):
    code = run(tmp_path, *args)
    out, err = capsys.readouterr()
    assert code != 0
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_demo_refuses_a_profile_with_a_game_in_progress(tmp_path, capsys, library):
    from nuzzle_game.play.session import GameSession

    run(tmp_path, "demo", "--profile", "ab", "--players", "Alex,Sam", "--games", "1", "--seed", "1")
    with SaveFolder(tmp_path / "saves").open("ab") as profile:
        GameSession(profile, library, clock=Clock()).start(seed=1)
    capsys.readouterr()
    assert run(tmp_path, "demo", "--profile", "ab", "--players", "Alex,Sam", "--games", "1") == 1
    assert "game in progress" in capsys.readouterr().err


def test_help_names_the_saves_folder(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "nuzzle_game", "--help"],
        capture_output=True,
        text=True,
        env={"NUZZLE_SAVES": str(tmp_path / "elsewhere"), "PATH": "/usr/bin:/bin"},
    )
    assert out.returncode == 0
    assert "Saves folder in use (from NUZZLE_SAVES" in out.stdout
    assert f"  {tmp_path / 'elsewhere'}\n" in out.stdout
