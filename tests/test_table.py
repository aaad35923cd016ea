"""The table: its wire, its connection file, hostile messages, and its robustness."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import first_value, other_value
from table_support import TIMEOUT, Seat, new_profile, open_table

from nuzzle_game.cli.main import main
from nuzzle_game.play.moves import AnswerMove, GuessMove, ReadMove, VerdictMove
from nuzzle_game.play.views import Task
from nuzzle_game.store.profile import ProfileReader
from nuzzle_game.table import connection as conn
from nuzzle_game.table import server as table_server
from nuzzle_game.table.wire import MAX_LINE, Bye, ErrorReply, SeatUpdate, Start

REPO = Path(__file__).resolve().parent.parent


async def both_join(table) -> tuple[Seat, Seat]:
    alex = await Seat(table, 0).join()
    sam = await Seat(table, 1).join()
    await alex.until(lambda v: v.partner_here, "Sam at the table")
    return alex, sam


async def start_checkin(alex: Seat, sam: Seat) -> tuple[Seat, Seat, SeatUpdate]:
    """Start a check-in; returns (answerer, guesser, the answerer's view)."""
    await alex.send(Start(mode="check-in"))
    view = await alex.until(lambda v: v.game is not None, "the first round")
    answerer, guesser = (alex, sam) if view.game.round.answerer == 0 else (sam, alex)
    return answerer, guesser, await answerer.until(lambda v: v.game is not None)


async def play_round(answerer: Seat, guesser: Seat) -> None:
    question = answerer.view.game.round.question
    number = answerer.view.game.round.number
    await answerer.send(AnswerMove(value=first_value(question)))
    await guesser.send(GuessMove(value=other_value(question), confidence="sure"))
    if question.kind.value == "text":
        await answerer.until(lambda v: v.game.verdict is not None)
        await answerer.send(VerdictMove(verdict="close"))
    for seat in (answerer, guesser):
        await seat.until(lambda v: v.game.result is not None and v.game.round.number == number, "the reveal")
        await seat.send(ReadMove())


# ------------------------------------------------------------------ the file


async def test_the_connection_file_is_private_and_goes_when_the_table_closes(saves, library, clock):
    new_profile(saves)
    path = saves.profile_dir("alex-sam") / conn.FILE
    async with open_table(saves, library, clock) as table:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        data = json.loads(path.read_text())
        assert data["host"] == "127.0.0.1" and data["port"] == table.connection.port
        secrets = [s["secret"] for s in data["seats"]]
        assert [s["name"] for s in data["seats"]] == ["Alex", "Sam"]
        assert len(set(secrets)) == 2 and all(len(s) >= 40 for s in secrets)
    assert not path.exists()


# ------------------------------------------------------------- hostile input


async def raw_connection(table):
    return await asyncio.wait_for(asyncio.open_connection("127.0.0.1", table.connection.port), TIMEOUT)


async def read_all(reader) -> list[dict]:
    data = await asyncio.wait_for(reader.read(), TIMEOUT)  # until the table closes
    return [json.loads(line) for line in data.splitlines()]


@pytest.mark.parametrize(
    "first_line",
    [
        b"not json at all\n",
        b'{"type": "hello", "seat": "Alex", "secret": "guessed-it"}\n',
        b'{"type": "hello", "seat": "Mallory", "secret": "x"}\n',
        b'{"type": "answer", "value": "I never said hello"}\n',
        b"\xff\xfe\x00\n",
        b"[1, 2, 3]\n",
    ],
)
async def test_a_stranger_is_turned_away_and_learns_nothing(saves, library, clock, first_line):
    new_profile(saves)
    async with open_table(saves, library, clock) as table:
        reader, writer = await raw_connection(table)
        writer.write(first_line)
        await writer.drain()
        replies = await read_all(reader)
        writer.close()
        assert [r["type"] for r in replies] == ["bye"]
        assert table.seats_here == (False, False)


async def test_a_silent_connection_is_closed_after_the_hello_timeout(saves, library, clock, monkeypatch):
    monkeypatch.setattr(table_server, "HELLO_TIMEOUT", 0.2)
    new_profile(saves)
    async with open_table(saves, library, clock) as table:
        reader, writer = await raw_connection(table)
        replies = await read_all(reader)
        writer.close()
        assert [r["type"] for r in replies] == ["bye"]


async def test_hostile_messages_get_an_error_and_never_reach_the_save(saves, library, clock):
    new_profile(saves)
    async with open_table(saves, library, clock) as table:
        alex, sam = await both_join(table)
        answerer, guesser, view = await start_checkin(alex, sam)
        question = view.game.round.question
        hostile = [
            b"{not json}\n",
            b'{"type": "launch", "missiles": true}\n',
            b'{"type": "answer", "value": "x", "extra": "field"}\n',
            b'{"type": "answer", "value": {"deep": [1, 2, {"deeper": null}]}}\n',
            b'{"type": "answer", "value": "not one of the options, surely"}\n'
            if question.kind.value != "text"
            else b'{"type": "answer", "value": ""}\n',
            b'{"type": "guess", "value": "x", "confidence": "absolutely"}\n',
            b'{"type": "verdict", "verdict": "spot on"}\n',  # nothing to judge yet
            b'{"type": "next"}\n',  # nothing revealed yet
            b'{"type": "start", "mode": "game"}\n',  # a game is under way
            json.dumps({"type": "hello", "seat": "Alex", "secret": "again"}).encode() + b"\n",
        ]
        for line in hostile:
            await answerer.client.send_raw(line)
        # The guesser may not answer for the answerer either.
        await guesser.client.send(AnswerMove(value=first_value(question)))
        await guesser.until(lambda v: True)
        for _ in range(50):
            if sum(isinstance(m, ErrorReply) for m in answerer.messages) >= len(hostile):
                break
            await asyncio.sleep(0.02)
        errors = [m for m in answerer.messages if isinstance(m, ErrorReply)]
        assert len(errors) == len(hostile)
        assert any(isinstance(m, ErrorReply) and "answer" in m.message for m in guesser.messages)
        # Nothing of it was committed or saved; the round plays on as normal.
        assert answerer.view.game.task is Task.ANSWER and answerer.view.game.my_answer is None
        game = ProfileReader(saves, "alex-sam").state.active_game
        assert game.rounds[0].answer is None and game.rounds[0].guess is None
        await play_round(answerer, guesser)
        assert ProfileReader(saves, "alex-sam").state.active_game.revealed == 1


async def test_a_line_too_long_closes_that_connection_only(saves, library, clock):
    new_profile(saves)
    async with open_table(saves, library, clock) as table:
        alex, sam = await both_join(table)
        await alex.client.send_raw(b'{"type": "answer", "value": "' + b"a" * (MAX_LINE + 10) + b'"}\n')
        await asyncio.wait_for(alex.closed.wait(), TIMEOUT)
        assert isinstance(alex.messages[-1], Bye) and "too long" in alex.messages[-1].message
        await sam.until(lambda v: not v.partner_here, "Alex gone")
        again = await Seat(table, 0).join()  # the table is fine and takes Alex back
        await again.send(Start(mode="check-in"))
        await sam.until(lambda v: v.game is not None)


async def test_too_many_bad_messages_close_the_connection(saves, library, clock):
    new_profile(saves)
    async with open_table(saves, library, clock) as table:
        alex, _ = await both_join(table)
        for _ in range(table_server.MAX_ERRORS + 1):
            await alex.client.send_raw(b"?\n")
        await asyncio.wait_for(alex.closed.wait(), TIMEOUT)
        assert isinstance(alex.messages[-1], Bye)


# ---------------------------------------------------------------- seats


async def test_the_newest_connection_takes_the_seat_and_gets_the_whole_view(saves, library, clock):
    new_profile(saves)
    async with open_table(saves, library, clock) as table:
        alex, sam = await both_join(table)
        answerer, guesser, view = await start_checkin(alex, sam)
        await answerer.send(AnswerMove(value=first_value(view.game.round.question)))
        await answerer.until(lambda v: v.game.my_answer is not None)
        again = await Seat(table, answerer.seat).join()
        await asyncio.wait_for(answerer.closed.wait(), TIMEOUT)
        assert isinstance(answerer.messages[-1], Bye) and "somewhere else" in answerer.messages[-1].message
        back = again.view.game
        assert back.task is Task.WAIT and back.my_answer == first_value(view.game.round.question)
        assert guesser.view.partner_here and guesser.view.game.partner.value == "answered"


async def test_a_partner_who_leaves_has_left_and_one_never_here_is_not_here_yet(saves, library, clock):
    from nuzzle_game.ui.seat.status import partner_line

    new_profile(saves)
    async with open_table(saves, library, clock) as table:
        alex = await Seat(table, 0).join()
        assert not alex.view.partner_here and not alex.view.partner_left
        assert partner_line(alex.view) == "Sam isn't at the table yet: they run  nuzzle join alex-sam --as Sam"
        sam = await Seat(table, 1).join()
        await alex.until(lambda v: v.partner_here, "Sam here")
        await sam.leave()
        view = await alex.until(lambda v: not v.partner_here, "Sam gone")
        assert view.partner_left
        assert partner_line(view) == "Sam has left the table: they come back with  nuzzle join alex-sam --as Sam"
        assert partner_line(view, in_browser=True) == "Sam has left the table: their link brings them back."
        await Seat(table, 1).join()
        view = await alex.until(lambda v: v.partner_here, "Sam back")
        assert not view.partner_left and partner_line(view) == "Sam is at the table."


# ------------------------------------------------------------- robustness


def nuzzle(saves: Path, *args: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "nuzzle_game", "--saves", str(saves), *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **kw,
    )


def wait_open(process: subprocess.Popen) -> str:
    line = process.stdout.readline()  # the table prints where it listens first
    assert "is open on 127.0.0.1:" in line, line + process.stderr.read()
    return line


def run_nuzzle(saves: Path, *args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "nuzzle_game", "--saves", str(saves), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )
    return done.returncode, done.stdout, done.stderr


def run_cli(saves: Path, *args: str, capsys) -> tuple[int, str, str]:
    code = main(["--saves", str(saves), *args])
    out, err = capsys.readouterr()
    return code, out, err


async def seats_from_file(saves, profile="alex-sam") -> tuple[Seat, Seat]:
    connection = conn.read(saves.profile_dir(profile))
    assert connection is not None

    class FileTable:  # what Seat needs of a table: its connection
        pass

    holder = FileTable()
    holder.connection = connection
    alex = await Seat(holder, 0).join()
    sam = await Seat(holder, 1).join()
    await alex.until(lambda v: v.partner_here)
    return alex, sam


async def test_a_killed_table_resumes_from_the_save_and_a_second_is_refused(saves, library, clock, capsys):
    new_profile(saves)
    table = nuzzle(saves.root, "table", "alex-sam")
    try:
        wait_open(table)
        # A second table, and a second game, on the same profile: one clear line each.
        code, _, err = run_nuzzle(saves.root, "table", "alex-sam")
        assert code == 1 and err.count("\n") == 1 and "a table is already open for 'alex-sam'" in err
        code, _, err = run_nuzzle(saves.root, "demo", "--profile", "alex-sam", "--players", "Alex,Sam")
        assert code == 1 and err.count("\n") == 1 and "already open" in err
        alex, sam = await seats_from_file(saves)
        answerer, guesser, view = await start_checkin(alex, sam)
        await play_round(answerer, guesser)
        second = await alex.until(lambda v: v.game.round.number == 2 and v.game.result is None)
        answerer, guesser = (alex, sam) if second.game.round.answerer == 0 else (sam, alex)
        question = second.game.round.question
        await guesser.send(GuessMove(value=other_value(question), confidence="no idea"))  # held
        await guesser.until(lambda v: v.game.my_guess is not None)
        table.send_signal(signal.SIGKILL)
        table.wait(timeout=TIMEOUT)
        for seat in (alex, sam):
            await asyncio.wait_for(seat.closed.wait(), TIMEOUT)
            await seat.leave()
    finally:
        if table.poll() is None:
            table.kill()
            table.wait()
    # The table is gone; its file is stale. Joining says so plainly.
    code, _, err = run_nuzzle(saves.root, "join", "alex-sam", "--as", "Sam")
    assert code == 1 and err.count("\n") == 1 and "is not running any more" in err and "nuzzle table alex-sam" in err
    again = nuzzle(saves.root, "table", "alex-sam")
    try:
        wait_open(again)
        alex, sam = await seats_from_file(saves)
        for seat in (alex, sam):
            view = await seat.until(lambda v: v.game is not None)
            assert view.game.round.number == 2 and view.game.round.question == question
        held = (alex if guesser.seat == 0 else sam).view.game
        assert held.task is Task.WAIT and held.my_guess.value == other_value(question)
        for seat in (alex, sam):
            await seat.leave()
        again.send_signal(signal.SIGINT)
        out, err = again.communicate(timeout=TIMEOUT)
        assert again.returncode == 0 and "The table is closed" in out and not err
    finally:
        if again.poll() is None:
            again.kill()
            again.wait()
    assert not (saves.profile_dir("alex-sam") / conn.FILE).exists()
    state = ProfileReader(saves, "alex-sam").state
    assert state.active_game.revealed == 1 and state.active_game.rounds[1].guess is not None


# ------------------------------------------------------------------ the CLI


def test_join_with_a_stranger_is_one_clear_line(saves, capsys):
    # (With no table at all, join opens the partner's own seat: tests/test_far_away.py.)
    new_profile(saves)
    conn.write(saves.profile_dir("alex-sam"), conn.new_connection(9, ("Alex", "Sam")))
    code, _, err = run_cli(saves.root, "join", "alex-sam", "--as", "Mallory", capsys=capsys)
    assert code == 1 and err == "nuzzle: 'Mallory' has no seat at this table: it is Alex's and Sam's\n"
    code, _, err = run_cli(saves.root, "table", "nobody", capsys=capsys)
    assert code == 1 and err.count("\n") == 1 and "no profile 'nobody'" in err
    code, _, err = run_cli(saves.root, "serve", "alex-sam", "--port", "70000", capsys=capsys)
    assert code == 1 and err.count("\n") == 1 and "--port" in err


def test_seats_names_match_whatever_the_case(saves):
    connection = conn.new_connection(9, ("Alex", "Sam"))
    assert connection.seat_of("  sam ") == 1 and connection.seat_of("ALEX") == 0
    assert connection.seat_of("Samantha") is None
    assert connection.check(0, connection.seats[0].secret)
    assert not connection.check(0, connection.seats[1].secret) and not connection.check(1, "")


def test_serve_runs_each_seat_as_join_and_draws_a_qr_code_for_a_phone(tmp_path):
    import shlex

    from nuzzle_game.ui.serve import qr_text, seat_command

    saves = tmp_path / "our saves"
    words = shlex.split(seat_command(saves, [tmp_path / "decks"], "alex-sam", ("Alex", "Sam Lee"))(1))
    assert words[words.index("--decks") + 1] == str((tmp_path / "decks").resolve())
    assert words[words.index("--saves") + 1] == str(saves.resolve())
    assert words[-4:] == ["join", "alex-sam", "--as", "Sam Lee"]
    qr = qr_text("http://192.168.1.20:8000/seat/0/abc")
    assert set(qr) <= set(" ▀▄█\n") and len(qr.splitlines()) >= 15
