"""Things that changed as a list to talk about (DESIGN §5): groups, marks, saves."""

from __future__ import annotations

import json
from datetime import timedelta

from conftest import T0, make_couple
from helpers import q

from nuzzle_game.core.lovemap import LoveMap, LoveMapEntry
from nuzzle_game.core.state import ProfileState
from nuzzle_game.core.talk import NEW_WITHOUT_A_LOOK, mark_talked, note_looked, talk_list, talked_about

QUESTIONS = [q(qid=f"t.{n}") for n in range(4)]


def state_with_changes(days_ago: list[int]) -> ProfileState:
    """Alex's answers to t.0, t.1, … changed ``days_ago`` days before T0 (first given a year before)."""
    state = ProfileState(couple=make_couple())
    for question, days in zip(QUESTIONS, days_ago):
        state.love_maps[0].record(question, "a", T0 - timedelta(days=365), "g0")
        state.love_maps[0].record(question, "b", T0 - timedelta(days=days), "g1")
    return state


def grouped(state: ProfileState, now=T0):
    return talk_list(state.love_maps, lambda qid: qid, lambda _: None, state.aggregates.changes_seen_at, now)


def ids(changes) -> list[str]:
    return [c.question_id for c in changes]


def test_before_a_first_look_the_last_two_weeks_are_new_and_newest_first():
    state = state_with_changes([1, 30, 3])
    talk = grouped(state)
    assert talk.looked is None and timedelta(days=14) == NEW_WITHOUT_A_LOOK
    assert ids(talk.new) == ["t.0", "t.2"] and ids(talk.waiting) == ["t.1"] and talk.talked == []


def test_new_means_changed_since_the_couple_last_looked():
    state = state_with_changes([1, 30, 3])
    note_looked(state, T0 - timedelta(days=2))
    talk = grouped(state)
    assert ids(talk.new) == ["t.0"] and ids(talk.waiting) == ["t.2", "t.1"]
    note_looked(state, T0)
    assert grouped(state).new == []


def test_a_change_talked_about_goes_to_its_own_group_until_the_answer_changes_again():
    state = state_with_changes([1, 30])
    assert mark_talked(state, 0, "t.1", True, T0)
    assert talked_about(state, 0, "t.1") and not talked_about(state, 0, "t.0")
    talk = grouped(state)
    assert ids(talk.talked) == ["t.1"] and "t.1" not in ids(talk.new) + ids(talk.waiting)
    # The answer changes again later: back on the list, as new.
    state.love_maps[0].record(QUESTIONS[1], "c", T0 + timedelta(days=1), "g2")
    talk = grouped(state, T0 + timedelta(days=1))
    assert not talked_about(state, 0, "t.1") and "t.1" in ids(talk.new)
    # Unmarking puts it back too.
    mark_talked(state, 0, "t.0", True, T0)
    mark_talked(state, 0, "t.0", False, T0)
    assert not talked_about(state, 0, "t.0")


def test_a_mark_is_never_dated_before_the_answer_it_is_about():
    state = state_with_changes([0])
    entry = state.love_maps[0].entries["t.0"]
    mark_talked(state, 0, "t.0", True, entry.current.at - timedelta(hours=3))  # the clock went back
    assert entry.talked_about


def test_only_answers_that_changed_are_listed():
    state = ProfileState(couple=make_couple())
    state.love_maps[1].record(QUESTIONS[0], "a", T0, "g1")
    assert len(grouped(state)) == 0
    assert not mark_talked(state, 0, "t.9", True, T0)  # nothing to mark


def test_marks_and_the_last_look_are_saved_and_an_older_save_loads(saves):
    with saves.create(make_couple()) as profile:
        state = profile.state
        for question in QUESTIONS[:2]:
            state.love_maps[0].record(question, "a", T0 - timedelta(days=40), "g0")
            state.love_maps[0].record(question, "b", T0, "g1")
        state._changed.update({(0, "t.0"), (0, "t.1")})
        profile.save_state()
        mark_talked(state, 0, "t.1", True, T0 + timedelta(hours=1))
        note_looked(state, T0 + timedelta(hours=1))
        profile.save_state()
    with saves.open("alex-sam") as again:
        state = again.state
        assert talked_about(state, 0, "t.1") and not talked_about(state, 0, "t.0")
        assert state.aggregates.changes_seen_at == T0 + timedelta(hours=1)


def test_an_entry_saved_before_marks_existed_loads_as_not_talked_about():
    saved = {
        "question_id": "t.0",
        "dimension": "emotional",
        "history": [{"value": "a", "at": T0.isoformat(), "confirmed_at": T0.isoformat(), "game_id": "g"}],
    }
    entry = LoveMapEntry.model_validate_json(json.dumps(saved))
    assert entry.talked_at is None and not entry.talked_about
    assert LoveMap(subject=0, entries={"t.0": entry}).entries["t.0"].talked_at is None
