"""A move whose save fails changes nothing in memory (DESIGN §8): the game is as
it was on disk, and the same move made again, once there is room, just works."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_couple
from helpers import first_value

from nuzzle_game.core.models import Confidence
from nuzzle_game.play.session import GameSession
from nuzzle_game.store.errors import SaveFailed


def full_disk(*_args, **_kwargs):
    raise SaveFailed(Path("game.json"), OSError(28, "No space left on device"))


def test_a_move_whose_save_fails_changes_nothing_and_can_be_made_again(saves, library, clock, monkeypatch):
    profile = saves.create(make_couple())
    session = GameSession(profile, library, clock=clock)
    session.start(seed=3)
    question = session.question(session.round.question_id)
    before = session.game.model_dump_json()
    with monkeypatch.context() as patch:
        patch.setattr(session.store, "save_game", full_disk)
        with pytest.raises(SaveFailed):
            session.answer(first_value(question))
        assert session.game.model_dump_json() == before, "the answer ran ahead of the disk"
        with pytest.raises(SaveFailed):
            session.guess(first_value(question), Confidence.SURE)
        assert session.game.model_dump_json() == before
    session.answer(first_value(question))  # room again: the same move, no "already committed"
    session.guess(first_value(question), Confidence.SURE)
    assert session.round.answer is not None and session.round.guess is not None
    profile.close()
