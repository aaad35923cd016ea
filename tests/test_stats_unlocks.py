from datetime import timedelta

import pytest
from conftest import T0, make_couple
from helpers import q

from nuzzle_game.core import overview as glance
from nuzzle_game.core.decks import Deck
from nuzzle_game.core.lovemap import judge
from nuzzle_game.core.models import Confidence, Guess
from nuzzle_game.core.questions import Dimension
from nuzzle_game.core.stats import Aggregates
from nuzzle_game.core.unlocks import is_available, newly_unlocked, progress


def result(dimension="emotional", right=True, guesser_is=1, at=T0, game="g1", confidence=Confidence.SURE):
    question = q("choice", dimension=dimension)
    return judge(
        question,
        answerer=1 - guesser_is,
        answer="a",
        guess=Guess(value="a" if right else "b", confidence=confidence),
        verdict=None,
        subject_entry=None,
        guesser_entry=None,
        at=at,
        game_id=game,
    )


def play(aggregates, game, results):
    for r in results:
        aggregates.add_round(r.model_copy(update={"game_id": game}))
    aggregates.finish_game(game, checkin=False)


def test_calibration_per_player_and_dimension():
    aggregates = Aggregates()
    for i in range(12):
        aggregates.add_round(result(right=i % 3 == 0, guesser_is=1))  # sure, but mostly wrong
    stats = aggregates.players[1]
    assert stats.overall.calibration() == "overconfident"
    assert stats.dimension(Dimension.EMOTIONAL).calibration(5) == "overconfident"
    assert aggregates.players[0].overall.calibration() is None  # no rounds yet


def test_underconfident_and_too_few_rounds():
    aggregates = Aggregates()
    for _ in range(4):
        aggregates.add_round(result(confidence=Confidence.NO_IDEA))
    assert aggregates.players[1].overall.calibration() is None
    for _ in range(8):
        aggregates.add_round(result(confidence=Confidence.NO_IDEA))
    assert aggregates.players[1].overall.calibration() == "underconfident"


def test_recent_accuracy_is_the_last_ten_rounds():
    aggregates = Aggregates()
    for _ in range(10):
        aggregates.add_round(result(right=False))
    for _ in range(10):
        aggregates.add_round(result(right=True))
    stats = aggregates.players[1]
    assert stats.recent_accuracy(Dimension.EMOTIONAL) == 1.0
    assert stats.dimension(Dimension.EMOTIONAL).accuracy == 0.5
    assert stats.recent_accuracy(Dimension.PHYSICAL) is None


def test_trends_by_month():
    aggregates = Aggregates()
    aggregates.add_round(result(right=False, at=T0))
    aggregates.add_round(result(right=True, at=T0 + timedelta(days=40)))
    assert aggregates.trend(Dimension.EMOTIONAL) == [("2026-01", 0.0), ("2026-02", 1.0)]
    assert aggregates.discoveries_trend() == [("2026-01", 1), ("2026-02", 0)]


def deck(deck_id: str, unlock: dict, tags: list[str] | None = None) -> Deck:
    """A one-question deck with the given rule (and situational tags)."""
    question = q(qid=f"{deck_id}.q", tags=tags or [])
    return Deck(id=deck_id, title=deck_id.title(), description="A deck.", unlock=unlock, questions=[question])


def on_day(aggregates, number: int, game: str | None = None, **kw):
    """A game finished on day ``number`` (counted from T0)."""
    play(aggregates, game or f"d{number}-{aggregates.games}", [result(at=T0 + timedelta(days=number), **kw)])


def test_unlock_after_games():
    couple = make_couple()
    three = deck("three", {"type": "games", "count": 3})
    aggregates = Aggregates()
    play(aggregates, "g1", [result()])
    assert progress(three, aggregates, couple).text == "1 of 3 games played"
    play(aggregates, "g2", [result()])
    assert "three" not in newly_unlocked([three], aggregates, couple, [])
    play(aggregates, "g3", [result()])
    assert "three" in newly_unlocked([three], aggregates, couple, [])
    assert "three" not in newly_unlocked([three], aggregates, couple, ["three"])


def test_unlock_after_days_played_counts_each_day_once():
    couple = make_couple()
    two = deck("two-days", {"type": "days", "count": 2})
    aggregates = Aggregates()
    on_day(aggregates, 0)
    on_day(aggregates, 0)  # a second game the same day
    assert aggregates.days_played == 1 and aggregates.games == 2
    assert progress(two, aggregates, couple).text == "1 of 2 days played"
    assert not progress(two, aggregates, couple).met
    on_day(aggregates, 5)
    assert aggregates.days_played == 2 and progress(two, aggregates, couple).met
    on_day(aggregates, 3)  # the clock went back: no day counted twice, none made up
    assert aggregates.days_played == 2


def test_unlock_after_discoveries(library):
    couple = make_couple()
    deck = library.deck("inner-weather")
    aggregates = Aggregates()
    play(aggregates, "g1", [result(right=False) for _ in range(5)])
    assert progress(deck, aggregates, couple).text == "5 of 8 discoveries made"
    play(aggregates, "g2", [result(right=False) for _ in range(3)])
    assert progress(deck, aggregates, couple).met


def test_unlock_by_accuracy_over_the_last_games_with_a_bar_that_says_the_same():
    couple = make_couple()
    body = deck("body", {"type": "accuracy", "dimension": "physical", "at_least": 0.6, "last_games": 3})
    aggregates = Aggregates()
    play(aggregates, "g1", [result("physical", right=True)])
    play(aggregates, "g2", [result("physical", right=True)])
    step = progress(body, aggregates, couple)
    assert "2 of 3 games played" in step.text
    assert not step.met  # 100%, but only two games
    assert step.share == 2 / 3, "the bar shows the games played, as the text does (not a full bar)"
    play(aggregates, "g3", [result("physical", right=False)])
    step = progress(body, aggregates, couple)
    assert step.met and step.share == 1  # 2 of 3 right: 67% >= 60%
    assert step.text.endswith("67% now")
    play(aggregates, "g4", [result("physical", right=False)])
    step = progress(body, aggregates, couple)
    assert not step.met and step.text.endswith("33% now")  # the last three: 33%
    assert step.share == pytest.approx(0.33 / 0.6, abs=0.01)


def test_one_deck_opens_a_game_the_others_wait_their_turn_in_order():
    couple = make_couple()
    decks = [deck(f"d{n}", {"type": "days", "count": 1}) for n in range(3)]
    aggregates = Aggregates()
    unlocked: list[str] = []
    for day in range(4):
        on_day(aggregates, day)
        unlocked += newly_unlocked(decks, aggregates, couple, unlocked)
        assert len(unlocked) == min(day + 1, 3)
    assert unlocked == ["d0", "d1", "d2"]


def test_a_deck_for_another_situation_is_never_announced_until_it_fits():
    from nuzzle_game.core.models import Home, Situation
    from nuzzle_game.core.state import ProfileState

    animals = deck("animals", {"type": "days", "count": 1}, tags=["pets"])
    later = deck("later", {"type": "days", "count": 5})
    no_animal = make_couple().model_copy(update={"situation": Situation(home=Home.TOGETHER)})
    state = ProfileState(couple=no_animal)
    on_day(state.aggregates, 0)
    assert newly_unlocked([animals, later], state.aggregates, no_animal, []) == []
    step = glance.next_unlock([animals, later], state)
    assert step is not None and step.deck_id == "later", "the home names a deck that can open"
    with_animal = no_animal.model_copy(update={"situation": Situation(home=Home.TOGETHER, pets=True)})
    assert newly_unlocked([animals, later], state.aggregates, with_animal, []) == ["animals"]


def test_the_home_names_the_deck_that_opens_next():
    from nuzzle_game.core.state import ProfileState

    soon, far = deck("soon", {"type": "days", "count": 2}), deck("far", {"type": "days", "count": 9})
    state = ProfileState(couple=make_couple())
    on_day(state.aggregates, 0)
    step = glance.next_unlock([far, soon], state)
    assert step is not None and (step.deck_id, step.text, step.share) == ("soon", "1 of 2 days played", 0.5)
    assert step.about == "A deck"
    on_day(state.aggregates, 1)
    step = glance.next_unlock([far, soon], state)
    assert step is not None and step.deck_id == "soon" and step.share == 1
    assert step.text == "opens at your next game or check-in"


def test_sensitive_deck_shown_only_while_both_opted_in(library):
    deck = library.deck("after-dark")
    assert not is_available(deck, ["after-dark"], make_couple(opted=(True, False)))
    assert is_available(deck, [], make_couple(opted=(True, True)))
    assert progress(deck, Aggregates(), make_couple(opted=(True, False))).text == "1 of 2 partners opted in"


def test_a_tally_adds_up_every_field_as_assigning_them_would():
    from nuzzle_game.core import scoring
    from nuzzle_game.core.stats import Tally

    results = [result(right=i % 3 == 0, confidence=list(Confidence)[i % 3]) for i in range(5)]
    tally = Tally()
    for r in results:
        tally.add(r)
    assert tally == Tally(
        rounds=5,
        accuracy_sum=sum(r.accuracy for r in results),
        points=sum(r.points for r in results),
        brier_sum=sum(scoring.brier(r.confidence, r.accuracy) for r in results),
        bias_sum=sum(r.confidence.probability - r.accuracy for r in results),
        in_sync=sum(r.in_sync for r in results),
        discoveries=sum(r.discovery for r in results),
    )
    # Every field counts as set, as after an assignment, and none is left out.
    assert tally.model_fields_set == set(Tally.model_fields)
    assert Tally.model_validate(tally.model_dump(exclude_unset=True)) == tally
