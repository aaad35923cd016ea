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
from datetime import datetime, timedelta

from nuzzle_game.clock import Clock
from nuzzle_game.core.decks import DeckLibrary
from nuzzle_game.core.game import GameMode, Phase
from nuzzle_game.core.models import Confidence, Couple, Player
from nuzzle_game.core.questions import AnswerValue, Question, QuestionKind
from nuzzle_game.core.state import ProfileState
from nuzzle_game.play.session import GameSession
from nuzzle_game.store.atomic import read_json
from nuzzle_game.store.errors import CorruptSave, SaveError
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.store.profile import Profile

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
        options = question.options or []
        alone = set(question.exclusive or ())
        pick = rng.choice(options)
        if pick in alone:  # a stand-alone option ("None of these right now") goes alone
            return [pick]
        others = [o for o in options if o not in alone and o != pick]
        k = rng.randint(0, min(question.choice_limit - 1, len(others)))
        return [pick, *rng.sample(others, k)]
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
    resume: bool = False,
) -> None:
    """Play one simulated game to its end; ``resume`` goes on with the one in progress."""
    if not resume:
        session.start(mode=mode, seed=rng.randrange(2**32))
    state = session.state
    while (round_ := session.resume()) is not None:
        question = session.question(round_.question_id)
        if round_.phase is Phase.ANSWER:
            session.answer(partners[round_.answerer].answer(question))
            tick()
        if round_.phase is Phase.GUESS:
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
    session.finish()


class SimulatedStore:
    """The profile as a simulated game sees it: the same files, written far less.

    A simulated game is written once, when it is filed (its month's file, then
    state.json; game.json only if it held a game); nothing is saved while it
    is played, and nothing is fsynced (the profile is opened with
    ``durable=False``). Every write still replaces its file whole, so a demo
    killed at any instant leaves a save that loads, as it was after the last
    game filed: it loses the game it was playing, and nothing else.
    """

    def __init__(self, profile: Profile) -> None:
        self.profile = profile

    @property
    def state(self) -> ProfileState:  # the session reads and changes the profile's own state
        return self.profile.state

    @state.setter
    def state(self, value: ProfileState) -> None:
        self.profile.state = value

    def save_state(self) -> None:
        self.profile.save_state()

    def save_game(self) -> None:
        if self.profile.state.active_game is None:  # a game dropped: not in play any more
            self.profile.save_game()

    def archive_game(self, game) -> None:
        self.profile.archive_game(game)


def _check_months(profile: Profile, start: datetime, games: int) -> None:
    """Read every month file the demo will file games in, before writing anything."""
    months = sorted({f"{start + timedelta(days=n):%Y-%m}" for n in range(0, games + 1)})
    for month in months:
        path = profile.dir / "history" / f"{month}.json"
        if path.exists():
            try:
                data = read_json(path)
            except CorruptSave as error:
                raise error.for_profile(profile.profile) from None
            if not isinstance(data, dict) or not isinstance(data.get("games", {}), dict):
                raise CorruptSave(path, "not a Nuzzle save (unexpected layout)", profile.profile)


def run_demo(
    folder: SaveFolder,
    library: DeckLibrary,
    profile_name: str,
    players: tuple[str, str],
    games: int,
    seed: int | None = None,
    progress: Callable[[int], None] | None = None,
    *,
    clock: Clock,
) -> Profile:
    """Create or extend ``profile_name`` with ``games`` simulated games, one a day.

    A game the demo itself left unfinished (it was interrupted) is finished
    first; a real game in progress is refused before anything is written.
    """
    rng = random.Random(seed)
    quick = SaveFolder(folder.root, durable=False, clock=folder.clock)
    if folder.exists(profile_name):
        profile = quick.open(profile_name)
    else:
        couple = Couple(
            profile=profile_name,
            players=(Player(name=players[0]), Player(name=players[1])),
            created_at=clock() - timedelta(days=games + 1),
        )
        profile = quick.create(couple)
    # The welcome line is written once, at the end; a past month's backup is
    # kept once that month is over (not before each game filed in it).
    profile.summaries = profile.month_backups = False
    try:
        unfinished = profile.state.active_game
        if unfinished is not None and not profile.game_is_simulated():
            raise SaveError(
                f"profile '{profile_name}' has a game in progress; finish or end it in the game "
                "before adding simulated games. Nothing was changed."
            )
        recent = profile.state.aggregates.recent_games
        if unfinished is not None:
            start = unfinished.started_at + timedelta(days=1)
        elif recent:
            start = recent[-1].at + timedelta(days=1)
        else:
            start = clock().replace(hour=20, minute=0, second=0, microsecond=0) - timedelta(days=games)
        _check_months(profile, unfinished.started_at if unfinished else start, games)
        now = [start]
        session = GameSession(SimulatedStore(profile), library, clock=lambda: now[0])

        def tick() -> None:
            now[0] += timedelta(minutes=1)

        partners = (SimulatedPartner(random.Random(rng.random())), SimulatedPartner(random.Random(rng.random())))
        # Seed the simulated truths with what the love map already holds.
        for partner, love_map in zip(partners, profile.state.love_maps):
            partner.truths.update({q: e.current.value for q, e in love_map.entries.items()})
        if unfinished is not None:
            now[0] = (
                max(unfinished.started_at, *(r.at for r in unfinished.results))
                if unfinished.results
                else unfinished.started_at
            )
            play_game(session, partners, rng, lambda: now[0], tick, resume=True)
        for number in range(games):
            now[0] = start + timedelta(days=number)
            mode = GameMode.CHECKIN if number % 4 == 3 else GameMode.GAME
            play_game(session, partners, rng, lambda: now[0], tick, mode)
            if progress:
                progress(number + 1)
    except BaseException:
        profile.close()
        raise
    finally:
        profile.summaries = profile.month_backups = True
    profile.write_summary()
    return profile
