"""A save survives a kill at any instant (SIGKILL of a saving child, many times
over) and a crash while filing a game counts it once (DESIGN §8)."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import make_couple
from helpers import first_value, play_games, play_rounds

from nuzzle_game.play.session import GameSession
from nuzzle_game.store import atomic
from nuzzle_game.store.errors import SaveFailed
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.store.profile import ProfileReader

HERE = Path(__file__).parent


@pytest.mark.parametrize(
    "slow_fsync, compacting",
    # Inside fsync, every game filed also writes the love maps' base: kills land in
    # the month's, state.json's, game.json's and the base's writes alike.
    [(False, False), (True, True)],
    ids=["random-instants", "inside-fsync-base-included"],
)
def test_kill_9_never_loses_a_completed_round(tmp_path, slow_fsync, compacting):
    """SIGKILL a saving child many times; every kill leaves a save that loads.
    (Writing the love maps' base at every game filed: kills land in it too.)"""
    root = tmp_path / "saves"
    rng = random.Random(1234 + slow_fsync + 2 * compacting)
    confirmed = 0
    kills = 0
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    for _ in range(10):
        args = [sys.executable, str(HERE / "crash_child.py"), str(root)]
        args += (["slow"] if slow_fsync else []) + (["compacting"] if compacting else [])
        child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        # Wait for the first save, then kill at a random instant.
        first = child.stdout.readline()
        assert first, child.stderr.read()
        time.sleep(rng.uniform(0.0, 0.4))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        kills += 1
        lines = [first] + out.splitlines()
        confirmed = max([confirmed] + [int(x) for x in lines if x.strip()])
        reader = ProfileReader(SaveFolder(root), "crash")
        state = reader.state
        assert state.aggregates.total.rounds >= confirmed
        # Every revealed round is counted exactly once: in a filed game or in the
        # game in progress (which a kill may leave filed but not yet closed).
        active = state.active_game
        filed = [g for g in reader.games() if active is None or g.id != active.id]
        in_play = active.revealed if active else 0
        assert state.aggregates.total.rounds == sum(len(g.results) for g in filed) + in_play
        assert state.aggregates.games == len(filed)
        # And every answer revealed is in the love map (its base and state.json's changes).
        games = filed + ([active] if active else [])
        for result in (r for g in games for r in g.results):
            assert result.question_id in state.love_maps[result.answerer].entries
    assert kills == 10 and confirmed > 10


@pytest.mark.parametrize("dies_writing", ["state.json", "game.json"])
def test_a_crash_while_filing_a_game_counts_it_once(saves, library, clock, monkeypatch, dies_writing):
    """Filing a game writes history, then state.json, then game.json; die in between."""
    with saves.create(make_couple()) as profile:
        play_games(profile, library, clock, games=1)
        session = GameSession(profile, library, clock=clock)
        session.start(rounds=3, seed=2)
        play_rounds(session, first_value)
        real = atomic.atomic_write

        def dying(path, data, durable=True):
            if path.name == dies_writing:
                raise SaveFailed(path, OSError(5, "killed"))
            real(path, data, durable)

        monkeypatch.setattr("nuzzle_game.store.atomic.atomic_write", dying)
        with pytest.raises(SaveFailed):
            session.finish()
        monkeypatch.undo()
    with saves.open("alex-sam") as profile:
        state = profile.state
        filed = list(profile.history_files())
        assert sum(len(json.loads(p.read_text())["games"]) for p in filed) == 2  # filed before the "crash"
        if dies_writing == "state.json":
            # Listed once: as the game in progress, not among the finished games too.
            assert len(list(profile.games())) == 1
            # Not closed yet: it is still in play, counted once, and closes cleanly.
            assert state.active_game is not None and state.active_game.over
            assert state.aggregates.total.rounds == 8 + 3 and state.aggregates.games == 1
            GameSession(profile, library, clock=clock).finish()
        assert profile.state.active_game is None
        assert profile.state.aggregates.games == 2
        assert profile.state.aggregates.total.rounds == 8 + 3
        assert len(list(profile.games())) == 2
