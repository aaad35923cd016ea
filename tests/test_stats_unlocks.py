from datetime import timedelta

from conftest import T0, make_couple
from helpers import q

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


def test_unlock_after_games(library):
    couple = make_couple()
    deck = library.deck("curious-minds")
    aggregates = Aggregates()
    play(aggregates, "g1", [result()])
    assert progress(deck, aggregates, couple).text == "1 of 3 games played"
    play(aggregates, "g2", [result()])
    assert "curious-minds" not in newly_unlocked(library.decks, aggregates, couple, [])
    play(aggregates, "g3", [result()])
    assert "curious-minds" in newly_unlocked(library.decks, aggregates, couple, [])
    assert "curious-minds" not in newly_unlocked(library.decks, aggregates, couple, ["curious-minds"])


def test_unlock_after_discoveries(library):
    couple = make_couple()
    deck = library.deck("inner-weather")
    aggregates = Aggregates()
    play(aggregates, "g1", [result(right=False) for _ in range(5)])
    assert progress(deck, aggregates, couple).text == "5 of 8 discoveries made"
    play(aggregates, "g2", [result(right=False) for _ in range(3)])
    assert progress(deck, aggregates, couple).met


def test_unlock_by_accuracy_over_the_last_games(library):
    couple = make_couple()
    deck = library.deck("close-to-home")  # 60% physical over 3 games
    aggregates = Aggregates()
    play(aggregates, "g1", [result("physical", right=True)])
    play(aggregates, "g2", [result("physical", right=True)])
    assert "2 of 3 games played" in progress(deck, aggregates, couple).text
    assert not progress(deck, aggregates, couple).met  # 100%, but only two games
    play(aggregates, "g3", [result("physical", right=False)])
    assert progress(deck, aggregates, couple).met  # 2 of 3 right: 67% >= 60%
    assert progress(deck, aggregates, couple).text.endswith("67% now")
    play(aggregates, "g4", [result("physical", right=False)])
    assert not progress(deck, aggregates, couple).met  # the last three: 33%


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
