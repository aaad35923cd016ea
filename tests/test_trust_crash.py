"""Issue 10, item 6: a crash shows no answers, says where its details went, exits non-zero.

.venv/bin/python -m pytest tests/test_trust_crash.py
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from conftest import T0

from nuzzle_game.ui import run

HERE = Path(__file__).parent
ANSWER = "we would sail to Lisbon at dawn"

SCRIPT = f"""
import sys
from pathlib import Path
from textual.screen import Screen
from textual.widgets import Static
from nuzzle_game.ui.run import CrashReports, run_guarded


class RevealLike(Screen):
    def compose(self):
        yield Static("Round 1 of 8")

    def on_mount(self):
        answer = {ANSWER!r}  # a couple's answer, held in a local variable
        guesses = [answer, answer.upper()]
        raise RuntimeError("a bug, somewhere")


class Crashy(CrashReports):
    def on_mount(self):
        self.push_screen(RevealLike())


app = Crashy()
app.crash_folder = Path(sys.argv[1])
sys.exit(run_guarded(app, headless=True))
"""


def test_a_crash_prints_one_line_no_answers_and_exits_non_zero(tmp_path):
    saves = tmp_path / "saves"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(saves)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(HERE.parent), "COLUMNS": "80", "LINES": "24"},
    )
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Lisbon" not in output and "LISBON" not in output and "Traceback" not in output
    (report,) = saves.glob("crash-*.txt")
    assert done.stderr.strip().splitlines()[-1].endswith("(private to you: it may hold your answers).")
    assert str(report) in done.stderr
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert "RuntimeError: a bug, somewhere" in report.read_text()


def test_the_game_runs_guarded(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(run, "run_guarded", lambda app: (seen.append(app), 3)[1])
    assert run.run_app(tmp_path / "saves", [], clock=lambda: T0) == 3
    (app,) = seen
    assert isinstance(app, run.CrashReports) and app.crash_folder == tmp_path / "saves"


def test_a_crash_report_is_never_written_over_nor_through_a_link(tmp_path):
    folder = tmp_path / "saves"
    folder.mkdir()
    first = run.write_crash_report(folder, RuntimeError("one"))
    second = run.write_crash_report(folder, RuntimeError("two"))
    assert first != second and "one" in first.read_text() and "two" in second.read_text()
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("mine")
    elsewhere = run.write_crash_report(blocked, RuntimeError("three"))
    assert elsewhere is not None and elsewhere.parent != blocked and blocked.read_text() == "mine"
