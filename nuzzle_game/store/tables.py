"""Save files are TinyDB databases, and where TinyDB is only their container.

Every file of a profile is laid out as TinyDB lays out a database: a JSON object
of tables, each an object of documents numbered from "1". TinyDB is the stack's
document store and that layout is the container of every save file (an older
Nuzzle, or TinyDB itself, opens any of them). Nuzzle queries none of them,
though: each holds one document a table (state.json's couple, settings,
aggregates…) or documents numbered in the order they were added (a month's
games, an archive part's answers), read and checked whole through the models in
``documents``. So only game.json, one document upserted at every answer and
reveal, is opened through TinyDB (``Profile.save_game``), on
``AtomicJSONStorage``; every other file is a ``TablesFile``, written whole.
Both write through ``writer`` (the one place a file's text is made), atomically:
never TinyDB's own JSONStorage, which rewrites its file in place (DESIGN §8).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from nuzzle_game.store.atomic import read_tables
from nuzzle_game.store.writer import Part, write_file


class TablesFile:
    """A save file's tables as last read or written; each write replaces the file whole."""

    def __init__(self, path: Path, durable: bool = True, tables: Mapping[str, Part] | None = None) -> None:
        self.path = path
        self.durable = durable
        self._tables: dict[str, Part] | None = dict(tables) if tables is not None else None

    @property
    def tables(self) -> dict[str, Part]:
        """The tables as last written, or as read (the file is read once, when first asked)."""
        if self._tables is None:
            self._tables = dict(read_tables(self.path)) if os.path.lexists(self.path) else {}
        return self._tables

    def put(self, tables: Mapping[str, Part], drop: Iterable[str] = ()) -> None:
        """Write the file with ``tables`` in place of those of their names and without
        ``drop``; every other table stays as last read or written."""
        dropped = set(drop)
        new = {name: table for name, table in self.tables.items() if name not in dropped}
        new.update(tables)
        write_file(self.path, new, self.durable)
        self._tables = new


class AtomicJSONStorage(Storage):
    """TinyDB's storage for game.json: the file read once, each write atomic."""

    def __init__(self, path: str | Path, durable: bool = True) -> None:
        self.file = TablesFile(Path(path), durable)

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self.file.tables or None  # type: ignore[return-value]  # TinyDB's own tables: plain documents

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.file.put(data, drop=list(self.file.tables))
