"""Reading a profile without playing it: its finished games and its archive
(``ProfileHistory``, which the writing ``Profile`` has too), and ``ProfileReader``,
read-only access for export, restore's check and another process's look.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from nuzzle_game.core.game import Game
from nuzzle_game.core.lovemap import AnswerRecord
from nuzzle_game.core.state import ProfileState
from nuzzle_game.core.stats import Period, merge_months
from nuzzle_game.store.archive import Archive, Retired
from nuzzle_game.store.atomic import JsonObject
from nuzzle_game.store.documents import ArchivePending
from nuzzle_game.store.errors import NoSuchProfile
from nuzzle_game.store.loader import Folder, ProfileFiles
from nuzzle_game.store.months import history_files, read_month


class ProfileHistory:
    """A profile's finished games (its month files) and its archive, read when asked
    for, against its state as it is now (``state``) and what waits in state.json to
    be archived (``pending``)."""

    def __init__(
        self, files: ProfileFiles, state: Callable[[], ProfileState], pending: Callable[[], ArchivePending]
    ) -> None:
        self.files = files
        self._state = state
        self._pending = pending
        self.archive = Archive(files.dir, files.profile, self._unfiled)

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
        for path in self.files_of_months():
            for doc, game in read_month(path, self.files.profile):
                if active is None or game.id != active.id:
                    yield doc, game

    def check(self) -> None:
        """Read everything an export reads past the state (every month of the history,
        and the archive). Raises the first damage, as a SaveError naming its file."""
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
        self.history = ProfileHistory(self.files, lambda: self.state, lambda: self._pending)

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

    def history_of(self, subject: int, question_id: str) -> list[AnswerRecord]:
        return self.history.history_of(subject, question_id)

    def histories(self, subject: int) -> dict[str, list[AnswerRecord]]:
        return self.history.histories(subject)

    def months(self) -> list[Period]:
        return self.history.months()

    def forget_archive(self) -> None:
        self.history.archive.forget()
