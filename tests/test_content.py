"""The bundled decks as content (DESIGN §7): volume and spread, the deck rules,
varied follow-ups, questions about now. Situations and the calendar are in
test_content_fit.py; repeats in wording or meaning in test_content_meaning.py."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from content_meaning import is_small_thing_to_do

from nuzzle_game.cli.main import main
from nuzzle_game.core.questions import Dimension, QuestionKind
from nuzzle_game.paths import bundled_decks_dir
from nuzzle_game.store.deck_files import validate

# -------------------------------------------------------------- volume


def test_at_least_1000_questions(library):
    assert len(library.questions) >= 1000


def test_at_least_170_per_dimension(library):
    by_dimension = Counter(q.dimension for q in library.questions)
    short = {d.value: by_dimension[d] for d in Dimension if by_dimension[d] < 170}
    assert not short, f"dimensions under 170 questions: {short}"


def test_all_three_depths_are_used(library):
    # Depth is labelled by what a partner would hesitate to say (3) or would say
    # to anyone (1), never to meet a quota: the shares fall where they fall.
    by_depth = Counter(q.depth for q in library.questions)
    assert set(by_depth) == {1, 2, 3}, by_depth


def test_ranks_are_at_most_fifteen_percent_of_every_deck(library):
    heavy = {
        d.id: f"{share:.0%}"
        for d in library.decks
        if (share := sum(q.kind is QuestionKind.RANK for q in d.questions) / len(d.questions)) > 0.15
    }
    assert not heavy, f"decks with more than 15% ranks: {heavy}"


def test_the_decks_list_holds_the_volume(capsys):
    # What a player (or a writer) sees with `nuzzle decks list --json`.
    assert main(["decks", "list", "--json"]) == 0
    questions = [q for deck in json.loads(capsys.readouterr().out) for q in deck["questions"]]
    by_dimension = Counter(q["dimension"] for q in questions)
    assert len(questions) >= 1000
    short = {d.value: by_dimension[d.value] for d in Dimension if by_dimension[d.value] < 170}
    assert not short, f"dimensions under 170 questions in `decks list --json`: {short}"


def test_every_kind_in_every_dimension(library):
    pairs = {(q.dimension, q.kind) for q in library.questions}
    missing = sorted(f"{d.value}/{k.value}" for d in Dimension for k in QuestionKind if (d, k) not in pairs)
    assert not missing


# --------------------------------------------------------------- rules


def test_bundled_decks_are_valid():
    # Exclusive "none" options, ranks of 3-5, no empty "other", no control
    # characters, known tags and months: all checked by the models.
    assert validate([bundled_decks_dir()]) == []


def test_deck_structure(library):
    decks = library.decks
    open_decks = [d for d in decks if d.unlock.type == "always"]
    unlockable = [d for d in decks if d.unlock.type in ("days", "games", "discoveries", "accuracy")]
    sensitive = [d for d in decks if d.sensitive]
    assert open_decks and len(unlockable) >= 4 and len(sensitive) >= 1
    # The decks open from the start can give a first game all five dimensions.
    assert len({q.dimension for d in open_decks for q in d.questions}) == 5
    assert all(d.unlock.type == "opt_in" for d in sensitive)


def test_a_checkin_staple_deck_that_starts_with_feelings(library):
    staples = [d for d in library.decks if d.checkin]
    assert len(staples) == 1, [d.id for d in staples]
    (today,) = staples
    assert today.unlock.type == "always" and not today.sensitive
    assert any(q.dimension is Dimension.EMOTIONAL and q.depth == 1 for q in today.questions)


def test_seasonal_questions_and_a_year_in_review(library):
    seasonal = [q for q in library.questions if q.months]
    assert seasonal
    assert any(sorted(q.months) == [1, 12] for q in seasonal), "a year-in-review in December and January"
    # Every month of the year has something seasonal once the Seasons deck is in.
    assert {m for q in seasonal for m in q.months} == set(range(1, 13))


# ----------------------------------------------------------- follow-ups


# Follow-ups that start a conversation; anything else in the imperative (not a
# question) is a small thing to do: "Plan…", "Send…", "Take a walk…".
def test_the_do_recogniser():
    assert is_small_thing_to_do("Plan one slow morning together this month.")
    assert is_small_thing_to_do("Send each other a photo of something that made you smile today.")
    assert not is_small_thing_to_do("Ask Sam what changed.")
    assert not is_small_thing_to_do("Tell each other one thing you noticed.")
    assert not is_small_thing_to_do("What would make it easier?")


def test_follow_ups_vary(library):
    follow_ups = [q.follow_up for q in library.questions if q.follow_up]
    assert len(follow_ups) / len(library.questions) > 0.8
    asks = sum(f.split()[0].strip(",.").casefold() == "ask" for f in follow_ups)
    assert asks / len(follow_ups) <= 0.70, f"{asks} of {len(follow_ups)} start with 'Ask'"


def test_about_one_follow_up_in_five_is_a_small_thing_to_do(library):
    follow_ups = [q.follow_up for q in library.questions if q.follow_up]
    doing = [f for f in follow_ups if is_small_thing_to_do(f)]
    assert len(doing) / len(follow_ups) >= 0.15, f"{len(doing)} of {len(follow_ups)}"


# Words that place a question in the present, matched as whole words ("now",
# not the "now" inside "know", "snow" or "nowhere").
NOW_WORDS = (
    "these days",
    "nowadays",
    "lately",
    "recently",
    "currently",
    "right now",
    "at the moment",
    "at present",
    "now",
    "today",
    "tonight",
    "so far",
    "this week",
    "this weekend",
    "next week",
    "this month",
    "next month",
    "this season",
    "this year",
    "next year",
    "this stretch",
    "next",
    "the coming",
    "in the last",
    "the last day",
    "last week",
    "the months ahead",
    "around now",
    "at this point",
    "at this stage",
    "this time of year",
)
ABOUT_NOW = re.compile(r"\b(" + "|".join(re.escape(w) for w in NOW_WORDS) + r")\b")


def is_about_now(text: str) -> bool:
    return bool(ABOUT_NOW.search(text.casefold()))


@pytest.mark.parametrize(
    "text, now",
    [
        ("What do you know now that you didn't a year ago?", True),
        ("How do you feel lately?", True),
        ("What would you like to do next week?", True),
        ("Which plans are you making for the coming weeks?", True),
        ("Do you know what you want?", False),  # "know" holds "now"
        ("Which snow day do you remember best?", False),
        ("Is there somewhere you feel you belong, or nowhere?", False),
        ("What does a good life mean to you?", False),
    ],
)
def test_the_now_recogniser(text, now):
    assert is_about_now(text) is now


def test_most_questions_are_about_now(library):
    about_now = [q for q in library.questions if is_about_now(q.text)]
    assert len(about_now) / len(library.questions) > 0.6, f"{len(about_now)} of {len(library.questions)}"
