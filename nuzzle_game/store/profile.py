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
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from filelock import FileLock
from pydantic import ValidationError
from tinydb import TinyDB
from tinydb.table import Document

from ..game import Game
from ..lovemap import Answer
from ..models import Couple
from ..state import ProfileState, RetiredAnswer
from ..stats import Period, merge_months
from .atomic import (
    AtomicJSONStorage,
    atomic_write,
    lock_profile,
    make_private_dir,
    read_json,
    read_tables,
    remove_stray_temps,
)
from .backups import KEEP_BACKUPS, keep_archive_backup, keep_month_backup, keep_state_backup
from .errors import CorruptSave, NoSuchProfile, reading, require_aware
from .layout import ARCHIVE, BACKUPS, CHUNK_GLOB, GAME, HISTORY, MONTH_GLOB, STATE, SUMMARY, archive_files
from .migrations import LEGACY_GAME, PENDING, SCHEMA_VERSION, migrate

# Retired answers (or months) gathered in state.json before they are filed in a
# new archive file: bounds state.json, and makes that extra write rare.
FLUSH_ANSWERS = 60
FLUSH_MONTHS = 3


class Folder(Protocol):
    """What a profile needs of its save folder (``folder.SaveFolder``)."""

    root: Path
    durable: bool

    def profile_dir(self, profile: str) -> Path: ...


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


def _load_state(tables: Any, path: Path, game_tables: Any = None) -> Loaded:
    """Build the state from state.json's tables and game.json's, replaying the
    revealed rounds of the game in progress that state.json does not hold yet."""
    if not isinstance(tables, dict):
        raise CorruptSave(path, "not a Nuzzle save (unexpected layout)")
    with reading(path):
        return _build_state(tables, path, game_tables)


def _build_state(tables: Any, path: Path, game_tables: Any) -> Loaded:
    tables, migrated = migrate(tables, path)
    try:
        doc = {name: table.get("1") for name, table in tables.items()}
        meta = doc.get("meta") or {}
        game_doc = ((game_tables or {}).get("game") or {}).get("1") or doc.get(LEGACY_GAME) or {}
        raw = {
            "couple": doc["couple"],
            "settings": doc.get("settings") or {},
            "aggregates": doc.get("aggregates") or {},
            "unlocks": (doc.get("unlocks") or {}).get("items", []),
            "active_game": game_doc.get("game"),
            "love_maps": [tables.get("love_maps", {}).get(str(i + 1)) or {"subject": i} for i in range(2)],
        }
        state = ProfileState.model_validate(raw)
        pending = _pending(doc.get(PENDING) or {}, path)
    except (KeyError, TypeError, AttributeError, ValueError, ValidationError) as error:
        detail = error.errors()[0] if isinstance(error, ValidationError) else None
        where = ".".join(map(str, detail["loc"])) + ": " + detail["msg"] if detail else repr(error)
        raise CorruptSave(path, f"unexpected content ({where})") from error
    require_aware(state, path)
    archived = meta.get("archived_game")
    state.catch_up(meta.get("applied_game"), meta.get("applied_rounds", 0), archived)
    return Loaded(state, migrated, archived, pending)


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
        require_aware(RetiredAnswer.model_validate(answer), path, f"{PENDING}.answers")
    for month in months:
        require_aware(Period.model_validate(month), path, f"{PENDING}.months")
    return Pending(list(answers), list(months), next_chunk)


def _check_game(game_tables: Any, path: Path) -> None:
    """Read game.json's game on its own, so that its damage is blamed on it."""
    with reading(path):
        game = ((game_tables or {}).get("game") or {}).get("1") or {}
        if game.get("game") is not None:
            require_aware(Game.model_validate(game["game"]), path, "game")


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
            require_aware(game, path, "game")
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
            require_aware(retired, path, "archived answer")
            answers.append(retired)
        for doc in month_docs:
            month = Period.model_validate(doc)
            require_aware(month, path, "archived month")
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
        self._archive: tuple[dict[tuple[int, str], list[Answer]], list[Period]] | None = None

    def _read(self, storage: AtomicJSONStorage | None = None) -> Loaded:
        state_file = self.dir / STATE
        game_file = self.dir / GAME
        try:
            # game.json before state.json: a game filed meanwhile is then either
            # still in progress (and not yet counted) or marked filed in the state.
            game_tables = read_tables(game_file) if game_file.exists() else None
            _check_game(game_tables, game_file)
            tables = storage.read() if storage else read_tables(state_file)
            return _load_state(tables, state_file, game_tables)
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

    def _read_archive(self) -> tuple[dict[tuple[int, str], list[Answer]], list[Period]]:
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
            by_entry: dict[tuple[int, str], list[Answer]] = {}
            for retired in sorted(answers.values(), key=lambda r: r.answer.at):
                by_entry.setdefault((retired.subject, retired.question_id), []).append(retired.answer)
            self._archive = (by_entry, merge_months(months))
        return self._archive

    def history_of(self, subject: int, question_id: str) -> list[Answer]:
        """All of a subject's answers to a question, oldest first (reads the archive once)."""
        by_entry, _ = self._read_archive()
        entry = self.state.love_maps[subject].entries.get(question_id)
        recent = list(entry.history) if entry else []
        since = recent[0].at if recent else None
        older = [a for a in by_entry.get((subject, question_id), []) if since is None or a.at < since]
        return older + recent

    def histories(self, subject: int) -> dict[str, list[Answer]]:
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
        self._dumped_for: ProfileState | None = None
        self._map_docs: list[dict[str, Any]] = []
        self._archive = None
        self._month: tuple[Path, TinyDB] | None = None
        self._summary_waiting: bool | None = None
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
        loaded = self._read(self._storage)
        self.state, self._archived, self._pending = loaded.state, loaded.archived_game, loaded.pending
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
        self._game_db.table("game").upsert(Document(doc, doc_id=1))
        if self._summary_waiting is not (game is not None):
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
        dump = state.model_dump(mode="json", exclude={"love_maps", "active_game"})
        love_maps = self._love_map_docs(state)
        with self._storage.hold():
            self._db.drop_table(LEGACY_GAME)
            self._put(
                "meta",
                {
                    "schema": SCHEMA_VERSION,
                    "profile": self.profile,
                    "applied_game": game.id if game else None,
                    "applied_rounds": game.revealed if game else 0,
                    "archived_game": archived,
                },
            )
            self._put("couple", dump["couple"])
            self._put("settings", dump["settings"])
            self._put("aggregates", dump["aggregates"])
            self._put("unlocks", {"items": dump["unlocks"]})
            self._put(PENDING, pending.doc())
            maps = self._db.table("love_maps")
            for i, love_map in enumerate(love_maps):
                maps.upsert(Document(love_map, doc_id=i + 1))
        self._pending = pending
        self._archived = archived
        self.save_game()
        self._write_summary()

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

    def _love_map_docs(self, state: ProfileState) -> list[dict[str, Any]]:
        """The love maps as documents, re-serialising only the entries that changed."""
        changed = state.take_changed()
        if self._dumped_for is not state:
            self._map_docs = [m.model_dump(mode="json") for m in state.love_maps]
            self._dumped_for = state
            return self._map_docs
        for subject, question_id in changed:
            entry = state.love_maps[subject].entries[question_id]
            self._map_docs[subject]["entries"][question_id] = entry.model_dump(mode="json")
        for love_map, doc in zip(state.love_maps, self._map_docs):
            doc["passed"] = love_map.model_dump(mode="json", include={"passed"})["passed"]
        return self._map_docs

    def _put(self, table: str, doc: dict[str, Any]) -> None:
        self._db.table(table).upsert(Document(doc, doc_id=1))

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
                "state": _stamp(self.dir / STATE),
                "game": _stamp(self.dir / GAME),
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
            history = self._month_db(path)
            games = history.table("games")
            filed = games.all()
            existing = next((doc.doc_id for doc in filed if doc.get("id") == game.id), None)
            doc = game.model_dump(mode="json")
            if existing is None:  # one write (an upsert of a new id writes twice)
                if filed:  # the month as it was before this game: restore's way back
                    keep_month_backup(self.dir, path, self.durable)
                games.insert(Document(doc, doc_id=max((d.doc_id for d in filed), default=0) + 1))
            else:
                games.update(doc, doc_ids=[existing])
        except CorruptSave as error:
            self._month = None
            raise error.for_profile(self.profile) from None
        except BaseException:
            self._month = None  # read it again: memory may be ahead of the disk
            raise
        self._save_state(game.id)

    def _month_db(self, path: Path) -> TinyDB:
        """The month's file, kept open while games are filed in it."""
        if self._month is not None and self._month[0] == path:
            return self._month[1]
        self._month = None
        make_private_dir(path.parent, inside=self.dir)
        if not path.exists():
            self._backup_past_months(path)
        db = TinyDB(path, storage=AtomicJSONStorage, durable=self.durable)
        db.storage.read()
        self._month = (path, db)
        return db

    def update_couple(self, couple: Couple) -> None:
        self.state.couple = couple
        self.save_state()

    # ----------------------------------------------------------- backups

    def _backup(self) -> None:
        """Keep the state just read, known good, among the last few backups."""
        keep_state_backup(self.dir, self._storage.path, self.folder.durable, KEEP_BACKUPS)

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
        if self._lock.is_locked:
            self._lock.release()

    def __enter__(self) -> Profile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _stamp(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]
