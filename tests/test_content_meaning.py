"""No two drawable questions ask the same thing (DESIGN §7): by wording, by a
reviewed list of equivalents and retired ids, and by meaning."""

from __future__ import annotations

import itertools
import re

import pytest
from content_meaning import Q, known_equivalents, same_meaning, signed_off
from content_reviewed import REVIEWED, REVIEWED_17_25, REVIEWED_17_25_PAIRS, REVIEWED_PAIRS
from rapidfuzz import fuzz

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
    return known_equivalents()["cluster"]


def test_the_known_equivalents_list_is_sound():
    clusters = known_clusters()
    ids = [i for c in clusters for i in c["ids"]]
    assert all(len(c["ids"]) >= 2 and c["why"].strip() for c in clusters)
    assert len(ids) == len(set(ids)), "an id belongs to one cluster"
    retired = known_equivalents()["retired"]
    assert len(retired) == len(set(retired)), "an id is retired once"
    for pair in known_equivalents().get("distinct", []):
        assert len(pair["ids"]) == 2 and pair["ids"][0] != pair["ids"][1] and pair["why"].strip(), pair


def test_no_known_equivalents_together(library):
    present = {q.id for q in library.questions}
    both = [sorted(set(c["ids"]) & present) for c in known_clusters() if len(set(c["ids"]) & present) > 1]
    assert not both, f"keep one question of each: {both}"


# --------------------------------------------------------------- retired ids


def test_no_retired_id_comes_back(library):
    # Saves refer to questions by id: an id means one question forever, and a
    # question retired as a duplicate is not reissued (under its id or another).
    retired = set(known_equivalents()["retired"])
    back = sorted(q.id for q in library.questions if q.id in retired)
    assert not back, f"retired ids used again: {back}"


def test_every_cluster_id_out_of_the_decks_is_retired(library):
    present = {q.id for q in library.questions}
    retired = set(known_equivalents()["retired"])
    loose = sorted(i for c in known_clusters() for i in c["ids"] if i not in present and i not in retired)
    assert not loose, f"list these in `retired`: {loose}"


@pytest.mark.parametrize(
    "reviewed, pairs",
    [(REVIEWED, REVIEWED_PAIRS), (REVIEWED_17_25, REVIEWED_17_25_PAIRS)],
    ids=["first 709", "decks 17-25"],
)
def test_the_meaning_check_finds_what_the_review_found(library, reviewed, pairs):
    # Among today's questions (they set how rare a word is), as they stood.
    reviewed_ids = {q.id for q in reviewed}
    others = [q for q in library.questions if q.id not in reviewed_ids]
    flagged = same_meaning(others + reviewed)
    missed = [pair for pair in pairs if tuple(sorted(pair)) not in flagged]
    assert not missed


@pytest.mark.parametrize(
    "a, b",
    [
        ("How attractive do you feel these days?", "How ambitious do you feel these days?"),
        ("How stressed have you felt this week?", "How tired have you been this week?"),
        ("What would make tomorrow a good day for you?", "What made you smile unexpectedly in the last few days?"),
        # words in common by chance, flagged as "text 100" before the check weighed them against both texts
        (
            "When you picture yourself old, which part of you do you most hope holds out?",
            "What do you hope next year holds for the two of you?",
        ),
        (
            "How do you feel about the people in charge where you work, these days?",
            "What do you get from the people you work with at the moment? (pick any)",
        ),
    ],
)
def test_the_meaning_check_leaves_different_questions_alone(library, a, b):
    flagged = same_meaning([*library.questions, Q("x.a", a), Q("x.b", b)])
    assert ("x.a", "x.b") not in flagged


def test_every_pair_of_the_same_meaning_is_fixed_or_signed_off(library):
    reviewed = signed_off()
    open_pairs = {pair: why for pair, why in same_meaning(library.questions).items() if pair not in reviewed}
    assert not open_pairs, (
        "these may ask the same thing: retire one, reword one, or sign the pair off as distinct "
        f"in known_equivalents.toml ({len(open_pairs)}): "
        + "; ".join(f"{a} ~ {b} [{', '.join(w)}]" for (a, b), w in open_pairs.items())
    )


def test_the_signed_off_pairs_are_few_and_current(library):
    # A sign-off names two questions that are in the decks and that the check
    # still flags: a stale entry would hide the next real duplicate.
    reviewed = signed_off()
    present = {q.id for q in library.questions}
    flagged = same_meaning(library.questions)
    stale = sorted(pair for pair in reviewed if not set(pair) <= present or pair not in flagged)
    assert not stale, f"remove these sign-offs: {stale}"
    assert len(reviewed) <= 50, "the meaning check flags too much to be read: tune it rather than sign off hundreds"
