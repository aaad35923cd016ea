"""Sensitive answers follow the opt-in (DESIGN §1, §6): one filter, every place.

When either partner switches the sensitive deck off, its answers disappear from
the love map, things that changed, stats and export; they come back when both
opt in again.
"""

from __future__ import annotations

import json

import pytest
from conftest import T0, make_couple
from textual.widgets import DataTable, OptionList, Static
from ui_driver import SIZE, make_app, screen_text, wait_for

from nuzzle_game.cli.export import export_json, export_markdown
from nuzzle_game.core.models import Confidence, Player
from nuzzle_game.core.unlocks import visibility
from nuzzle_game.play.session import GameSession
from nuzzle_game.store.deck_files import load_decks
from nuzzle_game.store.profile import ProfileReader
from nuzzle_game.ui.screens.changes import ChangesScreen
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.screens.lovemap import LoveMapScreen
from nuzzle_game.ui.screens.stats import StatsScreen
from nuzzle_game.ui.screens.welcome import WelcomeScreen

PLAIN = """
id = "plain"
title = "Plain"
description = "Everyday things."
[[questions]]
id = "plain.walk"
kind = "choice"
dimension = "experiential"
depth = 1
text = "Which walk these days?"
options = ["Riverside", "Hilltop"]
[[questions]]
id = "plain.tea"
kind = "choice"
dimension = "emotional"
depth = 1
text = "Which tea this week?"
options = ["Mint", "Jasmine"]
"""

SECRET = """
id = "secret"
title = "Secret"
description = "Intimate things."
sensitive = true
unlock = { type = "opt_in" }
[[questions]]
id = "secret.one"
kind = "choice"
dimension = "physical"
depth = 1
text = "Whispered question one?"
options = ["Velvet", "Candle"]
[[questions]]
id = "secret.two"
kind = "choice"
dimension = "physical"
depth = 1
text = "Whispered question two?"
options = ["Velvet", "Candle"]
"""

HIDDEN_WORDS = ("Whispered", "Velvet", "Candle", "secret.one", "secret.two")


@pytest.fixture
def tiny_library(tmp_path):
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "a.toml").write_text(PLAIN)
    (folder / "b.toml").write_text(SECRET)
    return load_decks([folder])


def play(session, first: bool) -> None:
    """One game of every question; answers the first option or the second."""
    session.start(rounds=4, seed=1)
    while True:
        question = session.question(session.round.question_id)
        answer = question.options[0 if first else 1]
        session.answer(answer)
        session.guess(question.options[0], Confidence.SURE)
        session.reveal()
        if session.game.over:
            break
        session.next_round()
    session.finish()


@pytest.fixture
def folder(saves, tiny_library, clock):
    """Four games over every question, answers changing each game; then Sam opts out."""
    profile = saves.create(make_couple(opted=(True, True)))
    with profile:
        session = GameSession(profile, tiny_library, clock=clock)
        for number in range(4):
            play(session, first=number % 2 == 0)
            clock.advance(days=60)
        changed = {e.question_id for m in profile.state.love_maps for e in m.entries.values() if e.changed}
        assert changed == {"plain.walk", "plain.tea", "secret.one", "secret.two"}
        opt(profile, sam=False)
    return saves


def opt(profile, sam: bool) -> None:
    couple = profile.state.couple
    players = (couple.players[0], Player(name=couple.players[1].name, opted_in=sam))
    profile.update_couple(couple.model_copy(update={"players": players}))


def test_the_filter_hides_sensitive_entries(folder, tiny_library):
    state = ProfileReader(folder, "alex-sam").state
    shown = visibility(tiny_library.decks, state.couple)
    assert shown.hidden == {"secret.one", "secret.two"}
    for love_map in shown.love_maps(state.love_maps):
        assert set(love_map.entries) == {"plain.walk", "plain.tea"}
    both = state.couple.model_copy(
        update={"players": tuple(p.model_copy(update={"opted_in": True}) for p in state.couple.players)}
    )
    assert not visibility(tiny_library.decks, both).hidden


def test_export_json_hides_them_and_counts_without_them(folder, tiny_library):
    text = export_json(ProfileReader(folder, "alex-sam"), tiny_library, T0)
    assert not [w for w in HIDDEN_WORDS if w in text]
    data = json.loads(text)
    assert data["stats"]["rounds"] == 8 and data["stats"]["games"] == 4
    assert all(len(g["rounds"]) == 2 for g in data["games"])


def test_export_md_hides_them(folder, tiny_library):
    text = export_markdown(ProfileReader(folder, "alex-sam"), tiny_library, T0)
    assert not [w for w in HIDDEN_WORDS if w in text]
    assert "Which walk these days?" in text and "Rounds: 8," in text


def test_they_come_back_when_both_opt_in_again(folder, tiny_library):
    with folder.open("alex-sam") as profile:
        opt(profile, sam=True)
    reader = ProfileReader(folder, "alex-sam")
    text = export_json(reader, tiny_library, T0) + export_markdown(reader, tiny_library, T0)
    assert all(w in text for w in HIDDEN_WORDS)
    assert json.loads(export_json(reader, tiny_library, T0))["stats"]["rounds"] == 16


async def open_screen(app, pilot, key, screen):
    await wait_for(pilot, WelcomeScreen)
    await pilot.press("enter")
    await wait_for(pilot, HomeScreen)
    app.show(key)
    await wait_for(pilot, screen)
    await pilot.pause()


def table_text(app) -> str:
    return "\n".join(
        " ".join(str(c) for c in table.get_row_at(i))
        for table in app.screen.query(DataTable)
        for i in range(table.row_count)
    )


async def test_love_map_screen_hides_them(folder, tiny_library, clock):
    app = make_app(folder.root, tiny_library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(app, pilot, "lovemap", LoveMapScreen)
        text = table_text(app) + screen_text(app)
        assert "Which walk these days?" in text
        assert not [w for w in HIDDEN_WORDS if w in text]
        # The counts leave them out too: no physical question is open or known.
        assert "physical 0 of 0" in table_text(app)


async def test_changes_screen_hides_them(folder, tiny_library, clock):
    app = make_app(folder.root, tiny_library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(app, pilot, "changes", ChangesScreen)
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        text += "\n".join(str(o.prompt) for o in app.screen.query_one(OptionList).options)
        assert "Which walk these days?" in text
        assert not [w for w in HIDDEN_WORDS if w in text]


async def test_changes_talked_about_stay_hidden_too(folder, tiny_library, clock):
    """Marked "we talked about it" while both opted in, a sensitive change stays out of
    the talked-about group (unfolded) once one of them opts out."""
    from nuzzle_game.core.talk import mark_talked

    with folder.open("alex-sam") as profile:
        for subject, love_map in enumerate(profile.state.love_maps):
            for question_id in love_map.entries:
                mark_talked(profile.state, subject, question_id, True, clock())
        profile.save_state()
    app = make_app(folder.root, tiny_library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(app, pilot, "changes", ChangesScreen)
        await pilot.press("f")  # unfold the talked-about group
        await pilot.pause()
        options = app.screen.query_one(OptionList).options
        text = "\n".join(str(o.prompt) for o in options)
        assert "Talked about (2)" in text and "Which walk these days?" in text
        assert not [w for w in HIDDEN_WORDS if w in text]


async def test_stats_screen_counts_without_them(folder, tiny_library, clock):
    app = make_app(folder.root, tiny_library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(app, pilot, "stats", StatsScreen)
        assert "of your 8 rounds" in screen_text(app) and "4 games:" in screen_text(app)
        calibration = str(app.screen.query_one("#calibration", Static).render())
        physical = [line for line in calibration.splitlines() if line.startswith("physical")]
        # No physical round counted for either guesser: no confidence, no accuracy.
        assert len(physical) == 2 and all(line.count("—") == 2 for line in physical), physical
