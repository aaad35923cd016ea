"""A connection file never hands a seat's secret to whatever listens on its port.

The table proves it holds the seat's key before the seat proves it does, and
neither sends the key; `join` refuses a file whose table process is gone; a
table closed by SIGHUP (its terminal window) removes its file.

    .venv/bin/python -m pytest tests/test_trust_join.py
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from table_support import TIMEOUT, Seat, new_profile, open_table

from nuzzle_game.table import client as seat_client
from nuzzle_game.table import connection as conn
from nuzzle_game.table.client import SeatClient, TableGone
from nuzzle_game.table.wire import Bye, Challenge, Hello, Proof, encode

REPO = Path(__file__).resolve().parent.parent
OSC = "\x1b]2;owned\x07"


class FakeTable:
    """A plain server on a free port, where a dead table listened: it keeps every
    byte a client sends it and answers the first line as ``behaviour`` says."""

    def __init__(self, behaviour: str) -> None:
        self.behaviour = behaviour
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.received = bytearray()
        self.connections = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.server.settimeout(30)
        while True:
            try:
                peer, _ = self.server.accept()
            except OSError:
                return
            self.connections += 1
            with peer:
                peer.settimeout(20)
                try:
                    self._answer(peer)
                    while data := peer.recv(4096):  # anything more the client says
                        self.received += data
                except OSError:
                    pass

    def _answer(self, peer: socket.socket) -> None:
        first = b""
        while not first.endswith(b"\n"):
            data = peer.recv(1)
            if not data:
                return
            first += data
        self.received += first
        hello = json.loads(first)
        replies = {
            "silent": b"",
            "garbage": f"{OSC}I am the table, honest\n".encode(),
            "bye": encode(Bye(message="ok")).replace(b'"ok"', json.dumps(f"send your secret{OSC}").encode()),
            "challenge": encode(Challenge(nonce=secrets.token_urlsafe(32), proof=secrets.token_hex(32))),
            # Its own nonce the client's: to make the client prove over a nonce of its choosing.
            "echo": encode(Challenge(nonce=hello["nonce"], proof=secrets.token_hex(32))),
            "view-first": b'{"type": "view", "seat": 1, "names": ["Alex", "Sam"], "profile": "p", "partner_here": true}\n',
        }
        if self.behaviour == "close":
            peer.shutdown(socket.SHUT_RDWR)
            return
        peer.sendall(replies[self.behaviour])

    def close(self) -> None:
        self.server.close()


BEHAVIOURS = ["silent", "garbage", "bye", "challenge", "echo", "view-first", "close"]


def fake_file(saves, port: int, **changes) -> conn.Connection:
    """A connection file naming ``port``, written by this (live) process."""
    connection = conn.new_connection(port, ("Alex", "Sam")).model_copy(update=changes)
    conn.write(saves.profile_dir("alex-sam"), connection)
    return connection


def only_a_hello(received: bytes, connection: conn.Connection) -> None:
    """All a client sent: one hello, with its name and a nonce, nothing of the secret."""
    lines = bytes(received).splitlines()
    assert len(lines) == 1, received
    hello = json.loads(lines[0])
    assert set(hello) == {"type", "seat", "nonce"} and hello["type"] == "hello", hello
    for seat in connection.seats:
        assert seat.secret.encode() not in received


@pytest.mark.parametrize("behaviour", BEHAVIOURS)
async def test_a_seat_sends_nothing_of_its_secret_to_a_fake_table(saves, monkeypatch, behaviour):
    monkeypatch.setattr(seat_client, "READ_TIMEOUT", 0.5)
    new_profile(saves)
    fake = FakeTable(behaviour)
    try:
        connection = fake_file(saves, fake.port)
        client = SeatClient(connection, 1)
        started = time.monotonic()
        with pytest.raises(TableGone) as refused:
            await asyncio.wait_for(client.connect(), TIMEOUT)
        assert time.monotonic() - started < 2
        assert "\x1b" not in str(refused.value) and "\n" not in str(refused.value)
        await client.close()
        await asyncio.sleep(0.2)  # the fake reads anything the client sent after
        only_a_hello(fake.received, connection)
    finally:
        fake.close()


def join(saves, *args: str, timeout: float = 30) -> tuple[int, str, str, float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "nuzzle_game", "--saves", str(saves.root), "join", "alex-sam", "--as", "Sam", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return done.returncode, done.stdout, done.stderr, time.monotonic() - started


@pytest.mark.parametrize("behaviour", ["silent", "bye", "echo"])
def test_join_at_a_fake_table_exits_with_one_line_within_seconds(saves, behaviour):
    new_profile(saves)
    fake = FakeTable(behaviour)
    try:
        connection = fake_file(saves, fake.port)
        code, out, err, took = join(saves)
        only_a_hello(fake.received, connection)
    finally:
        fake.close()
    assert code == 1 and err.count("\n") == 1 and err.startswith("nuzzle: ") and not out, err
    assert "\x1b" not in err and "nuzzle table` still running?" in err, err
    assert took < 12, f"join took {took:.1f} s"


def test_a_file_naming_a_dead_or_reused_pid_is_refused_before_connecting(saves):
    new_profile(saves)
    fake = FakeTable("silent")
    try:
        gone = subprocess.Popen([sys.executable, "-c", "pass"])
        gone.wait()
        fake_file(saves, fake.port, pid=gone.pid, process=conn.process_identity(os.getpid()))
        code, _, err, _ = join(saves)
        assert code == 1 and err.count("\n") == 1 and "is not running any more" in err, err
        # This process is alive, but it is not the one that wrote the file: a reused pid.
        fake_file(saves, fake.port, process="another-boot/12345")
        code, _, err, _ = join(saves)
        assert code == 1 and err.count("\n") == 1 and "is not running any more" in err, err
        assert fake.connections == 0 and not fake.received
    finally:
        fake.close()


def test_a_table_closed_by_sighup_or_sigterm_leaves_no_connection_file(saves):
    new_profile(saves)
    path = conn.path_for(saves.profile_dir("alex-sam"))
    for sig in (signal.SIGHUP, signal.SIGTERM):
        table = subprocess.Popen(
            [sys.executable, "-m", "nuzzle_game", "--saves", str(saves.root), "table", "alex-sam"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            assert "is open on" in table.stdout.readline()
            assert path.exists() and conn.table_running(conn.read(path.parent))
            table.send_signal(sig)
            out, err = table.communicate(timeout=TIMEOUT * 2)
        finally:
            if table.poll() is None:
                table.kill()
                table.wait()
        assert table.returncode == 0 and not err, err
        assert not path.exists(), f"{sig!r} left the connection file"


# ------------------------------------------------------------- the real table


async def raw(table):
    return await asyncio.wait_for(asyncio.open_connection("127.0.0.1", table.connection.port), TIMEOUT)


async def replies(reader) -> list[dict]:
    data = await asyncio.wait_for(reader.read(), TIMEOUT)
    return [json.loads(line) for line in data.splitlines()]


async def test_the_table_proves_itself_first_and_takes_no_proof_it_did_not_ask_for(saves, library, clock):
    new_profile(saves)
    async with open_table(saves, library, clock) as table:
        connection = table.connection
        # A stranger who knows the names gets the table's proof, over its own
        # nonce: worth nothing as a seat's proof. Its guess is refused.
        reader, writer = await raw(table)
        nonce = secrets.token_urlsafe(32)
        writer.write(encode(Hello(seat="Alex", nonce=nonce)))
        challenge = json.loads(await asyncio.wait_for(reader.readline(), TIMEOUT))
        assert challenge["type"] == "challenge"
        assert connection.proves(0, "table", nonce, challenge["nonce"], challenge["proof"])
        writer.write(encode(Proof(proof=challenge["proof"])))  # the table's own proof, sent back
        assert [r["type"] for r in await replies(reader)] == ["bye"]
        writer.close()
        # A real seat's proof, replayed on a new connection: the table's nonce is new.
        alex = await Seat(table, 0).join()
        sent = [json.loads(line) for line in bytes(alex.client.received).splitlines()]
        assert sent[0]["type"] == "challenge"
        reader, writer = await raw(table)
        writer.write(encode(Hello(seat="Alex", nonce=nonce)))
        await asyncio.wait_for(reader.readline(), TIMEOUT)
        writer.write(encode(Proof(proof=connection.proof(0, "seat", nonce, sent[0]["nonce"]))))
        assert [r["type"] for r in await replies(reader)] == ["bye"]
        writer.close()
        assert table.seats_here == (True, False) and not alex.closed.is_set()


async def test_a_table_whose_goodbye_fails_still_removes_its_file(saves, library, clock, monkeypatch):
    from nuzzle_game.table import server as table_server

    new_profile(saves)
    path = conn.path_for(saves.profile_dir("alex-sam"))
    table = table_server.Table(saves, "alex-sam", library, clock=clock)
    await table.open()
    await Seat(table, 0).join()

    def failing_bye(**_):
        raise RuntimeError("a bug in saying goodbye")

    monkeypatch.setattr(table_server, "Bye", failing_bye)
    with pytest.raises(RuntimeError):
        await table.close()
    assert not path.exists() and table.profile is None
    saves.open("alex-sam").close()  # and the profile's lock is released
