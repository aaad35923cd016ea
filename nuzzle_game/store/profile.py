"""The one small store interface: couples, games, rounds, love maps, unlocks.

The store only persists: what a game changes (counting, clearing the game in
progress, replaying revealed rounds, what leaves the bounded state) is decided
in the core (``session``, ``state``). The layout is in ``layout``.

Saving a round rewrites ``game.json`` only: a few kilobytes, whatever the
history. ``state.json`` is written when a game ends; it records how many of the
game's rounds it holds, so a load replays only the rest (``ProfileState.catch_up``).
Finished games go to their month's file. Old answers and months retired from
the bounded state wait in ``state.json`` and are filed together, in a new
``archive/`` file written once, when enough of them have gathered: filing a
game costs the same after twenty years as on the first day.

The love maps are the bulk of the bounded state, and a game changes few of their
entries: their base is ``lovemaps.json``, and state.json holds only the entries
changed since it was written (``love_map_changes``, a journal on top of the base).
Once enough have changed, the base is written again whole, then state.json with
no changes left (see ``Profile._compact``).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from filelock import FileLock
from pydantic import ValidationError
from tinydb import TinyDB
from tinydb.table import Document

from nuzzle_game.clock import Clock
from nuzzle_game.core.game import Game
from nuzzle_game.core.lovemap import AnswerRecord, LoveMap
from nuzzle_game.core.models import Couple
from nuzzle_game.core.state import ProfileState, RetiredAnswer
from nuzzle_game.core.stats import Period, merge_months
from nuzzle_game.store import atomic
from nuzzle_game.store.atomic import (
    AtomicJSONStorage,
    atomic_write,
    lock_profile,
    make_private_dir,
    read_json,
    read_tables,
    remove_stray_temps,
)
from nuzzle_game.store.backups import (
    KEEP_BACKUPS,
    base_backups,
    keep_archive_backup,
    keep_base_backup,
    keep_month_backup,
    keep_state_backup,
)
from nuzzle_game.store.errors import CorruptSave, NoSuchProfile, SaveError, content_reason, reading
from nuzzle_game.store.files import FileStamp, file_stamp
from nuzzle_game.store.layout import (
    ARCHIVE,
    BACKUPS,
    CHUNK_GLOB,
    GAME,
    HISTORY,
    LOVEMAPS,
    MONTH_GLOB,
    STATE,
    SUMMARY,
    archive_files,
)
from nuzzle_game.store.migrations import CHANGES, LEGACY_GAME, PENDING, SCHEMA_VERSION, migrate

# Retired answers (or months) gathered in state.json before they are filed in a
# new archive file: bounds state.json, and makes that extra write rare.
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


class Folder(Protocol):
    """What a profile needs of its save folder (``folder.SaveFolder``)."""

    root: Path
    durable: bool
    clock: Clock

    def profile_dir(self, profile: str) -> Path: ...

    def take_read_ahead(self, profile: str) -> ReadAhead | None:
        """The profile's saves as read before it was opened, if any (once)."""
        ...


def _lock(folder: Path, profile: str) -> FileLock:
    return lock_profile(folder, profile)


@dataclass
class Pending:
    """Retired answers and months that wait in state.json to be archived."""

    answers: list[dict[str, Any]] = field(default_factory=list)
    months: list[dict[str, Any]] = field(default_factory=list)
    next_chunk: int = 1

    def doc(self) -> dict[str, Any]:
        return {"answers": self.answers, "months": self.months, "next_chunk": self.next_chunk}


@dataclass
class Loaded:
    state: ProfileState
    migrated: bool
    archived_game: str | None
    pending: Pending
    base: str | None  # the base state.json names (None: none, it holds the love maps whole)
    base_read: str | None  # the name of the lovemaps.json read (``base``, or the one written on it)
    changed: dict[tuple[int, str], None]  # the entries state.json holds (changed since that base), in order


@dataclass
class ReadAhead:
    """A profile's saves read and checked before it is opened (``read_ahead``)."""

    stamps: tuple[FileStamp | None, ...]  # of the files read, taken before reading them
    tables: dict[str, Any]  # state.json's tables, for its storage
    game_read: Any  # game.json's document
    loaded: Loaded


def _stamps(folder: Path) -> tuple[FileStamp | None, ...]:
    """What changes whenever state.json, game.json or lovemaps.json do."""
    return tuple(file_stamp(folder / name) for name in (STATE, GAME, LOVEMAPS))


def read_ahead(folder: Folder, profile: str) -> ReadAhead:
    """Read and check a profile's saves as opening it would, without its lock and
    writing nothing: the welcome screen does this while it is read, and opening
    takes the result if none of the files changed since (``Profile``)."""
    folder_dir = folder.profile_dir(profile)
    stamps = _stamps(folder_dir)
    reader = ProfileReader.__new__(ProfileReader)
    reader.folder, reader.profile, reader.dir = folder, profile, folder_dir
    storage = AtomicJSONStorage(folder_dir / STATE, read_only=True)
    loaded = reader._read(storage)
    tables = storage.read()
    if tables is None:
        raise NoSuchProfile(profile, folder.root)
    return ReadAhead(stamps, tables, reader._game_read, loaded)


class BaseMismatch(CorruptSave):
    """lovemaps.json is not the base state.json's changes go on."""


def _load_state(tables: Any, path: Path, game_tables: Any = None, base_file: Path | None = None) -> Loaded:
    """Build the state from state.json's tables, the love maps' base they name
    (``base_file``, by default the lovemaps.json beside ``path``) and game.json's,
    replaying the revealed rounds of the game in progress that state.json does not
    hold yet."""
    if not isinstance(tables, dict):
        raise CorruptSave(path, "not a Nuzzle save (unexpected layout)")
    with reading(path):
        return _build_state(tables, path, game_tables, base_file or path.with_name(LOVEMAPS))


def _build_state(tables: Any, path: Path, game_tables: Any, base_file: Path) -> Loaded:
    tables, migrated = migrate(tables, path)
    try:
        doc = {name: table.get("1") for name, table in tables.items()}
        meta = doc.get("meta") or {}
        base = meta.get("lovemaps")
        if base is not None and not isinstance(base, str):
            raise TypeError("meta.lovemaps is not a name")
        game_doc = ((game_tables or {}).get("game") or {}).get("1") or doc.get(LEGACY_GAME) or {}
        raw = {
            "couple": doc["couple"],
            "settings": doc.get("settings") or {},
            "aggregates": doc.get("aggregates") or {},
            "unlocks": (doc.get("unlocks") or {}).get("items", []),
            "active_game": game_doc.get("game"),
            "love_maps": [tables.get(CHANGES, {}).get(str(i + 1)) or {"subject": i} for i in range(2)],
        }
        state = ProfileState.model_validate(raw)
        pending = _pending(doc.get(PENDING) or {}, path)
    except (KeyError, TypeError, AttributeError, ValueError, ValidationError) as error:
        detail = error.errors()[0] if isinstance(error, ValidationError) else None
        where = ".".join(map(str, detail["loc"])) + ": " + detail["msg"] if detail else repr(error)
        reason = content_reason(error)  # a time without a time zone is named as such
        raise CorruptSave(
            path, reason if detail and detail["type"] == "timezone_aware" else f"unexpected content ({where})"
        ) from error
    changed = _all_entries(state)  # so far, those of state.json
    base_read = None
    if base is not None:
        base_read, maps = read_base(base_file, base, state)
        for love_map, base_map in zip(state.love_maps, maps, strict=True):
            entries = base_map.entries  # the base's order, then the entries new since
            entries.update(love_map.entries)
            love_map.entries = entries
    archived = meta.get("archived_game")
    state.catch_up(meta.get("applied_game"), meta.get("applied_rounds", 0), archived)
    return Loaded(state, migrated, archived, pending, base, base_read, changed)


def read_base(path: Path, wanted: str, state: ProfileState) -> tuple[str, tuple[LoveMap, LoveMap]]:
    """lovemaps.json, the love maps' base: its name and its two love maps, checked
    (as those of a state holding the rest of ``state``, state.json's: the one
    validator already built serves both files).

    It must be the base state.json names (``wanted``), or the one written on it
    whose state.json a crash kept from landing (it holds the same entries and
    more): any other is the wrong base, and judged as damage.
    """
    with reading(path):
        tables = read_tables(path)
        meta = (tables.get("meta") or {}).get("1") or {}
        name, after = meta.get("id"), meta.get("after")
        if not isinstance(name, str) or wanted not in (name, after):
            raise BaseMismatch(path, f"not the love maps {STATE} goes with (it is {name!r}; {STATE} names {wanted!r})")
        maps = tables["love_maps"]
        rest = {"couple": state.couple, "aggregates": state.aggregates, "settings": state.settings}
        found = ProfileState.model_validate({**rest, "love_maps": [maps["1"], maps["2"]]}).love_maps
    return name, found


def _pending(doc: dict[str, Any], path: Path) -> Pending:
    """The retired answers and months waiting in state.json, checked as the
    archive reader will read them: part of the state, so judged with it."""
    answers, months = doc.get("answers", []), doc.get("months", [])
    next_chunk = doc.get("next_chunk", 1)
    if not (isinstance(answers, list) and isinstance(months, list)):
        raise TypeError(f"{PENDING} holds no lists")
    if isinstance(next_chunk, bool) or not isinstance(next_chunk, int) or next_chunk < 1:
        raise ValueError(f"{PENDING}.next_chunk is not a positive number")
    for answer in answers:
        RetiredAnswer.model_validate(answer)
    for month in months:
        Period.model_validate(month)
    return Pending(list(answers), list(months), next_chunk)


def _check_game(game_tables: Any, path: Path) -> None:
    """Read game.json's game on its own, so that its damage is blamed on it."""
    with reading(path):
        game = ((game_tables or {}).get("game") or {}).get("1") or {}
        if game.get("game") is not None:
            Game.model_validate(game["game"])


def read_month(path: Path, profile: str | None = None) -> list[tuple[dict[str, Any], Game]]:
    """A month file's games in the order filed, each as saved and as checked.

    The only reader of a month file (export, the stats, ``restore`` and its
    backups all come here): any damage is a CorruptSave naming it, in one line.
    """
    with reading(path, profile):
        games = read_tables(path).get("games", {})
        found = []
        for key in sorted(games, key=int):
            game = Game.model_validate(games[key])
            found.append((games[key], game))
    return found


def read_chunk(path: Path, profile: str) -> tuple[list[RetiredAnswer], list[Period]]:
    """One ``archive/`` file, every answer and month in it checked (restore reads
    its backup the same way)."""
    with reading(path, profile):
        data = read_json(path)
        if not isinstance(data, dict):
            raise CorruptSave(path, "not a Nuzzle save (unexpected layout)")
        answers, months = data.get("answers") or {}, data.get("months") or {}
        if not isinstance(answers, dict) or not isinstance(months, dict):
            raise CorruptSave(path, "not a Nuzzle save (unexpected layout)")
    return _validate_chunk(path, profile, list(answers.values()), list(months.values()))


def _validate_chunk(
    path: Path, profile: str, answer_docs: list[Any], month_docs: list[Any]
) -> tuple[list[RetiredAnswer], list[Period]]:
    answers: list[RetiredAnswer] = []
    months: list[Period] = []
    with reading(path, profile):
        for doc in answer_docs:
            retired = RetiredAnswer.model_validate(doc)
            answers.append(retired)
        for doc in month_docs:
            month = Period.model_validate(doc)
            months.append(month)
    return answers, months


class ProfileReader:
    """Read-only access (export, the history panel); takes no lock."""

    def __init__(self, folder: Folder, profile: str) -> None:
        self.folder = folder
        self.profile = profile
        self.dir = folder.profile_dir(profile)
        if not (self.dir / STATE).is_file():
            raise NoSuchProfile(profile, folder.root)
        loaded = self._read()
        self.state = loaded.state
        self._pending = loaded.pending
        self._archive: tuple[dict[tuple[int, str], list[AnswerRecord]], list[Period]] | None = None

    def _read(self, storage: AtomicJSONStorage | None = None) -> Loaded:
        state_file = self.dir / STATE
        game_file = self.dir / GAME
        try:
            # game.json before state.json: a game filed meanwhile is then either
            # still in progress (and not yet counted) or marked filed in the state.
            game_tables = read_tables(game_file) if game_file.exists() else None
            _check_game(game_tables, game_file)
            self._game_read = ((game_tables or {}).get("game") or {}).get("1")
            tables = storage.read() if storage else read_tables(state_file)
            try:
                return _load_state(tables, state_file, game_tables)
            except BaseMismatch:
                if storage is not None:
                    raise
                # A writer compacted between our two reads: state.json names the new base now.
                return _load_state(read_tables(state_file), state_file, game_tables)
        except CorruptSave as error:
            raise error.for_profile(self.profile) from None

    # ------------------------------------------------------------ history

    def history_files(self) -> list[Path]:
        folder = self.dir / HISTORY
        return sorted(folder.glob(MONTH_GLOB)) if folder.is_dir() else []

    def raw_games(self) -> Iterator[dict[str, Any]]:
        """Every finished game as saved, oldest first, one month file at a time.

        Each is checked exactly as ``games()`` checks it (one reader, so export
        and ``restore`` judge a save alike). A game still in progress in this
        reader's state (being filed right now by the open game) is left out:
        it shows as the game in progress.
        """
        for doc, _ in self._month_games():
            yield doc

    def games(self) -> Iterator[Game]:
        """Every finished game, oldest first, one month file at a time."""
        for _, game in self._month_games():
            yield game

    def _month_games(self) -> Iterator[tuple[dict[str, Any], Game]]:
        """The one reader of the history: each game as saved and as checked.

        Any damage becomes a CorruptSave naming the month file, in one line.
        """
        active = self.state.active_game.id if self.state.active_game else None
        for path in self.history_files():
            for doc, game in read_month(path, self.profile):
                if game.id != active:
                    yield doc, game

    def check(self) -> None:
        """Read everything an export reads (the state was read on opening; then
        every month of the history and the archive). Raises the first damage,
        as a SaveError naming its file; ``restore`` calls only this."""
        for _ in self._month_games():
            pass
        self._read_archive()

    # ------------------------------------------------------------ archive

    def _retired_now(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Retired answers and months not in an archive file yet (on disk or in memory)."""
        retired = self.state.retired  # replayed rounds may have retired some
        return (
            self._pending.answers + [r.model_dump(mode="json") for r in retired.answers],
            self._pending.months + [m.model_dump(mode="json") for m in retired.months],
        )

    def _read_archive(self) -> tuple[dict[tuple[int, str], list[AnswerRecord]], list[Period]]:
        """Every retired answer (by subject and question) and month, read once."""
        if self._archive is None:
            answers: dict[tuple[int, str, str], RetiredAnswer] = {}
            months: list[Period] = []
            folder = self.dir / ARCHIVE
            chunks = archive_files(folder)
            parts = [read_chunk(path, self.profile) for path in chunks]
            pending_answers, pending_months = self._retired_now()
            parts.append(_validate_chunk(self.dir / STATE, self.profile, pending_answers, pending_months))
            for chunk_answers, chunk_months in parts:
                for retired in chunk_answers:
                    answers[retired.key] = retired
                months += chunk_months
            by_entry: dict[tuple[int, str], list[AnswerRecord]] = {}
            for retired in sorted(answers.values(), key=lambda r: r.answer.at):
                by_entry.setdefault((retired.subject, retired.question_id), []).append(retired.answer)
            self._archive = (by_entry, merge_months(months))
        return self._archive

    def history_of(self, subject: int, question_id: str) -> list[AnswerRecord]:
        """All of a subject's answers to a question, oldest first (reads the archive once)."""
        by_entry, _ = self._read_archive()
        entry = self.state.love_maps[subject].entries.get(question_id)
        recent = list(entry.history) if entry else []
        since = recent[0].at if recent else None
        older = [a for a in by_entry.get((subject, question_id), []) if since is None or a.at < since]
        return older + recent

    def histories(self, subject: int) -> dict[str, list[AnswerRecord]]:
        """``history_of`` for every question the subject has answered."""
        return {q: self.history_of(subject, q) for q in self.state.love_maps[subject].entries}

    def months(self) -> list[Period]:
        """Every month's aggregates, oldest first: stats over the years."""
        _, archived = self._read_archive()
        return merge_months(archived, self.state.aggregates.months)

    def forget_archive(self) -> None:
        """Drop the archive read so far (it is read again when next asked for)."""
        self._archive = None


class Profile(ProfileReader):
    """A profile opened for playing: holds the lock until ``close()``."""

    def __init__(
        self,
        folder: Folder,
        profile: str,
        _new_state: ProfileState | None = None,
        durable: bool | None = None,
    ) -> None:
        self.folder = folder
        self.profile = profile
        self.dir = folder.profile_dir(profile)
        self.durable = folder.durable if durable is None else durable
        self._lock = _lock(self.dir, profile)
        try:
            self._open(_new_state)
        except BaseException:
            self._lock.release()
            raise

    def _open(self, new_state: ProfileState | None) -> None:
        self._archived: str | None = None  # the last game filed in the history
        # The love maps as saved: lovemaps.json's name and the entries changed since.
        self._journal: _Journal | None = None
        self._saved = False  # whether state.json holds the love maps as they are in memory
        self._archive = None
        self._month: _MonthFile | None = None
        self._summary_waiting: bool | None = None
        # game.json's document as last written (None: not known to be on disk).
        self._game_on_disk: dict[str, Any] | None = None
        # The demo turns these off: it writes the summary once, at its end, and
        # keeps a month's backup once the month is over, not before every game.
        self.summaries = True
        self.month_backups = True
        remove_stray_temps(self.dir)
        remove_stray_temps(self.dir / HISTORY)
        remove_stray_temps(self.dir / ARCHIVE)
        self._db = TinyDB(self.dir / STATE, storage=AtomicJSONStorage, durable=self.durable)
        self._storage: AtomicJSONStorage = self._db.storage  # type: ignore[assignment]
        self._game_db = TinyDB(self.dir / GAME, storage=AtomicJSONStorage, durable=self.durable)
        if new_state is not None:
            self.state = new_state
            self._pending = Pending()
            self.save_state()
            return
        ahead = self.folder.take_read_ahead(self.profile)
        if ahead is not None and ahead.stamps == _stamps(self.dir):  # read moments ago, unchanged since
            self._storage.adopt(ahead.tables)
            self._game_read, loaded = ahead.game_read, ahead.loaded
        else:
            loaded = self._read(self._storage)
        self.state, self._archived, self._pending = loaded.state, loaded.archived_game, loaded.pending
        self._journal = _Journal(loaded.state, loaded.base, loaded.changed)
        self._base_read = loaded.base_read
        self._saved = True  # the love maps in memory are those on disk (but for rounds replayed)
        # Every table stays as read until a save puts it again: a compaction at close
        # writes state.json with no save before it, and must write what it read.
        # What game.json holds, as read: a save that leaves it so does not write it.
        self._game_on_disk = dict(self._game_read) if isinstance(self._game_read, dict) else None
        self._game_read = None
        self._backup()
        if loaded.migrated:
            self.save_state()

    def _retired_now(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        self._take_retired()
        return self._pending.answers, self._pending.months

    def _take_retired(self) -> None:
        retired = self.state.take_retired()
        if retired:
            self._pending.answers.extend(r.model_dump(mode="json") for r in retired.answers)
            self._pending.months.extend(m.model_dump(mode="json") for m in retired.months)
            self._archive = None

    # ----------------------------------------------------------- writing

    def save_game(self, simulated: bool = False) -> None:
        """Save the game in progress: a small file, whatever the history.

        ``simulated`` marks a game the demo plays, so a later demo may finish it.
        """
        game = self.state.active_game
        # Always both keys: an upsert merges into the document already there.
        doc = {"game": game.model_dump(mode="json") if game else None, "simulated": simulated and game is not None}
        if doc != self._game_on_disk:  # no game before and none now: nothing to write
            self._game_on_disk = None  # unknown until the write is done
            self._game_db.table("game").upsert(Document(doc, doc_id=1))
            self._game_on_disk = doc
        if self.summaries and self._summary_waiting is not (game is not None):
            self._write_summary()

    def game_is_simulated(self) -> bool:
        """Whether the game in progress was started by the demo."""
        doc = self._game_db.table("game").get(doc_id=1)
        return bool(doc and doc.get("simulated"))

    def save_state(self) -> None:
        """Save everything: the bounded state, then the game in progress."""
        self._save_state(self._archived)

    def _save_state(self, archived: str | None) -> None:
        state = self.state
        game = state.active_game
        self._take_retired()
        pending = self._pending
        flush = len(pending.answers) >= FLUSH_ANSWERS or len(pending.months) >= FLUSH_MONTHS
        if flush:
            # Archive first: until state.json says so, the retired items stay
            # pending there too, so a crash in between only files them twice.
            self._write_chunk(pending)
            pending = Pending(next_chunk=pending.next_chunk + 1)
        dump = state.model_dump(mode="json", include={"couple", "settings", "unlocks"})
        # pydantic's own JSON for the biggest table left: the same text, a third of the time.
        aggregates = f'{{"1":{state.aggregates.model_dump_json()}}}'
        changes = self._changes_text(state)
        meta = {
            "schema": SCHEMA_VERSION,
            "profile": self.profile,
            "applied_game": game.id if game else None,
            "applied_rounds": game.revealed if game else 0,
            "archived_game": archived,
            "lovemaps": self._journal.base if self._journal else None,
        }
        self._saved = False
        with self._storage.hold():
            self._db.drop_table(LEGACY_GAME)
            self._put("meta", meta)
            self._put("couple", dump["couple"])
            self._put("settings", dump["settings"])
            self._storage.put_text("aggregates", aggregates)
            self._put("unlocks", {"items": dump["unlocks"]})
            self._put(PENDING, pending.doc())
            self._storage.put_text(CHANGES, changes)
        self._saved = True
        self._pending = pending
        self._archived = archived
        self.save_game()
        if self._journal and len(self._journal.changed) >= COMPACT_ENTRIES:
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
        changes left on it.

        Called only once state.json holds every entry as it is now, so the new base
        holds nothing state.json does not: a crash before the second write leaves
        state.json naming the old base, and the new one (written on it, and saying
        so) loads the same. A failure leaves the changes in state.json, as saved;
        the next save tries again.
        """
        if not self._may_compact():
            return
        journal, state = self._journal, self.state
        assert journal is not None
        # Past every base kept in backups/ too (after a restore, state.json may name an
        # older one): names then sort in the order the bases were written.
        kept = [p.name.removeprefix("lovemaps-") for p in base_backups(self.dir)]
        name = _next_base_name(max([journal.base or "", *kept]))
        # pydantic's own JSON: the same text as json.dumps of model_dump(mode="json"), a third of the time.
        maps = [f'"{subject + 1}":{love_map.model_dump_json()}' for subject, love_map in enumerate(state.love_maps)]
        head = _json({"id": name, "after": journal.base, "profile": self.profile, "schema": SCHEMA_VERSION})
        text = f'{{"meta":{{"1":{head}}},"love_maps":{{{",".join(maps)}}}}}'
        try:
            atomic.atomic_write(self.dir / LOVEMAPS, text.encode("utf-8"), self.durable)
        except SaveError:
            return
        # Written rarely and never changed: its copy is restore's way back, from now on.
        keep_base_backup(self.dir, self.dir / LOVEMAPS, name, self.durable, KEEP_BACKUPS)
        before = journal.base, journal.changed, journal.texts
        journal.base, journal.changed, journal.texts = name, {}, {}
        meta = dict(self._db.table("meta").get(doc_id=1) or {})
        try:
            with self._storage.hold():
                self._put("meta", {**meta, "lovemaps": name})
                self._storage.put_text(CHANGES, self._changes_text(state))
        except SaveError:
            # state.json names the base the new one was written on: it loads the same,
            # and the next base must be written on that one too.
            journal.base, journal.changed, journal.texts = before

    def _write_chunk(self, pending: Pending) -> None:
        folder = self.dir / ARCHIVE
        make_private_dir(folder)
        # Never over an archive file already there, whatever state.json says.
        taken = {p.name for p in folder.glob(CHUNK_GLOB)}  # set-aside ones too: never reused
        while f"{pending.next_chunk:04d}.json" in taken:
            pending.next_chunk += 1
        path = folder / f"{pending.next_chunk:04d}.json"
        storage = AtomicJSONStorage(path, durable=self.durable)
        storage.write(
            {
                "answers": {str(i + 1): doc for i, doc in enumerate(pending.answers)},
                "months": {str(i + 1): doc for i, doc in enumerate(pending.months)},
            }
        )
        # Written once and never again: one copy in backups/ is restore's way back.
        keep_archive_backup(self.dir, path, self.durable)

    def _changes_text(self, state: ProfileState) -> str:
        """state.json's love_map_changes table as JSON text: each love map's entries
        changed since lovemaps.json was written and what was passed, re-serialising
        only the entries that changed since the last save.

        Entries are listed in the order they first changed: an entry new to the love
        map is added at its end when it first changes, so a load (the base's order,
        then the entries new since) finds the love map's order.
        """
        changed = state.take_changed()
        journal = self._journal
        if journal is None or journal.state is not state:
            # A state from elsewhere: written whole, on no base (a lovemaps.json
            # there is not read); the next compaction writes a base for it.
            journal = self._journal = _Journal(state, None, _all_entries(state))
        first_time: tuple[set[str], set[str]] = (set(), set())
        for key in changed:
            journal.texts.pop(key, None)
            if key not in journal.changed:
                first_time[key[0]].add(key[1])
        for subject, love_map in enumerate(state.love_maps):
            if first_time[subject]:  # in the love map's order
                journal.changed.update(
                    dict.fromkeys((subject, q) for q in love_map.entries if q in first_time[subject])
                )
        members: tuple[list[str], list[str]] = ([], [])
        for key in journal.changed:
            text = journal.texts.get(key)
            if text is None:
                subject, question_id = key
                entry = state.love_maps[subject].entries[question_id]
                text = journal.texts[key] = f"{_json(question_id)}:{entry.model_dump_json()}"
            members[key[0]].append(text)
        maps = [_map_text(subject, love_map, members[subject]) for subject, love_map in enumerate(state.love_maps)]
        return "{" + ",".join(maps) + "}"

    def _put(self, table: str, doc: dict[str, Any]) -> None:
        self._db.table(table).upsert(Document(doc, doc_id=1))

    def write_summary(self) -> None:
        """Write the welcome screen's line now (after the demo's games)."""
        self._write_summary()

    def _write_summary(self) -> None:
        """The welcome screen's line for this couple: derived, so written without fsync.

        It names the state.json and game.json it was written after; if either
        changed since, the welcome screen reads them instead.
        """
        state = self.state
        waiting = state.active_game is not None
        try:
            summary = {
                "names": [p.name for p in state.couple.players],
                "games": state.aggregates.games,
                "waiting": waiting,
                "state": file_stamp(self.dir / STATE),
                "game": file_stamp(self.dir / GAME),
            }
            atomic_write(self.dir / SUMMARY, json.dumps(summary, ensure_ascii=False).encode("utf-8"), durable=False)
            self._summary_waiting = waiting
        except Exception:
            self._summary_waiting = None  # a stale summary is only ever a slower welcome

    def archive_game(self, game: Game) -> None:
        """File a finished game in its month's history, then save the state.

        The session has already counted the game and cleared it from play; this
        only writes. Order matters for crashes: the history (keyed by game id,
        so filing twice is harmless), then state.json (marking the game filed),
        then game.json.
        """
        path = self.dir / HISTORY / f"{game.started_at:%Y-%m}.json"
        make_private_dir(path.parent, inside=self.dir)
        try:
            month = self._month_file(path)
            doc = game.model_dump(mode="json")
            if game.id not in month.keys and month.texts and self.month_backups:
                # The month as it was before this game: restore's way back.
                keep_month_backup(self.dir, path, self.durable)
            month.file(game.id, doc)  # one write, whether the game is new to the month or not
        except CorruptSave as error:
            self._month = None
            raise error.for_profile(self.profile) from None
        except BaseException:
            self._month = None  # read it again: memory may be ahead of the disk
            raise
        self._save_state(game.id)

    def _month_file(self, path: Path) -> _MonthFile:
        """The month's file, kept open while games are filed in it."""
        if self._month is not None and self._month.path == path:
            return self._month
        self._month = None
        make_private_dir(path.parent, inside=self.dir)
        if not path.exists():
            self._backup_past_months(path)
        self._month = _MonthFile(path, self.durable)
        return self._month

    def update_couple(self, couple: Couple) -> None:
        self.state.couple = couple
        self.save_state()

    # ----------------------------------------------------------- backups

    def _backup(self) -> None:
        """Keep the state just read, known good, among the last few backups, and
        the love maps' base it was read with (once: a base never changes)."""
        keep_state_backup(self.dir, self._storage.path, self.folder.clock, self.folder.durable, KEEP_BACKUPS)
        if self._base_read is not None:
            keep_base_backup(self.dir, self.dir / LOVEMAPS, self._base_read, self.folder.durable, KEEP_BACKUPS)

    def _backup_past_months(self, new_month: Path) -> None:
        """A new month begins: keep each past month's file once, now that it is complete."""
        try:
            for path in self.history_files():
                target = self.dir / BACKUPS / f"history-{path.name}"
                if path.name < new_month.name and (not target.exists() or target.stat().st_size != path.stat().st_size):
                    keep_month_backup(self.dir, path, self.folder.durable)
        except OSError:
            pass

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
            if self._lock.is_locked:
                self._lock.release()

    def __enter__(self) -> Profile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass
class _Journal:
    """The love maps of ``state`` as saved: the base (lovemaps.json) they were last
    written whole in, and the entries changed since, which state.json holds."""

    state: ProfileState
    base: str | None  # None: no base, state.json holds every entry
    changed: dict[tuple[int, str], None]  # (subject, question id), in the order they first changed
    # The changed entries' JSON members, as last made (dropped when one changes again).
    texts: dict[tuple[int, str], str] = field(default_factory=dict)


def _all_entries(state: ProfileState) -> dict[tuple[int, str], None]:
    return {(subject, q): None for subject, love_map in enumerate(state.love_maps) for q in love_map.entries}


def _next_base_name(previous: str | None) -> str:
    """A new base's name: a number one past the last one's (backups sort by it),
    and a random part, so that no two bases are ever named alike."""
    number = previous.split("-", 1)[0] if previous else ""
    following = int(number) + 1 if number.isdigit() else 1
    return f"{following:06d}-{secrets.token_hex(4)}"


def _map_text(subject: int, love_map: LoveMap, members: list[str]) -> str:
    passed = love_map.model_dump(mode="json", include={"passed"})["passed"]
    return (
        f'"{subject + 1}":{{"subject":{_json(love_map.subject)},"entries":{{{",".join(members)}}},'
        f'"passed":{_json(passed)}}}'
    )


class _MonthFile:
    """A month's history file, open while games are filed in it.

    Each game's JSON text is made once: filing a game writes the whole file
    again (atomically, as ever) without serialising the month's other games.
    """

    def __init__(self, path: Path, durable: bool) -> None:
        self.path = path
        self.storage = AtomicJSONStorage(path, durable=durable)
        games = (self.storage.read() or {}).get("games", {})
        self.texts = {key: _json(doc) for key, doc in games.items()}  # document key -> its text
        self.keys: dict[Any, str] = {}  # game id -> its document key (the first, as a search finds it)
        for key, doc in games.items():
            self.keys.setdefault(doc.get("id"), key)
        self.next_key = max((int(key) for key in games), default=0) + 1
        self.storage.release(("games",))

    def file(self, game_id: str, doc: dict[str, Any]) -> None:
        """Add the game, or replace it if it is filed already: one atomic write."""
        key = self.keys.get(game_id)
        texts = dict(self.texts)
        texts[key or str(self.next_key)] = _json(doc)
        self.storage.put_text("games", "{" + ",".join(f"{_json(k)}:{t}" for k, t in texts.items()) + "}")
        self.texts = texts
        if key is None:
            self.keys[game_id] = str(self.next_key)
            self.next_key += 1


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
