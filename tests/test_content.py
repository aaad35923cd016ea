"""The bundled decks as content (DESIGN §7, issue 13 item 6, and the review of
the first 709 questions).

Volume and spread, the deck rules (a way out in every multi, situations tagged,
the calendar, a check-in that fits any time of day), varied follow-ups, no
near-duplicates by wording or by meaning, no retired id written back in.

The volume targets (1,000 questions, 170 per dimension) are the goal the
content is being written to: they fail until every writer's deck is merged.
"""

from __future__ import annotations

import itertools
import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from nuzzle_game.core.questions import Dimension, QuestionKind
from nuzzle_game.paths import bundled_decks_dir
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
# "do you", "your partner"), with words of one meaning folded together
# (patience and temper, hugs and touch), and flags a pair when
#   - their texts say the same thing (token_set_ratio on what is left, with
#     enough rare words in common), or
#   - their options or items largely coincide, or
#   - the follow-up of one asks the other question.
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
    day days week month year coming side biggest each"""
    )
)
TIME_WORDS = re.compile(
    r"\b(these days|right now|at the moment|lately|recently|this week|this month|this year|next year|this season|"
    r"this past year|past year|coming year|the year ahead|now|today|tonight|so far|at this point|this evening|"
    r"in the last (few )?(days|weeks|months)|the last day( or so)?|in the coming (weeks|months)|the months ahead|"
    r"this time round)\b"
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
    (r"\bstops? (you|your)\b|\bgets? in the way\b|\bneed before\b|\bstands? between\b", " barrier "),
)
SYNONYMS = """
touch hug hugs cuddle cuddling
temper patience patient irritable irritation fuse
energy tired tiredness exhausted drain drains drained battery recharge recharging
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
childhood child children young younger
evening evenings night nights
safe safety secure security
quiet silence stillness calm peace
"""
FOLD = {word: line.split()[0] for line in SYNONYMS.strip().splitlines() for word in line.split()}
# A lone word in common flags a pair only if it names one of these themes.
THEMES = set(FOLD.values()) | {word.strip() for _, word in PHRASES}


def _stem(word: str) -> str:
    for suffix in ("ness", "ing", "ed", "es", "s", "y"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            return word[:-1] if len(word) > 4 and word[-1] == word[-2] else word
    return word


def concepts(text: str, frame: frozenset[str] = FRAME | {"place", "places"}) -> set[str]:
    """What a question is about, without its frame ('which place' is frame; an option 'A place' is not)."""
    low = re.sub(r"\((up to \d+|pick any)\)", " ", text.casefold()).replace("\u2019", "'")
    low = TIME_WORDS.sub(" ", low)
    for pattern, word in PHRASES:
        low = re.sub(pattern, word, low)
    found = set()
    for word in re.findall(r"[a-z][a-z'-]*", low):
        word = re.sub(r"'s$", "", word.strip("'-"))
        if word in FOLD:
            found.add(FOLD[word])
        elif word not in frame and len(word) > 2:
            stem = _stem(word)
            found.add(FOLD.get(stem, stem))
    return found


def labels(q) -> set[str]:
    """Options or items, each as what it is about; the way out is not compared."""
    way_out = set(q.exclusive or ())
    return {" ".join(sorted(c)) for x in (q.options or q.items or ()) if x not in way_out and (c := concepts(x, FRAME))}


TEXT_RATIO = 90  # token_set_ratio of what is left of two texts...
RARE_SHARED = 5.5  # ...with this much in common, in IDF (a word in 1 question of 250 weighs 5.5)
SAME_TOPIC = 3.3  # or both texts left with the very same words, this rare
SHORT_TOPIC = 4.5  # or one short topic (1-2 words) inside another, this rare
SHARED_LABELS = 3  # options or items: this many the same
LABEL_JACCARD = 0.35  # and this share of all of them
RARE_LABELS = 10.5  # and this rare together (family / friends / work are everywhere)
FOLLOW_SHARED = 9.0  # a follow-up holding this much of another question's text (all its 3+ words
# but one, one of them rare)


def same_meaning(questions) -> dict[tuple[str, str], list[str]]:
    """Pairs that may ask the same thing, each with the reasons it was flagged."""
    questions = list(questions)
    topic = {q.id: concepts(q.text) for q in questions}
    after = {q.id: concepts(q.follow_up or "") for q in questions}
    options = {q.id: labels(q) for q in questions}
    n = len(questions)
    seen = Counter(w for words in topic.values() for w in words)
    idf = {w: math.log(n / k) for w, k in seen.items()}
    label_seen = Counter(x for xs in options.values() for x in xs)
    label_idf = {x: math.log(n / k) for x, k in label_seen.items()}

    def weight(words: set[str]) -> float:
        return sum(idf.get(w, math.log(n)) for w in words)

    flagged = {}
    for a, b in itertools.combinations(questions, 2):
        why = []
        ta, tb = topic[a.id], topic[b.id]
        common = ta & tb
        if common:
            ratio = fuzz.token_set_ratio(" ".join(sorted(ta)), " ".join(sorted(tb)))
            w = weight(common)
            short = common in (ta, tb) and max(len(ta), len(tb)) <= 2
            if len(common) == 1 and not common <= THEMES:
                short = ta = tb = None  # a lone word in common that names no theme is chance
            if ratio >= TEXT_RATIO and (
                (w >= RARE_SHARED and ta is not None)
                or (ta == tb and ta and w >= SAME_TOPIC)
                or (short and w >= SHORT_TOPIC)
            ):
                why.append(f"text {ratio:.0f}: {' '.join(sorted(common))}")
        shared = options[a.id] & options[b.id]
        if (
            len(shared) >= SHARED_LABELS
            and len(shared) / len(options[a.id] | options[b.id]) >= LABEL_JACCARD
            and sum(label_idf[x] for x in shared) >= RARE_LABELS
        ):
            why.append(f"options: {' / '.join(sorted(shared))}")
        for x, y in ((a, b), (b, a)):
            common = after[x.id] & topic[y.id]
            if (
                len(topic[y.id]) >= 3
                and len(common) >= len(topic[y.id]) - 1
                and weight(common) >= FOLLOW_SHARED
                and max(idf.get(w, math.log(n)) for w in common) >= RARE_SHARED
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


def test_the_meaning_check_finds_what_the_review_found(library):
    # Among today's questions (they set how rare a word is), as they stood.
    reviewed_ids = {q.id for q in REVIEWED}
    others = [q for q in library.questions if q.id not in reviewed_ids]
    flagged = same_meaning(others + REVIEWED)
    missed = [pair for pair in REVIEWED_PAIRS if tuple(sorted(pair)) not in flagged]
    assert not missed


@pytest.mark.parametrize(
    "a, b",
    [
        ("How attractive do you feel these days?", "How ambitious do you feel these days?"),
        ("How stressed have you felt this week?", "How tired have you been this week?"),
        ("What would make tomorrow a good day for you?", "What made you smile unexpectedly in the last few days?"),
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
    assert len(reviewed) <= 70, "the meaning check flags too much to be read: tune it rather than sign off hundreds"
