"""Years of play cost nothing (DESIGN §8, bounded) and a game is counted exactly once.

state.json keeps the last answers and months; older ones are archived and read
back when asked for. Filing a game and counting it is one step, whatever write
fails. The demo finishes its own game and changes nothing when it refuses.
"""

import json

import pytest
from conftest import T0, make_couple
from helpers import consistent, first_value, play_rounds
from test_ui_privacy import one_kind_library

from nuzzle_game.cli.export import export_json
from nuzzle_game.core.lovemap import KEEP_ANSWERS
from nuzzle_game.core.models import Confidence
from nuzzle_game.core.stats import KEEP_MONTHS, RECENT_GAMES
from nuzzle_game.play.session import GameSession
from nuzzle_game.store import atomic
from nuzzle_game.store.errors import SaveFailed
from nuzzle_game.store.migrations import SCHEMA_VERSION
from nuzzle_game.store.profile import COMPACT_ON_CLOSE, ProfileReader


def play(profile, library, clock, games, days=12):
    """Games where each answer moves on from the last one, ``days`` apart."""
    session = GameSession(profile, library, clock=clock)
    for number in range(games):
        session.start(seed=number)
        while True:
            question = session.question(session.round.question_id)
            value = question.scale.lo + (number + session.round.index) % 5
            session.answer(value)
            session.guess(question.scale.lo, Confidence.SURE)
            session.reveal()
            if session.game.over:
                break
            session.next_round()
        session.finish()
        clock.advance(days=days)
    return session


def answers_in_games(reader):
    """Each subject's answers to each question, in order, from the filed games."""
    seen: dict[tuple[int, str], list] = {}
    for game in reader.games():
        for r in game.results:
            answers = seen.setdefault((r.answerer, r.question_id), [])
            if not answers or answers[-1] != r.answer:
                answers.append(r.answer)
    return seen


def test_old_answers_and_months_leave_the_state_and_come_back_when_asked(tmp_path, saves, clock):
    library = one_kind_library(tmp_path, "scale")
    with saves.create(make_couple()) as profile:
        play(profile, library, clock, games=40)
    state_file = saves.profile_dir("alex-sam") / "state.json"
    tables = json.loads(state_file.read_text())
    base_file = state_file.with_name("lovemaps.json")
    maps = list(tables["love_map_changes"].values())
    maps += list(json.loads(base_file.read_text())["love_maps"].values()) if base_file.exists() else []
    histories = [len(e["history"]) for m in maps for e in m["entries"].values()]
    assert max(histories) == KEEP_ANSWERS
    assert len(tables["aggregates"]["1"]["months"]) == KEEP_MONTHS
    chunks = sorted((saves.profile_dir("alex-sam") / "archive").iterdir())
    assert chunks
    for chunk in chunks:  # each kept once in backups/, as written: restore's way back
        assert (saves.profile_dir("alex-sam") / "backups" / f"archive-{chunk.name}").read_bytes() == chunk.read_bytes()

    reader = ProfileReader(saves, "alex-sam")
    expected = answers_in_games(reader)
    assert max(len(a) for a in expected.values()) > KEEP_ANSWERS + 3
    for (subject, question_id), answers in expected.items():
        assert [a.value for a in reader.history_of(subject, question_id)] == answers
    months = reader.months()
    assert len(months) > KEEP_MONTHS + 1
    assert len({m.key for m in months}) == len(months)
    assert sum(m.total.rounds for m in months) == reader.state.aggregates.total.rounds == 40 * 8
    exported = json.loads(export_json(reader, library, T0))
    assert len(exported["stats"]["trend"]["discoveries_by_month"]) == len(months)
    assert sum(len(e["history"]) for m in exported["love_maps"] for e in m["entries"]) == sum(
        len(a) for a in expected.values()
    )


def test_state_json_does_not_grow_with_years(tmp_path, saves, clock):
    library = one_kind_library(tmp_path, "scale")
    with saves.create(make_couple()) as profile:
        # A bit over a year: every month and recent game kept is there.
        play(profile, library, clock, games=RECENT_GAMES + 2, days=20)
        early = (profile.dir / "state.json").stat().st_size
        play(profile, library, clock, games=30, days=30)  # three and a half years in all
        late = (profile.dir / "state.json").stat().st_size
    assert late <= 1.3 * early


def test_past_month_files_are_backed_up_once(tmp_path, saves, clock):
    library = one_kind_library(tmp_path, "scale")
    with saves.create(make_couple()) as profile:
        play(profile, library, clock, games=12, days=6)  # three months, several games each
    backups = sorted(p.name for p in (saves.profile_dir("alex-sam") / "backups").glob("history-*"))
    months = sorted(p.name for p in (saves.profile_dir("alex-sam") / "history").iterdir())
    # Each past month whole (copied once, when the next began); the current one as
    # it was before its latest game (restore's way back for a damaged month).
    assert backups == [f"history-{m}" for m in months]
    for name in months:
        same = (saves.profile_dir("alex-sam") / "backups" / f"history-{name}").read_bytes() == (
            saves.profile_dir("alex-sam") / "history" / name
        ).read_bytes()
        assert same is (name != months[-1]), name


def test_the_welcome_line_comes_from_the_summary_alone(saves, library, clock, monkeypatch):
    with saves.create(make_couple()) as profile:
        play_one(profile, library, clock).finish()
        GameSession(profile, library, clock=clock).start(seed=3)
    read = []
    real = atomic.read_json
    monkeypatch.setattr(atomic, "read_json", lambda p: (read.append(p.name), real(p))[1])
    fresh = type(saves)(saves.root)
    assert fresh.couple_summaries() == [("alex-sam", "Alex & Sam · 1 game · a game is waiting", None)]
    assert read == ["summary.json"]
    fresh.couple_summaries()
    assert read == ["summary.json"]  # a second welcome reads nothing again


def play_one(profile, library, clock):
    session = GameSession(profile, library, clock=clock)
    session.start(rounds=2, seed=1)
    play_rounds(session, first_value)
    return session


def finished_game_ready(profile, library, clock):
    session = GameSession(profile, library, clock=clock)
    session.start(rounds=2, seed=7)
    for i in range(2):
        question = session.question(session.round.question_id)
        session.answer(first_value(question))
        session.guess(first_value(question), Confidence.SURE)
        session.reveal()
        if i == 0:
            session.next_round()
    return session


@pytest.mark.parametrize("failing_write", range(4))
def test_a_failed_filing_retried_counts_the_game_once(saves, library, clock, monkeypatch, failing_write):
    """Disk full at each write of the filing in turn; then retry, then reload."""
    with saves.create(make_couple()) as profile:
        play_one(profile, library, clock).finish()
        session = finished_game_ready(profile, library, clock)
        calls = []
        real = atomic.atomic_write

        def disk_full(path, data, durable=True):
            calls.append(path.name)
            if len(calls) - 1 == failing_write:
                raise SaveFailed(path, OSError(28, "No space left on device"))
            real(path, data, durable)

        monkeypatch.setattr(atomic, "atomic_write", disk_full)
        try:
            session.finish()
        except SaveFailed:
            pass
        monkeypatch.undo()
        if session.game is not None:  # the failure left it in play, as on disk: finish again
            assert profile.state.aggregates.games == 1
            session.finish()
        assert profile.state.aggregates.games == 2
        assert consistent(profile) == 2
    with saves.open("alex-sam") as again:
        assert again.state.aggregates.games == 2 and again.state.active_game is None
        assert consistent(again) == 2


def test_an_export_taken_while_a_game_is_filed_is_consistent(saves, library, clock, monkeypatch):
    with saves.create(make_couple()) as profile:
        play_one(profile, library, clock).finish()
        session = finished_game_ready(profile, library, clock)
        seen = []
        real = atomic.atomic_write

        def export_between(path, data, durable=True):
            real(path, data, durable)
            reader = ProfileReader(saves, "alex-sam")  # another process, reading now
            data_out = json.loads(export_json(reader, library, T0))
            in_progress = data_out["game_in_progress"]
            ids = [g["id"] for g in data_out["games"]]
            assert in_progress is None or in_progress["id"] not in ids
            assert data_out["stats"]["games"] == len(ids)
            seen.append(len(ids))

        monkeypatch.setattr("nuzzle_game.store.atomic.atomic_write", export_between)
        session.finish()
    assert seen[0] == 1 and seen[-1] == 2


def test_a_version_3_save_is_trimmed_on_upgrade_and_keeps_every_answer(tmp_path):
    import shutil
    from pathlib import Path

    from nuzzle_game.store.folder import SaveFolder

    root = tmp_path / "saves"
    shutil.copytree(Path(__file__).parent / "fixtures" / "saves" / "v3", root / "v3")
    state_file = root / "v3" / "state.json"
    tables = json.loads(state_file.read_text())
    question_id, entry = next(iter(tables["love_maps"]["1"]["entries"].items()))
    old = entry["history"][-1]
    entry["history"] = [
        {
            **old,
            "value": old["value"],
            "at": f"2025-0{i + 1}-01T20:00:00Z",
            "confirmed_at": f"2025-0{i + 1}-02T20:00:00Z",
        }
        for i in range(4)
    ] + entry["history"]
    total = len(entry["history"])
    state_file.write_text(json.dumps(tables))
    with SaveFolder(root).open("v3") as profile:
        assert len(profile.history_of(0, question_id)) == total
    saved = json.loads(state_file.read_text())
    assert saved["meta"]["1"]["schema"] == SCHEMA_VERSION
    base = json.loads((root / "v3" / "lovemaps.json").read_text()) if saved["meta"]["1"]["lovemaps"] else {}
    entries = {**base.get("love_maps", {}).get("1", {}).get("entries", {}), **saved["love_map_changes"]["1"]["entries"]}
    assert len(entries[question_id]["history"]) == KEEP_ANSWERS
    assert len(ProfileReader(SaveFolder(root), "v3").history_of(0, question_id)) == total


class Killed(BaseException):
    """The process dies here: nothing after this instant runs (no store code catches it)."""


def _love_maps(state):
    return [(m.entries, m.passed) for m in state.love_maps]


@pytest.mark.parametrize("at_close", [False, True], ids=["filing", "closing"])
@pytest.mark.parametrize("dies_before", range(7))
def test_a_kill_at_any_write_of_the_love_maps_base_loses_nothing(
    tmp_path, saves, library, clock, monkeypatch, at_close, dies_before
):
    """Writing the base again (lovemaps.json, then state.json with no changes) as a
    game is filed or the profile closes: killed before each write in turn, the save
    loads with every filed answer, none applied twice."""
    from nuzzle_game.store import profile as store_profile

    with saves.create(make_couple()) as profile:
        scale = one_kind_library(tmp_path, "scale")
        monkeypatch.setattr(store_profile, "COMPACT_ENTRIES", 1)
        play(profile, scale, clock, games=1)  # a base
        monkeypatch.setattr(store_profile, "COMPACT_ENTRIES", 10_000)
        play(profile, scale, clock, games=1)  # and changes on it, in state.json
        assert json.loads((profile.dir / "state.json").read_text())["love_map_changes"]["1"]["entries"]
        monkeypatch.setattr(store_profile, "COMPACT_ENTRIES", 10_000 if at_close else 1)
        monkeypatch.setattr(store_profile, "COMPACT_ON_CLOSE", 1)
        session = finished_game_ready(profile, library, clock)
        writes = []
        real = atomic.atomic_write

        def dying(path, data, durable=True):
            if len(writes) == dies_before:
                raise Killed
            writes.append(path.name)
            real(path, data, durable)

        monkeypatch.setattr(atomic, "atomic_write", dying)
        try:
            if at_close:
                monkeypatch.setattr(atomic, "atomic_write", real)
                session.finish()
                monkeypatch.setattr(atomic, "atomic_write", dying)
                expected = _love_maps(profile.state)
                profile.close()
            else:
                expected = _love_maps(profile.state)  # the game's rounds are in it already
                session.finish()
        except Killed:
            pass
        finally:
            profile._lock.release()  # the process is gone, and its lock with it
        monkeypatch.setattr(atomic, "atomic_write", real)
    assert "lovemaps.json" in writes or len(writes) == dies_before
    with saves.open("alex-sam") as again:
        assert _love_maps(again.state) == expected
        assert again.state.aggregates.total.rounds == 2 * 8 + 2
        assert consistent(again) in (2, 3)
        if again.state.active_game is not None:  # killed before state.json marked it filed
            GameSession(again, library, clock=clock).finish()
        assert again.state.aggregates.games == 3 and consistent(again) == 3
        assert _love_maps(again.state) == expected


def test_closing_in_the_middle_of_a_game_never_puts_its_rounds_in_the_base(tmp_path, saves, clock, monkeypatch):
    """Revealed rounds of the game in progress are in the love maps in memory, not in
    state.json (a load replays them from game.json): the base written at closing
    must not hold them, or the next load would apply them twice."""
    from nuzzle_game.store import profile as store_profile

    monkeypatch.setattr(store_profile, "COMPACT_ON_CLOSE", 1)
    scale = one_kind_library(tmp_path, "scale")
    with saves.create(make_couple()) as profile:
        play(profile, scale, clock, games=1)
        session = GameSession(profile, scale, clock=clock)
        session.start(rounds=3, seed=5)
        for _ in range(3):  # each answer new: every reveal changes an entry
            question = session.question(session.round.question_id)
            session.answer(question.scale.hi)
            session.guess(question.scale.lo, Confidence.SURE)
            session.reveal()
            if not session.game.over:
                session.next_round()
        expected = _love_maps(profile.state)
        rounds = profile.state.aggregates.total.rounds
    base = saves.profile_dir("alex-sam") / "lovemaps.json"
    assert not base.exists()  # nothing written at closing: the changes stay in state.json
    with saves.open("alex-sam") as again:
        assert _love_maps(again.state) == expected
        assert again.state.aggregates.total.rounds == rounds == 8 + 3
        GameSession(again, scale, clock=clock).finish()  # ends the game: now state.json holds it all
        expected = _love_maps(again.state)
    assert base.exists()  # written at closing, now that it may be
    with saves.open("alex-sam") as last:
        assert _love_maps(last.state) == expected
        assert last.state.aggregates.total.rounds == 8 + 3


def test_a_look_at_a_couple_after_a_kill_keeps_every_stat(tmp_path, saves, clock):
    """Killed after filing (no close, so no base written), then opened and closed with
    nothing saved: the base written at that close keeps state.json's other tables."""
    profile = saves.create(make_couple())
    play(profile, one_kind_library(tmp_path, "scale"), clock, games=5)
    games, pending = profile.state.aggregates.games, profile._pending.model_dump()
    assert len(profile._journal.changed) >= COMPACT_ON_CLOSE
    profile._lock.release()  # killed: close() never ran
    with saves.open("alex-sam") as looked_at:  # the home, then quit
        assert looked_at.state.aggregates.games == games
    assert (saves.profile_dir("alex-sam") / "lovemaps.json").exists(), "the close wrote a base"
    with saves.open("alex-sam") as again:
        assert again.state.aggregates.games == games and again.state.aggregates.total.rounds
        assert again._pending.model_dump() == pending
    summary = json.loads((saves.profile_dir("alex-sam") / "summary.json").read_text())
    assert saves.couple_summaries()[0][1].startswith(f"Alex & Sam · {games} games")
    assert summary["state"][1] == (saves.profile_dir("alex-sam") / "state.json").stat().st_size, (
        "the welcome's line names the state.json the close wrote"
    )
