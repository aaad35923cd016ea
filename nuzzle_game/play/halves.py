"""The daily check-in in halves (DESIGN §12): each partner plays their half alone.

Three questions, each asked both ways: six rounds, all open at once. A
partner's half is their three answers and three guesses of the other, played
in order (answer a question for yourself, then guess the partner's answer to
it), paused and resumed at will. Nothing of the other's half is in a view
before both halves are in; then the rounds are judged, text rounds wait for
their answerer's verdict, and once every verdict is in the check-in is filed:
its rounds reach the love maps, the stats, the streak and the unlocks.

It is a third way of driving the one round engine (``engine.RoundEngine``):

    half = Half(engine, player)
    while True:
        engine.advance()          # judge, or file, when due
        view = half.turn()        # this player's next question, or the reveal
        ... its screen, then moves.apply(engine, player, move, view.round.index)
"""

from __future__ import annotations

import random
import secrets
from typing import TYPE_CHECKING

from nuzzle_game.core.drawing import DrawRules, draw_next
from nuzzle_game.core.game import HALVES_QUESTIONS, Game, GameMode, Phase, Round, RoundError
from nuzzle_game.core.models import PlayerIndex, Verdict
from nuzzle_game.core.questions import Question
from nuzzle_game.core.situation import applicable_tags
from nuzzle_game.play.session import GameSession
from nuzzle_game.play.views import (
    CheckinReveal,
    PairedAnswer,
    PairedQuestion,
    PartnerStatus,
    PlayerView,
    RoundInfo,
    Task,
    VerdictInfo,
)

if TYPE_CHECKING:
    from nuzzle_game.play.engine import RoundEngine


def open_halves(session: GameSession, seed: int | None = None) -> Game:
    """Start today's check-in in halves: three questions drawn to fit both
    partners, each a pair of rounds (one for each to answer). Saved at once."""
    if not session.halves:
        raise RoundError("a check-in in halves is played in its own session")
    current = session.game
    if current is not None and current.finished_at is None:
        raise RoundError("today's check-in is still open: play your half, or end it")
    state = session.state
    deck_ids = [d.id for d in session.available_decks() if d.id not in state.settings.disabled_decks]
    if not deck_ids:
        raise RoundError("choose at least one open deck")
    now = session.clock()
    game = Game(
        id=f"{now:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}",
        mode=GameMode.HALVES,
        total_rounds=2 * HALVES_QUESTIONS,
        deck_ids=deck_ids,
        seed=seed if seed is not None else secrets.randbits(32),
        first_answerer=0,
        started_at=now,
    )
    with session.saving():
        session.set_game(game)
        used: list[Question] = []
        for number in range(HALVES_QUESTIONS):
            question = draw_for_both(session, game, number, used)
            used.append(question)
            game.add_question_pair(question.id)
    return game


def draw_for_both(session: GameSession, game: Game, number: int, used: list[Question], salt: str = "") -> Question:
    """A question that fits both partners (their situational tags) and is new
    to both of them: the later of their last askings counts for novelty."""
    state = session.state
    asked = [state.love_maps[p].last_asked() for p in (0, 1)]
    last_asked = dict(asked[0])
    for question_id, at in asked[1].items():
        if question_id not in last_asked or last_asked[question_id] < at:
            last_asked[question_id] = at
    accuracy = [state.aggregates.guesser_accuracy(p) for p in (0, 1)]
    weakest = {d: min(accuracy[0].get(d, 1.0), accuracy[1].get(d, 1.0)) for d in {*accuracy[0], *accuracy[1]}}
    situation = state.couple.situation
    tags = applicable_tags(situation, 0) & applicable_tags(situation, 1)
    settings = state.settings
    return draw_next(
        session.pool(),
        rng=random.Random(f"{game.seed}:{number}{salt}"),
        now=session.clock(),
        round_index=number,
        total_rounds=HALVES_QUESTIONS,
        used=used,
        last_asked=last_asked,
        guesser_accuracy=weakest,
        checkin=True,
        rules=DrawRules(settings.no_repeat_days, settings.stale_after_days),
        tags=tags,
        couple_since=state.couple.created_at,
    )


# ---------------------------------------------------------------- views


def next_move(game: Game, player: PlayerIndex) -> tuple[int, Round, Phase] | None:
    """``player``'s next move in their half (its place in the half, the round,
    answer or guess), or None once their half is in."""
    for place, (round_, phase) in enumerate(game.moves_of(player)):
        done = round_.answer is not None if phase is Phase.ANSWER else round_.guess is not None
        if not done:
            return place, round_, phase
    return None


def halves_view(
    session: GameSession, game: Game, player: PlayerIndex, names: tuple[str, str], version: int
) -> PlayerView:
    """What ``player`` may see of a check-in in halves: their own next move while
    their half is open; nothing of the partner's half but whether it is in; the
    verdicts that are theirs to give, then the reveal, once both halves are in."""
    partner: PlayerIndex = 1 if player == 0 else 0
    status = PartnerStatus.HALF_IN if game.half_done(partner) else PartnerStatus.HALF_TO_COME
    common = {"version": version, "me": player, "names": names, "partner": status}
    move = next_move(game, player)
    if move is not None:
        place, round_, phase = move
        info = _info(session, game, round_, names, place)
        if phase is Phase.ANSWER:
            return PlayerView(**common, task=Task.ANSWER, round=info, my_answer=None)
        return PlayerView(**common, task=Task.GUESS, round=info, my_guess=None)
    if not game.halves_in:
        return PlayerView(**common, task=Task.WAIT)
    for round_ in game.rounds:
        if round_.phase is Phase.VERDICT and round_.answerer == player and round_.result is None:
            assert round_.answer is not None and round_.guess is not None
            info = _info(session, game, round_, names, round_.index)
            proposed = session.proposed_verdict(round_.index) or Verdict.NOT_REALLY
            verdict = VerdictInfo(answer=round_.answer, guess=round_.guess, proposed=proposed)
            return PlayerView(**common, task=Task.VERDICT, round=info, verdict=verdict)
    return PlayerView(**common, task=Task.REVEAL, checkin=checkin_reveal(session, game))


def checkin_reveal(session: GameSession, game: Game) -> CheckinReveal:
    """Both halves side by side (call only once both are in: it shows everything)."""
    if not game.halves_in:
        raise RoundError("the reveal waits for both halves")
    pairs: list[PairedQuestion] = []
    for first in game.rounds[::2]:
        second = game.rounds[first.index + 1]
        sides = []
        for player in (0, 1):
            mine, theirs = (first, second) if first.answerer == player else (second, first)  # answered, guessed
            assert mine.answer is not None and theirs.guess is not None
            sides.append(
                PairedAnswer(
                    answer=mine.answer,
                    guess=theirs.guess,
                    result=mine.result,
                    waiting_verdict=mine.result is None and mine.phase is Phase.VERDICT,
                )
            )
        pairs.append(PairedQuestion(question=session.question(first.question_id), sides=(sides[0], sides[1])))
    return CheckinReveal(questions=pairs, filed=game.finished_at is not None)


def _info(session: GameSession, game: Game, round_: Round, names: tuple[str, str], place: int) -> RoundInfo:
    return RoundInfo(
        index=round_.index,
        number=place + 1,
        total=len(game.rounds),
        mode=game.mode,
        question=session.question(round_.question_id),
        answerer=round_.answerer,
        guesser=round_.guesser,
        names=names,
    )


# ---------------------------------------------------------------- the driver


class Half:
    """One partner playing their half, alone (at their own seat or at the shared
    keyboard after a hand-off)."""

    def __init__(self, engine: RoundEngine, player: PlayerIndex) -> None:
        self.engine = engine
        self.player = player

    def turn(self) -> PlayerView:
        """This player's view: their next question, a verdict of theirs, the reveal, or a wait."""
        return self.engine.view(self.player)

    def progress(self) -> tuple[int, int]:
        """Moves made in this half, of how many."""
        game = self.engine.session.game
        if game is None:
            return (0, 0)
        moves = game.moves_of(self.player)
        done = sum((r.answer is not None) if phase is Phase.ANSWER else (r.guess is not None) for r, phase in moves)
        return done, len(moves)
