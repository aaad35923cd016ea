"""The archive: answers and months retired from the bounded state (``archive/NNNN.json``).

Retired answers and months wait in state.json (``ArchivePending``) and are filed
together in a new part, written once, when enough of them have gathered
(``Profile``): filing a game costs the same after twenty years as on the first
day. Each part is copied into backups/ as it is written. The archive is read only
when asked for: the love map's history, stats over the years, export.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from nuzzle_game.core.lovemap import AnswerRecord
from nuzzle_game.core.state import RetiredAnswer
from nuzzle_game.core.stats import Period, merge_months
from nuzzle_game.store.atomic import make_private_dir, read_tables
from nuzzle_game.store.backups import keep_archive_backup
from nuzzle_game.store.documents import ArchivePart, ArchivePending
from nuzzle_game.store.errors import reading
from nuzzle_game.store.layout import ARCHIVE, CHUNK_GLOB, archive_files
from nuzzle_game.store.writer import write_file

Retired = tuple[list[RetiredAnswer], list[Period]]


def read_part(path: Path, profile: str) -> Retired:
    """One archive part, every answer and month in it checked (restore reads its
    backup the same way)."""
    with reading(path, profile):
        part = ArchivePart.model_validate(read_tables(path))
    return list(part.answers.values()), list(part.months.values())


def write_part(directory: Path, pending: ArchivePending, durable: bool) -> int:
    """File what waits in state.json in a new archive part; returns its number.

    Never over a part already there, whatever state.json says (a crash after the
    part was written and before state.json said so leaves it there: its items are
    then filed twice, and read once)."""
    folder = directory / ARCHIVE
    make_private_dir(folder)
    taken = {p.name for p in folder.glob(CHUNK_GLOB)}  # set-aside ones too: never reused
    number = pending.next_chunk
    while f"{number:04d}.json" in taken:
        number += 1
    path = folder / f"{number:04d}.json"
    answers = {str(i + 1): answer for i, answer in enumerate(pending.answers)}
    months = {str(i + 1): month for i, month in enumerate(pending.months)}
    write_file(path, {"answers": answers, "months": months}, durable)
    # Written once and never again: one copy in backups/ is restore's way back.
    keep_archive_backup(directory, path, durable)
    return number


class Archive:
    """Every retired answer and month of a profile, read once when first asked for:
    the parts on disk, then what is not filed in one yet (``unfiled``)."""

    def __init__(self, directory: Path, profile: str, unfiled: Callable[[], Retired]) -> None:
        self.directory = directory
        self.profile = profile
        self._unfiled = unfiled
        self._read: tuple[dict[tuple[int, str], list[AnswerRecord]], list[Period]] | None = None

    def read(self) -> tuple[dict[tuple[int, str], list[AnswerRecord]], list[Period]]:
        """Every retired answer (by subject and question, oldest first) and month.
        Raises the first damaged part, as a CorruptSave naming it."""
        if self._read is None:
            parts = [read_part(path, self.profile) for path in archive_files(self.directory / ARCHIVE)]
            parts.append(self._unfiled())
            answers: dict[tuple[int, str, str], RetiredAnswer] = {}  # a part filed twice is read once
            months: list[Period] = []
            for part_answers, part_months in parts:
                for retired in part_answers:
                    answers[retired.key] = retired
                months += part_months
            by_entry: dict[tuple[int, str], list[AnswerRecord]] = {}
            for retired in sorted(answers.values(), key=lambda r: r.answer.at):
                by_entry.setdefault((retired.subject, retired.question_id), []).append(retired.answer)
            self._read = (by_entry, merge_months(months))
        return self._read

    def forget(self) -> None:
        """Drop what was read (it is read again when next asked for)."""
        self._read = None
