"""The guesser reads a question from where the answerer stands (DESIGN §5): "your
partner" (the question's) and "my partner" (an option's) name the guesser, "(you)"."""

from __future__ import annotations

import re

import pytest

from nuzzle_game.core.questions import Question
from nuzzle_game.core.text import for_guesser

PARTNER = re.compile(r"\b(your|my) partner", re.IGNORECASE)


def words_of(question: Question) -> list[str]:
    """Every text of a question a guesser reads: its text, options, items, scale ends."""
    words = [question.text, *(question.options or []), *(question.items or [])]
    if question.scale is not None:
        words += [question.scale.lo_label, question.scale.hi_label]
    return words


@pytest.mark.parametrize(
    "text, seen",
    [
        ("What is it about your partner that makes you hopeful?", "What is it about Sam (you) that makes you hopeful?"),
        ("Your partner, lately?", "Sam (you), lately?"),
        ("Which of your partner's qualities?", "Which of Sam's (you) qualities?"),
        ("Which of your partner’s sounds?", "Which of Sam’s (you) sounds?"),
        ("Usually my partner, and I'm grateful", "Usually Sam (you), and I'm grateful"),
        ("My partner's", "Sam's (you)"),
        ("YOUR PARTNER", "Sam (you)"),
        ("Posting about a partner without asking", "Posting about a partner without asking"),
        ("Room for other partners", "Room for other partners"),
        ("your partnership", "your partnership"),
        ("How was your day?", "How was your day?"),
    ],
)
def test_the_partner_is_the_guesser(text, seen):
    assert for_guesser(text, "Sam") == seen


def test_every_bundled_question_that_names_the_partner(library):
    """Every text of every bundled question: no "your/my partner" is left, the
    guesser's name stands there instead, and a text without one is untouched."""
    named = 0
    for question in library.questions:
        for text in words_of(question):
            seen = for_guesser(text, "Maya")
            mentions = len(PARTNER.findall(text))
            if mentions == 0:
                assert seen == text
                continue
            named += 1
            assert not PARTNER.search(seen), (question.id, seen)
            assert seen.count("Maya") == mentions and seen.count("(you)") == mentions, (question.id, seen)
    assert named > 250  # the decks speak of the partner often: the test saw them
