"""The love map (DESIGN §5): what one partner knows of the other, over time.

Each subject's answers to each question are kept as a history; the bounded
state holds its last few answers (``KEEP_ANSWERS``), older ones are retired to
the archive (see ``state``) and read back only when asked for. A reveal that
repeats the current answer refreshes its date (a confirmation); a different
answer adds an entry. The reveal of a round is judged here: discovery, in sync,
outdated model and projection.
"""

from __future__ import annotations

from collections.abc import Callable, Container, ItemsView, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import AwareDatetime, Field, PrivateAttr, model_validator

from nuzzle_game.core import scoring
from nuzzle_game.core.base import Model
from nuzzle_game.core.models import Discovery, Guess, PlayerIndex, RoundResult, Verdict
from nuzzle_game.core.questions import AnswerValue, Dimension, Question, QuestionKind, SavedAnswer

STALE_AFTER_DAYS = 90
# Answers per entry kept in the bounded state: the current one and the one before
# it, enough for "changed since" and for spotting a recently outdated picture.
KEEP_ANSWERS = 2


class Freshness(StrEnum):
    FRESH = "fresh"
    STALE = "stale"
    UNKNOWN = "unknown"


class AnswerRecord(Model):
    """One answer of a subject to a question, and how long it held."""

    value: SavedAnswer
    at: AwareDatetime  # when this answer was first given
    confirmed_at: AwareDatetime  # the last reveal that found it still true
    game_id: str


class LoveMapEntry(Model):
    """One subject's answers to one question over time; the last is current."""

    question_id: str
    dimension: Dimension
    history: list[AnswerRecord] = Field(min_length=1)

    @property
    def current(self) -> AnswerRecord:
        return self.history[-1]

    @property
    def last_revealed(self) -> datetime:
        return self.current.confirmed_at

    @property
    def changed(self) -> bool:
        """Whether the latest reveal brought a new answer rather than the first one."""
        return len(self.history) > 1

    def freshness(self, now: datetime, horizon_days: int = STALE_AFTER_DAYS) -> Freshness:
        if now - self.last_revealed <= timedelta(days=horizon_days):
            return Freshness.FRESH
        return Freshness.STALE


class LoveMap(Model):
    """What the partner knows of ``subject``: every revealed answer of theirs."""

    subject: PlayerIndex
    entries: dict[str, LoveMapEntry] = Field(default_factory=dict)
    # Questions the subject (or the partner) passed on, and when: not asked again soon.
    passed: dict[str, AwareDatetime] = Field(default_factory=dict)
    # When each question was last put to the subject (answers and passes), for
    # drawing, which reads it every round: made when first asked for, kept up
    # by record_answer and record_pass, and made again if the entries or the
    # passes were changed another way (another dict, another length).
    # (times, the entries and passes they describe, and their lengths then)
    _asked: tuple[dict[str, datetime], dict, dict, int, int] | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        """The same subject, entries and passes (what drawing keeps aside is not compared)."""
        if not isinstance(other, LoveMap):
            return NotImplemented
        return (self.subject, self.entries, self.passed) == (other.subject, other.entries, other.passed)

    @model_validator(mode="after")
    def _entries_under_their_question(self) -> LoveMap:
        for key, entry in self.entries.items():
            if key != entry.question_id:
                raise ValueError(f"the entry under {key!r} is for question {entry.question_id!r}")
        return self

    def entry(self, question_id: str) -> LoveMapEntry | None:
        return self.entries.get(question_id)

    def freshness(self, question_id: str, now: datetime, horizon_days: int = STALE_AFTER_DAYS) -> Freshness:
        entry = self.entries.get(question_id)
        return entry.freshness(now, horizon_days) if entry else Freshness.UNKNOWN

    def record(self, question: Question, value: AnswerValue, at: datetime, game_id: str) -> bool:
        """Store a revealed answer. Returns True when it differs from the current one."""
        return self.record_answer(question.id, question.dimension, question.kind, value, at, game_id)

    def record_answer(
        self,
        question_id: str,
        dimension: Dimension,
        kind: QuestionKind,
        value: AnswerValue,
        at: datetime,
        game_id: str,
    ) -> bool:
        times = self._asked_times()
        entry = self.entries.get(question_id)
        changed = False
        if entry is None:
            self.entries[question_id] = LoveMapEntry(
                question_id=question_id,
                dimension=dimension,
                history=[AnswerRecord(value=value, at=at, confirmed_at=at, game_id=game_id)],
            )
        elif same_answer(kind, entry.current.value, value):
            entry.current.confirmed_at = at
        else:
            entry.history.append(AnswerRecord(value=value, at=at, confirmed_at=at, game_id=game_id))
            changed = True
        if times is not None:
            self._note_asked(times, question_id)
        return changed

    def record_pass(self, question_id: str, at: datetime) -> None:
        """A round on this question was passed: it counts as asked at ``at``."""
        times = self._asked_times()
        if question_id not in self.passed or self.passed[question_id] < at:
            self.passed[question_id] = at
        if times is not None:
            self._note_asked(times, question_id)

    def _asked_times(self) -> dict[str, datetime] | None:
        """The times kept aside, if they still describe the entries and passes."""
        private = self.__pydantic_private__  # read as a dict: a private attribute's lookup is slower
        kept = private.get("_asked") if private else None
        if kept is None:
            return None
        times, entries, passed, entry_count, pass_count = kept
        if (
            entries is self.entries
            and passed is self.passed
            and entry_count == len(entries)
            and pass_count == len(passed)
        ):
            return times
        return None

    def _note_asked(self, times: dict[str, datetime], question_id: str) -> None:
        entry, passed = self.entries.get(question_id), self.passed.get(question_id)
        if entry is not None:
            at = entry.history[-1].confirmed_at
            times[question_id] = at if passed is None else max(at, passed)
        elif passed is not None:
            times[question_id] = passed
        self._asked = (times, self.entries, self.passed, len(self.entries), len(self.passed))

    def last_asked(self) -> LastAsked:
        """When each question was last put to the subject, passes included (a live
        view; its ``get`` and ``asked_by`` read the times the love map keeps)."""
        times = self._asked_times()
        if times is None:
            times = dict(_LastAskedItems(LastAsked(self.entries, self.passed)))
            self._asked = (times, self.entries, self.passed, len(self.entries), len(self.passed))
        return LastAsked(self.entries, self.passed, times)


class LastAsked(Mapping[str, datetime]):
    def __init__(
        self,
        entries: dict[str, LoveMapEntry],
        passed: dict[str, datetime],
        times: dict[str, datetime] | None = None,
    ) -> None:
        self._entries = entries
        self._passed = passed
        self._times = times  # every question's time, as ``items()`` gives them (``LoveMap._asked``)

    def __getitem__(self, question_id: str) -> datetime:
        entry, passed = self._entries.get(question_id), self._passed.get(question_id)
        if entry is None:
            if passed is None:
                raise KeyError(question_id)
            return passed
        return entry.last_revealed if passed is None else max(entry.last_revealed, passed)

    def get(self, question_id: str, default: datetime | None = None) -> datetime | None:  # type: ignore[override]
        """``self[question_id]`` or ``default``, without the exception (drawing asks often)."""
        if self._times is not None:
            return self._times.get(question_id, default)
        entry = self._entries.get(question_id)
        passed = self._passed.get(question_id) if self._passed else None
        if entry is None:
            return default if passed is None else passed
        at = entry.history[-1].confirmed_at
        return at if passed is None else max(at, passed)

    def __iter__(self) -> Iterator[str]:
        yield from self._entries
        yield from (q for q in self._passed if q not in self._entries)

    def __len__(self) -> int:
        return len(self._entries) + sum(q not in self._entries for q in self._passed)

    def items(self) -> ItemsView[str, datetime]:
        return _LastAskedItems(self)

    def asked_by(self, floor: datetime, among: Container[str] | None = None) -> list[tuple[str, datetime]]:
        """``(question id, when)`` for the questions last asked at ``floor`` or
        before, and ``among`` these if given (the re-ask scan, in one pass; in
        no particular order)."""
        pairs = self._times.items() if self._times is not None else _LastAskedItems(self)
        if among is None:
            return [(q, at) for q, at in pairs if at <= floor]
        return [(q, at) for q, at in pairs if q in among and at <= floor]


class _LastAskedItems(ItemsView[str, datetime]):
    """``LastAsked.items()``: the same pairs in the same order, without a lookup per key."""

    _mapping: LastAsked

    def __iter__(self) -> Iterator[tuple[str, datetime]]:
        entries, passed = self._mapping._entries, self._mapping._passed
        for question_id, entry in entries.items():
            at = entry.history[-1].confirmed_at
            other = passed.get(question_id) if passed else None
            yield question_id, at if other is None else max(at, other)
        for question_id, at in passed.items():
            if question_id not in entries:
                yield question_id, at


def same_answer(kind: QuestionKind, a: AnswerValue, b: AnswerValue) -> bool:
    """Whether a new answer is the same as an old one (no change to record).

    Answers are normalised on entry (multi in deck order), so equality is exact
    for every kind but free text, where near-identical wording is the same.
    """
    if kind is QuestionKind.TEXT:
        return scoring.suggest_verdict(str(a), str(b)) is Verdict.SPOT_ON
    return a == b


def judge(
    question: Question,
    *,
    answerer: PlayerIndex,
    answer: AnswerValue,
    guess: Guess,
    verdict: Verdict | None,
    subject_entry: LoveMapEntry | None,
    guesser_entry: LoveMapEntry | None,
    at: datetime,
    game_id: str,
) -> RoundResult:
    """The reveal of a round, judged against what the love maps held before it.

    ``subject_entry`` is the answerer's history for this question and
    ``guesser_entry`` the guesser's own; both as they were before this round.
    """
    suggested = None
    if question.kind is QuestionKind.TEXT:
        suggested = scoring.suggest_verdict(str(guess.value), str(answer))
        verdict = verdict or suggested
    value = scoring.accuracy(question, guess.value, answer, verdict)
    in_sync = scoring.is_in_sync(value)
    previous = subject_entry.current if subject_entry else None
    changed = previous is not None and not same_answer(question.kind, previous.value, answer)

    outdated_since = None
    projection = False
    if not in_sync:
        # An outdated model: the guess matches something the answerer used to say.
        for record in reversed(subject_entry.history if subject_entry else []):
            if not same_answer(question.kind, record.value, answer) and scoring.matches(
                question, guess.value, record.value
            ):
                outdated_since = record.confirmed_at
                break
        # Projection: the guess matches the guesser's own latest answer.
        if guesser_entry is not None and scoring.matches(question, guess.value, guesser_entry.current.value):
            projection = True

    return RoundResult(
        question_id=question.id,
        kind=question.kind,
        dimension=question.dimension,
        depth=question.depth,
        answerer=answerer,
        guesser=1 - answerer,
        answer=answer,
        guess=guess.value,
        confidence=guess.confidence,
        verdict=verdict,
        suggested_verdict=suggested,
        accuracy=value,
        points=scoring.points(question.depth, value),
        in_sync=in_sync,
        discovery=not in_sync,
        previous_answer=previous.value if previous else None,
        previous_at=previous.confirmed_at if previous else None,
        changed=changed,
        outdated_since=outdated_since,
        projection=projection,
        follow_up=question.follow_up,
        at=at,
        game_id=game_id,
    )


# ------------------------------------------------------------- summaries


@dataclass(frozen=True)
class DimensionKnowledge:
    dimension: Dimension
    known: int
    fresh: int
    stale: int
    total: int  # questions in the decks that could be known


def knowledge_by_dimension(
    love_map: LoveMap,
    now: datetime,
    totals: dict[Dimension, int],
    horizon_days: int = STALE_AFTER_DAYS,
) -> list[DimensionKnowledge]:
    counts = {d: [0, 0] for d in Dimension}
    for entry in love_map.entries.values():
        fresh = entry.freshness(now, horizon_days) is Freshness.FRESH
        counts[entry.dimension][0 if fresh else 1] += 1
    return [DimensionKnowledge(d, sum(counts[d]), counts[d][0], counts[d][1], totals.get(d, 0)) for d in Dimension]


def discoveries_of_game(results: Iterable[RoundResult], question_text: Callable[[str], str]) -> list[Discovery]:
    """Things that changed in one game: every discovery with its context."""
    return [
        Discovery(
            subject=r.answerer,
            question_id=r.question_id,
            question_text=question_text(r.question_id),
            dimension=r.dimension,
            new_answer=r.answer,
            at=r.at,
            previous_answer=r.previous_answer if r.changed else None,
            previous_at=r.previous_at if r.changed else None,
            guess=r.guess,
            outdated_since=r.outdated_since,
            projection=r.projection,
            follow_up=r.follow_up,
        )
        for r in results
        if r.discovery
    ]


def changes_across_games(
    love_maps: Iterable[LoveMap],
    question_text: Callable[[str], str],
    follow_up: Callable[[str], str | None] = lambda _: None,
    limit: int | None = None,
) -> list[Discovery]:
    """Answers that changed since they were last asked, newest first."""
    found = []
    for love_map in love_maps:
        for entry in love_map.entries.values():
            if not entry.changed:
                continue
            old, new = entry.history[-2], entry.history[-1]
            found.append(
                Discovery(
                    subject=love_map.subject,
                    question_id=entry.question_id,
                    question_text=question_text(entry.question_id),
                    dimension=entry.dimension,
                    new_answer=new.value,
                    at=new.at,
                    previous_answer=old.value,
                    previous_at=old.confirmed_at,
                    follow_up=follow_up(entry.question_id),
                )
            )
    found.sort(key=lambda d: d.at, reverse=True)
    return found[:limit] if limit is not None else found
