"""Things that changed as a list to talk about (DESIGN §5), not a log.

The answers that changed since they were last asked, in three groups: what is new
since the couple last looked (first), what is still to talk about, and what they
marked *we talked about it*. The mark lives on the love map entry
(``LoveMapEntry.talked_at``), so it is saved with it; a later change of the same
answer puts it back on the list. When the couple last looked is kept in the
aggregates (``Aggregates.changes_seen_at``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from nuzzle_game.core.lovemap import LoveMap, changes_across_games
from nuzzle_game.core.models import Discovery, PlayerIndex
from nuzzle_game.core.state import ProfileState

# Before a couple ever looked, what changed in the last two weeks counts as new.
NEW_WITHOUT_A_LOOK = timedelta(days=14)


@dataclass(frozen=True)
class TalkList:
    """The changes, grouped; each group newest first."""

    new: list[Discovery] = field(default_factory=list)  # changed since the couple last looked
    waiting: list[Discovery] = field(default_factory=list)  # older, still to talk about
    talked: list[Discovery] = field(default_factory=list)  # marked "we talked about it"
    looked: datetime | None = None  # when the couple last looked (None: never)

    def __len__(self) -> int:
        return len(self.new) + len(self.waiting) + len(self.talked)


def talk_list(
    love_maps: Iterable[LoveMap],
    question_text: Callable[[str], str],
    follow_up: Callable[[str], str | None],
    looked: datetime | None,
    now: datetime,
) -> TalkList:
    """The answers that changed in ``love_maps`` (already filtered to what may be
    shown), grouped by what the couple did with them."""
    maps = {m.subject: m for m in love_maps}
    since = looked if looked is not None else now - NEW_WITHOUT_A_LOOK
    found = TalkList(looked=looked)
    for change in changes_across_games(maps.values(), question_text, follow_up):
        entry = maps[change.subject].entries[change.question_id]
        if entry.talked_about:
            found.talked.append(change)
        elif change.at > since:
            found.new.append(change)
        else:
            found.waiting.append(change)
    # The ones talked about last come first in their group.
    found.talked.sort(key=lambda d: maps[d.subject].entries[d.question_id].talked_at or d.at, reverse=True)
    return found


def talked_about(state: ProfileState, subject: PlayerIndex, question_id: str) -> bool:
    entry = state.love_maps[subject].entries.get(question_id)
    return entry is not None and entry.talked_about


def mark_talked(state: ProfileState, subject: PlayerIndex, question_id: str, talked: bool, at: datetime) -> bool:
    """Mark the change of ``subject``'s answer to ``question_id`` as talked about
    (or not); returns whether there was an entry to mark. Save the state after."""
    entry = state.love_maps[subject].entries.get(question_id)
    if entry is None:
        return False
    # Never before the answer it is about (a clock that went back since): the mark
    # holds for the answer the couple saw.
    entry.talked_at = max(at, entry.current.at) if talked else None
    # The store re-saves only the entries noted as changed (state.json's journal on
    # top of lovemaps.json): this one is.
    state._changed.add((subject, question_id))
    return True


def note_looked(state: ProfileState, at: datetime) -> None:
    """The couple looked at the list now: what changes later is new next time."""
    state.aggregates.changes_seen_at = at
