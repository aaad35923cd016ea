"""A couple's situation (DESIGN §6): which situational tags apply to them.

Questions tagged ``shared_home``, ``work``, ``kids``… are drawn only for a couple
whose situation says so. The couple answers a few plain questions (at their
first game, changeable in settings); the tags follow from the answers.

A couple who never answered (every save made before tags existed) is asked
before their next game; until then only untagged questions are drawn, so the
game never assumes a home, a job or children that may not be there.
"""

from __future__ import annotations

from nuzzle_game.core.models import Home, PlayerIndex, Situation
from nuzzle_game.core.questions import Question

__all__ = ["HOME_CHOICES", "Home", "Situation", "applicable_tags", "applies"]

HOME_CHOICES: dict[Home, str] = {
    Home.TOGETHER: "We live together",
    Home.APART: "We live apart (for now or for good)",
    Home.BOTH: "Some of each",
}


def applicable_tags(situation: Situation | None, answerer: PlayerIndex | int) -> frozenset[str]:
    """The tags that apply; none for a couple who has not answered yet."""
    return situation.tags(answerer) if situation is not None else frozenset()


def applies(question: Question, tags: frozenset[str]) -> bool:
    """Whether a question fits: every tag it carries applies."""
    return not question.tags or all(tag in tags for tag in question.tags)
