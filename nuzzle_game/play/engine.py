"""The one round engine: hot seat, the table and the check-in in halves drive it.

Reads and commands are apart. ``view(player)`` is a pure read: what that player
may know now and what they can do (``views.PlayerView``). Everything that changes
the game is a command, called by the driver:

- ``advance()``: reveal a round both players committed, draw the next round, or
  file a finished game, whichever is due (``pending`` says which); the driver
  calls it after every move and on resume;
- ``answer``, ``guess``, ``judge`` (a text round's verdict, the answerer's),
  ``pass_`` (either partner, while the round is answered or guessed: another
  question takes its place and nothing is scored) and ``read`` (done with the
  reveal or the summary; the next round waits for both players).

A guess committed before the answer is held (and saved) and applied when the
answer comes. ``version`` grows with every change, so a table knows when to
resend views. A move the rules do not allow raises ``MoveError`` with a
sentence for the player; ``GameStuck`` says the game cannot go on because its
questions left the decks (offer ``GameSession.abandon``); a value that does not
fit the question raises ``ValueError``. A save that fails (the store's
``SaveError``) passes through and changes nothing: the move can be retried.
"""

from __future__ import annotations

from enum import StrEnum

from nuzzle_game.core.game import Game, Phase, Round, RoundError
from nuzzle_game.core.models import Confidence, PlayerIndex, RoundResult, Verdict
from nuzzle_game.play.halves import halves_view
from nuzzle_game.play.session import GameSession
from nuzzle_game.play.views import (
    PartnerStatus,
    PlayerView,
    RoundInfo,
    SummaryInfo,
    Task,
    VerdictInfo,
)


class MoveError(RoundError):
    """A move the round does not allow now, or not from this player."""


class GameStuck(MoveError):
    """The game cannot go on: its questions left the decks (a deck was removed).

    Offer to end it (``GameSession.abandon``): its revealed rounds stay.
    """


class Pending(StrEnum):
    """A command the driver owes the engine before anyone can play on."""

    REVEAL = "reveal"  # both have committed: the round is judged and revealed
    DRAW = "draw"  # the next round
    FILE = "file"  # every round is revealed: the game is filed


class RoundEngine:
    def __init__(self, session: GameSession) -> None:
        if session.game is None:
            raise MoveError("no game in progress")
        self.session = session
        players = session.state.couple.players
        self.names: tuple[str, str] = (players[0].name, players[1].name)
        self.version = 0
        self._reveal: tuple[RoundInfo, RoundResult] | None = None  # being read
        self._ready: set[int] = set()  # who has read it
        self._summary: SummaryInfo | None = None

    # ------------------------------------------------------------ reads

    @property
    def finished(self) -> bool:
        """The game is filed; only its summary (or its reveal, in halves) is left to read."""
        if self._summary is not None:
            return True
        game = self.session.game
        return game is not None and game.halves and game.finished_at is not None

    @property
    def pending(self) -> Pending | None:
        if self._summary is not None or self._reveal is not None:
            return None
        game = self._game()
        if game.halves:
            return _halves_pending(game)
        current = game.current
        if current is not None:
            return Pending.REVEAL if current.phase is Phase.REVEALED else None
        return Pending.FILE if game.over else Pending.DRAW

    def key(self) -> tuple[str, int, int]:
        """Tells the round in play from the one that replaced it after a pass."""
        game = self._game()
        round_ = game.current
        return (game.id, round_.index if round_ else len(game.rounds), len(game.passes))

    def actor(self) -> PlayerIndex | None:
        """Who acts next at one keyboard: the answerer, then the guesser, then the
        answerer again for a text round's verdict; None at a reveal or the end."""
        if self._summary is not None or self._reveal is not None:
            return None
        round_ = self._game().current
        if round_ is None:
            return None
        return round_.guesser if round_.phase is Phase.GUESS else round_.answerer

    def view(self, player: PlayerIndex) -> PlayerView:
        """What ``player`` may know now, and what they can do."""
        game = self.session.game
        if game is not None and game.halves:
            return halves_view(self.session, game, player, self.names, self.version)
        partner = 1 - player
        common = {"version": self.version, "me": player, "names": self.names}
        if self._summary is not None:
            return PlayerView(**common, task=Task.SUMMARY, partner=PartnerStatus.DONE, summary=self._summary)
        if self._reveal is not None:
            info, result = self._reveal
            return PlayerView(
                **common,
                task=Task.WAIT if player in self._ready else Task.REVEAL,
                partner=PartnerStatus.READY if partner in self._ready else PartnerStatus.READING,
                round=info,
                result=result,
            )
        round_ = self._game().current
        if round_ is None:  # a draw or a filing is due: nothing to do until then
            return PlayerView(**common, task=Task.WAIT, partner=PartnerStatus.DONE)
        info = self._info(round_)
        phase = round_.phase
        if player == round_.answerer:
            if phase is Phase.VERDICT:
                task = Task.VERDICT
            else:
                task = Task.ANSWER if phase is Phase.ANSWER else Task.WAIT
            return PlayerView(
                **common,
                task=task,
                partner=PartnerStatus.GUESSED if round_.guess is not None else PartnerStatus.GUESSING,
                round=info,
                my_answer=round_.answer,
                verdict=self._verdict(round_) if phase is Phase.VERDICT else None,
            )
        if phase is Phase.VERDICT:
            status = PartnerStatus.JUDGING
        else:
            status = PartnerStatus.ANSWERING if phase is Phase.ANSWER else PartnerStatus.ANSWERED
        return PlayerView(
            **common,
            task=Task.WAIT if round_.guess is not None else Task.GUESS,
            partner=status,
            round=info,
            my_guess=round_.guess,
        )

    # ------------------------------------------------------------ commands

    def advance(self) -> Pending | None:
        """Do what is due, until nothing is: reveal, draw or file (a check-in in
        halves is judged, then filed at once when no verdict waits). Returns the
        last thing done. Also checks the round in play still has its question
        (``GameStuck`` if not)."""
        done = None
        try:
            while (due := self.pending) is not None:
                self._do(due)
                done = due
            game = self.session.game
            in_play = game.current if game is not None and self._summary is None else None
            if in_play is not None:
                self.session.question(in_play.question_id)
        except (RoundError, ValueError) as error:
            if isinstance(error, MoveError):
                raise
            raise GameStuck(str(error)) from error
        return done

    def _do(self, due: Pending) -> None:
        session = self.session
        if due is Pending.REVEAL and self._game().halves:
            for each in self._game().rounds:  # both halves are in: judged at once
                if each.result is None and each.phase is Phase.REVEALED:
                    session.reveal(None, each.index)
            self.version += 1
        elif due is Pending.FILE and self._game().halves:
            session.finish()  # the reveal stays; the rounds reach the love maps
            self.version += 1
        elif due is Pending.REVEAL:
            current = self._game().current
            assert current is not None
            self._reveal_now(current, None)
        elif due is Pending.DRAW:
            session.next_round()
            self.version += 1
        elif due is Pending.FILE:
            self._file()

    def answer(self, player: PlayerIndex, value: object, round_index: int | None = None) -> None:
        round_ = self._current(round_index, player)
        if player != round_.answerer:
            raise MoveError(f"this round's answer is {self.names[round_.answerer]}'s to give")
        if round_.phase is not Phase.ANSWER:
            raise MoveError("your answer is already committed")
        self.session.answer(value, round_.index)
        self.version += 1

    def guess(
        self, player: PlayerIndex, value: object, confidence: Confidence | str, round_index: int | None = None
    ) -> None:
        round_ = self._current(round_index, player)
        if player != round_.guesser:
            raise MoveError(f"this round's guess is {self.names[round_.guesser]}'s to make")
        if round_.guess is not None:
            raise MoveError("your guess is already committed")
        self.session.guess(value, confidence, round_.index)
        self.version += 1

    def judge(self, player: PlayerIndex, verdict: Verdict | str, round_index: int | None = None) -> None:
        round_ = self._current(round_index, player)
        if round_.phase is not Phase.VERDICT or round_.result is not None:
            raise MoveError("there is no verdict to give now")
        if player != round_.answerer:
            raise MoveError(f"the verdict is {self.names[round_.answerer]}'s to give")
        if self._game().halves:
            if not self._game().halves_in:
                raise MoveError("the verdicts wait for both halves")
            self.session.reveal(Verdict(verdict), round_.index)
            self.version += 1
            return
        self._reveal_now(round_, Verdict(verdict))

    def pass_(self, player: PlayerIndex, round_index: int | None = None) -> None:
        """Either partner passes on the round in play; another question replaces it."""
        round_ = self._current(round_index, player)
        if self._game().halves:
            self.session.pass_pair(player, round_.index)
            self.version += 1
            return
        if player not in (0, 1):
            raise MoveError("only one of the two partners can pass")
        if round_.phase not in (Phase.ANSWER, Phase.GUESS):
            raise MoveError("both of you have committed: this round goes to the reveal")
        self.session.pass_round(player)
        self.version += 1

    def read(self, player: PlayerIndex | None = None) -> None:
        """Done with the reveal (``None``: both at once, as at one keyboard), or
        with the summary; the next round is due once both have read the reveal."""
        if self._summary is not None:
            return
        game = self._game()
        if game.halves:
            self._seen(game, player)
            return
        if self._reveal is None:
            raise MoveError("there is no reveal to move on from")
        self._ready.update((0, 1) if player is None else (player,))
        if self._ready >= {0, 1}:
            self._reveal = None
            self._ready = set()
        self.version += 1

    # ------------------------------------------------------------ inside

    def _game(self) -> Game:
        game = self.session.game
        if game is None:
            raise MoveError("no game in progress")
        return game

    def _current(self, round_index: int | None, player: PlayerIndex | None = None) -> Round:
        game = self._game()
        if game.halves:
            return self._in_halves(game, round_index, player)
        if self._summary is not None or self._reveal is not None:
            raise MoveError("this round is already revealed")
        round_ = game.current
        if round_ is None:
            raise MoveError("the next round is not drawn yet")
        if round_index is not None and round_index != round_.index:
            raise MoveError("that round is not the one in play")
        return round_

    def _in_halves(self, game: Game, round_index: int | None, player: PlayerIndex | None) -> Round:
        """A round of a check-in in halves, named by its index."""
        if game.finished_at is not None:
            raise MoveError("this check-in is done: its reveal is all there is")
        if round_index is None or not 0 <= round_index < len(game.rounds):
            raise MoveError("say which question of the check-in this is for")
        round_ = game.rounds[round_index]
        if player is not None and game.half_done(player) and not game.halves_in:
            raise MoveError("your half is in: the rest waits for your partner")
        return round_

    def _seen(self, game: Game, player: PlayerIndex | None) -> None:
        """A check-in in halves: ``player`` (None: both, at one keyboard) saw its reveal."""
        if not game.halves_in:
            raise MoveError("the reveal waits for both halves")
        both: tuple[PlayerIndex, ...] = (0, 1) if player is None else (player,)
        new = [p for p in both if p not in game.seen]
        if new:
            with self.session.saving():
                self._game().seen.extend(new)
            self.version += 1

    def _info(self, round_: Round) -> RoundInfo:
        game = self._game()
        try:
            question = self.session.question(round_.question_id)
        except RoundError as error:
            raise GameStuck(str(error)) from error
        return RoundInfo(
            index=round_.index,
            number=round_.index + 1,
            total=game.total_rounds,
            mode=game.mode,
            question=question,
            answerer=round_.answerer,
            guesser=round_.guesser,
            names=self.names,
        )

    def _verdict(self, round_: Round) -> VerdictInfo:
        assert round_.answer is not None and round_.guess is not None
        return VerdictInfo(
            answer=round_.answer,
            guess=round_.guess,
            proposed=self.session.proposed_verdict() or Verdict.NOT_REALLY,
        )

    def _reveal_now(self, round_: Round, verdict: Verdict | None) -> None:
        info = self._info(round_)
        result = self.session.reveal(verdict)
        self._reveal = (info, result)
        self._ready = set()
        self.version += 1

    def _file(self) -> None:
        session = self.session
        game = self._game()
        summary = session.finish()
        library = session.library
        results = game.results
        questions = [q for r in results if (q := library.question(r.question_id)) is not None]
        titles = [deck.title if (deck := library.deck(d)) else d for d in summary.unlocked]
        self._summary = SummaryInfo(
            mode=game.mode,
            summary=summary,
            discoveries=session.discoveries(game),
            results=results,
            questions=questions,
            unlocked=titles,
        )
        self.version += 1


def _halves_pending(game: Game) -> Pending | None:
    """A check-in in halves: judged once both halves are in, filed once every verdict is."""
    if game.finished_at is not None or not game.halves_in:
        return None
    if any(r.result is None and r.phase is Phase.REVEALED for r in game.rounds):
        return Pending.REVEAL
    if all(r.result is not None for r in game.rounds):
        return Pending.FILE
    return None  # a text round's verdict is still to come
