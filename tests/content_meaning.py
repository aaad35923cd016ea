"""The meaning check of the decks (used by test_content_meaning.py): what two
questions come down to once their frame is gone, and which pairs ask the same."""

from __future__ import annotations

import functools
import itertools
import math
import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

EQUIVALENTS = Path(__file__).with_name("known_equivalents.toml")

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


def known_equivalents() -> dict:
    return tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))


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
