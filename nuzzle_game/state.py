"""The bounded state of a couple's profile: what start-up reads.

Its size depends on the decks and the couple, never on how long they have
played: the game history lives elsewhere (see ``store``).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from .game import DEFAULT_ROUNDS, Game
from .lovemap import STALE_AFTER_DAYS, LoveMap
from .models import Couple, RoundResult, Unlock
from .stats import Aggregates


class ProfileSettings(BaseModel):
    rounds: int = Field(default=DEFAULT_ROUNDS, ge=1, le=30)
    stale_after_days: int = Field(default=STALE_AFTER_DAYS, ge=1, le=3650)
    no_repeat_days: int = Field(default=30, ge=0, le=3650)
    # Decks the couple switched off in setup; every other available deck plays.
    disabled_decks: list[str] = Field(default_factory=list)


class ProfileState(BaseModel):
    couple: Couple
    # love_maps[i] is what the partner knows of player i.
    love_maps: tuple[LoveMap, LoveMap] = Field(
        default_factory=lambda: (LoveMap(subject=0), LoveMap(subject=1))
    )
    aggregates: Aggregates = Field(default_factory=Aggregates)
    unlocks: list[Unlock] = Field(default_factory=list)
    settings: ProfileSettings = Field(default_factory=ProfileSettings)
    active_game: Game | None = None

    def apply(self, result: RoundResult) -> None:
        """Bring a revealed round into the love map and the running aggregates.

        The live reveal and the replay of a saved game in progress both use this.
        """
        self.love_maps[result.answerer].record_answer(
            result.question_id, result.dimension, result.kind, result.answer, result.at, result.game_id
        )
        self.aggregates.add_round(result)

    @property
    def unlocked_ids(self) -> set[str]:
        return {u.deck_id for u in self.unlocks}
