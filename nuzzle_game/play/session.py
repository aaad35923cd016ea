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
from nuzzle_game.core.lovemap import discoveries_of_game, judge
from nuzzle_game.core.models import Confidence, Discovery, PlayerIndex, RoundResult, Unlock, Verdict
from nuzzle_game.core.pool import QuestionPool
from nuzzle_game.core.questions import Question
from nuzzle_game.core.situation import applicable_tags
from nuzzle_game.core.state import ProfileState


class GameStore(Protocol):
    """What a session needs from persistence (see ``store.profile``)."""

    state: ProfileState

    def save_state(self) -> None: ...

    def save_game(self) -> None: ...

    def archive_game(self, game: Game) -> None: ...


class GameSession:
    def __init__(
        self,
        store: GameStore,
        library: DeckLibrary,
        clock: Clock,
    ) -> None:
        self.store = store
        self.library = library
        self.clock = clock
        self._pool: QuestionPool | None = None

    # ------------------------------------------------------------ state

    @property
    def state(self) -> ProfileState:
        return self.store.state

    @property
    def game(self) -> Game | None:
        return self.state.active_game

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
        with self._saving(game):
            self.state.active_game = game
            self._pool = None
            self.next_round()
        return game

    @contextmanager
    def _saving(self, game: Game | None) -> Iterator[None]:
        """Change the game in progress, then save it; if the save fails, the game
        is put back as it was (nothing in memory runs ahead of the disk), and the
        move can simply be made again."""
        before = self.state.active_game
        snapshot = before.model_copy(deep=True) if before is not None else None
        try:
            yield
            self.store.save_game()
        except BaseException:
            self.state.active_game = snapshot
            self._pool = None
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
            guesser_accuracy=self.state.aggregates.guesser_accuracy(1 - answerer),
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

    def answer(self, value: object) -> Phase:
        """Commit the answer; returns the phase the round moved to (a held guess
        takes it straight past the guess)."""
        round_ = self.round
        question = self.question(round_.question_id)
        with self._saving(self.game):
            round_.commit_answer(question, value, self.clock())
        return round_.phase

    def guess(self, value: object, confidence: Confidence | str) -> Phase:
        """Commit the guess, after the answer or before it (then it is held)."""
        round_ = self.round
        question = self.question(round_.question_id)
        with self._saving(self.game):
            round_.commit_guess(question, value, Confidence(confidence))
        return round_.phase

    def pass_round(self, by: PlayerIndex) -> Round:
        """Pass on the round in play: nothing is scored, another question takes its
        place, and the passed one is not asked of that answerer again for a while."""
        game = self._game()
        with self._saving(game):
            passed = game.pass_current(by, self.clock())
            round_ = self.next_round()
        # Only once saved: the love map never holds a pass the save does not.
        self.state.love_maps[passed.answerer].record_pass(passed.question_id, passed.at)
        return round_

    def _note_passes(self, game: Game) -> None:
        """Bring the game's passes into the love maps (again after a resume: idempotent)."""
        for passed in game.passes:
            self.state.love_maps[passed.answerer].record_pass(passed.question_id, passed.at)

    def proposed_verdict(self) -> Verdict | None:
        """For a text round awaiting its verdict: what the similarity suggests."""
        round_ = self.round
        if round_.phase is not Phase.VERDICT:
            return None
        from nuzzle_game.core.scoring import suggest_verdict

        assert round_.guess is not None
        return suggest_verdict(str(round_.guess.value), str(round_.answer))

    def reveal(self, verdict: Verdict | str | None = None) -> RoundResult:
        """Judge the round, update the love map and aggregates, and save at once."""
        game = self._game()
        round_ = self.round
        if round_.phase not in (Phase.VERDICT, Phase.REVEALED):
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
            guesser_entry=maps[round_.guesser].entry(question.id),
            at=self.clock(),
            game_id=game.id,
        )
        with self._saving(game):
            self.round.resolve(result)  # the round as it is in the game being saved
        # Only once the reveal is saved does it reach the love map and the stats.
        self.state.apply(result)
        return result

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
        # What counting the game changes, kept whole to put back (a field added to
        # these one day is put back too): the aggregates are bounded, so a copy
        # costs the same after twenty years as on the first day.
        before = (state.aggregates.model_copy(deep=True), list(state.unlocks), game.finished_at)
        game.finished_at = game.finished_at or self.clock()
        state.aggregates.finish_game(game.id, game.checkin)
        new = unlocks.newly_unlocked(self.library.decks, state.aggregates, state.couple, state.unlocked_ids)
        state.unlocks.extend(Unlock(deck_id=d, at=game.finished_at, game_id=game.id) for d in new)
        state.active_game = None
        try:
            self.store.archive_game(game)
        except BaseException:
            state.aggregates, state.unlocks, game.finished_at = before
            state.active_game = game
            raise
        summary = GameSummary.of(game, new)
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
