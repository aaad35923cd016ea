"""Reading a profile without playing it: its finished games and its archive
(``ProfileHistory``, which the writing ``Profile`` has too), and ``ProfileReader``,
read-only access for export, restore's check and another process's look.

The state knows what the history should hold (``documents.HistoryIndex``: the
games filed in each month file; the archive parts numbered below ``next_chunk``):
a file gone missing, or a month holding fewer games than were filed in it, is
never silently left out (``missing``, ``incomplete``, ``check``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from nuzzle_game.core.game import Game
from nuzzle_game.core.lovemap import AnswerRecord
from nuzzle_game.core.state import ProfileState
from nuzzle_game.core.stats import Period, merge_months
from nuzzle_game.store.archive import Archive, Retired
from nuzzle_game.store.atomic import JsonObject
from nuzzle_game.store.documents import ArchivePending, HistoryIndex, Owner
from nuzzle_game.store.errors import MissingFile, NoSuchProfile
from nuzzle_game.store.layout import ARCHIVE, HISTORY, STATE
from nuzzle_game.store.loader import Folder, ProfileFiles
from nuzzle_game.store.months import history_files, read_month


class Gap(NamedTuple):
    """A file of the history or the archive not there, or short of games."""

    path: Path
    games: int | None  # the games not there (None: an archive part)
    reason: str


class ProfileHistory:
    """A profile's finished games (its month files) and its archive, read when asked
    for, against its state as it is now (``state``) and what waits in state.json to
    be archived (``pending``)."""

    def __init__(
        self,
        files: ProfileFiles,
        owner: Owner,
        state: Callable[[], ProfileState],
        pending: Callable[[], ArchivePending],
        index: Callable[[], HistoryIndex | None],
    ) -> None:
        self.files = files
        self.owner = owner
        self._state = state
        self._pending = pending
        self._index = index
        self.archive = Archive(files.dir, owner, self._unfiled)
        self._short: dict[Path, Gap] = {}  # month files found short of games, as last read

    def _unfiled(self) -> Retired:
        """Retired answers and months in no archive part yet: waiting in state.json,
        or retired in memory since (replayed rounds may have retired some)."""
        pending, retired = self._pending(), self._state().retired
        return pending.answers + retired.answers, pending.months + retired.months

    def files_of_months(self) -> list[Path]:
        return history_files(self.files.dir)

    def month_games(self) -> Iterator[tuple[JsonObject, Game]]:
        """The one reader of the history: each finished game as saved and as checked,
        oldest first, one month file at a time. Any damage becomes a CorruptSave
        naming the month file, in one line. A game still in progress in the state
        (being filed right now by the open game) is left out: it shows as the game
        in progress."""
        active = self._state().active_game
        index = self._index()
        filed = index.months() if index is not None else {}
        for path in self.files_of_months():
            games = read_month(path, self.owner)
            found, expected = len({game.id for _, game in games}), filed.get(path.stem, 0)
            self._short.pop(path, None)
            if found < expected:
                reason = f"{found} of the {expected} games filed in it ({STATE})"
                self._short[path] = Gap(path, expected - found, reason)
            for doc, game in games:
                if active is None or game.id != active.id:
                    yield doc, game

    def missing(self) -> list[Gap]:
        """The files the state says are there and are not: months of the history with
        games filed in them, archive parts below the next one's number."""
        gaps = []
        index = self._index()
        for key, games in (index.months() if index is not None else {}).items():
            path = self.files.dir / HISTORY / f"{key}.json"
            if not os.path.lexists(path):
                gaps.append(Gap(path, games, f"missing ({STATE} counts {games} game{'s' * (games != 1)} filed in it)"))
        parts = self._pending().next_chunk - 1
        for number in range(1, parts + 1):
            path = self.files.dir / ARCHIVE / f"{number:04d}.json"
            if not os.path.lexists(path):
                gaps.append(Gap(path, None, f"missing ({STATE} counts {parts} archive part{'s' * (parts != 1)})"))
        return gaps

    def incomplete(self) -> list[Gap]:
        """What an export of the history leaves out: the files missing, and the month
        files found short of games as they were read (``month_games``)."""
        return sorted([*self.missing(), *self._short.values()], key=lambda gap: gap.path)

    def check(self) -> None:
        """Read everything an export reads past the state (every month of the history,
        and the archive) and find every file the state says is there. Raises the first
        damage, or a file missing, as a SaveError naming its file."""
        for gap in self.missing():
            raise MissingFile(gap.path, gap.reason, self.owner.profile)
        for _ in self.month_games():
            pass
        self.archive.read()

    def history_of(self, subject: int, question_id: str) -> list[AnswerRecord]:
        """All of a subject's answers to a question, oldest first (reads the archive once)."""
        by_entry, _ = self.archive.read()
        entry = self._state().love_maps[subject].entries.get(question_id)
        recent = list(entry.history) if entry else []
        since = recent[0].at if recent else None
        older = [a for a in by_entry.get((subject, question_id), []) if since is None or a.at < since]
        return older + recent

    def histories(self, subject: int) -> dict[str, list[AnswerRecord]]:
        """``history_of`` for every question the subject has answered."""
        return {q: self.history_of(subject, q) for q in self._state().love_maps[subject].entries}

    def months(self) -> list[Period]:
        """Every month's aggregates, oldest first: stats over the years."""
        _, archived = self.archive.read()
        return merge_months(archived, self._state().aggregates.months)


class ProfileReader:
    """Read-only access to a profile (export, the history panel); takes no lock."""

    def __init__(self, folder: Folder, profile: str) -> None:
        self.folder = folder
        self.profile = profile
        self.dir = folder.profile_dir(profile)
        self.files = ProfileFiles(self.dir, profile)
        if not self.files.state.is_file():
            raise NoSuchProfile(profile, folder.root)
        loaded = self.files.load()
        self.state = loaded.state
        self._pending = loaded.pending
        self._index = loaded.index
        self.history = ProfileHistory(
            self.files, loaded.owner, lambda: self.state, lambda: self._pending, lambda: self._index
        )

    def history_files(self) -> list[Path]:
        return self.history.files_of_months()

    def raw_games(self) -> Iterator[JsonObject]:
        """Every finished game as saved, oldest first, checked as ``games()`` checks it
        (one reader, so export and ``restore`` judge a save alike)."""
        return (doc for doc, _ in self.history.month_games())

    def games(self) -> Iterator[Game]:
        """Every finished game, oldest first, one month file at a time."""
        return (game for _, game in self.history.month_games())

    def check(self) -> None:
        self.history.check()

    def incomplete(self) -> list[Gap]:
        """What the history read so far leaves out (see ``ProfileHistory.incomplete``)."""
        return self.history.incomplete()

    def incomplete_note(self) -> str | None:
        """One line saying what an export of the history left out, if anything."""
        gaps = self.incomplete()
        if not gaps:
            return None
        names = ", ".join(f"{gap.path.relative_to(self.dir)} ({gap.reason})" for gap in gaps)
        games = sum(gap.games or 0 for gap in gaps)
        left_out = f"{games} finished game{'s' * (games != 1)}" if games else "part of the archive"
        return (
            f"the history of '{self.profile}' is incomplete, {left_out} not listed: {names}; "
            f"`nuzzle restore {self.profile}` brings back what backups/ holds"
        )

    def history_of(self, subject: int, question_id: str) -> list[AnswerRecord]:
        return self.history.history_of(subject, question_id)

    def histories(self, subject: int) -> dict[str, list[AnswerRecord]]:
        return self.history.histories(subject)

    def months(self) -> list[Period]:
        return self.history.months()

    def forget_archive(self) -> None:
        self.history.archive.forget()
