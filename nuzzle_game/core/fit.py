"""Whether a question fits a draw (DESIGN §6): the one rule drawing applies.

In the order it is checked: the question is not already in this game, every
situational tag it carries applies to the answerer, it is in season, and it was
not put to this answerer within the no-repeat window. While the pool would
otherwise be empty a draw relaxes the rule from its end: the window first
(``without_window``), then this game (``suits``: the answerer's tags and the
season alone, the part a pool keeps per tags and month, ``QuestionPool.fitting``).

A date after the clock's now (it ran ahead, then was put right) counts as now.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from datetime import datetime, timedelta

from nuzzle_game.core.questions import Question
from nuzzle_game.core.situation import applies

_NEVER: Mapping[str, datetime] = {}


class Fit:
    """What a draw may pick: ``fit(question)``."""

    __slots__ = ("_asked_at", "_window_start", "last_asked", "month", "no_repeat_days", "now", "tags", "used")

    def __init__(
        self,
        *,
        now: datetime,
        tags: frozenset[str] = frozenset(),
        used: AbstractSet[str] = frozenset(),
        last_asked: Mapping[str, datetime] = _NEVER,
        no_repeat_days: int = 0,
    ) -> None:
        self.now = now
        self.month = now.month
        self.tags = tags
        self.used = used  # the ids of this game's questions
        self.last_asked = last_asked  # question id -> when last put to this answerer
        self.no_repeat_days = no_repeat_days
        self._asked_at = last_asked.get
        # Asked after this: inside the window. With no window, a date after now
        # would count as now, which is never after now: every question is out of it.
        self._window_start = now - timedelta(days=no_repeat_days) if no_repeat_days > 0 else None

    def __call__(self, question: Question) -> bool:
        if question.id in self.used or not self.suits(question):
            return False
        start = self._window_start
        if start is None:
            return True
        asked = self._asked_at(question.id)
        return asked is None or asked <= start  # a date after now is after start too

    def suits(self, question: Question) -> bool:
        """The answerer's tags and the season: whether the question may be put now at all."""
        return (not question.tags or applies(question, self.tags)) and (
            question.months is None or self.month in question.months
        )

    def without_window(self) -> Fit:
        """The same rule with no no-repeat window."""
        return Fit(now=self.now, tags=self.tags, used=self.used, last_asked=self.last_asked)
