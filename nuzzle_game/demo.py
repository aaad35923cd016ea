"""``nuzzle demo``: simulated couples playing real games through the real store.

Each simulated partner has a "true" current answer per question that drifts over
time, and guesses from what they last saw (sometimes outdated), from their own
answer (projection) or at random. So a demo profile has real history,
discoveries, outdated models and projections to look at.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from .decks import DeckLibrary
from .game import GameMode
from .models import AnswerValue, Confidence, Couple, Player, Question, QuestionKind
from .session import GameSession
from .store.folder import SaveFolder
from .store.profile import Profile

TEXT_ANSWERS = [
    "a long walk together",
    "more sleep",
    "time with friends",
    "a quiet evening at home",
    "getting outside more",
    "finishing that big project",
    "cooking something new",
    "a weekend away",
]

DRIFT = 0.08  # chance, each time a question comes up, that the answer has moved on


def random_value(question: Question, rng: random.Random) -> AnswerValue:
    kind = question.kind
    if kind is QuestionKind.CHOICE:
        return rng.choice(question.options or [])
    if kind is QuestionKind.MULTI:
        k = rng.randint(1, question.choice_limit)
        picked = rng.sample(question.options or [], k)
        alone = [o for o in picked if o in (question.exclusive or [])]
        return alone[:1] if alone else picked  # an exclusive option goes alone
    if kind is QuestionKind.SCALE:
        assert question.scale is not None
        return rng.randint(question.scale.lo, question.scale.hi)
    if kind is QuestionKind.RANK:
        items = list(question.items or [])
        rng.shuffle(items)
        return items
    return rng.choice(TEXT_ANSWERS)


@dataclass
class SimulatedPartner:
    rng: random.Random
    truths: dict[str, AnswerValue] = field(default_factory=dict)

    def answer(self, question: Question) -> AnswerValue:
        if question.id not in self.truths or self.rng.random() < DRIFT:
            self.truths[question.id] = random_value(question, self.rng)
        return self.truths[question.id]


def simulate_guess(
    question: Question,
    known: AnswerValue | None,
    own: AnswerValue | None,
    rng: random.Random,
) -> tuple[AnswerValue, Confidence]:
    roll = rng.random()
    if known is not None and roll < 0.7:
        return known, Confidence.SURE if roll < 0.45 else Confidence.THINK_SO
    if own is not None and roll < 0.85:
        return own, Confidence.THINK_SO  # projecting their own answer
    return random_value(question, rng), Confidence.NO_IDEA


def play_game(
    session: GameSession,
    partners: tuple[SimulatedPartner, SimulatedPartner],
    rng: random.Random,
    clock: Callable[[], datetime],
    tick: Callable[[], None],
    mode: GameMode = GameMode.GAME,
) -> None:
    session.start(mode=mode, seed=rng.randrange(2**32))
    state = session.state
    while True:
        round_ = session.round
        question = session.question(round_.question_id)
        session.answer(partners[round_.answerer].answer(question))
        tick()
        known = state.love_maps[round_.answerer].entry(question.id)
        own = state.love_maps[round_.guesser].entry(question.id)
        guess, confidence = simulate_guess(
            question,
            known.current.value if known else None,
            own.current.value if own else None,
            rng,
        )
        session.guess(guess, confidence)
        session.reveal(session.proposed_verdict())
        tick()
        if session.game is not None and session.game.over:
            break
        session.next_round()
    session.finish()


def run_demo(
    folder: SaveFolder,
    library: DeckLibrary,
    profile_name: str,
    players: tuple[str, str],
    games: int,
    seed: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Profile:
    """Create or extend ``profile_name`` with ``games`` simulated games, one a day."""
    rng = random.Random(seed)
    if folder.exists(profile_name):
        profile = folder.open(profile_name)
    else:
        couple = Couple(
            profile=profile_name,
            players=(Player(name=players[0]), Player(name=players[1])),
            created_at=datetime.now(timezone.utc) - timedelta(days=games + 1),
        )
        profile = folder.create(couple)
    try:
        recent = profile.state.aggregates.recent_games
        start = (
            recent[-1].at + timedelta(days=1)
            if recent
            else datetime.now(timezone.utc).replace(hour=20, minute=0, second=0, microsecond=0)
            - timedelta(days=games)
        )
        now = [start]
        session = GameSession(profile, library, clock=lambda: now[0])

        def tick() -> None:
            now[0] += timedelta(minutes=1)

        partners = (SimulatedPartner(random.Random(rng.random())), SimulatedPartner(random.Random(rng.random())))
        # Seed the simulated truths with what the love map already holds.
        for partner, love_map in zip(partners, profile.state.love_maps):
            partner.truths.update({q: e.current.value for q, e in love_map.entries.items()})
        if session.game is not None:
            from .store.errors import SaveError

            raise SaveError(
                f"profile '{profile_name}' has a game in progress; finish or end it in the game "
                "before adding simulated games."
            )
        for number in range(games):
            now[0] = start + timedelta(days=number)
            mode = GameMode.CHECKIN if number % 4 == 3 else GameMode.GAME
            play_game(session, partners, rng, lambda: now[0], tick, mode)
            if progress:
                progress(number + 1)
    except BaseException:
        profile.close()
        raise
    return profile
