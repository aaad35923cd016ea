"""Where a table listens and each seat's secret: a 0600 file in the profile folder.

The table writes it when it opens and removes it when it closes; ``join`` and
``serve`` read it. A file left by a table that was killed names a port nobody
listens on, and joining says so.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from nuzzle_game.core.text import clean_name
from nuzzle_game.store.atomic import atomic_write

FILE = "table.json"


class SeatKey(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    secret: str = Field(min_length=16)

    _name = field_validator("name")(clean_name)  # printed by join: never a control character


class Connection(BaseModel):
    model_config = ConfigDict(frozen=True)
    host: str = "127.0.0.1"
    port: int = Field(ge=1, le=65535)
    pid: int
    seats: tuple[SeatKey, SeatKey]

    def seat_of(self, name: str) -> int | None:
        """The seat of a player's name, whatever its case and spacing."""
        wanted = " ".join(name.split()).casefold()
        for index, seat in enumerate(self.seats):
            if seat.name.casefold() == wanted:
                return index
        return None

    def check(self, seat: int, secret: str) -> bool:
        return 0 <= seat < 2 and hmac.compare_digest(self.seats[seat].secret.encode(), secret.encode(errors="replace"))


def new_connection(port: int, names: tuple[str, str]) -> Connection:
    return Connection(
        port=port,
        pid=os.getpid(),
        seats=tuple(SeatKey(name=n, secret=secrets.token_urlsafe(32)) for n in names),
    )


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
    except (OSError, ValueError, ValidationError):
        return None


def remove(profile_dir: Path, connection: Connection) -> None:
    """Remove the file if it is still this table's (a newer table may own it)."""
    if read(profile_dir) == connection:
        path_for(profile_dir).unlink(missing_ok=True)
