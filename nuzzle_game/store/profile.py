"""A profile opened for playing: the one writer of a couple's files (DESIGN §8).

The store only persists: what a game changes (counting, clearing the game in
progress, replaying revealed rounds, what leaves the bounded state) is decided
in the core (``session``, ``state``). Each file kind has its module: state.json
(``state_file``), the love maps' base and the journal on it (``lovemaps``), the
history (``months``), the archive (``archive``), the welcome's line
(``summary``), backups (``backups``); ``Profile`` decides when each is written,
in the order that keeps a save whole whatever instant a process is killed at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tinydb import TinyDB
from tinydb.table import Document

from nuzzle_game.core.checkin_status import CheckinStatus, checkin_status
from nuzzle_game.core.game import Game
from nuzzle_game.core.lovemap import AnswerRecord
from nuzzle_game.core.models import Couple
from nuzzle_game.core.state import ProfileState
from nuzzle_game.core.stats import Period
from nuzzle_game.store.archive import write_part
from nuzzle_game.store.atomic import JsonObject, lock_profile, make_private_dir, remove_stray_temps
from nuzzle_game.store.backups import KEEP_BACKUPS, keep_base_backup, keep_month_backup, keep_state_backup
from nuzzle_game.store.documents import ArchivePending, StateHead
from nuzzle_game.store.errors import CorruptSave, SaveError
from nuzzle_game.store.holder import clear_holder, write_holder
from nuzzle_game.store.layout import ARCHIVE, HISTORY
from nuzzle_game.store.loader import Folder, ProfileFiles
from nuzzle_game.store.lovemaps import Journal, write_base
from nuzzle_game.store.migrations import CHANGES, LEGACY_GAME, SCHEMA_VERSION
from nuzzle_game.store.months import MonthFile, backup_past_months, month_path
from nuzzle_game.store.reader import ProfileHistory, ProfileReader
from nuzzle_game.store.state_file import state_tables
from nuzzle_game.store.summary import write_summary
from nuzzle_game.store.tables import AtomicJSONStorage, TablesFile

__all__ = ["COMPACT_ENTRIES", "COMPACT_ON_CLOSE", "Profile", "ProfileReader"]

# Retired answers (or months) gathered in state.json before they are filed in a
# new archive part: bounds state.json, and makes that extra write rare.
FLUSH_ANSWERS = 60
FLUSH_MONTHS = 3
# Love map entries changed since lovemaps.json was written, gathered in state.json
# before lovemaps.json is written again whole: bounds what filing a game writes
# (about 330 bytes an entry), and makes that bigger write rare.
COMPACT_ENTRIES = 128
# Closing the profile writes the base again once this many entries changed since:
# the next opening (and the copy of state.json it keeps) then finds a small
# state.json, and a quick look at a couple never rewrites its love maps.
COMPACT_ON_CLOSE = 16


class Profile:
    """A profile opened for playing: holds the lock until ``close()``.

    Saving a round rewrites game.json only. Filing a finished game writes its
    month's file, then state.json (marking it filed), then game.json; retired
    answers and months go to a new archive part first when enough have gathered,
    and the love maps' base is written again after state.json when enough entries
    changed (``_compact``).
    """

    def __init__(
        self,
        folder: Folder,
        profile: str,
        _new_state: ProfileState | None = None,
        durable: bool | None = None,
        holder: tuple[str, str | None] | None = None,
    ) -> None:
        self.folder = folder
        self.profile = profile
        self.dir = folder.profile_dir(profile)
        self.durable = folder.durable if durable is None else durable
        self.files = ProfileFiles(self.dir, profile)
        self._lock = lock_profile(self.dir, profile)
        self._holder = holder
        try:
            if holder is not None:
                write_holder(self.dir, *holder)
            self._open(_new_state)
        except BaseException:
            self._release()
            raise

    def hold_as(self, place: str, who: str | None = None) -> None:
        """Say who holds the profile now (a partner's half at the keyboard, say)."""
        if self._lock.is_locked:
            self._holder = (place, who)
            write_holder(self.dir, place, who)

    def _release(self) -> None:
        if self._lock.is_locked:
            if self._holder is not None:
                clear_holder(self.dir)
            self._lock.release()

    def _open(self, new_state: ProfileState | None) -> None:
        self._month: MonthFile | None = None  # the month a game was last filed in, kept open
        self._summary_waiting: tuple[bool, CheckinStatus | None] | None = None  # what summary.json says
        # game.json's document as last written (None: not known to be on disk).
        self._game_on_disk: JsonObject | None = None
        # The demo turns these off: it writes the summary once, at its end, and
        # keeps a month's backup once the month is over, not before every game.
        self.summaries = True
        self.month_backups = True
        for folder in (self.dir, self.dir / HISTORY, self.dir / ARCHIVE):
            remove_stray_temps(folder)
        self._game_db = TinyDB(self.files.game, storage=AtomicJSONStorage, durable=self.durable)
        self.history = ProfileHistory(self.files, lambda: self.state, lambda: self._pending)
        # The love maps as saved: lovemaps.json's name and the entries changed since.
        self._journal: Journal | None = None
        self._base_read: str | None = None  # the name of the lovemaps.json read
        self._saved = False  # whether state.json holds the love maps as they are in memory
        if new_state is not None:
            self.state = new_state
            self._state_file = TablesFile(self.files.state, self.durable, {})
            self._head = StateHead()  # state.json's meta as last written (or read)
            self._pending = ArchivePending()  # what waits in state.json to be archived
            self.save_state()
            return
        ahead = self.folder.take_read_ahead(self.profile)
        if ahead is not None and ahead.stamps == self.files.stamps():  # read moments ago, unchanged since
            loaded = ahead.loaded
        else:
            loaded = self.files.load()
        # Every table stays as read until a save puts it again: a compaction at close
        # writes state.json with no save before it, and must write what it read.
        self._state_file = TablesFile(self.files.state, self.durable, loaded.tables)
        self.state = loaded.state
        self._head = loaded.head
        self._pending = loaded.pending
        self._journal = Journal(loaded.state, loaded.head.lovemaps, loaded.changed)
        self._base_read = loaded.base_read
        self._saved = True  # the love maps in memory are those on disk (but for rounds replayed)
        # What game.json holds, as read: a save that leaves it so does not write it.
        self._game_on_disk = dict(loaded.game_doc) if loaded.game_doc is not None else None
        self._backup()
        if loaded.migrated:
            self.save_state()

    @property
    def _archived(self) -> str | None:
        """The last game filed in the history, as state.json says."""
        return self._head.archived_game

    # ------------------------------------------------------------ reading

    def history_files(self) -> list[Path]:
        return self.history.files_of_months()

    def games(self) -> Iterator[Game]:
        """Every finished game, oldest first, one month file at a time."""
        return (game for _, game in self.history.month_games())

    def history_of(self, subject: int, question_id: str) -> list[AnswerRecord]:
        return self.history.history_of(subject, question_id)

    def histories(self, subject: int) -> dict[str, list[AnswerRecord]]:
        return self.history.histories(subject)

    def months(self) -> list[Period]:
        return self.history.months()

    def forget_archive(self) -> None:
        self.history.archive.forget()

    # ----------------------------------------------------------- writing

    def save_game(self, simulated: bool = False) -> None:
        """Save the game in progress: a small file, whatever the history.

        ``simulated`` marks a game the demo plays, so a later demo may finish it.
        """
        game, halves = self.state.active_game, self.state.halves
        # Always every key: an upsert merges into the document already there.
        doc: JsonObject = {
            "game": game.model_dump(mode="json") if game else None,
            "simulated": simulated and game is not None,
            "halves": halves.model_dump(mode="json") if halves else None,
        }
        if doc != self._game_on_disk:  # no game before and none now: nothing to write
            self._game_on_disk = None  # unknown until the write is done
            self._game_db.table("game").upsert(Document(doc, doc_id=1))
            self._game_on_disk = doc
        if self.summaries and self._summary_waiting != self._summary_key():
            self._write_summary()

    def game_is_simulated(self) -> bool:
        """Whether the game in progress was started by the demo."""
        doc = self._game_db.table("game").get(doc_id=1)
        return bool(isinstance(doc, dict) and doc.get("simulated"))

    def save_state(self) -> None:
        """Save everything: the bounded state, then the game in progress."""
        self._save_state(self._archived)

    def _take_retired(self) -> None:
        """Move what left the bounded state since the last save to what waits in
        state.json to be archived."""
        retired = self.state.take_retired()
        if retired:
            self._pending.answers.extend(retired.answers)
            self._pending.months.extend(retired.months)

    def _journal_of(self, state: ProfileState) -> Journal:
        if self._journal is None or self._journal.state is not state:
            self._journal = Journal.whole(state)  # a state from elsewhere (the demo's, a new one)
        return self._journal

    def _save_state(self, archived: str | None) -> None:
        state = self.state
        game = state.active_game
        self._take_retired()
        pending = self._pending
        if len(pending.answers) >= FLUSH_ANSWERS or len(pending.months) >= FLUSH_MONTHS:
            # Archive first: until state.json says so, the retired items stay
            # pending there too, so a crash in between only files them twice.
            pending = ArchivePending(next_chunk=write_part(self.dir, pending, self.durable) + 1)
        journal = self._journal_of(state)
        changes = journal.changes_table()
        head = StateHead(
            schema_version=SCHEMA_VERSION,
            profile=self.profile,
            applied_game=game.id if game else None,
            applied_rounds=game.revealed if game else 0,
            archived_game=archived,
            lovemaps=journal.base,
        )
        self._saved = False
        self._state_file.put(state_tables(state, head, pending, changes), drop=(LEGACY_GAME,))
        self._saved = True
        self._head, self._pending = head, pending
        self.save_game()
        if len(journal.changed) >= COMPACT_ENTRIES:
            self._compact()
        if self.summaries:
            self._write_summary()

    def _may_compact(self) -> bool:
        """Whether the love maps in memory are exactly those state.json holds (none
        changed since it was written): only then may they go into a new base."""
        journal = self._journal
        return self._saved and journal is not None and journal.state is self.state and not self.state.love_maps_changed

    def _compact(self) -> None:
        """Write the love maps whole in a new lovemaps.json, then state.json with no
        changes left on it (see ``lovemaps``). A failure leaves the changes in
        state.json, as saved; the next save tries again."""
        if not self._may_compact():
            return
        journal = self._journal
        assert journal is not None
        try:
            name = write_base(self.dir, journal, self.profile, self.durable)
        except SaveError:
            return
        before = journal.rebase(name)
        head = self._head.model_copy(update={"lovemaps": name})
        try:
            self._state_file.put({"meta": {"1": head}, CHANGES: journal.changes_table()})
        except SaveError:
            # state.json names the base the new one was written on: it loads the same,
            # and the next base must be written on that one too.
            journal.restore(before)
            return
        self._head = head

    def write_summary(self) -> None:
        """Write the welcome screen's line now (after the demo's games)."""
        self._write_summary()

    def _summary_key(self) -> tuple[bool, CheckinStatus | None]:
        """What the welcome's line and the nudge say of the games in play."""
        halves = self.state.halves
        return self.state.active_game is not None, checkin_status(halves.model_dump(mode="json") if halves else None)

    def _write_summary(self) -> None:
        state = self.state
        key = self._summary_key()
        names = state.couple.players[0].name, state.couple.players[1].name
        try:
            write_summary(self.dir, names, state.aggregates.games, key[0], key[1])
            self._summary_waiting = key
        except Exception:
            self._summary_waiting = None  # a stale summary is only ever a slower welcome

    def archive_game(self, game: Game) -> None:
        """File a finished game in its month's history, then save the state.

        The session has already counted the game and cleared it from play; this
        only writes. Order matters for crashes: the history (keyed by game id,
        so filing twice is harmless), then state.json (marking the game filed),
        then game.json.
        """
        path = month_path(self.dir, game)
        make_private_dir(path.parent, inside=self.dir)
        try:
            month = self._month_file(path)
            if game.id not in month.keys and month.texts and self.month_backups:
                # The month as it was before this game: restore's way back.
                keep_month_backup(self.dir, path, self.durable)
            month.file_game(game)  # one write, whether the game is new to the month or not
        except CorruptSave as error:
            self._month = None
            raise error.for_profile(self.profile) from None
        except BaseException:
            self._month = None  # read it again: memory may be ahead of the disk
            raise
        self._save_state(game.id)

    def _month_file(self, path: Path) -> MonthFile:
        """The month's file, kept open while games are filed in it."""
        if self._month is not None and self._month.path == path:
            return self._month
        self._month = None
        if not path.exists():
            backup_past_months(self.dir, path, self.folder.durable)
        self._month = MonthFile(path, self.durable)
        return self._month

    def update_couple(self, couple: Couple) -> None:
        self.state.couple = couple
        self.save_state()

    def _backup(self) -> None:
        """Keep the state just read, known good, among the last few backups, and
        the love maps' base it was read with (once: a base never changes)."""
        keep_state_backup(self.dir, self.files.state, self.folder.clock, self.folder.durable, KEEP_BACKUPS)
        if self._base_read is not None:
            keep_base_backup(self.dir, self.files.lovemaps, self._base_read, self.folder.durable, KEEP_BACKUPS)

    def close(self) -> None:
        """Release the profile; first, if enough entries changed since the base was
        written and state.json holds them all, write the base again (a failure
        there loses nothing)."""
        try:
            if self._lock.is_locked and self._journal and len(self._journal.changed) >= COMPACT_ON_CLOSE:
                self._compact()
                if self.summaries:
                    self._write_summary()  # state.json changed: the welcome's line names the new one
        finally:
            self._release()

    def __enter__(self) -> Profile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
