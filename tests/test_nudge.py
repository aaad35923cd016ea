"""`nuzzle nudge` (DESIGN §12): one line per couple whose check-in waits on someone,
cheap and quiet enough for a shell's start-up file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Clock, make_couple
from helpers import first_value

from nuzzle_game.cli.nudge import nudge
from nuzzle_game.core.models import Verdict
from nuzzle_game.play import moves
from nuzzle_game.play.engine import RoundEngine
from nuzzle_game.play.halves import Half, open_halves
from nuzzle_game.play.session import GameSession
from nuzzle_game.play.views import Task
from nuzzle_game.store.folder import SaveFolder

SECRET = "our-secret-picnic"


def answer(question):
    return f"{SECRET} {question.id}" if question.kind.value == "text" else first_value(question)


def play_half(session, player: int) -> None:
    engine = RoundEngine(session)
    half = Half(engine, player)
    while (view := half.turn()).task in (Task.ANSWER, Task.GUESS):
        value = answer(view.round.question)
        move = (
            moves.AnswerMove(value=value)
            if view.task is Task.ANSWER
            else moves.GuessMove(value=value, confidence="sure")
        )
        moves.apply(engine, player, move, view.round.index)
    engine.advance()


def judge_all(session) -> None:
    engine = RoundEngine(session)
    for player in (0, 1):
        while (view := engine.view(player)).task is Task.VERDICT:
            moves.apply(engine, player, moves.VerdictMove(verdict=Verdict.CLOSE), view.round.index)
    engine.advance()


def run(saves: Path, clock, *args: str) -> tuple[str, str]:
    from contextlib import redirect_stderr, redirect_stdout
    from io import StringIO

    out, err = StringIO(), StringIO()
    only = args[1] if args[:1] == ("--as",) else None
    with redirect_stdout(out), redirect_stderr(err):
        assert nudge(str(saves), only, clock) == 0
    return out.getvalue(), err.getvalue()


@pytest.fixture
def couple(tmp_path, library):
    saves = SaveFolder(tmp_path / "saves")
    clock = Clock()
    profile = saves.create(make_couple())
    yield saves, profile, GameSession(profile, library, clock=clock, halves=True), clock
    profile.close()


def test_every_state_of_the_checkin_in_one_line_or_none(couple):
    saves, profile, session, clock = couple
    assert run(saves.root, clock) == ("", "")  # no check-in: nothing waits
    open_halves(session, seed=4)
    assert run(saves.root, clock) == ("", "")  # open, neither half in: nobody is waited on yet
    play_half(session, 0)
    out, _ = run(saves.root, clock)
    assert out == "Alex's half of today's check-in is in; Sam's is waiting: nuzzle join alex-sam --as Sam\n"
    assert run(saves.root, clock, "--as", "Sam")[0] == (
        "Alex's half of today's check-in is in; yours is waiting: nuzzle join alex-sam --as Sam\n"
    )
    assert run(saves.root, clock, "--as", "alex") == ("", "")  # Alex waits on nobody
    clock.advance(days=1, hours=2)  # open across midnight: still today's check-in
    assert "Sam's is waiting" in run(saves.root, clock)[0]
    play_half(session, 1)
    out, _ = run(saves.root, clock)
    if session.game.finished_at is None:  # text rounds: verdicts owed
        assert out.startswith("Today's check-in is in;") and "verdict" in out and out.count("\n") == 1
        judge_all(session)
    out, _ = run(saves.root, clock)
    assert out == "Today's check-in is revealed; Alex and Sam have yet to see it: nuzzle join alex-sam --as Alex\n"
    RoundEngine(session).read(0)
    assert run(saves.root, clock, "--as", "Alex") == ("", "")
    assert run(saves.root, clock, "--as", "Sam")[0].startswith("Today's check-in is revealed: see what you both said")
    clock.advance(days=3)  # an old reveal is not worth a nudge
    assert run(saves.root, clock) == ("", "")


def test_it_never_prints_an_answer_and_never_takes_the_lock(couple):
    saves, profile, session, clock = couple
    open_halves(session, seed=4)
    play_half(session, 0)
    folder = saves.profile_dir("alex-sam")
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    out, err = run(saves.root, clock)  # the profile is open (locked) right now: the nudge reads anyway
    assert out == "Alex's half of today's check-in is in; Sam's is waiting: nuzzle join alex-sam --as Sam\n"
    assert not err and SECRET not in out
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before  # nothing written


def test_a_stale_summary_is_read_around_and_a_damaged_save_is_one_line_on_stderr(couple, tmp_path, library):
    saves, profile, session, clock = couple
    open_halves(session, seed=4)
    play_half(session, 0)
    folder = saves.profile_dir("alex-sam")
    (folder / "summary.json").write_text(json.dumps({"names": ["Alex", "Sam"], "games": 0, "waiting": False}))
    assert "Sam's is waiting" in run(saves.root, clock)[0]  # from game.json itself
    (folder / "summary.json").unlink()
    (folder / "game.json").write_text("{not json")
    out, err = run(saves.root, clock)
    assert out == "" and err.count("\n") == 1 and "alex-sam" in err and "game.json" in err
    other = saves.create(make_couple("robin-kai"))
    other.close()
    assert run(saves.root, clock)[1].count("\n") == 1  # the other couple is still read


def test_names_that_could_drive_a_terminal_are_never_printed(couple):
    saves, profile, session, clock = couple
    open_halves(session, seed=4)
    play_half(session, 0)
    folder = saves.profile_dir("alex-sam")
    summary = json.loads((folder / "summary.json").read_text())
    summary["names"] = ["\x1b]52;c;cHduZWQ=\x07", "Sam"]
    (folder / "summary.json").write_text(json.dumps(summary))
    out, _ = run(saves.root, clock)
    assert "\x1b" not in out and "\x07" not in out and "Sam's is waiting" in out  # read from state.json


def test_it_imports_neither_textual_nor_pydantic_and_always_exits_0(tmp_path):
    code = (
        "import sys; sys.argv=['nuzzle','nudge']\n"
        "from nuzzle_game.cli.entry import main\n"
        "code = main()\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'pydantic', 'argparse', 'typing'))\n"
        "print('HEAVY', heavy, 'CODE', code)\n"
    )
    env = dict(os.environ, NUZZLE_SAVES=str(tmp_path / "nowhere"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert "HEAVY [] CODE 0" in out.stdout


def test_the_command_line_runs_it_from_any_folder(tmp_path, couple):
    saves, profile, session, clock = couple
    open_halves(session, seed=4)
    play_half(session, 0)
    env = dict(os.environ, NUZZLE_SAVES=str(saves.root))
    for folder in (tmp_path, Path("/")):
        out = subprocess.run(
            [sys.executable, "-m", "nuzzle_game", "nudge", "--as", "Sam"],
            capture_output=True,
            text=True,
            env=env,
            cwd=folder,
        )
        assert out.returncode == 0 and "yours is waiting: nuzzle join alex-sam --as Sam" in out.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "nuzzle_game", "nudge", "--bogus"], capture_output=True, text=True, env=env
    )
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1  # bad input is still one clear line
