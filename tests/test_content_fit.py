"""Questions that fit every couple (DESIGN §6, §7): situational tags, a way out in
every multi, the calendar, and a check-in that fits any time of day."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import T0, Clock, make_couple
from helpers import first_value, play_rounds_and_file

from nuzzle_game.core.models import Home, Situation, Unlock
from nuzzle_game.core.questions import SITUATION_TAGS, QuestionKind
from nuzzle_game.core.situation import applies
from nuzzle_game.core.state import ProfileState
from nuzzle_game.play.session import GameSession


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
