from __future__ import annotations

import gc
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from nuzzle_game.core.decks import DeckLibrary
from nuzzle_game.core.models import Couple, Player
from nuzzle_game.paths import bundled_decks_dir
from nuzzle_game.store.deck_files import load_decks
from nuzzle_game.store.folder import SaveFolder

T0 = datetime(2026, 1, 5, 20, 0, tzinfo=UTC)

# The suite runs in several worker processes. Where PYTHONDONTWRITEBYTECODE is set
# (as on the CI machines), each of them compiled the package and re-rewrote every
# test module's asserts from scratch: 3.5 s of CPU a process, measured with
# `pytest --collect-only`. The bytecode goes to __pycache__ folders git ignores.
sys.dont_write_bytecode = False


def _pilot_waits_less() -> None:
    """After each key, Textual's Pilot sleeps in steps of 20 ms until a step passes
    with under 1 ms of CPU used (``textual._wait``): 40 ms or more a key, asleep.
    Steps of 5 ms tell the same thing (a key is handled in one turn of the event
    loop; the deterministic wait, for every message queued, stays Textual's own).
    Whole suite on this 2-core machine, 3 workers: 3m13s before, 2m40s after."""
    import textual._wait as wait

    assert hasattr(wait, "SLEEP_GRANULARITY") and hasattr(wait, "SLEEP_IDLE"), "textual._wait changed"
    wait.SLEEP_GRANULARITY = 1 / 200
    wait.SLEEP_IDLE = wait.SLEEP_GRANULARITY / 20


_pilot_waits_less()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: three workers for two cores. A Pilot test still spends part of
    its time asleep between keys, so one worker a core leaves the cores part idle,
    and two a core spend more CPU on switching between them. Whole suite, on this
    2-core machine, with the shorter waits above: `-n 2` 3m10s, `-n 3` 2m40s
    (275 s of CPU), `-n 4` 2m43s (293 s)."""
    return min(max(2, len(os.sched_getaffinity(0)) * 3 // 2), 16)  # and no swarm on a big machine


def pytest_collection_finish(session: pytest.Session) -> None:
    """Python's cyclic garbage collector, tuned for a suite of Textual Apps: a Pilot
    test makes and drops hundreds of thousands of small objects (widgets, styles,
    strips), and each collection walked everything imported and collected too.
    What exists once the tests are collected lives to the end (frozen, never
    walked again), and collections come less often. Measured on the UI tests
    (CPU time, `-n 2`, tests/test_ui_game.py, test_ui_privacy.py, test_ui_progress.py):
    54 s before, 42 s after, the mean of two runs each."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)


@pytest.fixture(scope="session")
def library() -> DeckLibrary:
    return load_decks([bundled_decks_dir()])


def library_of(library: DeckLibrary, kind) -> DeckLibrary:
    """The same decks holding only questions of one kind: pins what a test's
    rounds ask whatever the bundled content says."""
    decks = []
    for deck in library.decks:
        questions = [q for q in deck.questions if q.kind == kind]
        if questions:
            decks.append(deck.model_copy(update={"questions": questions}))
    return DeckLibrary(decks, [])


class Clock:
    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def saves(tmp_path: Path) -> SaveFolder:
    return SaveFolder(tmp_path / "saves")


def make_couple(profile: str = "alex-sam", opted: tuple[bool, bool] = (False, False)) -> Couple:
    return Couple(
        profile=profile,
        players=(Player(name="Alex", opted_in=opted[0]), Player(name="Sam", opted_in=opted[1])),
        created_at=T0,
    )
