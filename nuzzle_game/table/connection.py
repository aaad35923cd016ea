"""Where a table listens and each seat's key: a 0600 file in the profile folder.

The table writes it when it opens and removes it when it closes (Ctrl+C,
SIGTERM, SIGHUP: a closed terminal window); ``join`` and ``serve`` read it. A
file left by a table that was killed (``kill -9``) names a process that is gone:
``table_running`` says so before anything is sent. Even then, whatever listens
on the port must prove it is the table before a seat proves itself
(``Connection.proof``): the key itself never crosses the wire.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from nuzzle_game.core.text import clean_name
from nuzzle_game.store.atomic import atomic_write

FILE = "table.json"
PROTOCOL = "nuzzle table v2"  # in every proof: a proof for anything else never fits


class SeatKey(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    secret: str = Field(min_length=16)

    _name = field_validator("name")(clean_name)  # printed by join: never a control character


class Connection(BaseModel):
    model_config = ConfigDict(frozen=True)
    host: str = "127.0.0.1"
    port: int = Field(ge=1, le=65535)
    pid: int = Field(gt=0)  # never 0 or -1: os.kill would reach a whole group
    # Which process the pid was when the table wrote this (``process_identity``):
    # a pid reused by another process after the table died does not match.
    process: str | None = None
    seats: tuple[SeatKey, SeatKey]

    def seat_of(self, name: str) -> int | None:
        """The seat of a player's name, whatever its case and spacing."""
        wanted = " ".join(name.split()).casefold()
        for index, seat in enumerate(self.seats):
            if seat.name.casefold() == wanted:
                return index
        return None

    def check(self, seat: int, secret: str) -> bool:
        """A seat's secret as a browser's link carries it (``nuzzle serve``)."""
        return 0 <= seat < 2 and hmac.compare_digest(self.seats[seat].secret.encode(), secret.encode(errors="replace"))

    def proof(self, seat: int, by: Literal["table", "seat"], seat_nonce: str, table_nonce: str) -> str:
        """HMAC-SHA256 under the seat's key of both nonces, and of who proves.

        The table proves itself first, over the nonce the seat chose; only then
        does the seat prove itself, over the table's fresh nonce. A proof made
        for one side, or one connection, is worth nothing for another.
        """
        message = "\n".join((PROTOCOL, by, self.seats[seat].name, seat_nonce, table_nonce))
        return hmac.new(self.seats[seat].secret.encode(), message.encode(), hashlib.sha256).hexdigest()

    def proves(self, seat: int, by: Literal["table", "seat"], seat_nonce: str, table_nonce: str, proof: str) -> bool:
        expected = self.proof(seat, by, seat_nonce, table_nonce)
        return hmac.compare_digest(expected.encode(), proof.encode(errors="replace"))


def new_connection(port: int, names: tuple[str, str]) -> Connection:
    pid = os.getpid()
    return Connection(
        port=port,
        pid=pid,
        process=process_identity(pid),
        seats=tuple(SeatKey(name=n, secret=secrets.token_urlsafe(32)) for n in names),
    )


# ------------------------------------------------------------ the process

_PROC = Path("/proc")


def process_identity(pid: int) -> str | None:
    """Which process ``pid`` is, beyond its number: this boot, and the moment the
    process started (Linux's /proc). None where there is no /proc, or no such process."""
    try:
        boot = (_PROC / "sys/kernel/random/boot_id").read_text().strip()
        stat = (_PROC / str(pid) / "stat").read_text()
    except (OSError, ValueError):
        return None
    fields = stat[stat.rfind(")") + 2 :].split()  # the name, in parentheses, may hold spaces
    return f"{boot}/{fields[19]}" if len(fields) > 19 else None  # field 22: the start time


def table_running(connection: Connection) -> bool:
    """Whether the process that wrote ``connection`` still runs: the pid is alive,
    is this user's, and (where /proc tells) is the very process, not a reused pid."""
    try:
        os.kill(connection.pid, 0)
    except OSError:  # gone (ESRCH), or another user's process (EPERM): not our table
        return False
    if not (_PROC / "self/stat").exists():
        return True  # nothing more to tell here: the handshake proves the rest
    return connection.process is not None and process_identity(connection.pid) == connection.process


# ------------------------------------------------------------ the file


def path_for(profile_dir: Path) -> Path:
    return profile_dir / FILE


def write(profile_dir: Path, connection: Connection) -> Path:
    path = path_for(profile_dir)
    atomic_write(path, connection.model_dump_json(indent=1).encode(), durable=False)
    return path


def read(profile_dir: Path) -> Connection | None:
    """The open table's details, or None when no table is open here."""
    path = path_for(profile_dir)
    try:
        return Connection.model_validate(json.loads(path.read_bytes()))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, ValidationError, RecursionError):
        return None


def remove(profile_dir: Path, connection: Connection) -> None:
    """Remove the file if it is still this table's (a newer table may own it)."""
    if read(profile_dir) == connection:
        path_for(profile_dir).unlink(missing_ok=True)
