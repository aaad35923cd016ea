"""The couple's love map and what changed, as one seat may see them (DESIGN §5, §11).

Pure, like ``table.game``: a seat's ask in, a page for that seat out. A page holds
only revealed answers (a round in progress is in the game, never on a love map,
until its reveal), filtered by the same rule as hot seat (``unlocks.visibility``:
a sensitive deck's answers only while both partners opt in), as text ready to
show, and never more than fits in one line of the wire: long answers are
shortened in lists, and a page ends where the next row would not fit. Anything
else is refused in one sentence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel

from nuzzle_game.core.lovemap import AnswerRecord, LoveMap, changes_across_games, knowledge_by_dimension
from nuzzle_game.core.models import Discovery
from nuzzle_game.core.overview import newest_entries, recent_rounds_right
from nuzzle_game.core.questions import AnswerValue, Dimension
from nuzzle_game.core.text import ago, day, format_answer
from nuzzle_game.core.unlocks import Visibility, visibility
from nuzzle_game.store.errors import SaveError
from nuzzle_game.table.review_messages import (
    MAX_ROWS,
    ChangeRow,
    ChangesAsk,
    ChangesPage,
    DimensionRow,
    EntryRow,
    HistoryAsk,
    HistoryPage,
    HistoryRow,
    LoveMapAsk,
    LoveMapPage,
    Refused,
    ReviewAsk,
    ReviewPage,
)
from nuzzle_game.table.wire import MAX_LINE

if TYPE_CHECKING:
    from nuzzle_game.core.models import PlayerIndex
    from nuzzle_game.play.session import GameSession

# A page, encoded, stays this far under the wire's line limit.
PAGE_BYTES = MAX_LINE - 2048
# An answer in a list is shortened to this many characters; its history shows it whole.
LIST_ANSWER = 160
WHOLE_ANSWER = 2000
NEWEST = 8  # answers most recently learned, shown when nothing changed yet
NOT_ON_THE_MAP = "that answer is not on this love map"


@runtime_checkable
class HistoryReader(Protocol):
    def history_of(self, subject: int, question_id: str) -> list[AnswerRecord]: ...


Row = TypeVar("Row", bound=BaseModel)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class Review:
    """Builds each page a seat asks for, from the session's state as it is now."""

    def __init__(self, session: GameSession, history: HistoryReader | None = None) -> None:
        self.session = session
        self.history = history  # older answers, from the archive (the table's profile)

    def answer(self, seat: PlayerIndex, ask: ReviewAsk) -> ReviewPage:
        """The page ``seat`` asked for, or why not."""
        if isinstance(ask, LoveMapAsk):
            return self.love_map(ask)
        if isinstance(ask, HistoryAsk):
            return self.entry_history(ask)
        return self.changes(ask)

    # ------------------------------------------------------------ shared

    def _shown(self) -> Visibility:
        session = self.session
        return visibility(session.library.decks, session.state.couple)

    def _love_map(self, subject: PlayerIndex) -> LoveMap:
        return self._shown().love_map(self.session.state.love_maps[subject])

    def _answer(self, question_id: str, value: AnswerValue, limit: int) -> str:
        return clip(format_answer(self.session.library.question(question_id), value), limit)

    # ------------------------------------------------------------ love map

    def love_map(self, ask: LoveMapAsk) -> LoveMapPage | Refused:
        session = self.session
        state = session.state
        now = session.clock()
        love_map = self._love_map(ask.subject)
        order = list(Dimension)
        entries = sorted(love_map.entries.values(), key=lambda e: (order.index(e.dimension), e.question_id))
        if ask.offset > len(entries) or (ask.offset == len(entries) and entries):
            return Refused(message=f"this love map has {len(entries)} answers: there is nothing from {ask.offset} on")
        horizon = state.settings.stale_after_days
        totals = Counter(q.dimension for d in session.available_decks() for q in d.questions)
        # Recent rounds per dimension count a hidden deck's rounds too: where the
        # map hides answers, the count is not given either.
        hidden_in = {
            e.dimension for e in state.love_maps[ask.subject].entries.values() if e.question_id not in love_map.entries
        }
        guesser = state.aggregates.players[1 - ask.subject]
        dimensions = []
        for row in knowledge_by_dimension(love_map, now, dict(totals), horizon):
            right, out_of = (
                (None, 0) if row.dimension in hidden_in else recent_rounds_right(guesser.recent, row.dimension)
            )
            dimensions.append(
                DimensionRow(
                    dimension=row.dimension.value,
                    known=row.known,
                    total=row.total,
                    fresh=row.fresh,
                    stale=row.stale,
                    in_sync=right,
                    out_of=out_of,
                )
            )
        rows = (
            EntryRow(
                question_id=entry.question_id,
                dimension=entry.dimension.value,
                question=session.question_text(entry.question_id),
                answer=self._answer(entry.question_id, entry.current.value, LIST_ANSWER),
                since=ago(entry.current.at, now),
                state=entry.freshness(now, horizon).value,
            )
            for entry in entries[ask.offset :]
        )
        empty = LoveMapPage(
            subject=ask.subject, dimensions=dimensions, entries=[], offset=ask.offset, total=len(entries)
        )
        shown = fill(empty, rows)
        end = ask.offset + len(shown)
        return empty.model_copy(update={"entries": shown, "next_offset": end if end < len(entries) else None})

    def entry_history(self, ask: HistoryAsk) -> HistoryPage | Refused:
        """Every answer of one entry on the map, newest first, as many as fit."""
        session = self.session
        love_map = self._love_map(ask.subject)
        entry = love_map.entries.get(ask.question_id)
        if entry is None:  # not there, or hidden: the same words, so nothing is learned either way
            return Refused(message=NOT_ON_THE_MAP)
        records = list(entry.history)
        if self.history is not None:
            try:
                records = self.history.history_of(ask.subject, ask.question_id)
            except SaveError as error:
                return Refused(message=f"the older answers could not be read: {error}")
        now = session.clock()
        rows = (
            HistoryRow(
                answer=self._answer(ask.question_id, record.value, WHOLE_ANSWER),
                given=day(record.at, now),
                confirmed=ago(record.confirmed_at, now),
            )
            for record in reversed(records)
        )
        empty = HistoryPage(
            subject=ask.subject,
            question_id=ask.question_id,
            question=session.question_text(ask.question_id),
            answers=[],
            total=len(records),
        )
        return empty.model_copy(update={"answers": fill(empty, rows)})

    # ------------------------------------------------------------ changes

    def changes(self, ask: ChangesAsk) -> ChangesPage | Refused:
        session = self.session
        love_maps = self._shown().love_maps(session.state.love_maps)

        def follow_up(question_id: str) -> str | None:
            question = session.library.question(question_id)
            return question.follow_up if question else None

        found = changes_across_games(love_maps, session.question_text, follow_up)
        if ask.offset > len(found) or (ask.offset == len(found) and found):
            return Refused(message=f"{len(found)} answers changed: there is nothing from {ask.offset} on")
        newest = [] if found else self._rows(newest_entries(love_maps, session.question_text, limit=NEWEST))
        empty = ChangesPage(changes=[], newest=newest, offset=ask.offset, total=len(found))
        shown = fill(empty, self._rows(found[ask.offset :]))
        end = ask.offset + len(shown)
        return empty.model_copy(update={"changes": shown, "next_offset": end if end < len(found) else None})

    def _rows(self, found: Sequence[Discovery]) -> list[ChangeRow]:
        return [
            ChangeRow(
                subject=d.subject,
                dimension=d.dimension.value,
                question=d.question_text,
                was=None if d.previous_answer is None else self._answer(d.question_id, d.previous_answer, LIST_ANSWER),
                was_when=None if d.previous_at is None else ago(d.previous_at, d.at),
                now=self._answer(d.question_id, d.new_answer, LIST_ANSWER),
                follow_up=d.follow_up,
            )
            for d in found
        ]


def fill(page: BaseModel, rows: Iterable[Row]) -> list[Row]:
    """As many of ``rows`` (made lazily) as fit on ``page`` within ``PAGE_BYTES``
    and ``MAX_ROWS``; always the first, which is bounded to fit."""
    size = len(page.model_dump_json().encode())
    taken: list[Row] = []
    for row in rows:
        cost = len(row.model_dump_json().encode()) + 1  # and its comma
        if taken and (size + cost > PAGE_BYTES or len(taken) >= MAX_ROWS):
            break
        taken.append(row)
        size += cost
    return taken
