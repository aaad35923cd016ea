"""Bad and unusual input: generated deck files, markup, scripts, long answers, small
terminals, and a save folder that refuses writes."""

from __future__ import annotations

import json
import math
import unicodedata

from conftest import T0
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Button, Input, RadioButton
from ui_driver import (
    SIZE,
    couple_on_disk,
    create_couple,
    make_app,
    open_couple,
    pick,
    play_round,
    record_notices,
    screen_text,
    start,
    to_answer_screen,
    to_guess_screen,
    wait_for,
    wait_until,
)

from nuzzle_game.cli.export import export_json, export_markdown
from nuzzle_game.core.decks import BrokenDeck, Deck
from nuzzle_game.core.models import Confidence, Couple, Player, Verdict
from nuzzle_game.play.session import GameSession
from nuzzle_game.store import atomic
from nuzzle_game.store.deck_files import load_decks, parse_deck
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.store.profile import ProfileReader
from nuzzle_game.ui.screens.answer import AnswerScreen
from nuzzle_game.ui.screens.handoff import HandoffScreen
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.screens.reveal import RevealScreen, VerdictScreen

# ------------------------------------------------------- generated deck files

KEYS = st.sampled_from(
    [
        "id",
        "title",
        "description",
        "unlock",
        "sensitive",
        "questions",
        "kind",
        "dimension",
        "depth",
        "text",
        "options",
        "items",
        "scale",
        "type",
        "count",
        "lo",
        "hi",
        "x",
    ]
) | st.text(min_size=1, max_size=8)
SCALARS = (
    st.text(max_size=20)
    | st.integers(-5, 10**6)
    | st.booleans()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["choice", "multi", "scale", "rank", "text", "emotional", "always", "games"])
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5),
    max_leaves=25,
)


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if not isinstance(value, float) or math.isfinite(value) else "0"
    if isinstance(value, str):
        return json.dumps(value)  # a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def toml_document(data: dict) -> str:
    return "\n".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in data.items())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(KEYS, VALUES, max_size=8))
def test_valid_toml_of_any_shape_loads_or_is_reported(tmp_path, data):
    path = tmp_path / "deck.toml"
    path.write_text(toml_document(data), encoding="utf-8")
    result = parse_deck(path)  # never raises
    assert isinstance(result, (Deck, BrokenDeck))
    if isinstance(result, BrokenDeck):
        assert result.problems and all(str(path) in str(p) for p in result.problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_random_bytes_are_reported_not_raised(tmp_path, raw):
    path = tmp_path / "deck.toml"
    path.write_bytes(raw)
    assert isinstance(parse_deck(path), (Deck, BrokenDeck))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(KEYS, VALUES, max_size=6))
def test_the_validate_command_never_tracebacks(tmp_path, capsys, data):
    from nuzzle_game.cli.main import main
    from nuzzle_game.store.deck_files import validate

    path = tmp_path / "deck.toml"
    path.write_text(toml_document(data), encoding="utf-8")
    problems = validate([path])
    code = main(["decks", "validate", str(path)])
    out, err = capsys.readouterr()
    # Exactly what validate() finds, each problem on its own line (a control
    # character in it shown as a code): no crash turned into an "unexpected
    # error", no traceback.
    from nuzzle_game.core.text import printable

    assert code == (1 if problems else 0), out + err
    assert "Traceback" not in out + err and "unexpected error" not in out + err
    for problem in problems:
        assert printable(str(problem)) in out + err


# -------------------------------------------------------------------- markup

MARKUP_NAMES = ("[bold]Al[/]", "[link=x]Sam")
MARKUP_DECK = """
id = "marked"
title = "[b]Marked[/b]"
description = "Deck text with [red]markup[/red]."
unlock = { type = "always" }
""" + "".join(
    f'''
[[questions]]
id = "m.{i}"
kind = "choice"
dimension = "{d}"
depth = {1 + i % 3}
text = "Is [bold]this[/bold] shown as typed, question {i}?"
options = ["[red]yes[/red]", "no [/]", "[link=https://x]maybe[/link]"]
follow_up = "Ask about [i]it[/i]."
'''
    for i, d in enumerate(["emotional", "physical", "intellectual", "experiential", "spiritual"] * 2)
)


async def test_markup_in_names_and_deck_text_is_shown_literally(tmp_path, clock):
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "m.toml").write_text(MARKUP_DECK)
    library = load_decks([decks])
    assert not library.broken
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await create_couple(pilot, *MARKUP_NAMES)
        await wait_for(pilot, HomeScreen)
        assert f"{MARKUP_NAMES[0]} & {MARKUP_NAMES[1]}" in screen_text(app)
        await start(pilot)
        await wait_for(pilot, HandoffScreen)
        assert "your turn to answer" in screen_text(app)
        assert any(name in screen_text(app) for name in MARKUP_NAMES)
        assert any(name in str(b.label) for b in app.screen.query(Button) for name in MARKUP_NAMES)
        await pilot.press("enter")
        await wait_for(pilot, AnswerScreen)
        assert "Is [bold]this[/bold] shown as typed" in screen_text(app)
        labels = [str(b.label) for b in app.screen.query(RadioButton)]
        assert labels == ["[red]yes[/red]", "no [/]", "[link=https://x]maybe[/link]"]
        await pilot.press("down", "enter", "ctrl+s")
        await to_guess_screen(pilot)
        await pilot.press("down", "enter")
        app.screen.query_one("#confidence").focus()
        await pilot.press("enter", "ctrl+s")
        await wait_for(pilot, RevealScreen)
        text = screen_text(app)
        assert "no [/]" in text and "Ask about [i]it[/i]." in text


async def test_markup_in_a_text_answer_is_shown_literally(tmp_path, library, clock):
    from test_ui_privacy import one_kind_library

    library = one_kind_library(tmp_path, "text")
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        reveal = await play_round(pilot, text_answer="[bold]loud[/bold] [/]", text_guess="[link=x]quiet")
        assert "[bold]loud[/bold] [/]" in reveal and "[link=x]quiet" in reveal


# ------------------------------------------------------------ many scripts

NAMES = ("Zoë 🌸", "李小龍")
ANSWERS = ["שלום עולם — ‏مرحبا", "e\u0301te\u0301 à Montréal 🏔️", "水を飲む 🍵", "🧗‍♀️👩‍❤️‍👨"]
# Saved in one canonical form (NFC): "été" typed decomposed is the same answer.
SAVED = {unicodedata.normalize("NFC", answer) for answer in ANSWERS}


def test_unicode_round_trips_through_saves_and_export(tmp_path, library, clock):
    from test_ui_privacy import one_kind_library

    text_library = one_kind_library(tmp_path, "text")
    folder = SaveFolder(tmp_path / "saves")
    couple = Couple(profile="unicode", players=(Player(name=NAMES[0]), Player(name=NAMES[1])), created_at=T0)
    with folder.create(couple) as profile:
        session = GameSession(profile, text_library, clock=clock)
        session.start(rounds=len(ANSWERS), seed=1)
        for answer in ANSWERS:
            session.answer(answer)
            session.guess(answer, Confidence.SURE)
            session.reveal(Verdict.SPOT_ON)
            if not session.game.over:
                session.next_round()
        session.finish()
    reader = ProfileReader(folder, "unicode")
    assert [p.name for p in reader.state.couple.players] == list(NAMES)
    saved = {e.current.value for m in reader.state.love_maps for e in m.entries.values()}
    assert saved == SAVED
    data = json.loads(export_json(reader, text_library, T0))
    assert [p["name"] for p in data["couple"]["players"]] == list(NAMES)
    exported = {e["current"] for m in data["love_maps"] for e in m["entries"]}
    assert exported == SAVED
    markdown = export_markdown(reader, text_library, T0)
    assert all(answer in markdown for answer in SAVED) and all(n in markdown for n in NAMES)


async def test_a_very_long_answer_wraps_and_saves(tmp_path, clock):
    from test_ui_privacy import one_kind_library

    long_answer = " ".join(f"word{i}" for i in range(330))[:2000]
    library = one_kind_library(tmp_path, "text")
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        await to_answer_screen(pilot)
        app.screen.query_one(Input).value = long_answer
        await pilot.press("ctrl+s")
        await to_guess_screen(pilot)
        await pilot.press(*"words")
        app.screen.query_one("#confidence").focus()
        await pilot.press("enter", "ctrl+s")
        await wait_for(pilot, VerdictScreen)
        await pilot.press("ctrl+s")
        await wait_for(pilot, RevealScreen)
        shown = app.screen.query_one("#the-answer")
        assert shown.size.height > 10 and shown.size.width <= 80  # wrapped, not cut
        assert str(shown.render()) == long_answer
    saved = json.loads((tmp_path / "saves" / "alex-sam" / "game.json").read_text())
    assert long_answer in json.dumps(saved, ensure_ascii=False)


# ------------------------------------------------------------ small terminal


async def test_shrinking_the_terminal_mid_round_loses_nothing(tmp_path, library, clock):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        kind = await to_answer_screen(pilot)
        await pick(pilot, kind, 1, "still here")
        before = app.screen.query_one("#answer-input").value
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert app.size == (60, 20)
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert app.screen.query_one("#answer-input").value == before
        await pilot.press("ctrl+s")
        await wait_for(pilot, HandoffScreen)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert "your turn to guess" in screen_text(app)
        await pilot.resize_terminal(*SIZE)
    reopened = SaveFolder(tmp_path / "saves").open("alex-sam")
    assert reopened.state.active_game.rounds[0].answer == before
    reopened.close()


# ------------------------------------------------------- a folder that says no


async def test_a_full_disk_mid_game_gives_a_clear_message_and_keeps_what_was_saved(
    tmp_path, library, clock, monkeypatch
):
    couple_on_disk(tmp_path / "saves", library, clock)
    app = make_app(tmp_path / "saves", library, clock)
    messages = record_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        await play_round(pilot)
        saved_rounds = app.session.game.revealed

        def full(*_):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(atomic.os, "replace", full)
        await to_answer_screen(pilot)
        await pick(pilot, app.screen.question.kind, 0)
        await pilot.press("ctrl+s")
        await wait_for(pilot, HomeScreen)
        await wait_until(pilot, lambda: messages, "the message")
        assert any("No space left on device" in m and "intact" in m for m in messages), messages
        assert isinstance(app.screen, HomeScreen)
    monkeypatch.undo()
    reopened = SaveFolder(tmp_path / "saves").open("alex-sam")
    assert reopened.state.active_game.revealed == saved_rounds == 1
    reopened.close()


def test_cli_on_a_folder_that_refuses_writes(tmp_path, library, capsys, monkeypatch):
    from nuzzle_game.cli.main import main

    monkeypatch.setattr(atomic.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(30, "Read-only file system")))
    code = main(["--saves", str(tmp_path / "saves"), "demo", "--profile", "ro", "--players", "A,B", "--games", "1"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Read-only file system" in err
