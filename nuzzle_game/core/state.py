"""The bounded state of a couple's profile: what start-up reads.

Its size depends on the decks and the couple, never on how long they have
played: the game history lives elsewhere (see ``store``), each love map entry
keeps its last few answers (``KEEP_ANSWERS``) and the aggregates their last
months (``KEEP_MONTHS``). What leaves the bounded state is *retired*: handed to
the store to file in the archive, which is read only when asked for (the love
map's history panel, stats over the years, export).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import Field, PrivateAttr, model_validator

from nuzzle_game.core.base import Model, copied
from nuzzle_game.core.game import DEFAULT_ROUNDS, Game
from nuzzle_game.core.lovemap import KEEP_ANSWERS, STALE_AFTER_DAYS, AnswerRecord, LoveMap, LoveMapEntry
from nuzzle_game.core.models import Couple, PlayerIndex, RoundResult, Unlock
from nuzzle_game.core.stats import KEEP_MONTHS, Aggregates, Period


class ProfileSettings(Model):
    rounds: int = Field(default=DEFAULT_ROUNDS, ge=1, le=30)
    stale_after_days: int = Field(default=STALE_AFTER_DAYS, ge=1, le=3650)
    no_repeat_days: int = Field(default=30, ge=0, le=3650)
    # Decks the couple switched off in setup; every other available deck plays.
    disabled_decks: list[str] = Field(default_factory=list)


class RetiredAnswer(Model):
    """An old answer of ``subject`` to a question, moved out of the bounded state."""

    subject: PlayerIndex
    question_id: str
    answer: AnswerRecord

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.subject, self.question_id, self.answer.at.isoformat())


@dataclass
class Retired:
    """What left the bounded state since the store last took it."""

    answers: list[RetiredAnswer] = field(default_factory=list)
    months: list[Period] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.answers or self.months)


class ProfileState(Model):
    couple: Couple
    # love_maps[i] is what the partner knows of player i.
    love_maps: tuple[LoveMap, LoveMap] = Field(default_factory=lambda: (LoveMap(subject=0), LoveMap(subject=1)))
    aggregates: Aggregates = Field(default_factory=Aggregates)
    unlocks: list[Unlock] = Field(default_factory=list)
    settings: ProfileSettings = Field(default_factory=ProfileSettings)
    active_game: Game | None = None
    # The daily check-in in halves (DESIGN §12): open until both halves are in and
    # judged; once filed it stays here, for its reveal, until the next one starts.
    halves: Game | None = None
    # Love map entries changed since the store last took them: (subject, question id).
    _changed: set[tuple[int, str]] = PrivateAttr(default_factory=set)
    _retired: Retired = PrivateAttr(default_factory=Retired)

    @model_validator(mode="after")
    def _love_maps_in_order(self) -> ProfileState:
        if [m.subject for m in self.love_maps] != [0, 1]:
            raise ValueError("the love maps are not those of the two players, in order")
        return self

    def apply(self, result: RoundResult) -> None:
        """Bring a revealed round into the love map and the running aggregates.

        The live reveal and the replay of a saved game in progress both use this.
        Answers and months beyond what the bounded state keeps are retired.
        The round was revealed at the clock's now: a love map date after it (the
        clock ran ahead and was put right) is brought back to it first, in both
        love maps, so no question stays "just asked" until the real time catches
        up; the entries changed so are the store's to save like any other.
        """
        for subject, love_map in enumerate(self.love_maps):
            self._changed.update((subject, question_id) for question_id in love_map.cap_dates(result.at))
        love_map = self.love_maps[result.answerer]
        love_map.record_answer(
            result.question_id, result.dimension, result.kind, result.answer, result.at, result.game_id
        )
        entry = love_map.entries[result.question_id]
        while len(entry.history) > KEEP_ANSWERS:
            old = entry.history.pop(0)
            self._retired.answers.append(
                RetiredAnswer(subject=result.answerer, question_id=result.question_id, answer=old)
            )
        self._changed.add((result.answerer, result.question_id))
        self.aggregates.add_round(result)
        self._retired.months.extend(self.aggregates.retire_months(KEEP_MONTHS))

    def catch_up(self, applied_game: str | None, applied_rounds: int, archived_game: str | None) -> None:
        """After a load: settle the game in progress against what the state holds.

        The state was saved holding ``applied_rounds`` revealed rounds of
        ``applied_game``; the rest are replayed. A game already filed
        (``archived_game``, a crash between filing it and clearing it) is done.
        """
        halves = self.halves
        if halves is not None and halves.id == archived_game and halves.finished_at is None:
            # Filed, with its rounds on the love map, just before a crash kept
            # game.json from saying so: it is done (and its reveal stays).
            halves.finished_at = max((r.at for r in halves.results), default=halves.started_at)
        game = self.active_game
        if game is None:
            return
        if game.id == archived_game:
            self.active_game = None
            return
        applied = applied_rounds if applied_game == game.id else 0
        for result in game.results[applied:]:
            self.apply(result)

    def take_changed(self) -> set[tuple[int, str]]:
        """The love map entries changed since the last call (for the store to re-save)."""
        changed, self._changed = self._changed, set()
        return changed

    @property
    def love_maps_changed(self) -> bool:
        """Whether a love map entry changed since the store last took them."""
        return bool(self._changed)

    @property
    def retired(self) -> Retired:
        """What left the bounded state and the store has not taken yet (read only)."""
        return self._retired

    def take_retired(self) -> Retired:
        """What left the bounded state since the last call (for the store to archive)."""
        retired, self._retired = self._retired, Retired()
        return retired

    @property
    def unlocked_ids(self) -> set[str]:
        return {u.deck_id for u in self.unlocks}


@dataclass
class StateSnapshot:
    """What filing a game may change, kept to put back if the filing fails: the
    aggregates and unlocks whole (bounded), and the love map entries of the
    questions it applies (a few), never the whole love maps."""

    aggregates: str  # as JSON: made a model again only when put back
    unlocks: list[Unlock]
    entries: list[tuple[int, str, LoveMapEntry | None]]
    changed: set[tuple[int, str]]
    retired: Retired


def snapshot(state: ProfileState, question_ids: Iterable[str] = ()) -> StateSnapshot:
    ids = set(question_ids)
    entries = [
        (subject, qid, copied(entry) if (entry := love_map.entries.get(qid)) is not None else None)
        for subject, love_map in enumerate(state.love_maps)
        for qid in sorted(ids)
    ]
    retired = Retired(list(state.retired.answers), list(state.retired.months))
    return StateSnapshot(state.aggregates.model_dump_json(), list(state.unlocks), entries, set(state._changed), retired)


def restore(state: ProfileState, kept: StateSnapshot) -> None:
    """Put back what ``snapshot`` kept (after a filing that failed)."""
    state.aggregates, state.unlocks = Aggregates.model_validate_json(kept.aggregates), kept.unlocks
    for subject, qid, entry in kept.entries:
        love_map = state.love_maps[subject]
        entries = dict(love_map.entries)  # a new dict: what drawing keeps of it is made again
        if entry is None:
            entries.pop(qid, None)
        else:
            entries[qid] = entry
        love_map.entries = entries
    state._changed = kept.changed
    state._retired = kept.retired
