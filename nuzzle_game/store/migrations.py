"""Schema versions of the bounded state, and how older ones are brought up to date.

Version 1 kept the players as two parallel lists (``names``, ``opt_in``) and love
map answers without the date they were last confirmed. Version 2 kept the game
in progress inside state.json, rewritten with every round. Version 3 keeps it in
game.json, so a round's save is small whatever the history. Version 4
keeps only the last few answers of each love map entry and the last months of
the aggregates in state.json; older ones wait in its ``archive_pending`` table and
are then filed in ``archive/`` files, so state.json stops growing with the years.
Version 5 (current) keeps the love maps' base in lovemaps.json and only the
entries changed since in state.json's ``love_map_changes`` table; ``meta.lovemaps``
names the base they go on (None: the table holds the love maps whole, as version
4's ``love_maps`` did, and no lovemaps.json is read).
Each migration takes the raw TinyDB tables of state.json from one version to the next.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from nuzzle_game.store.errors import CorruptSave, TooNew

SCHEMA_VERSION = 5

# In version 2 the game in progress lived in state.json; the store moves it out.
LEGACY_GAME = "legacy_game"
# Retired answers and months waiting in state.json to be filed in archive/.
PENDING = "archive_pending"
# The love map entries changed since lovemaps.json was written (or all of them).
CHANGES = "love_map_changes"

# state.json's tables in the layout of some older version, walked as found: any
# key or type not where a version put it is named as damage (``migrate``).
Tables = dict[str, dict[str, Any]]


def _v1_to_v2(tables: Tables) -> Tables:
    couple = tables["couple"]["1"]
    names, opt_in = couple.pop("names"), couple.pop("opt_in")
    couple["players"] = [{"name": name, "opted_in": bool(opted)} for name, opted in zip(names, opt_in)]
    for doc in tables.get("love_maps", {}).values():
        for entry in doc["entries"].values():
            entry["history"] = [
                {**answer, "confirmed_at": answer.get("confirmed_at", answer["at"])} for answer in entry.pop("answers")
            ]
    return tables


def _v2_to_v3(tables: Tables) -> Tables:
    game = (tables.pop("active_game", {}).get("1") or {}).get("game")
    meta = tables.setdefault("meta", {}).setdefault("1", {})
    if game:
        tables[LEGACY_GAME] = {"1": {"game": game}}
        # Version 2 saved each reveal into the love map already.
        meta["applied_game"] = game["id"]
        meta["applied_rounds"] = sum(1 for r in game.get("rounds", []) if r.get("result"))
    return tables


def _v3_to_v4(tables: Tables) -> Tables:
    from nuzzle_game.core.lovemap import KEEP_ANSWERS
    from nuzzle_game.core.stats import KEEP_MONTHS

    pending = tables.setdefault(PENDING, {}).setdefault("1", {"answers": [], "months": [], "next_chunk": 1})
    for key, doc in tables.get("love_maps", {}).items():
        subject = doc.get("subject", int(key) - 1)
        for question_id, entry in doc.get("entries", {}).items():
            history = entry["history"]
            if len(history) > KEEP_ANSWERS:
                pending["answers"] += [
                    {"subject": subject, "question_id": question_id, "answer": answer}
                    for answer in history[:-KEEP_ANSWERS]
                ]
                entry["history"] = history[-KEEP_ANSWERS:]
    aggregates = tables.get("aggregates", {}).get("1")
    if aggregates and len(aggregates.get("months", [])) > KEEP_MONTHS:
        pending["months"] += aggregates["months"][:-KEEP_MONTHS]
        aggregates["months"] = aggregates["months"][-KEEP_MONTHS:]
    return tables


def _v4_to_v5(tables: Tables) -> Tables:
    # The whole love maps stay in state.json until the next save writes them to
    # lovemaps.json: a lovemaps.json left by a crash meanwhile is not read.
    tables[CHANGES] = tables.pop("love_maps", {})
    tables.setdefault("meta", {}).setdefault("1", {})["lovemaps"] = None
    return tables


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5}


def schema_version(tables: Tables) -> int:
    meta = tables.get("meta", {}).get("1", {})
    version = meta.get("schema")
    return version if isinstance(version, int) else 1


def migrate(tables: Tables, path: Path) -> tuple[Tables, bool]:
    """Bring ``tables`` to the current schema; returns them and whether anything changed."""
    version = schema_version(tables)
    if version > SCHEMA_VERSION:
        raise TooNew(path, version, SCHEMA_VERSION)
    changed = False
    while version < SCHEMA_VERSION:
        try:
            tables = MIGRATIONS[version](tables)
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise CorruptSave(path, f"cannot upgrade from schema {version} ({error!r})") from error
        version += 1
        tables.setdefault("meta", {}).setdefault("1", {})["schema"] = version
        changed = True
    return tables, changed
