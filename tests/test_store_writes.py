"""What the store writes for speed (docs/benchmarks.md) is what it wrote before: the love maps
assembled from each entry's text (lovemaps.json's base, and state.json's changes on
it), a month file from each game's text, game.json left alone when it would not
change, raw tables not kept once read."""

import json
import random

import pytest
from conftest import make_couple
from helpers import first_value, other_value, play_rounds_and_file

from nuzzle_game.play.session import GameSession
from nuzzle_game.store import atomic
from nuzzle_game.store import profile as store_profile
from nuzzle_game.store.atomic import read_tables
from nuzzle_game.store.profile import ProfileReader


def play(session, clock, games, values):
    """Whole games; each round's answer and guess from ``values`` (in turn)."""
    rng = random.Random(5)
    for _ in range(games):
        session.start(seed=rng.randrange(1000))
        play_rounds_and_file(session, lambda question: rng.choice(values)(question))
        clock.advance(days=8)  # from the third game on, some rounds re-ask answered questions


def on_disk(profile, name="state.json"):
    return json.loads((profile.dir / name).read_text())


def love_maps_on_disk(profile):
    """The love maps as a load finds them: lovemaps.json's, if state.json names it,
    and state.json's changes on top, in the same order."""
    state = on_disk(profile)
    changes = state["love_map_changes"]
    if state["meta"]["1"]["lovemaps"] is None:
        return changes, 0
    base = on_disk(profile, "lovemaps.json")
    assert state["meta"]["1"]["lovemaps"] == base["meta"]["1"]["id"]
    maps = base["love_maps"]
    for key, doc in changes.items():
        maps[key]["entries"].update(doc["entries"])
        maps[key]["passed"] = doc["passed"]
    return maps, sum(len(doc["entries"]) for doc in changes.values())


@pytest.mark.parametrize("compact_at", [10_000, 20])
def test_the_love_maps_on_disk_are_as_they_are_after_every_game(saves, library, clock, monkeypatch, compact_at):
    monkeypatch.setattr(store_profile, "COMPACT_ENTRIES", compact_at)
    bases = set()
    with saves.create(make_couple()) as profile:
        session = GameSession(profile, library, clock=clock)
        for _ in range(8):  # re-asked entries change (or are confirmed): they are re-serialised
            play(session, clock, 1, [first_value, other_value])
            written, in_state = love_maps_on_disk(profile)
            expected = {str(i + 1): m.model_dump(mode="json") for i, m in enumerate(profile.state.love_maps)}
            assert written == expected
            assert [list(m["entries"]) for m in written.values()] == [list(m["entries"]) for m in expected.values()]
            assert in_state < compact_at  # once as many changed, the base is written again
            loaded = ProfileReader(saves, "alex-sam").state.love_maps  # as a load builds them
            assert [list(m.entries) for m in loaded] == [list(m.entries) for m in profile.state.love_maps]
            assert loaded == profile.state.love_maps
            bases.add(on_disk(profile)["meta"]["1"]["lovemaps"])
        assert any(e.changed for m in profile.state.love_maps for e in m.entries.values())
        state = profile.state
    # None (no base yet), then a new base each time enough entries changed.
    assert len(bases) == 1 if compact_at > 1000 else len(bases) >= 3, bases
    with saves.open("alex-sam") as again:
        assert again.state.love_maps == state.love_maps
        assert [list(m.entries) for m in again.state.love_maps] == [list(m.entries) for m in state.love_maps]
        assert again.state.aggregates == state.aggregates


def test_a_month_file_holds_each_game_once_as_dumped(saves, library, clock):
    with saves.create(make_couple()) as profile:
        session = GameSession(profile, library, clock=clock)
        play(session, clock, 3, [first_value])
        games = list(profile.games())
        month = on_disk(profile, f"history/{games[0].started_at:%Y-%m}.json")
        assert len({g.started_at.month for g in games}) == 1
        assert list(month["games"]) == ["1", "2", "3"]
        assert list(month["games"].values()) == [g.model_dump(mode="json") for g in games]
        profile.archive_game(games[1])  # filing a game again replaces it, in its place
        assert on_disk(profile, f"history/{games[0].started_at:%Y-%m}.json") == month


def test_a_save_that_leaves_game_json_as_it_is_does_not_write_it(saves, library, clock, monkeypatch):
    with saves.create(make_couple()) as profile:
        play(GameSession(profile, library, clock=clock), clock, 1, [first_value])
    written = []
    real = atomic.atomic_write

    def counting(path, data, durable=True):
        written.append(path.name)
        real(path, data, durable)

    monkeypatch.setattr(atomic, "atomic_write", counting)
    with saves.open("alex-sam") as profile:
        profile.update_couple(profile.state.couple.model_copy(update={"situation": None}))
        assert "state.json" in written
        assert "game.json" not in written  # no game before, none after
        GameSession(profile, library, clock=clock).start(seed=1)
        assert written.count("game.json") == 1  # a game begins: written at once


def test_an_open_profile_keeps_state_json_as_read_and_no_raw_base(saves, library, clock):
    """state.json's tables stay as read (a close may write them back with no save
    before it; they are small: the entries changed since the base, the aggregates),
    and the love maps' base, the big file, is not kept raw beside the state."""
    with saves.create(make_couple()) as profile:
        play(GameSession(profile, library, clock=clock), clock, 4, [first_value])
    assert (saves.profile_dir("alex-sam") / "lovemaps.json").exists()
    with saves.open("alex-sam") as profile:
        kept = profile._state_file.tables
        assert kept == read_tables(saves.profile_dir("alex-sam") / "state.json")
        assert "love_maps" not in kept
        assert profile.state.love_maps[0].entries  # the state has them
