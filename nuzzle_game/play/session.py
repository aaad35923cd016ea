"""Playing a game against a profile: the rules wired to the store.

The UI, the demo and the tests all play through this one class, so a simulated
game saves exactly the way a real one does.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from nuzzle_game.clock import Clock
from nuzzle_game.core import unlocks
from nuzzle_game.core.decks import Deck, DeckLibrary
from nuzzle_game.core.drawing import DrawRules, draw_next
from nuzzle_game.core.game import CHECKIN_ROUNDS, Game, GameMode, GameSummary, Phase, Round, RoundError
from nuzzle_game.core.lovemap import AnswerRecord, LoveMapEntry, discoveries_of_game, judge
from nuzzle_game.core.models import Confidence, Discovery, PlayerIndex, RoundResult, Unlock, Verdict, other
from nuzzle_game.core.pool import QuestionPool
from nuzzle_game.core.questions import Question
from nuzzle_game.core.situation import applicable_tags
from nuzzle_game.core.state import ProfileState, restore, snapshot


class GameStore(Protocol):
    """What a session needs from persistence (see ``store.profile``)."""

    state: ProfileState

    def save_state(self) -> None: ...

    def save_game(self) -> None: ...

    def archive_game(self, game: Game) -> None: ...


class GameSession:
    """A game of one couple: played together (``active_game``) or, with
    ``halves=True``, the daily check-in in halves (``ProfileState.halves``), which
    waits beside a game played together."""

    def __init__(self, store: GameStore, library: DeckLibrary, clock: Clock, *, halves: bool = False) -> None:
        self.store = store
        self.library = library
        self.clock = clock
        self.halves = halves
        self._pool: QuestionPool | None = None

    # ------------------------------------------------------------ state

    @property
    def state(self) -> ProfileState:
        return self.store.state

    @property
    def game(self) -> Game | None:
        """The game this session plays (a finished check-in in halves stays here
        until the next one, for its reveal)."""
        return self.state.halves if self.halves else self.state.active_game

    def set_game(self, game: Game | None) -> None:
        """Put ``game`` in this session's place (a new one, or one put back)."""
        self._pool = None
        if self.halves:
            self.state.halves = game
        else:
            self.state.active_game = game

    def available_decks(self) -> list[Deck]:
        """Decks that can be played now (unlocked; sensitive only with both opt-ins)."""
        state = self.state
        unlocked, couple = state.unlocked_ids, state.couple  # once, not once per deck
        return [d for d in self.library.decks if unlocks.is_available(d, unlocked, couple)]

    def question(self, question_id: str) -> Question:
        question = self.library.question(question_id)
        if question is None:
            raise RoundError(f"question '{question_id}' is no longer in any deck")
        return question

    def question_text(self, question_id: str) -> str:
        question = self.library.question(question_id)
        return question.text if question else f"(a retired question: {question_id})"

    # ------------------------------------------------------------ a game

    def start(
        self,
        mode: GameMode = GameMode.GAME,
        rounds: int | None = None,
        deck_ids: list[str] | None = None,
        seed: int | None = None,
    ) -> Game:
        if self.game is not None and self.game.finished_at is None:
            raise RoundError("a game is already in progress: resume or end it first")
        available = {d.id for d in self.available_decks()}
        if deck_ids is None:
            deck_ids = sorted(available - set(self.state.settings.disabled_decks)) or sorted(available)
        chosen = [d for d in deck_ids if d in available]
        if not chosen:
            raise RoundError("choose at least one open deck")
        if rounds is None:
            rounds = CHECKIN_ROUNDS if mode is GameMode.CHECKIN else self.state.settings.rounds
        now = self.clock()
        aggregates = self.state.aggregates
        game = Game(
            id=f"{now:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}",
            mode=mode,
            total_rounds=rounds,
            deck_ids=chosen,
            seed=seed if seed is not None else secrets.randbits(32),
            # Games take turns at who answers first.
            first_answerer=aggregates.games % 2,
            started_at=now,
        )
        with self.saving():
            self.set_game(game)
            self.next_round()
        return game

    @contextmanager
    def saving(self) -> Iterator[None]:
        """Change the game in progress, then save it; if the save fails, the game
        is put back as it was (nothing in memory runs ahead of the disk), and the
        move can simply be made again."""
        # Kept as JSON, made a model again only if the save fails (most never do).
        before = self.game.model_dump_json() if self.game is not None else None
        try:
            yield
            self.store.save_game()
        except BaseException:
            self.set_game(Game.model_validate_json(before) if before is not None else None)
            raise

    def _game(self) -> Game:
        if self.game is None:
            raise RoundError("no game in progress")
        return self.game

    def pool(self) -> QuestionPool:
        if self._pool is None:
            game = self._game()
            wanted = set(game.deck_ids)
            self._pool = self.library.pool(d.id for d in self.available_decks() if d.id in wanted)
        return self._pool

    def next_round(self) -> Round:
        """Draw the next question; the new round starts with the answer.

        Not saved until the answer is committed: the draw is seeded by the game
        and the round number, so a game resumed here draws the same question.
        """
        game = self._game()
        self._note_passes(game)
        index = len(game.rounds)
        answerer = game.answerer_for(index)
        settings = self.state.settings
        drawn = [r.question_id for r in game.rounds] + [p.question_id for p in game.passes]
        used = [q for qid in drawn if (q := self.library.question(qid))]
        question = draw_next(
            self.pool(),
            rng=random.Random(f"{game.seed}:{index}"),
            now=self.clock(),
            round_index=index,
            total_rounds=game.total_rounds,
            used=used,
            last_asked=self.state.love_maps[answerer].last_asked(),
            guesser_accuracy=self.state.aggregates.guesser_accuracy(other(answerer)),
            checkin=game.checkin,
            rules=DrawRules(settings.no_repeat_days, settings.stale_after_days),
            tags=applicable_tags(self.state.couple.situation, answerer),
            couple_since=self.state.couple.created_at,
        )
        return game.add_round(question.id)

    def resume(self) -> Round | None:
        """Where an interrupted game picks up: the round in play, or a new one.

        Returns None when every round is revealed and only ``finish()`` is left.
        """
        game = self._game()
        if game.current is not None:
            return game.current
        return None if game.over else self.next_round()

    @property
    def round(self) -> Round:
        current = self._game().current
        if current is None:
            raise RoundError("no round in play")
        return current

    def round_at(self, index: int | None) -> Round:
        """The round in play, or (a check-in in halves) the round at ``index``."""
        if index is None:
            return self.round
        rounds = self._game().rounds
        if not 0 <= index < len(rounds):
            raise RoundError("there is no such round")
        return rounds[index]

    def answer(self, value: object, index: int | None = None) -> Phase:
        """Commit the answer; returns the phase the round moved to (a held guess
        takes it straight past the guess)."""
        round_ = self.round_at(index)
        question = self.question(round_.question_id)
        with self.saving():
            round_.commit_answer(question, value, self.clock())
        return round_.phase

    def guess(self, value: object, confidence: Confidence | str, index: int | None = None) -> Phase:
        """Commit the guess, after the answer or before it (then it is held)."""
        round_ = self.round_at(index)
        question = self.question(round_.question_id)
        with self.saving():
            round_.commit_guess(question, value, Confidence(confidence))
        return round_.phase

    def pass_round(self, by: PlayerIndex) -> Round:
        """Pass on the round in play: nothing is scored, another question takes its
        place, and the passed one is not asked of that answerer again for a while."""
        game = self._game()
        with self.saving():
            passed = game.pass_current(by, self.clock())
            round_ = self.next_round()
        # Only once saved: the love map never holds a pass the save does not.
        self.state.love_maps[passed.answerer].record_pass(passed.question_id, passed.at)
        return round_

    def pass_pair(self, by: PlayerIndex, index: int) -> None:
        """A check-in in halves: pass on the question of round ``index``; another,
        fitting both partners, takes its place in both its rounds."""
        from nuzzle_game.play.halves import draw_for_both

        game = self._game()
        first = index - index % 2
        kept = [self.question(r.question_id) for r in game.rounds if r.index not in (first, first + 1)]
        gone = [q for p in game.passes if (q := self.library.question(p.question_id)) is not None]
        gone.append(self.question(game.rounds[first].question_id))
        with self.saving():
            question = draw_for_both(self, game, first // 2, kept + gone, salt=f":pass{len(game.passes)}")
            passed = game.pass_pair(index, by, self.clock(), question.id)
        self.state.love_maps[passed.answerer].record_pass(passed.question_id, passed.at)

    def _note_passes(self, game: Game) -> None:
        """Bring the game's passes into the love maps (again after a resume: idempotent)."""
        for passed in game.passes:
            self.state.love_maps[passed.answerer].record_pass(passed.question_id, passed.at)

    def proposed_verdict(self, index: int | None = None) -> Verdict | None:
        """For a text round awaiting its verdict: what the similarity suggests."""
        round_ = self.round_at(index)
        if round_.phase is not Phase.VERDICT:
            return None
        from nuzzle_game.core.scoring import suggest_verdict

        assert round_.guess is not None
        return suggest_verdict(str(round_.guess.value), str(round_.answer))

    def reveal(self, verdict: Verdict | str | None = None, index: int | None = None) -> RoundResult:
        """Judge the round and save it at once; then (a game played together) it
        reaches the love map and the aggregates. A check-in in halves brings its
        rounds there when it is filed, all together."""
        game = self._game()
        round_ = self.round_at(index)
        if round_.phase not in (Phase.VERDICT, Phase.REVEALED) or round_.result is not None:
            raise RoundError("both the answer and the guess are needed first")
        question = self.question(round_.question_id)
        maps = self.state.love_maps
        assert round_.guess is not None and round_.answer is not None
        result = judge(
            question,
            answerer=round_.answerer,
            answer=round_.answer,
            guess=round_.guess,
            verdict=Verdict(verdict) if verdict is not None else None,
            subject_entry=maps[round_.answerer].entry(question.id),
            guesser_entry=self._own_answer(game, round_) or maps[round_.guesser].entry(question.id),
            at=self.clock(),
            game_id=game.id,
        )
        with self.saving():
            self.round_at(round_.index).resolve(result)  # the round as it is in the game being saved
        if not game.halves:
            # Only once the reveal is saved does it reach the love map and the stats.
            self.state.apply(result)
        return result

    def _own_answer(self, game: Game, round_: Round) -> LoveMapEntry | None:
        """In halves, the guesser answered the same question for themselves today:
        that answer, as a love map entry, is what a projection is judged against."""
        if not game.halves:
            return None
        pair = next((r for r in game.rounds if r.question_id == round_.question_id and r is not round_), None)
        if pair is None or pair.answer is None or pair.answered_at is None:
            return None
        record = AnswerRecord(value=pair.answer, at=pair.answered_at, confirmed_at=pair.answered_at, game_id=game.id)
        return LoveMapEntry(
            question_id=round_.question_id, dimension=self.question(round_.question_id).dimension, history=[record]
        )

    def finish(self) -> GameSummary:
        """Close a game whose rounds are all revealed: unlocks, history, summary.

        Counting the game and filing it are one step: if filing fails (a full
        disk), the state is put back as it was, so finishing again counts it once.
        """
        game = self._game()
        if not game.over:
            raise RoundError("the game still has rounds to play")
        state = self.state
        self._note_passes(game)
        # What filing changes, kept to put back if it fails (a full disk): the
        # aggregates and unlocks whole (bounded, so a copy costs the same after
        # twenty years as on the first day) and the love map entries it applies.
        applying = game.results if game.halves else []
        before = snapshot(state, (r.question_id for r in applying))
        finished_at = game.finished_at
        for result in applying:  # a check-in in halves reaches the love map now
            state.apply(result)
        game.finished_at = game.finished_at or self.clock()
        state.aggregates.finish_game(game.id, game.checkin)
        new = unlocks.newly_unlocked(self.library.decks, state.aggregates, state.couple, state.unlocked_ids)
        state.unlocks.extend(Unlock(deck_id=d, at=game.finished_at, game_id=game.id) for d in new)
        if not game.halves:  # a check-in in halves stays, filed, for its reveal
            state.active_game = None
        try:
            self.store.archive_game(game)
        except BaseException:
            restore(state, before)
            game.finished_at = finished_at
            self.set_game(game)
            raise
        reached = state.aggregates.milestone
        summary = GameSummary.of(game, new, reached.days if reached and reached.game_id == game.id else None)
        self._pool = None
        return summary

    def abandon(self) -> None:
        """Drop the game in progress; revealed rounds stay on the love map."""
        game = self._game()
        if game.results:
            game.total_rounds = game.revealed
            game.rounds = [r for r in game.rounds if r.result is not None]
            self.finish()
        else:
            self._note_passes(game)
            self.state.active_game = None
            if game.passes:
                self.store.save_state()  # the passes stay on the love maps
            else:
                self.store.save_game()

    def discoveries(self, game: Game) -> list[Discovery]:
        return discoveries_of_game(game.results, self.question_text)
