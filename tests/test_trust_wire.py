"""The table's wire against hostile lines: nesting, and where a traceback goes.

.venv/bin/python -m pytest tests/test_trust_wire.py
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from table_support import TIMEOUT, Seat, new_profile, open_table

from nuzzle_game.table.wire import MAX_LINE, WireError, decode_seat, decode_table

REPO = Path(__file__).resolve().parent.parent
DEEP = b"[" * 30_000 + b"\n"  # well inside the line limit


def test_json_nested_too_deep_is_a_wire_error_both_ways():
    assert len(DEEP) < MAX_LINE
    for decode in (decode_seat, decode_table):
        with pytest.raises(WireError, match="nested too deeply"):
            decode(DEEP)


async def read_all(reader) -> list[dict]:
    data = await asyncio.wait_for(reader.read(), TIMEOUT)  # until the table closes
    return [json.loads(line) for line in data.splitlines()]


async def test_nested_json_from_a_stranger_or_a_seat_gets_a_reply_and_no_traceback(saves, library, clock, caplog):
    new_profile(saves)
    caplog.set_level(logging.DEBUG)
    async with open_table(saves, library, clock) as table:
        # A stranger, without a secret: one "bye", and the connection closes.
        reader, writer = await asyncio.open_connection("127.0.0.1", table.connection.port)
        writer.write(DEEP)
        await writer.drain()
        replies = await read_all(reader)
        writer.close()
        assert [r["type"] for r in replies] == ["bye"] and "nested too deeply" in replies[0]["message"]
        # A seat: an error reply, and the seat plays on.
        alex = await Seat(table, 0).join()
        await alex.client.send_raw(DEEP)
        for _ in range(100):
            if any(getattr(m, "type", "") == "error" for m in alex.messages):
                break
            await asyncio.sleep(0.02)
        (error,) = [m for m in alex.messages if m.type == "error"]
        assert "nested too deeply" in error.message and table.seats_here[0]
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"


# A table whose connections fail in a way nobody planned for: every line makes
# the table's reading of it raise (a stand-in for any bug on that path).
CRASHING_TABLE = """
import sys
import nuzzle_game.table.server as server
from nuzzle_game.cli.main import main

def decode_seat(line):
    answer = "we would sail to Lisbon at dawn"  # something private, in a local variable
    raise RuntimeError("a bug, somewhere")

server.decode_seat = decode_seat
sys.exit(main(sys.argv[1:]))
"""


def test_a_connection_that_fails_writes_a_private_crash_file_never_a_traceback(saves):
    new_profile(saves)
    process = subprocess.Popen(
        [sys.executable, "-c", CRASHING_TABLE, "--saves", str(saves.root), "table", "alex-sam"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = process.stdout.readline()
        assert "is open on 127.0.0.1:" in line, line + process.stderr.read()
        port = int(line.rsplit(":", 1)[1].rstrip(".\n"))

        async def poke() -> None:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(DEEP)
            await writer.drain()
            await asyncio.wait_for(reader.read(), TIMEOUT)
            writer.close()

        asyncio.run(poke())
        process.send_signal(2)
        out, err = process.communicate(timeout=TIMEOUT * 2)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "Traceback" not in out + err and "Lisbon" not in out + err
    (report,) = saves.root.glob("crash-*.txt")
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert "RuntimeError: a bug, somewhere" in report.read_text()
    assert err.count("\n") == 1 and str(report) in err, err
    assert process.returncode == 0 and "The table is closed" in out


# A seat's App that fails as it starts, with something private in a local variable.
CRASHING_SEAT = """
import sys
from pathlib import Path
from nuzzle_game.table.connection import new_connection
from nuzzle_game.ui.seat.app import SeatApp, SeatConfig

def on_mount(self):
    answer = "we would sail to Lisbon at dawn"
    raise RuntimeError("a bug, somewhere")

SeatApp.on_mount = on_mount
app = SeatApp(SeatConfig(connection=new_connection(9, ("Alex", "Sam")), seat=0, crash_folder=Path(sys.argv[1])))
message = app.run(headless=True)
if message:
    print(message, file=sys.stderr)
sys.exit(app.return_code or 0)
"""


def test_a_seat_that_crashes_writes_a_private_crash_file_never_a_traceback(tmp_path):
    """Under `nuzzle serve`, what a seat's App prints reaches the table's terminal."""
    saves = tmp_path / "saves"
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_SEAT, str(saves)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "80", "LINES": "24"},
    )
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Lisbon" not in output and "Traceback" not in output, output
    (report,) = saves.glob("crash-*.txt")
    assert stat.S_IMODE(report.stat().st_mode) == 0o600 and "RuntimeError: a bug, somewhere" in report.read_text()
    last = done.stderr.strip().splitlines()[-1]  # (a warning of Textual's may come before it)
    assert str(report) in last and last.endswith("(private to you: it may hold your answers)."), done.stderr
