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


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: two workers a core. A Pilot test spends much of its time asleep,
    waiting for Textual to go idle after each key (at least 40 ms a key), so one
    worker a core leaves the cores part idle. On a quiet 2-core machine, the same
    suite and the same CPU time (~290 s): `-n 2` 3m23s, `-n 4` 2m28s."""
    return min(2 * len(os.sched_getaffinity(0)), 16)  # and no swarm on a big machine


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
