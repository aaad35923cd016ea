"""The reveal is a moment (DESIGN §9): uncovered in turn, the outcome biggest,
close as close, what matched marked; and the verdict names its suggestion."""

from __future__ import annotations

import pytest
from conftest import library_of
from round_host import Host, months_ago, result_of, round_info
from textual.widgets import RadioSet, Static
from ui_driver import screen_text, wait_until

from nuzzle_game.core.models import Confidence, Guess, Outcome, Verdict
from nuzzle_game.core.questions import QuestionKind
from nuzzle_game.play.moves import ReadMove, VerdictMove
from nuzzle_game.play.views import CheckinReveal, PairedAnswer, PairedQuestion, VerdictInfo
from nuzzle_game.ui.screens.checkin_reveal import CheckinRevealScreen
from nuzzle_game.ui.screens.reveal import COVERED, RevealScreen, VerdictScreen
from nuzzle_game.ui.screens.round_base import RoundOptions
from nuzzle_game.ui.widgets.moment import HEADLINE, Headline, Moment

CLOSE_WORDS = "Close: almost, one nuance to learn"


def first_of(library, kind: QuestionKind, scale_size: int | None = None):
    for question in library_of(library, kind).questions:
        if scale_size is None or (question.scale and question.scale.hi - question.scale.lo + 1 == scale_size):
            return question
    raise AssertionError(f"no {kind} question")


def reveal(question, result, **options) -> RevealScreen:
    return RevealScreen(round_info(question), result, RoundOptions(cursor_blink=False, **options))


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def shown(app, selector: str) -> bool:
    """On screen and not held back for later (a covered part keeps its place, unseen)."""
    widget = app.screen.query_one(selector)
    return widget.visible and widget.styles.visibility == "visible"


def close_rounds(library):
    """A text guess the answerer calls close, and a 5-point scale guess one step off."""
    text = first_of(library, QuestionKind.TEXT)
    scale = first_of(library, QuestionKind.SCALE, scale_size=5)
    return [
        (text, result_of(text, "a slow breakfast", "breakfast in bed", Verdict.CLOSE)),
        (scale, result_of(scale, scale.scale.lo + 2, scale.scale.lo + 3)),
    ]


async def test_close_is_its_own_outcome_never_a_miss(library):
    for question, result in close_rounds(library):
        assert result.outcome is Outcome.CLOSE, question.kind
        app = Host(reveal(question, result))
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, RevealScreen), "the reveal")
            text = screen_text(app)
            assert CLOSE_WORDS in text and "nearly had it" in text, text
            assert "New on your map" not in text and "learned something" not in text and "Discovery" not in text
            assert app.screen.query_one("#outcome").has_class("close")


@pytest.mark.parametrize(
    "outcome, answer, words",
    [(Outcome.IN_SYNC, 0, "In sync"), (Outcome.MISS, 1, "New on your map")],
)
async def test_in_sync_and_new_on_your_map_headlines(library, outcome, answer, words):
    question = first_of(library, QuestionKind.CHOICE)
    result = result_of(question, question.options[answer], question.options[0])
    assert result.outcome is outcome
    app = Host(reveal(question, result))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, RevealScreen), "the reveal")
        assert words in text_of(app, "#moment") and CLOSE_WORDS not in screen_text(app)


def uncovered_parts(app) -> tuple[bool, bool, bool]:
    """(the answer, the guess, how it went): which are uncovered."""
    return (
        text_of(app, "#the-answer") != COVERED,
        text_of(app, "#the-guess") != COVERED,
        shown(app, "#outcome") and shown(app, "#score"),
    )


async def test_the_answer_then_the_guess_then_how_it_went(library):
    question = first_of(library, QuestionKind.CHOICE)
    result = result_of(question, question.options[1], question.options[0])
    app = Host(reveal(question, result, beat=30))  # the test beats time itself
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, RevealScreen), "the reveal")
        await pilot.pause()
        screen = app.screen
        # At first: the question, both names, nothing uncovered.
        assert uncovered_parts(app) == (False, False, False)
        assert "Maya said" in screen_text(app) and "Sam guessed (sure)" in screen_text(app)
        assert str(screen.query_one("#next").label) == "Show it all"
        for expected in [(True, False, False), (True, True, False), (True, True, True)]:
            screen.uncover()  # a beat
            await pilot.pause()
            assert uncovered_parts(app) == expected
        assert question.options[1] in text_of(app, "#the-answer")
        assert question.options[0] in text_of(app, "#the-guess")
        assert shown(app, "#follow-up") == bool(result.follow_up)
        assert str(screen.query_one("#next").label) == "Next round"
        assert app.results == []
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.results, "the next round")
        assert app.results == [ReadMove()]


async def test_the_beat_uncovers_it_in_turn(library):
    question = first_of(library, QuestionKind.CHOICE)
    result = result_of(question, question.options[1], question.options[0])
    app = Host(reveal(question, result, beat=0.4))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, RevealScreen), "the reveal")
        seen = [uncovered_parts(app)]

        def all_uncovered() -> bool:
            if (now := uncovered_parts(app)) != seen[-1]:
                seen.append(now)
            return now == (True, True, True)

        await wait_until(pilot, all_uncovered, "everything uncovered")
        order = [(False, False, False), (True, False, False), (True, True, False), (True, True, True)]
        assert seen == order[order.index(seen[0]) :], "one part a beat, in turn"
        assert len(seen) >= 2, "the beat uncovered at least the last part while the test looked"


async def test_enter_shows_it_all_then_goes_on(library):
    question = first_of(library, QuestionKind.MULTI)
    result = result_of(question, question.options[:2], question.options[1:3])
    app = Host(reveal(question, result, beat=30))  # a beat longer than the test
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, RevealScreen), "the reveal")
        await pilot.pause()
        assert text_of(app, "#the-answer") == COVERED
        await pilot.press("enter")
        await pilot.pause()
        assert text_of(app, "#the-answer") != COVERED and text_of(app, "#the-guess") != COVERED
        assert shown(app, "#outcome") and shown(app, "#score") and app.results == []
        assert HEADLINE[Outcome.MISS] in text_of(app, "#moment"), "the moment settles at once"
        # A button takes no second press while it shows the first (Textual's 0.2 s):
        # a double tap uncovers the reveal, it never skips it.
        await wait_until(pilot, lambda: not app.screen.query_one("#next").has_class("-active"), "the press to end")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.results, "the next round")
        assert app.results == [ReadMove()]


async def test_reduced_motion_shows_it_all_at_once(library):
    question = first_of(library, QuestionKind.CHOICE)
    result = result_of(question, question.options[0], question.options[0])
    app = Host(reveal(question, result, beat=30, reduced_motion=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, RevealScreen), "the reveal")
        await pilot.pause()
        assert text_of(app, "#the-answer") != COVERED and text_of(app, "#the-guess") != COVERED
        assert shown(app, "#outcome") and not app.screen.query(Moment)
        assert "In sync" in str(app.screen.query_one(Headline).render())
        await pilot.press("enter")  # one Enter goes on: nothing was being uncovered
        await wait_until(pilot, lambda: app.results, "the next round")


async def test_the_outcome_is_the_biggest_line_and_right_ago_right_under_it(library):
    question = first_of(library, QuestionKind.CHOICE)
    old, new = question.options[0], question.options[1]
    result = result_of(question, new, old, before=[(old, months_ago(10))])
    app = Host(reveal(question, result))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, RevealScreen), "the reveal")
        await pilot.pause()
        outcome, insight = app.screen.query_one("#outcome"), app.screen.query_one("#insight", Static)
        # A box in the outcome's colour, taller than any line, the words bold and centred.
        assert outcome.outer_size.height >= 4 and outcome.styles.border_top[0] == "heavy"
        assert "Sam, you were right 10 months ago: this changed since." in str(insight.render())
        assert insight.styles.text_style.bold
        parts = list(app.screen.query_one("#reveal").children)
        assert parts.index(insight) == parts.index(outcome) + 1, "right under the outcome"
        assert outcome.region.bottom <= app.screen.query_one("#reveal").region.bottom


@pytest.mark.parametrize("kind", [QuestionKind.MULTI, QuestionKind.RANK])
async def test_what_matched_is_marked(library, kind):
    question = first_of(library, kind)
    if kind is QuestionKind.MULTI:
        a, b, c = question.options[:3]
        answer, guess, marked, legend = [a, b], [a, c], [a], "✓ chosen by both (1)"
    else:
        items = list(question.items)
        answer, guess = items, [items[0], items[2], items[1], *items[3:]]  # two swapped
        marked, legend = [items[0], *items[3:]], f"✓ in the same place in both ({len(items) - 2})"
    app = Host(reveal(question, result_of(question, answer, guess)))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, RevealScreen), "the reveal")
        await pilot.pause()
        assert text_of(app, "#matched") == legend
        for panel in ("#the-answer", "#the-guess"):
            lines = text_of(app, panel).splitlines()
            ticked = [line for line in lines if "✓" in line]
            assert len(ticked) == len(marked), lines
            assert all(any(item in line for line in ticked) for item in marked), lines


async def test_the_verdict_names_its_suggestion_and_starts_on_it(library):
    question = first_of(library, QuestionKind.TEXT)
    info = VerdictInfo(
        answer="a slow breakfast", guess=Guess(value="breakfast in bed", confidence=Confidence.SURE), proposed="close"
    )
    app = Host(VerdictScreen(round_info(question), info, RoundOptions(cursor_blink=False)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, VerdictScreen), "the verdict")
        await pilot.pause()
        assert "The game suggests: close." in screen_text(app)
        choices = app.screen.query_one("#verdict", RadioSet)
        assert choices.has_focus
        await pilot.press("enter", "ctrl+s")  # Enter takes what is highlighted: the suggestion
        await wait_until(pilot, lambda: app.results, "the verdict")
        assert app.results == [VerdictMove(verdict=Verdict.CLOSE)]


async def test_the_checkin_reveal_says_close(library):
    text_q, text_result = close_rounds(library)[0]
    other = result_of(text_q, "a walk", "a walk", Verdict.SPOT_ON)
    pair = PairedQuestion(
        question=text_q,
        sides=(
            PairedAnswer(answer="a slow breakfast", guess=Guess(value="a walk", confidence="sure"), result=text_result),
            PairedAnswer(answer="a walk", guess=Guess(value="breakfast in bed", confidence="sure"), result=other),
        ),
    )
    screen = CheckinRevealScreen(CheckinReveal(questions=[pair], filed=True), ("Maya", "Sam"), RoundOptions())
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CheckinRevealScreen), "the check-in's reveal")
        text = screen_text(app)
        assert "≈ close: almost, one nuance to learn" in text and "new on" not in text
        assert "✓ in sync" in text
