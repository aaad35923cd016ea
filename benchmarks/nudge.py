"""The nudge's row: `nuzzle nudge` against Python's own start-up, in fresh processes.

What a person's shell waits for at each start: the installed `nuzzle` command,
from spawn to exit, reading a saves folder of five couples whose check-ins wait on
someone (so it prints five lines), against `python -c pass` spawned the same way.
Both are launched in turn, many times, and the medians are compared.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

COUPLES = 5


def nudge_saves(data: Path) -> Path:
    """Five couples, each with one half of today's check-in in (made once)."""
    saves = data / "nudge"
    if (saves / f"couple-{COUPLES - 1}" / "summary.json").exists():
        return saves
    from datetime import UTC, datetime

    from nuzzle_game.core.models import Couple, Player
    from nuzzle_game.paths import bundled_decks_dir
    from nuzzle_game.play import moves
    from nuzzle_game.play.engine import RoundEngine
    from nuzzle_game.play.halves import Half, open_halves
    from nuzzle_game.play.session import GameSession
    from nuzzle_game.play.views import Task
    from nuzzle_game.store.deck_files import load_decks
    from nuzzle_game.store.folder import SaveFolder

    library = load_decks([bundled_decks_dir()])
    folder = SaveFolder(saves)
    now = datetime.now(UTC)
    for number in range(COUPLES):
        players = (Player(name="Ada"), Player(name="Grace"))
        with folder.create(Couple(profile=f"couple-{number}", players=players, created_at=now)) as profile:
            session = GameSession(profile, library, clock=lambda: now, halves=True)
            open_halves(session, seed=number)
            engine = RoundEngine(session)
            half = Half(engine, 0)
            while (view := half.turn()).task in (Task.ANSWER, Task.GUESS):
                question = view.round.question
                value = question.options[0] if question.options else (question.scale.lo if question.scale else "x")
                if question.items:
                    value = list(question.items)
                if question.kind.value == "multi":
                    value = [question.options[0]]
                move = (
                    moves.AnswerMove(value=value)
                    if view.task is Task.ANSWER
                    else moves.GuessMove(value=value, confidence="sure")
                )
                moves.apply(engine, 0, move, view.round.index)
    return saves


def bench_nudge(data: Path, runs: int) -> tuple[float, float]:
    """Median seconds of `nuzzle nudge` and of `python -c pass`, launched in turn."""
    saves = nudge_saves(data)
    nuzzle = Path(sys.executable).with_name("nuzzle")
    env = {**os.environ, "NUZZLE_SAVES": str(saves)}
    nudges, bare = [], []
    for _ in range(runs):
        for command, times in (([str(nuzzle), "nudge"], nudges), ([sys.executable, "-c", "pass"], bare)):
            started = time.perf_counter()
            out = subprocess.run(command, env=env, capture_output=True, text=True)
            times.append(time.perf_counter() - started)
            if command[-1] == "nudge" and out.stdout.count("\n") != COUPLES:
                raise RuntimeError(f"the nudge printed {out.stdout!r} {out.stderr!r}")
    return statistics.median(nudges), statistics.median(bare)
