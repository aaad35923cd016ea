"""When each question was last put to one subject: what drawing reads (DESIGN §6).

A question's time is the last reveal of its current answer, or its last pass
if that is later. A love map keeps one ``AskedTimes`` aside, made when drawing
first asks for it and kept up as answers and passes are recorded, so a draw
reads one dict instead of every entry's history. It also knows the latest date
the love map holds, so a clock put back behind it is seen with one comparison.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from itertools import chain
from types import MappingProxyType
from typing import Protocol


class Answered(Protocol):
    """A love map entry, as far as the times need it."""

    @property
    def last_revealed(self) -> datetime: ...

    @property
    def dates(self) -> Iterable[datetime]: ...


class AskedTimes:
    """The times of one love map's entries and passes, and ``latest``: no date
    in them (answers' first dates and confirmations, passes) is after it.

    It describes the two dicts it was made from while they are the same objects
    with the same lengths and every change goes through ``note``; a love map
    changed another way (a dict replaced, a key removed) makes a new one
    (``describes`` tells).
    """

    __slots__ = ("_entries", "_passed", "_sizes", "_times", "latest")

    def __init__(self, entries: Mapping[str, Answered], passed: Mapping[str, datetime]) -> None:
        self._entries = entries
        self._passed = passed
        times = {question_id: entry.last_revealed for question_id, entry in entries.items()}
        for question_id, at in passed.items():
            answered = times.get(question_id)
            if answered is None or answered < at:
                times[question_id] = at
        self._times = times
        self._sizes = (len(entries), len(passed))
        dates = chain.from_iterable(entry.dates for entry in entries.values())
        self.latest: datetime | None = max(chain(dates, passed.values()), default=None)

    def describes(self, entries: Mapping[str, Answered], passed: Mapping[str, datetime]) -> bool:
        """Whether these are still the times of ``entries`` and ``passed``."""
        return entries is self._entries and passed is self._passed and self._sizes == (len(entries), len(passed))

    def note(self, question_id: str, at: datetime) -> None:
        """An answer or a pass of ``question_id`` was just recorded at ``at``."""
        entry, passed = self._entries.get(question_id), self._passed.get(question_id)
        if entry is not None:
            answered = entry.last_revealed
            self._times[question_id] = answered if passed is None or passed < answered else passed
        elif passed is not None:
            self._times[question_id] = passed
        self._sizes = (len(self._entries), len(self._passed))
        if self.latest is None or self.latest < at:
            self.latest = at  # a record moves no date later than ``at``

    def view(self) -> Mapping[str, datetime]:
        """Question id → when it was last put to the subject: a read-only view
        that follows every later ``note`` (its ``get`` and ``items`` are dict's)."""
        return MappingProxyType(self._times)
