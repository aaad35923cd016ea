"""The love maps' base (lovemaps.json) and the journal of changes on it.

The love maps are the bulk of the bounded state, and a game changes few of their
entries: their base is ``lovemaps.json``, written whole only once enough entries
changed, and state.json holds only the entries changed since (its
``love_map_changes`` table, a journal on top of the base). The journal
re-serialises only the entries that changed since the last save.

A new base is written only once state.json holds every entry as it is now, so it
holds nothing state.json does not; it names the base it was written on
(``after``), and state.json then names it. A crash in between leaves state.json
naming the old base, and the new one (written on it, and saying so) loads the
same (``read_base``).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from nuzzle_game.core.lovemap import LoveMap
from nuzzle_game.core.state import ProfileState
from nuzzle_game.store.atomic import read_tables
from nuzzle_game.store.backups import KEEP_BACKUPS, base_backups, keep_base_backup
from nuzzle_game.store.documents import BaseHead, LoveMapsDocument
from nuzzle_game.store.errors import CorruptSave, reading
from nuzzle_game.store.layout import LOVEMAPS, STATE
from nuzzle_game.store.migrations import SCHEMA_VERSION
from nuzzle_game.store.writer import JsonText, Part, write_file

Entry = tuple[int, str]  # (subject, question id)


class BaseMismatch(CorruptSave):
    """lovemaps.json is not the base state.json's changes go on."""


def read_base(path: Path, wanted: str) -> tuple[str, tuple[LoveMap, LoveMap]]:
    """lovemaps.json: its name and its two love maps, checked.

    It must be the base state.json names (``wanted``), or the one written on it
    whose state.json a crash kept from landing (it holds the same entries and
    more): any other is the wrong base, and judged as damage.
    """
    with reading(path):
        document = LoveMapsDocument.model_validate(read_tables(path))
        name, after = document.meta.id, document.meta.after
        if wanted not in (name, after):
            raise BaseMismatch(path, f"not the love maps {STATE} goes with (it is {name!r}; {STATE} names {wanted!r})")
    return name, document.love_maps


def all_entries(state: ProfileState) -> dict[Entry, None]:
    return {(subject, q): None for subject, love_map in enumerate(state.love_maps) for q in love_map.entries}


@dataclass
class Journal:
    """The love maps of ``state`` as saved: the base (lovemaps.json) they were last
    written whole in, and the entries changed since, which state.json holds."""

    state: ProfileState
    base: str | None  # None: no base, state.json holds every entry
    changed: dict[Entry, None]  # in the order they first changed
    # The changed entries' JSON, as last made (dropped when one changes again).
    texts: dict[Entry, JsonText] = field(default_factory=dict)

    @classmethod
    def whole(cls, state: ProfileState) -> Journal:
        """A state from elsewhere: written whole, on no base (a lovemaps.json there is
        not read); the next compaction writes a base for it."""
        return cls(state, None, all_entries(state))

    def changes_table(self) -> dict[str, Part]:
        """state.json's love_map_changes table: each love map's entries changed since
        the base was written, and what was passed.

        Entries are listed in the order they first changed: an entry new to the love
        map is added at its end when it first changes, so a load (the base's order,
        then the entries new since) finds the love map's order.
        """
        state = self.state
        first_time: tuple[set[str], set[str]] = (set(), set())
        for key in state.take_changed():
            self.texts.pop(key, None)
            if key not in self.changed:
                first_time[key[0]].add(key[1])
        for subject, love_map in enumerate(state.love_maps):
            if first_time[subject]:  # in the love map's order
                self.changed.update(dict.fromkeys((subject, q) for q in love_map.entries if q in first_time[subject]))
        entries: tuple[dict[str, Part], dict[str, Part]] = ({}, {})
        for key in self.changed:
            text = self.texts.get(key)
            if text is None:
                subject, question_id = key
                text = self.texts[key] = JsonText.of(state.love_maps[subject].entries[question_id])
            entries[key[0]][key[1]] = text
        return {
            str(subject + 1): {
                "subject": love_map.subject,
                "entries": entries[subject],
                "passed": love_map.model_dump(mode="json", include={"passed"})["passed"],
            }
            for subject, love_map in enumerate(state.love_maps)
        }

    def rebase(self, name: str | None) -> tuple[str | None, dict[Entry, None], dict[Entry, JsonText]]:
        """Go on the base ``name``, with no change since; returns what it was, for ``restore``."""
        before = self.base, self.changed, self.texts
        self.base, self.changed, self.texts = name, {}, {}
        return before

    def restore(self, before: tuple[str | None, dict[Entry, None], dict[Entry, JsonText]]) -> None:
        self.base, self.changed, self.texts = before


def write_base(directory: Path, journal: Journal, profile: str, durable: bool) -> str:
    """Write the journal's love maps whole as a new lovemaps.json, and keep its copy
    in backups/ (written once and never changed: restore's way back). Returns its
    name; raises SaveError if it could not be written."""
    # Past every base kept in backups/ too (after a restore, state.json may name an
    # older one): names then sort in the order the bases were written.
    kept = [p.name.removeprefix("lovemaps-") for p in base_backups(directory)]
    name = next_base_name(max([journal.base or "", *kept]))
    head = BaseHead(id=name, after=journal.base, profile=profile, schema_version=SCHEMA_VERSION)
    love_maps = {str(subject + 1): love_map for subject, love_map in enumerate(journal.state.love_maps)}
    write_file(directory / LOVEMAPS, {"meta": {"1": head}, "love_maps": love_maps}, durable)
    keep_base_backup(directory, directory / LOVEMAPS, name, durable, KEEP_BACKUPS)
    return name


def next_base_name(previous: str | None) -> str:
    """A new base's name: a number one past the last one's (backups sort by it),
    and a random part, so that no two bases are ever named alike."""
    number = previous.split("-", 1)[0] if previous else ""
    following = int(number) + 1 if number.isdigit() else 1
    return f"{following:06d}-{secrets.token_hex(4)}"
