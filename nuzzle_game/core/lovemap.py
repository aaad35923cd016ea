"""The love map (DESIGN §5): what one partner knows of the other, over time.

Each subject's answers to each question are kept as a history; the bounded
state holds its last few answers (``KEEP_ANSWERS``), older ones are retired to
the archive (see ``state``) and read back only when asked for. A reveal that
repeats the current answer refreshes its date (a confirmation); a different
answer adds an entry. The reveal of a round is judged here: discovery, in sync,
outdated model and projection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import AwareDatetime, Field, PrivateAttr, model_validator

from nuzzle_game.core import scoring
from nuzzle_game.core.base import Model
from nuzzle_game.core.last_asked import AskedTimes
from nuzzle_game.core.models import Discovery, Guess, PlayerIndex, RoundResult, Verdict, other
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
    # When the couple marked the change to the current answer "we talked about
    # it" (things that changed, DESIGN §5); a later change puts it back on the list.
    talked_at: AwareDatetime | None = None

    @property
    def current(self) -> AnswerRecord:
        return self.history[-1]

    @property
    def talked_about(self) -> bool:
        """Whether the couple talked about the current answer since it was given."""
        return self.talked_at is not None and self.talked_at >= self.current.at

    @property
    def last_revealed(self) -> datetime:
        return self.current.confirmed_at

    @property
    def changed(self) -> bool:
        """Whether the latest reveal brought a new answer rather than the first one."""
        return len(self.history) > 1

    @property
    def dates(self) -> Iterator[datetime]:
        """Every date the entry holds."""
        for record in self.history:
            yield record.at
            yield record.confirmed_at

    def freshness(self, now: datetime, horizon_days: int = STALE_AFTER_DAYS) -> Freshness:
        """Fresh when revealed within the horizon; a reveal dated after ``now``
        (the clock went back since) counts as revealed now."""
        if now - min(self.last_revealed, now) <= timedelta(days=horizon_days):
            return Freshness.FRESH
        return Freshness.STALE

    def cap_dates(self, now: datetime) -> bool:
        """Bring dates after ``now`` back to ``now``; whether any was."""
        capped = False
        for record in self.history:
            if record.at > now:
                record.at, capped = now, True
            if record.confirmed_at > now:
                record.confirmed_at, capped = now, True
        return capped


class LoveMap(Model):
    """What the partner knows of ``subject``: every revealed answer of theirs."""

    subject: PlayerIndex
    entries: dict[str, LoveMapEntry] = Field(default_factory=dict)
    # Questions the subject (or the partner) passed on, and when: not asked again soon.
    passed: dict[str, AwareDatetime] = Field(default_factory=dict)
    # When each question was last put to the subject, for drawing, which reads
    # it every round: made when first asked for, then kept up by each record.
    _asked: AskedTimes | None = PrivateAttr(default=None)

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
        """Store an answer revealed at ``at``: True when it differs from the current one."""
        kept = self._kept_times()
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
        if kept is not None:
            kept.note(question_id, at)
        return changed

    def record_pass(self, question_id: str, at: datetime) -> None:
        """A round on this question was passed: it counts as asked at ``at``.

        Recording a game's passes again (a resumed game) changes nothing."""
        kept = self._kept_times()
        if question_id not in self.passed or self.passed[question_id] < at:
            self.passed[question_id] = at
        if kept is not None:
            kept.note(question_id, at)

    def cap_dates(self, now: datetime) -> list[str]:
        """Bring every date after ``now`` back to ``now`` (answers' dates and
        passes): a clock that ran ahead and was put right leaves nothing in the
        future. Returns the ids of the entries changed (the passes are one table)."""
        latest = self._times().latest
        if latest is None or latest <= now:
            return []
        changed = [question_id for question_id, entry in self.entries.items() if entry.cap_dates(now)]
        for question_id, at in self.passed.items():
            if at > now:
                self.passed[question_id] = now
        self._asked = None  # made again when next needed
        return changed

    def last_asked(self) -> Mapping[str, datetime]:
        """When each question was last put to the subject, passes included: a
        read-only view of the times the love map keeps, which follows its records
        (after ``cap_dates`` ask again: the times are made anew)."""
        return self._times().view()

    def _times(self) -> AskedTimes:
        kept = self._kept_times()
        if kept is None:
            kept = self._asked = AskedTimes(self.entries, self.passed)
        return kept

    def _kept_times(self) -> AskedTimes | None:
        """The times kept aside, if they were made and still describe the love map
        (read before a record changes it; the record then notes itself in them)."""
        kept = self._asked
        return kept if kept is not None and kept.describes(self.entries, self.passed) else None


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
        guesser=other(answerer),
        answer=answer,
        guess=guess.value,
        confidence=guess.confidence,
        verdict=verdict,
        suggested_verdict=suggested,
        accuracy=value,
        points=scoring.points(question.depth, value),
        in_sync=in_sync,
        discovery=not in_sync and not scoring.is_close(value),
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
