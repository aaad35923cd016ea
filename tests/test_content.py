"""The bundled decks as content (DESIGN §7, issue 13 item 6, and the review of
the first 709 questions).

Volume and spread, the deck rules (a way out in every multi, situations tagged,
the calendar, a check-in that fits any time of day), varied follow-ups, no
near-duplicates by wording or by meaning, no retired id written back in.

The volume targets (1,000 questions, 170 per dimension) are the goal the
content is being written to: they fail until every writer's deck is merged.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import T0, Clock, make_couple
from helpers import first_value, play_rounds_and_file
from rapidfuzz import fuzz

from nuzzle_game.cli.main import main
from nuzzle_game.core.models import Home, Situation, Unlock
from nuzzle_game.core.questions import SITUATION_TAGS, Dimension, QuestionKind
from nuzzle_game.core.situation import applies
from nuzzle_game.core.state import ProfileState
from nuzzle_game.paths import bundled_decks_dir
from nuzzle_game.play.session import GameSession
from nuzzle_game.store.deck_files import validate

EQUIVALENTS = Path(__file__).with_name("known_equivalents.toml")

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


def test_situational_tags_are_used_sparingly(library):
    tagged = [q for q in library.questions if q.tags]
    # Tags are for what would exclude someone, not a default: most questions fit any couple.
    assert len(tagged) / len(library.questions) <= 0.15


def test_every_situation_has_questions_enough_to_fill_games(library):
    # DESIGN §7: each situational tag has enough questions to fill games for the
    # couples it fits, in several dimensions (a game covers at least four).
    # Counted without the opt-in decks, which not every couple opens.
    thin = {}
    for tag in SITUATION_TAGS:
        drawable = [q for q in library.questions if tag in q.tags and not q.sensitive]
        dimensions = {q.dimension for q in drawable}
        if len(drawable) < 20 or len(dimensions) < 3:
            thin[tag] = f"{len(drawable)} questions in {len(dimensions)} dimensions"
    assert not thin, f"situations too thin to fill games (20 questions in 3 dimensions each): {thin}"


class MemoryStore:
    """A profile kept in memory: the session saves and files, nothing is written."""

    def __init__(self, state: ProfileState) -> None:
        self.state = state
        self.archived = []

    def save_state(self) -> None:
        pass

    def save_game(self) -> None:
        pass

    def archive_game(self, game) -> None:
        self.archived.append(game)
        self.state.active_game = None


COUPLES = {
    "apart, no children, animals or job": Situation(home=Home.APART),
    "together, with children, animals and a job each": Situation(
        home=Home.TOGETHER, kids=True, pets=True, work=(True, True)
    ),
}


def games_for(library, situation: Situation, games: int = 20, rounds: int = 8) -> list[tuple[int, str]]:
    """(answerer, question id) of every round of ``games`` games, drawn as the game
    draws them for a couple who has opened every deck, the opt-in ones too."""
    couple = make_couple(opted=(True, True)).model_copy(update={"situation": situation})
    state = ProfileState(couple=couple)
    state.unlocks = [Unlock(deck_id=deck.id, at=T0) for deck in library.decks]
    store, clock = MemoryStore(state), Clock()
    session = GameSession(store, library, clock=clock)
    for seed in range(games):
        session.start(seed=seed, rounds=rounds)
        play_rounds_and_file(session, first_value)
        clock.advance(days=1)  # a game a day
    return [(r.answerer, r.question_id) for game in store.archived for r in game.rounds]


@pytest.mark.parametrize("who", list(COUPLES))
def test_the_questions_drawn_fit_every_couple(library, who):
    situation = COUPLES[who]
    drawn = games_for(library, situation)
    assert len(drawn) == 20 * 8
    misfits = [
        (qid, library.question(qid).tags)
        for answerer, qid in drawn
        if not applies(library.question(qid), situation.tags(answerer))
    ]
    assert not misfits, f"drawn for a couple they don't fit: {misfits}"
    met = Counter(tag for _, qid in drawn for tag in library.question(qid).tags)
    print(f"{who}: tagged questions met in 20 games of 8 rounds: {dict(met)}")
    fitting = situation.tags(0) | situation.tags(1)
    assert set(met) <= fitting
    if situation.kids:  # the couple in every situation meets each of them
        missing = sorted(tag for tag in fitting if not met[tag])
        assert not missing, f"never met a question for: {missing} ({dict(met)})"


def test_every_multi_has_a_way_out(library):
    # A partner must never be forced to claim something untrue: every multi has
    # an option that stands alone ("None of these right now").
    forced = [q.id for q in library.questions if q.kind is QuestionKind.MULTI and not q.exclusive]
    assert not forced, f"multis without an exclusive way out: {forced}"


# Words that presume a situation, by the tag that says the couple is in it
# (DESIGN §6). Family contact has no tag: such questions are worded to fit
# everyone ("the people you grew up with, or who feel like family").
PRESUMES = {
    "shared_home": r"\bour (bed|bedroom|kitchen|flat|house|home|sofa)\b|\bthe flat\b|\byour shared home\b|\bmove in\b|"
    r"\blive together\b|\bliving together\b|\bsplit of (everyday|household) tasks\b",
    "living_apart": r"\bvisit you\b|\bvisiting each other\b|\blive apart\b|\bliving apart\b|\bbetween visits\b",
    "work": r"\byour (boss|job|manager|career|colleagues?|workplace|office|shifts?|commute)\b|\bcolleagues?\b|\bat work\b|"
    r"\bco-?workers?\b",
    "kids": r"\byour (kids|children|child|son|daughter|baby|babies)\b|\bthe kids\b|\bparenting\b|\bas parents\b",
    "pets": r"\byour (dog|cat|pets?|animals?)\b|\bthe (dog|cat)\b|\bpets?\b",
}
# Questions that use such a word without presuming the situation. Reviewed:
# keep this list short, and say why.
MENTIONS = {
    "money.choice.worry-lands": "'when money worries visit you': a figure of speech, not a partner's visit",
}


def presumed(text: str) -> set[str]:
    low = text.casefold()
    return {tag for tag, pattern in PRESUMES.items() if re.search(pattern, low)}


def test_the_presumption_words():
    assert presumed("Which corner of our kitchen do you like best?") == {"shared_home"}
    assert presumed("What does your boss not see about you?") == {"work"}
    assert presumed("Who does the school run for your kids?") == {"kids"}
    assert presumed("How is your dog sleeping?") == {"pets"}
    assert presumed("When your partner comes to visit you, what do you plan?") == {"living_apart"}
    assert presumed("How does your work, study or whatever fills your days feel?") == set()


def test_questions_that_presume_a_situation_carry_its_tag(library):
    untagged = {}
    for q in library.questions:
        if q.id in MENTIONS:
            continue
        missing = presumed(f"{q.text} {q.follow_up or ''}") - set(q.tags)
        if missing:
            untagged[q.id] = sorted(missing)
    assert not untagged, f"tag these, or word them to fit every couple: {untagged}"


def test_the_mentions_list_is_current(library):
    ids = {q.id for q in library.questions}
    assert set(MENTIONS) <= ids, sorted(set(MENTIONS) - ids)
    assert all(why.strip() for why in MENTIONS.values())


# A rank forces an order on every item: none may presume a situation, nor be a
# way out ("Nothing at all"). If an item may not apply, the question is a multi.
RANK_PRESUMES = (
    r"^work$|\bmy (job|career|boss)\b|\bcareer\b|\bcolleagues?\b|\bat work\b|\bkids\b|\bchildren\b|"
    r"\bpets?\b|\bdog\b|\bcat\b|\bour (bed|kitchen|flat|house)\b|^sex$|^(none|nothing)( at all| of these| of them| really)?[.!]?$"
)


def test_rank_items_apply_to_everyone(library):
    bad = {
        q.id: items
        for q in library.questions
        if q.kind is QuestionKind.RANK
        and (items := [i for i in q.items or () if re.search(RANK_PRESUMES, i.casefold())])
    }
    assert not bad, f"rank items that do not apply to everyone: {bad}"


YEARLY = re.compile(
    r"\b(this|next|the coming|the new) year\b|\bbefore the year ends\b|\bthe year (just )?(beginning|ahead|gone)\b"
)


def test_questions_about_this_year_or_next_say_when_they_fit(library):
    # Asked in January, "this year" has nothing behind it: a question about the
    # calendar year says in which months it fits.
    undated = [q.id for q in library.questions if YEARLY.search(q.text.casefold()) and not q.months]
    assert not undated, f"add months (late in the year, or at its turn): {undated}"


def test_no_month_is_crowded_with_seasonal_questions(library):
    by_month = Counter(m for q in library.questions for m in q.months or ())
    crowded = {m: n for m, n in sorted(by_month.items()) if n > 8}
    assert not crowded, f"more than 8 seasonal questions in a month: {crowded}"


EVENING = re.compile(
    r"\btonight\b|\bthis evening\b|\byour evening\b|\bsince you woke\b|\bsince this morning\b|\bbefore bed\b|"
    r"\bbefore you sleep\b|\bat the end of the evening\b"
)


def test_the_checkin_deck_fits_any_time_of_day(library):
    # A daily check-in may be played in the morning: "today so far", not "tonight".
    (today,) = [d for d in library.decks if d.checkin]
    evening = [
        q.id
        for q in today.questions
        if EVENING.search(f"{q.text} {q.follow_up or ''} {' '.join(q.options or ())}".casefold())
    ]
    assert not evening, f"evening-only words in the check-in deck: {evening}"


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


def known_equivalents() -> dict:
    return tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))


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


# ----------------------------------------------------------- same meaning

# Wording is not meaning: "How much patience have you had?" and "How
# short-tempered have you been?" share no word. The check below compares what
# is left of two questions once the frame is gone ("how much", "these days",
# "do you", "your partner", asides and examples in brackets, and the word that
# names a tagged question's situation: 'children' in a question tagged `kids`
# says nothing about what it asks), with words of one meaning folded together
# (patience and temper, hugs and touch, 'closing the distance' and 'living
# together'), weighs each word left by how rare it is (IDF over all questions),
# and flags a pair when
#   - their texts come down to the very same words, or
#   - they share at least two words that carry most of both (weighted
#     Jaccard), or two very rare ones, or
#   - one of them is a single rare theme that the other holds too (a theme is a
#     word that several wordings were folded into: temper, bedshare, discover…), or
#   - their options or items largely coincide, and their texts share a word, or
#   - the follow-up of one asks the other question, and their texts share a word.
# One word in common is not enough otherwise: 'laugh' in "what made you laugh"
# and in "which kind of humour is yours" is chance, not the same question.
# A flagged pair is either fixed (one retired, or one reworded) or signed off
# by a reviewer in `[[distinct]]` of known_equivalents.toml. It is a net, not
# an oracle: reviewers still read new decks against the old ones.


def _words(text: str) -> list[str]:
    return text.split()


FRAME = frozenset(
    _words(
        """a an the and or of to in on for with at by from as is are was were be been being do does did have has had
    having i me my mine myself you your yours yourself we us our ours they them their theirs he she it its this that
    these those what which who whom whose when where why how would could should will can may might must shall not no
    nor so than too very just about more most much many any some each every all both few other else into over under
    again then once here there up down out off only own same such get got gets feel feels felt feeling think partner
    partners two one rank kind sort things thing something anything someone anyone way ways really still ever often
    usually tend lot like least best first quite bit little whatever whichever always never since if want wants wanted
    right compare compared between everyday ordinary usual mean means meant say seem seems going make makes made give
    gives take takes find found keep kept come comes go goes you'd you're you've i'd i'm i've it's that's there's
    don't doesn't isn't haven't can't won't well good better great new next last past whole moment moments time times
    day days week month year coming side biggest each brought bring brings bringing while happily quietly even part
    parts through without happen happened happens sit sits see sees saw seen done enjoy enjoys enjoyed stand stands
    recent however define anywhere mostly you'll they'd they're we're we'd it'll i'll"""
    )
)
TIME_WORDS = re.compile(
    r"\b(these days|right now|at the moment|lately|recently|this week|this month|this year|next year|this season|"
    r"this past year|past year|coming year|the year ahead|now|today|tonight|so far|at this point|at this stage|"
    r"this evening|in the last (few )?(days|weeks|months)|the last day( or so)?|in the coming (weeks|months)|"
    r"the months ahead|this time round|in the long run)\b"
)
# Asides that frame a question rather than say what it asks.
ASIDES = re.compile(
    r"\bas (you see it|things stand|you picture it|you imagine it|you feel now|you look at it|it seems to you|"
    r"you look back)( now| today)?\b|\bwhether you've done (them|it) or not\b|\bnot just \w+\b|\btreat(ing|s)? you\b|"
    r"\bin reserve\b|\bif (they|it) vanished\b|\bcall(s|ed)? for it\b|\bcom(e|es|ing) (in)?to (your )?mind\b|"
    r"\bcross(es|ed)? your mind\b|\bshow(s|ing)? up\b|\bin your sleep\b|\bend(s|ed)? up\b|"
    r"\bby how (much|many|often|strongly)\b"  # "rank these by how much…" is the frame of a rank
)
# Phrases and words that say one thing in several ways, folded to one word.
PHRASES = (
    (r"\b(hard|bad|rotten|low|tough) (day|days|time|times|stretch|patch)\b", " hardday "),
    (r"\bmental space\b|\bchewing on\b|\bturning over in your head\b|\bon your mind\b|\bin your head\b", " mindful "),
    (r"\bshort[- ]tempered\b|\bshort fuse\b", " temper "),
    (r"\bmakes? (things )?up\b", " apology "),
    (r"\bwhere you live\b|\bthe place you live\b", " home "),
    (r"\bgive back\b", " generous "),
    (r"\bcrack(ing)? you up\b", " laugh "),
    (r"\bhow much\b|\bnumber of\b|\bamount of\b|\bhow many\b|\bhow often\b", " amount "),
    (r"\bstuck with you\b|\bstayed with you\b|\bsurprised you\b|\bcaught your attention\b", " struck "),
    (r"\bnext (few|five|ten) years\b|\bin (five|ten|twenty) years\b|\byears ahead\b", " future "),
    (
        r"\bfalling[- ]out\b|\bargument\b|\bdisagreement\b|\bfriction\b|\bheated moment\b|\bfight\b|\brow\b",
        " conflict ",
    ),
    (r"\boff the table\b|\blimits?\b|\bboundar(y|ies)\b", " boundary "),
    (
        r"\bstops? (you|your)\b|\bgets? in the way\b|\bneed before\b|\bstands? between\b|\bneed to be true\b|"
        r"\bsettled before\b",
        " barrier ",
    ),
    (
        r"\b(live|living|lived) together\b|\bmov(e|ed|ing) in( together)?\b|\b((live|living|lived) )?under one roof\b|"
        r"\bclos(e|ing) the distance\b|\bshar(e|ed|ing) a home\b",
        " cohabit ",
    ),
    (r"\bseparate (beds|rooms)( or (beds|rooms))?\b|\bshar(e|ed|ing) a bed\b|\bsleep(ing)? apart\b", " bedshare "),
    (r"\bf(i|ou)nd(ing)? out\b|\bdidn't know( before)?\b|\bdiscover(ed|ies|y)?\b", " discover "),
    (r"\bbest moment\b|(?<!never )\bdo again\b", " highlight "),
    (r"\bwhere you come from\b|\bwhere you grew up\b|\byour roots\b", " roots "),
    (r"\b(the )?people who raised you\b|\bthe people you grew up with\b", " family "),
    (r"\blook(s|ed|ing)? after\b|\bcar(e|es|ed|ing) for\b", " care "),
)
SYNONYMS = """
touch hug hugs cuddle cuddling
temper patience patient irritable irritation fuse
energy tired tiredness tires tiring exhausted drain drains drained battery recharge recharging
laugh laughter laughing funny humour jokes joke amused
play playful playing played game games romp romps fun
home homes
meaning meaningful purpose
worry worries worried anxious anxiety fear fears afraid scared frightened dread dreading
stress stressed overwhelm overwhelmed
sleep sleeping asleep lie-in nap
comfort comforts comforting soothe reassure reassures
learn learning learned study skill skills
ritual rituals routine routines tradition traditions
dream dreams wish wishes bucket
apology apologies sorry mend
belong belonging
admin paperwork forms bills remembering appointments
attention focus concentrate concentrating distracted
treat treats pamper pampered
screen screens phone phones online internet digital
sacred holy
value values
proud pride
surprise surprised surprising surprises
friend friends
family families relatives
body bodily physical
silly absurd absurdity ridiculous daft
childhood young younger
child children kid kids
evening evenings night nights
safe safety secure security
quiet silence stillness calm peace
close closest closeness
object objects belongings possessions keepsake keepsakes
"""
FOLD = {word: line.split()[0] for line in SYNONYMS.strip().splitlines() for word in line.split()}
# Words that several wordings were folded into: a single one in common is a sign.
THEMES = set(FOLD.values()) | {word.strip() for _, word in PHRASES}
# The words that name a tagged question's situation: the tag says it already.
SITUATION = {
    "kids": {"child", "parent"},
    "pets": {"animal"},
    "work": {"work", "job"},
    "shared_home": {"home"},
    "living_apart": {"apart", "visit"},
}
# The verbs of a follow-up ("Ask…", "Tell each other…") are not what it asks.
META = set(TALK) | {"answer", "answers", "question", "questions"}


def _stem(word: str) -> str:
    """A light stemmer: 'sharing', 'shared' and 'share' meet; so do 'lives', 'lived' and 'living'."""
    for suffix, end in (("ness", ""), ("ings", ""), ("ing", ""), ("ies", "i"), ("ied", "i"), ("ily", "i"), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + end
            if suffix in ("ings", "ing", "ed") and len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsfz":
                stem = stem[:-1]  # stopped -> stop, but filled -> fill
            return stem
    for suffix, end in (("es", ""), ("ly", ""), ("s", ""), ("y", "i")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + end
    return word[:-1] if word.endswith("e") and len(word) >= 4 else word


@functools.cache
def concepts(text: str, frame: frozenset[str] = FRAME | {"place", "places"}) -> frozenset[str]:
    """What a question is about, without its frame ('which place' is frame; an option 'A place' is not)."""
    low = re.sub(r"\([^)]*\)", " ", text.casefold()).replace("\u2019", "'")  # "(up to 3)", "(a look, a touch)"
    low = ASIDES.sub(" ", TIME_WORDS.sub(" ", low))
    for pattern, word in PHRASES:
        low = re.sub(pattern, word, low)
    found = set()
    for word in re.findall(r"[a-z][a-z'-]*", low):
        word = re.sub(r"'s$", "", word.strip("'-"))
        if word in FOLD:
            found.add(FOLD[word])
        elif word in THEMES:
            found.add(word)
        elif word not in frame and len(word) > 2 and (stem := _stem(word)) not in frame:
            found.add(FOLD.get(stem, stem))
    return frozenset(found)


def about(q) -> set[str]:
    """What a question's text asks about, less the words its tags already say."""
    situation = set().union(*(SITUATION.get(tag, set()) for tag in q.tags or ()))
    return concepts(q.text) - situation


def labels(q) -> set[str]:
    """Options or items, each as what it is about; the way out is not compared."""
    way_out = set(q.exclusive or ())
    return {" ".join(sorted(c)) for x in (q.options or q.items or ()) if x not in way_out and (c := concepts(x, FRAME))}


SAME_TOPIC = 3.0  # texts left with the very same words, this rare together (a word in 1 question of 20)
VERY_RARE = 5.0  # two words in common, each this rare (in 1 question of 150 or fewer)...
VERY_RARE_SHARE = 0.4  # ...carrying this share of both texts
MOST_SHARE = 0.6  # or two or more words carrying this share of both texts (weighted Jaccard)...
MOST_WEIGHT = 8.5  # ...and this rare together
RARE_THEME = 3  # a theme in at most this many questions, the whole of one text...
THEME_SIDE = 2  # ...and most of the other (this many words at most)
SHARED_LABELS = 3  # options or items: this many the same
LABEL_JACCARD = 0.35  # and this share of all of them
RARE_LABELS = 10.5  # and this rare together (family / friends / work are everywhere)
FOLLOW_SHARED = 9.0  # a follow-up holding this much of another question's text (all its 3+ words
RARE_WORD = 5.5  # but one, one of them this rare)


def same_meaning(questions) -> dict[tuple[str, str], list[str]]:
    """Pairs that may ask the same thing, each with the reasons it was flagged."""
    questions = list(questions)
    topic = {q.id: about(q) for q in questions}
    after = {q.id: concepts(q.follow_up or "") - META for q in questions}
    options = {q.id: labels(q) for q in questions}
    n = len(questions)
    seen = Counter(w for words in topic.values() for w in words)
    idf = {w: math.log(n / k) for w, k in seen.items()}
    label_seen = Counter(x for xs in options.values() for x in xs)
    label_idf = {x: math.log(n / k) for x, k in label_seen.items()}
    rare_theme = math.log(n / RARE_THEME)

    def weight(words: set[str]) -> float:
        return sum(idf.get(w, math.log(n)) for w in words)

    # Every sign below needs a word the two texts share: only such pairs are read.
    holding = defaultdict(list)
    for i, q in enumerate(questions):
        for word in topic[q.id]:
            holding[word].append(i)
    sharing = sorted({pair for held in holding.values() for pair in itertools.combinations(held, 2)})

    flagged = {}
    for i, j in sharing:
        a, b = questions[i], questions[j]
        why = []
        ta, tb = topic[a.id], topic[b.id]
        common = ta & tb
        w = weight(common)
        share = w / weight(ta | tb)
        rarest = sorted((idf[x] for x in common), reverse=True)
        said = " ".join(sorted(common))
        if ta == tb and w >= SAME_TOPIC and (len(common) > 1 or common <= THEMES):
            why.append(f"the same topic: {said}")
        elif len(common) > 1 and (
            (rarest[1] >= VERY_RARE and share >= VERY_RARE_SHARE) or (share >= MOST_SHARE and w >= MOST_WEIGHT)
        ):
            why.append(f"text {share:.0%}: {said}")
        elif (
            len(common) == 1
            and common <= THEMES
            and common in (ta, tb)
            and w >= rare_theme
            and max(len(ta), len(tb)) <= THEME_SIDE
        ):
            why.append(f"a rare theme: {said}")
        shared = options[a.id] & options[b.id]
        if (
            len(shared) >= SHARED_LABELS
            and len(shared) / len(options[a.id] | options[b.id]) >= LABEL_JACCARD
            and sum(label_idf[x] for x in shared) >= RARE_LABELS
        ):
            why.append(f"options: {' / '.join(sorted(shared))}")
        for x, y in ((a, b), (b, a)):
            if x.follow_up and is_small_thing_to_do(x.follow_up):
                continue  # a thing to do asks nothing
            asked = after[x.id] & topic[y.id]
            if (
                len(topic[y.id]) >= 3
                and len(asked) >= len(topic[y.id]) - 1
                and weight(asked) >= FOLLOW_SHARED
                and max(idf.get(w, math.log(n)) for w in asked) >= RARE_WORD
            ):
                why.append(f"the follow-up of {x.id} asks it")
        if why:
            flagged[tuple(sorted((a.id, b.id)))] = why
    return flagged


def signed_off() -> dict[tuple[str, str], str]:
    return {tuple(sorted(p["ids"])): p["why"] for p in known_equivalents().get("distinct", [])}


@dataclass
class Q:
    """A question as the meaning check reads it."""

    id: str
    text: str
    options: list[str] | None = None
    items: list[str] | None = None
    exclusive: list[str] | None = None
    follow_up: str | None = None
    tags: tuple[str, ...] = ()


# Pairs the review of the first 709 questions found, as they stood then (all
# fixed since): the check must flag them.
REVIEWED = [
    Q(
        "matters.choice.home-means",
        "What does 'home' mean to you these days?",
        [
            "A place",
            "A person",
            "A feeling of being safe",
            "Whoever I'm with",
            "Somewhere I haven't found yet",
            "It keeps changing",
        ],
    ),
    Q(
        "money.choice.home-means",
        "Lately, is home for you more a place, a person or a feeling?",
        [
            "A place",
            "A person",
            "A feeling of safety",
            "Somewhere to rest",
            "Where my things are",
            "I'm still looking for it",
        ],
    ),
    Q(
        "roots.choice.home-means",
        "When you say 'home' these days, which place do you mean first?",
        [
            "Where I live now",
            "Where I grew up",
            "Wherever my partner is",
            "Several places at once",
            "A place I haven't found yet",
            "It depends who's asking",
        ],
    ),
    Q(
        "money.scale.enough",
        "How near are you to having 'enough' lately, however you'd define it?",
        follow_up="Talk about what 'enough' would look like for each of you.",
    ),
    Q("matters.text.enough", "What would 'enough' look like for you right now, in time, things or achievements?"),
    Q("weather.scale.patience", "How much patience have you had in reserve this week?"),
    Q("weather.scale.irritable", "How short-tempered have you been feeling these days?"),
    Q("start.phy.touch-amount", "How much everyday touch between you would feel right these days?"),
    Q("home.scale.hug-amount", "How does the number of hugs you get these days compare with what you want?"),
    Q(
        "play.multi.body-play",
        "If your body got to play this week, how would it like to? (up to 3)",
        [
            "Dancing badly on purpose",
            "A chase or a play fight",
            "Swinging, climbing or jumping",
            "A ball game",
            "Splashing in water",
            "None, I'm in a still phase",
        ],
        exclusive=["None, I'm in a still phase"],
    ),
    Q(
        "play.rank.body-fun",
        "Rank these romps by the fun your body would get out of each this week.",
        items=[
            "Jumping in puddles or waves",
            "Dancing",
            "Rolling down a grassy hill",
            "A water or snowball fight",
            "A race to the corner",
        ],
    ),
    Q(
        "play.choice.humour-style",
        "Which kind of humour feels most like yours at the moment?",
        [
            "Dry and deadpan",
            "Silly and physical",
            "Quick wordplay",
            "Dark",
            "Gentle teasing",
            "Absurd, the stranger the better",
        ],
    ),
    Q(
        "play.rank.funny-because",
        "Rank what makes something funny to you lately.",
        items=["Surprise", "Cleverness", "Embarrassment", "Absurdity", "Recognising myself in it"],
    ),
    Q(
        "play.choice.laugh-source",
        "What gets the biggest laugh out of you these days?",
        [
            "Silly videos",
            "Something my partner does",
            "Friends' stories",
            "My own clumsiness",
            "Clever wordplay",
            "It's been a while, honestly",
        ],
    ),
    Q(
        "play.multi.play-blocks",
        "What stops your playful side from coming out lately? (pick any)",
        [
            "Tiredness",
            "Worry",
            "Feeling self-conscious",
            "No time",
            "Feeling I should be doing something useful",
            "Nothing, I'm as playful as ever",
        ],
        exclusive=["Nothing, I'm as playful as ever"],
    ),
    Q(
        "play.rank.before-play",
        "Rank what you need before you can relax into play these days.",
        items=["Enough sleep", "The chores done", "No one watching", "A clear head", "Someone else to start it"],
    ),
]
REVIEWED_PAIRS = [
    ("matters.choice.home-means", "money.choice.home-means"),
    ("matters.choice.home-means", "roots.choice.home-means"),
    # money ~ roots is found through matters: the three form one cluster
    ("matters.text.enough", "money.scale.enough"),
    ("weather.scale.irritable", "weather.scale.patience"),
    ("home.scale.hug-amount", "start.phy.touch-amount"),
    ("play.multi.body-play", "play.rank.body-fun"),
    ("play.choice.humour-style", "play.rank.funny-because"),
    ("play.choice.laugh-source", "play.rank.funny-because"),
    ("play.choice.humour-style", "play.choice.laugh-source"),
    ("play.multi.play-blocks", "play.rank.before-play"),
]


# Pairs the review of decks 17-25 found, as they stood then (one of each retired
# or reworded since): the check must flag them too. One it cannot see ("what
# would you miss about living apart" ~ "what do you like about the life you keep
# on your own", no word in common) is kept apart by its cluster.
REVIEWED_17_25 = [
    Q(
        "us.text.found-out",
        "What did you find out about your partner this week that you didn't know before?",
        follow_up="Tell them what you found out, and check you understood it right.",
    ),
    Q(
        "future.choice.under-one-roof",
        "As things stand, how do you feel about the two of you living under one roof one day?",
        [
            "I'd love it, the sooner the better",
            "Yes, but not yet",
            "I like living apart as we do",
            "Nervous, honestly",
            "It isn't on the cards for us",
            "I don't know what I want yet",
        ],
        tags=("living_apart",),
    ),
    Q(
        "future.multi.ready-to-move-in",
        "What would need to be true for moving in together to feel right, as you see it now? (up to 2)",
        [
            "Enough money",
            "The right place",
            "Work, study or family settled",
            "More time together first",
            "Nothing: I'm ready now",
            "It's not something I want",
        ],
        exclusive=["Nothing: I'm ready now", "It's not something I want"],
        tags=("living_apart",),
    ),
    Q(
        "future.choice.separate-beds",
        "In the long run, how would you feel about separate beds or rooms if sleep called for it?",
        [
            "Never, I want us side by side",
            "Fine, if we both sleep better",
            "We already do, happily",
            "Sad, but I'd understand",
            "I'd suggest it myself",
            "It depends on the night",
        ],
    ),
    Q(
        "home2.text.object-meaning",
        "Which object in your home means the most to you at the moment?",
        tags=("shared_home",),
    ),
    Q(
        "us.choice.meaningful-week",
        "What would make next week feel meaningful to you, not just busy?",
        [
            "Time with someone I love",
            "Making or finishing something",
            "Helping someone out",
            "Time outdoors",
            "A quiet hour to think",
            "Something else entirely",
        ],
    ),
    Q(
        "us.choice.closest-kind",
        "What kind of moment brought you closest to your partner this week?",
        [
            "A real conversation",
            "Laughing together",
            "A quiet moment side by side",
            "A touch or a hug",
            "Getting through something together",
            "It felt like a far-apart week",
        ],
    ),
    Q(
        "future.multi.commitment-forms",
        "Which ways of marking a commitment appeal to you these days, whether you've done them or not? (pick any)",
        [
            "A wedding or ceremony",
            "A private vow just between us",
            "Rings or another token",
            "A yearly ritual of our own",
            "A party with the people we love",
            "None of these speak to me",
        ],
        exclusive=["None of these speak to me"],
    ),
    Q("us.text.do-again", "What from this week would you happily do again next week?"),
]
REVIEWED_17_25_PAIRS = [
    ("closer.text.surprised-lately", "us.text.found-out"),
    ("future.choice.under-one-roof", "home2.choice.closing-distance"),
    ("future.multi.ready-to-move-in", "home2.multi.settle-first"),
    ("future.choice.separate-beds", "home2.choice.bed-share"),
    ("closer.multi.hardest-to-lose", "home2.text.object-meaning"),
    ("start.spi.meaning-source", "us.choice.meaningful-week"),
    ("us.choice.closest-kind", "weather.text.felt-close"),
    ("future.choice.marking-commitment", "future.multi.commitment-forms"),
    ("start.exp.best-moment", "us.text.do-again"),
]


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
