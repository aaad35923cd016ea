"""The demo and the export over years of play (DESIGN §8): a demo killed mid-game
loses that game only, finishes its own game next time, refuses a real one and a
damaged month without changing anything, and writes little per game; the
Markdown export escapes what players wrote."""

from collections import Counter
from datetime import timedelta

import pytest
from conftest import T0, Clock
from helpers import consistent, first_value
from test_ui_privacy import one_kind_library

from nuzzle_game.cli.demo import SimulatedStore, run_demo
from nuzzle_game.cli.export import export_markdown, md
from nuzzle_game.core.models import Confidence
from nuzzle_game.play.session import GameSession
from nuzzle_game.store import atomic
from nuzzle_game.store.errors import CorruptSave, SaveError
from nuzzle_game.store.profile import ProfileReader


def test_markdown_is_escaped_and_never_carries_control_codes():
    assert md("*bold* _it_ a|b `code` [x](y) # h") == r"\*bold\* \_it\_ a\|b \`code\` \[x\](y) \# h"
    escaped = md("title\x1b]0;owned\x07 and\nnext\tline")
    assert "\x1b" not in escaped and "\x07" not in escaped and "\n" not in escaped and "\t" not in escaped
    assert "x1b" in escaped


def test_markdown_export_escapes_what_players_wrote(tmp_path, clock):
    from nuzzle_game.core.models import Couple, Player
    from nuzzle_game.store.folder import SaveFolder

    library = one_kind_library(tmp_path, "text")
    folder = SaveFolder(tmp_path / "saves")
    couple = Couple(profile="md", players=(Player(name="Al*ex"), Player(name="Sam_")), created_at=clock())
    with folder.create(couple) as profile:
        session = GameSession(profile, library, clock=clock)
        session.start(rounds=1, seed=1)
        session.answer("| **loud** `tick` [link](x)")
        session.guess("quiet", Confidence.SURE)
        session.reveal()
        session.finish()
    markdown = export_markdown(ProfileReader(folder, "md"), library, T0)
    assert r"\| \*\*loud\*\* \`tick\` \[link\](x)" in markdown
    assert "# Nuzzle: Al\\*ex & Sam\\_" in markdown
    assert "**loud**" not in markdown


def test_a_demo_killed_mid_game_loses_that_game_only(saves, library):
    run_demo(saves, library, "d", ("Alex", "Sam"), 2, seed=1, clock=Clock()).close()
    folder = saves.profile_dir("d")
    with saves.open("d") as profile:  # as if the demo was killed mid-game
        session = GameSession(
            SimulatedStore(profile), library, clock=lambda: profile.state.aggregates.recent_games[-1].at
        )
        session.start(seed=9)
        while (round_ := session.resume()) is not None and round_.index < 3:
            session.answer(first_value(session.question(round_.question_id)))
            session.guess(first_value(session.question(round_.question_id)), "sure")
            session.reveal(session.proposed_verdict())
        on_disk = {p.name: p.read_bytes() for p in folder.rglob("*.json")}
    # Nothing of the game in play was written: the save is the one after the last game filed.
    assert {p.name: p.read_bytes() for p in folder.rglob("*.json")} == on_disk
    with saves.open("d") as profile:
        assert profile.state.active_game is None
        assert profile.state.aggregates.games == 2
        assert consistent(profile) == 2
    with run_demo(saves, library, "d", ("Alex", "Sam"), 2, seed=2, clock=Clock()) as profile:
        assert profile.state.aggregates.games == 4
        assert consistent(profile) == 4


def test_the_next_demo_finishes_the_game_an_older_demo_left_in_progress(saves, library):
    run_demo(saves, library, "d", ("Alex", "Sam"), 2, seed=1, clock=Clock()).close()
    with saves.open("d") as profile:  # older demos saved their game, marked, when it started
        session = GameSession(profile, library, clock=lambda: profile.state.aggregates.recent_games[-1].at)
        session.start(seed=9)
        profile.save_game(simulated=True)
        started = session.game.id
    with run_demo(saves, library, "d", ("Alex", "Sam"), 2, seed=2, clock=Clock()) as profile:
        assert profile.state.active_game is None
        assert profile.state.aggregates.games == 5
        assert started in [g.id for g in profile.games()]
        assert consistent(profile) == 5


def test_the_demo_refuses_a_real_game_in_progress_and_changes_nothing(saves, library, clock):
    run_demo(saves, library, "d", ("Alex", "Sam"), 1, seed=1, clock=Clock()).close()
    with saves.open("d") as profile:
        GameSession(profile, library, clock=clock).start(seed=1)
    folder = saves.profile_dir("d")
    before = {p: p.read_bytes() for p in (folder / "state.json", folder / "game.json")}
    with pytest.raises(SaveError, match="game in progress"):
        run_demo(saves, library, "d", ("Alex", "Sam"), 1, seed=2, clock=Clock())
    assert {p: p.read_bytes() for p in before} == before


def test_a_demo_that_meets_a_damaged_month_changes_nothing(saves, library):
    with run_demo(saves, library, "d", ("Alex", "Sam"), 1, seed=1, clock=Clock()) as profile:
        next_day = profile.state.aggregates.recent_games[-1].at + timedelta(days=1)
    folder = saves.profile_dir("d")
    (folder / "history" / f"{next_day:%Y-%m}.json").write_bytes(b"{broken")  # where the next game goes
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    with pytest.raises(CorruptSave, match="Nothing was changed"):
        run_demo(saves, library, "d", ("Alex", "Sam"), 1, seed=2, clock=Clock())
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert after == before


def test_the_demo_writes_little_per_game(saves, library, monkeypatch):
    written = Counter()
    real = atomic.atomic_write

    def counting(path, data, durable=True):
        written[path.name] += 1
        assert not durable  # a simulated game is not fsynced
        real(path, data, durable)

    run_demo(saves, library, "d", ("Alex", "Sam"), 1, seed=1, clock=Clock()).close()
    monkeypatch.setattr(atomic, "atomic_write", counting)
    run_demo(saves, library, "d", ("Alex", "Sam"), 10, seed=2, clock=Clock()).close()
    assert written["game.json"] == 0  # nothing while a game is played; no game to clear after it
    # Once per game filed, and once more each time the love maps' base is written
    # again (at most once in ten games, and when the profile closes).
    assert 1 <= written["lovemaps.json"] <= 2
    assert written["state.json"] == 10 + written["lovemaps.json"]
    # Once, at the end; again if closing wrote the base (the line names state.json).
    assert 1 <= written["summary.json"] <= 2
    history = [name for name in written if name[:1].isdigit()]
    assert sum(written[name] for name in history) == 10  # each game written once in its month
    # A past month's backup is kept once that month is over, never before each game.
    assert sum(written[name] for name in written if name.startswith("history-")) <= len(history)
