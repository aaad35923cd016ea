"""The bundled decks as content (DESIGN §7, issue 13 item 6).

Volume and spread, the deck rules, varied follow-ups, no near-duplicates by
wording, and no question of a known-equivalent cluster written back in.

The volume targets (700 questions, 100 per dimension, ranks ≤ 15% of a deck)
are the goal the content is being written to: they fail until it is merged.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from nuzzle_game.core.questions import Dimension, QuestionKind
from nuzzle_game.paths import bundled_decks_dir
from nuzzle_game.store.deck_files import validate

EQUIVALENTS = Path(__file__).with_name("known_equivalents.toml")

# -------------------------------------------------------------- volume


def test_at_least_700_questions(library):
    assert len(library.questions) >= 700


def test_at_least_100_per_dimension(library):
    by_dimension = Counter(q.dimension for q in library.questions)
    short = {d.value: by_dimension[d] for d in Dimension if by_dimension[d] < 100}
    assert not short, f"dimensions under 100 questions: {short}"


def test_about_thirty_percent_deep(library):
    share = sum(q.depth == 3 for q in library.questions) / len(library.questions)
    assert 0.25 <= share <= 0.38, f"{share:.0%} at depth 3"
    assert {q.depth for q in library.questions} == {1, 2, 3}


def test_ranks_are_at_most_fifteen_percent_of_every_deck(library):
    heavy = {
        d.id: f"{share:.0%}"
        for d in library.decks
        if (share := sum(q.kind is QuestionKind.RANK for q in d.questions) / len(d.questions)) > 0.15
    }
    assert not heavy, f"decks with more than 15% ranks: {heavy}"


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
    unlockable = [d for d in decks if d.unlock.type in ("games", "discoveries", "accuracy")]
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


def test_situational_tags_are_used_sparingly(library):
    tagged = [q for q in library.questions if q.tags]
    # Tags are for what would exclude someone, not a default: most questions fit any couple.
    assert len(tagged) / len(library.questions) <= 0.15


# ----------------------------------------------------------- follow-ups

# Follow-ups that start a conversation; anything else in the imperative (not a
# question) is a small thing to do: "Plan…", "Send…", "Take a walk…".
TALK = {
    "ask",
    "tell",
    "share",
    "say",
    "talk",
    "discuss",
    "compare",
    "explain",
    "describe",
    "wonder",
    "guess",
    "name",
    "remind",
    "mention",
    "admit",
    "recall",
    "remember",
    "check",
    "listen",
}
QUESTION_WORDS = {
    "what",
    "how",
    "why",
    "which",
    "when",
    "where",
    "who",
    "do",
    "does",
    "did",
    "is",
    "are",
    "can",
    "could",
    "would",
    "will",
    "if",
    "you",
    "your",
    "was",
    "has",
    "have",
}


def is_small_thing_to_do(follow_up: str) -> bool:
    first = re.sub(r"[^\w']", "", follow_up.split()[0]).casefold()
    return not follow_up.rstrip().endswith("?") and first not in TALK | QUESTION_WORDS


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


def test_most_questions_are_about_now(library):
    now_words = (
        "these days",
        "this week",
        "lately",
        "right now",
        "at the moment",
        "now",
        "this month",
        "this year",
        "recently",
        "this season",
        "next",
        "coming",
        "today",
        "tonight",
    )
    about_now = [q for q in library.questions if any(w in q.text.lower() for w in now_words)]
    assert len(about_now) / len(library.questions) > 0.6


# -------------------------------------------------------- near-duplicates

# Time markers and "(up to 3)" say nothing about what is asked: compare without.
TIME = re.compile(
    r"\b(these days|right now|at the moment|lately|recently|this week|this month|this year|"
    r"this season|now|today|tonight)\b"
)
# Normalised wording this close is the same question asked twice. Templates such
# as "How ambitious/attractive do you feel these days?" stay well below it.
NEAR = 88


def wording(text: str) -> str:
    text = re.sub(r"\(up to \d+\)|\(pick any\)", "", text.casefold())
    text = TIME.sub("", text)
    return " ".join(re.sub(r"[^\w\s']", " ", text).split())


def near_duplicates(texts: list[str]) -> list[tuple[str, str, float]]:
    normal = [wording(t) for t in texts]
    found = []
    for i, j in itertools.combinations(range(len(texts)), 2):
        score = fuzz.ratio(normal[i], normal[j], score_cutoff=NEAR)
        if score:
            found.append((texts[i], texts[j], score))
    return found


@pytest.mark.parametrize(
    "a, b, same",
    [
        (
            "Which of these lift your mood lately? (up to 3)",
            "Which of these lifts your mood right now? (up to 2)",
            True,
        ),
        ("How rested do you feel this week?", "How rested do you feel these days?", True),
        ("What are you most grateful for this week?", "What are you most grateful for lately?", True),
        ("How attractive do you feel these days?", "How ambitious do you feel these days?", False),
        ("How stressed have you felt this week?", "How tired have you been this week?", False),
    ],
)
def test_the_near_duplicate_check(a, b, same):
    assert bool(near_duplicates([a, b])) is same


def test_no_near_duplicate_wording(library):
    assert near_duplicates([q.text for q in library.questions]) == []


def known_clusters() -> list[dict]:
    return tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))["cluster"]


def test_the_known_equivalents_list_is_sound():
    clusters = known_clusters()
    ids = [i for c in clusters for i in c["ids"]]
    assert all(len(c["ids"]) >= 2 and c["why"].strip() for c in clusters)
    assert len(ids) == len(set(ids)), "an id belongs to one cluster"


def test_no_known_equivalents_together(library):
    present = {q.id for q in library.questions}
    both = [sorted(set(c["ids"]) & present) for c in known_clusters() if len(set(c["ids"]) & present) > 1]
    assert not both, f"keep one question of each: {both}"
