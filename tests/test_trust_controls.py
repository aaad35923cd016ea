"""Text from a seat never drives a terminal: answers and guesses hold no control
characters, on the wire, in the UI and in a save; what reaches a terminal is escaped.

    .venv/bin/python -m pytest tests/test_trust_controls.py
"""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
from conftest import Clock, make_couple
from helpers import q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from table_support import TIMEOUT, Seat, new_profile, open_table

from nuzzle_game.cli.main import main
from nuzzle_game.core.models import Confidence
from nuzzle_game.play.moves import ReadMove, VerdictMove
from nuzzle_game.play.session import GameSession
from nuzzle_game.store import profile as store_profile
from nuzzle_game.store.deck_files import load_decks
from nuzzle_game.store.errors import CorruptSave
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.store.profile import ProfileReader
from nuzzle_game.table import connection as conn
from nuzzle_game.table.wire import Bye, ErrorReply, SeatUpdate, Start

CONTROLS = st.sampled_from([chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)] if chr(c) not in "\t\n"])
# What a hostile seat would send: a window title, the clipboard, a cleared screen.
SEQUENCES = st.sampled_from(["\x1b]2;owned\x07", "\x1b]52;c;cm0gLXJmIH4=\x07", "\x1b[2J", "\x9b2J", "\x9d0;x\x9c"])
TEXTS = st.lists(st.text(max_size=6) | SEQUENCES | CONTROLS, min_size=1, max_size=4).map("".join)


def is_plain(text: str) -> bool:
    return not any(unicodedata.category(c) == "Cc" and c not in "\t\n" for c in text)


def strings(data):
    """Every string in a JSON document, keys included."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from strings(item)


# ------------------------------------------------------------- check_value


@given(st.text(max_size=10), CONTROLS | SEQUENCES, st.text(max_size=10))
def test_a_typed_answer_or_guess_with_a_control_character_is_refused_in_words(before, control, after):
    with pytest.raises(ValueError, match="plain text") as refused:
        q("text").check_value(f"word {before}{control}{after} word")
    assert is_plain(str(refused.value))


def test_tabs_and_line_breaks_are_kept():
    assert q("text").check_value("two lines\nand\ta tab") == "two lines\nand\ta tab"


# ------------------------------------------------------------- the saves

TEXT_DECK = """
id = "typed"
title = "Typed"
description = "Only questions answered in words."
unlock = { type = "always" }
checkin = true
""" + "".join(
    f"""
[[questions]]
id = "typed.q{i}"
kind = "text"
dimension = "emotional"
depth = 1
text = "What would you write on note {i}?"
"""
    for i in range(6)
)

_decks: list = []


def text_library():
    if not _decks:
        folder = Path(tempfile.mkdtemp()) / "decks"
        folder.mkdir()
        (folder / "typed.toml").write_text(TEXT_DECK)
        _decks[:] = [load_decks([folder]), folder]
        assert len(_decks[0].questions) == 6, _decks[0].broken
    return _decks[0]


MARK_ANSWER, MARK_GUESS = "zz-answer-mark", "zz-guess-mark"
HOSTILE = "\x1b]2;owned\x07"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A finished game (its month file; its answers in lovemaps.json and state.json)
    and a game in progress with an answer and a guess committed (game.json)."""
    root = tmp_path_factory.mktemp("controls") / "saves"
    folder = SaveFolder(root, durable=False)
    clock = Clock()
    library = text_library()
    with folder.create(make_couple()) as profile:
        session = GameSession(profile, library, clock=clock)
        for seed, compact in ((1, 1), (2, 128)):  # the first game's entries go to lovemaps.json
            session.start(rounds=2, seed=seed)
            while True:
                session.answer(MARK_ANSWER)
                session.guess(MARK_GUESS, Confidence.SURE)
                session.reveal("close")
                if session.game.over:
                    break
                session.next_round()
            store_profile.COMPACT_ENTRIES, kept = compact, store_profile.COMPACT_ENTRIES
            try:
                session.finish()
            finally:
                store_profile.COMPACT_ENTRIES = kept
            clock.advance(days=1)
        session.start(rounds=2, seed=3)
        session.answer(MARK_ANSWER)
        session.guess(MARK_GUESS, Confidence.SURE)
    return root


# Where each is saved: a game (in progress, or filed in its month) keeps both;
# the love maps (in lovemaps.json, and changes since in state.json) answers only.
SAVED = [(target, MARK_ANSWER) for target in ("game.json", "state.json", "lovemaps.json", "history/2026-01.json")]
SAVED += [(target, MARK_GUESS) for target in ("game.json", "history/2026-01.json")]


@pytest.mark.parametrize("target, mark", SAVED)
def test_an_answer_or_guess_holding_a_control_character_is_damage_when_read(template, tmp_path, target, mark):
    root = tmp_path / "saves"
    shutil.copytree(template, root)
    folder = SaveFolder(root, durable=False)
    path = root / "alex-sam" / target
    text = path.read_text()
    assert mark in text
    path.write_text(text.replace(mark, json.dumps(mark + HOSTILE)[1:-1]))
    with pytest.raises(CorruptSave) as damaged:
        if target.startswith("history/"):
            list(ProfileReader(folder, "alex-sam").games())
        else:
            folder.open("alex-sam").close()
    message = str(damaged.value)
    assert target in message and "control character" in message and is_plain(message), message


# ------------------------------------------------------------- the wire


async def wait_for(seat: Seat, ready) -> None:
    for _ in range(int(TIMEOUT / 0.01)):
        if ready():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("timed out")


async def commit(seat: Seat, move: dict, text: str, ascii_only: bool, done) -> None:
    """Send ``text`` as the seat's move, raw; if the table refuses it, a plain one."""
    errors = sum(isinstance(m, ErrorReply) for m in seat.messages)
    await seat.client.send_raw(json.dumps({**move, "value": text}, ensure_ascii=ascii_only).encode() + b"\n")
    await wait_for(seat, lambda: done(seat.view) or sum(isinstance(m, ErrorReply) for m in seat.messages) > errors)
    if not done(seat.view):
        await seat.client.send_raw(json.dumps({**move, "value": "a plain word"}).encode() + b"\n")
        await seat.until(done)


async def play_words(folder: SaveFolder, answer: str, guess: str, ascii_only: bool) -> list[bytes]:
    new_profile(folder)
    async with open_table(folder, text_library(), Clock()) as table:
        seats = [await Seat(table, 0).join(), await Seat(table, 1).join()]
        await seats[0].until(lambda v: v.partner_here)
        await seats[0].send(Start(mode="check-in"))
        view = await seats[0].until(lambda v: v.game is not None)
        answerer, guesser = seats[view.game.round.answerer], seats[view.game.round.guesser]
        await answerer.until(lambda v: v.game is not None)
        await commit(answerer, {"type": "answer"}, answer, ascii_only, lambda v: v.game.my_answer is not None)
        await commit(
            guesser, {"type": "guess", "confidence": "sure"}, guess, ascii_only, lambda v: v.game.my_guess is not None
        )
        await answerer.until(lambda v: v.game.verdict is not None)
        await answerer.send(VerdictMove(verdict="close"))
        for seat in seats:
            await seat.until(lambda v: v.game.result is not None)
            await seat.send(ReadMove())
        # A hostile field name is echoed in the error reply: escaped.
        await guesser.client.send_raw(json.dumps({"type": "next", HOSTILE: 1}).encode() + b"\n")
        await wait_for(guesser, lambda: any("]2;owned" in getattr(m, "message", "") for m in guesser.messages))
        sent = [line for seat in seats for line in bytes(seat.client.received).splitlines()]
        for seat in seats:
            await seat.leave()
    return sent


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=TEXTS, guess=TEXTS, ascii_only=st.booleans())
def test_no_text_with_a_control_character_is_stored_or_sent_to_a_seat(answer, guess, ascii_only):
    with tempfile.TemporaryDirectory() as tmp:
        folder = SaveFolder(Path(tmp) / "saves", durable=False)
        sent = asyncio.run(asyncio.wait_for(play_words(folder, answer, guess, ascii_only), 60))
        for line in sent:
            assert all(is_plain(text) for text in strings(json.loads(line))), line
        saved = [p for p in (folder.root / "alex-sam").rglob("*.json")]
        assert saved
        for path in saved:
            assert all(is_plain(text) for text in strings(json.loads(path.read_text()))), path


# ------------------------------------------------------------- terminals


def test_what_the_table_says_to_a_seat_is_escaped():
    for message in (ErrorReply(message=f"no{HOSTILE}"), Bye(message=f"bye{HOSTILE}\x9b2J")):
        assert is_plain(message.message) and "\\x1b]2;owned\\x07" in message.message
    view = {"type": "view", "seat": 0, "names": ["Alex", "Sam"], "profile": "p", "partner_here": True}
    from nuzzle_game.table.wire import WireError, decode_table

    assert isinstance(decode_table(json.dumps(view).encode()), SeatUpdate)
    with pytest.raises(WireError, match="control character"):
        decode_table(json.dumps({**view, "note": f"Sam passed{HOSTILE}"}).encode())


def test_the_command_line_never_prints_a_control_character(saves, capsys):
    new_profile(saves)
    connection = conn.new_connection(9, ("Alex", "Sam"))
    conn.write(saves.profile_dir("alex-sam"), connection)
    code = main(["--saves", str(saves.root), "join", "alex-sam", "--as", f"Al{HOSTILE}"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "has no seat" in err and is_plain(err.rstrip("\n")), err
    # A connection file naming a seat with a control character is not read at all.
    data = json.loads(conn.path_for(saves.profile_dir("alex-sam")).read_text())
    data["seats"][1]["name"] = f"Sam{HOSTILE}"
    conn.path_for(saves.profile_dir("alex-sam")).write_text(json.dumps(data))
    assert conn.read(saves.profile_dir("alex-sam")) is None


def test_export_prints_no_control_character_even_from_a_key_a_save_carries(template, tmp_path, capsys):
    """A saved game passes through export as saved, unknown keys included."""
    root = tmp_path / "saves"
    shutil.copytree(template, root)
    month = root / "alex-sam" / "history" / "2026-01.json"
    doc = json.loads(month.read_text())
    first = next(iter(doc["games"].values()))
    first["note\x9b2J"] = "\x9d0;owned\x9c and \x7f"
    month.write_text(json.dumps(doc))
    for form in ("json", "md"):
        text_library()
        assert main(["--saves", str(root), "--decks", str(_decks[1]), "export", "alex-sam", "--format", form]) == 0
        out = capsys.readouterr().out
        assert is_plain(out), [c for c in out if not is_plain(c)]
        if form == "json":
            assert json.loads(out)["games"][0]["note\x9b2J"] == "\x9d0;owned\x9c and \x7f"
