"""At 60x20 nothing needed to play is off-screen (DESIGN §9): on every round
screen, for every kind, with the longest question of that kind, at a seat (with
the partner's line) and at one keyboard."""

from __future__ import annotations

import pytest
from conftest import library_of
from helpers import first_value, other_value
from round_host import Host, months_ago, result_of, round_info
from textual.geometry import Region
from textual.widgets import Footer
from ui_driver import wait_until

from nuzzle_game.core.models import Confidence, Guess, Verdict
from nuzzle_game.core.questions import QuestionKind
from nuzzle_game.play.views import VerdictInfo
from nuzzle_game.ui.screens.answer import AnswerScreen, GuessScreen
from nuzzle_game.ui.screens.handoff import HandoffScreen
from nuzzle_game.ui.screens.reveal import RevealScreen, VerdictScreen
from nuzzle_game.ui.screens.round_base import RoundOptions
from nuzzle_game.ui.widgets.answer_inputs import AnswerInput

SMALL = (60, 20)


def longest(library, kind: QuestionKind):
    """The question of ``kind`` that takes the most room: its text, options and items."""
    questions = library_of(library, kind).questions
    return max(questions, key=lambda q: len(q.text) + sum(len(o) + 20 for o in (q.options or q.items or [])))


def seen_part(widget) -> Region:
    """What of ``widget`` is on screen: clipped by every container around it
    (one that scrolls shows only its part), and by the Footer."""
    region = widget.region
    screen = widget.screen
    for ancestor in widget.ancestors:
        if ancestor is screen:
            break
        region = region.intersection(ancestor.scrollable_content_region)
    footer = screen.query_one(Footer).region
    return region.intersection(Region(0, 0, screen.size.width, footer.y))


def on_screen(widget) -> bool:
    """Wholly on screen (a button, a line to read)."""
    return widget.display and seen_part(widget) == widget.region and widget.region.area > 0


def reachable(widget) -> bool:
    """At least partly on screen (a list that scrolls within itself)."""
    return seen_part(widget).area > 0


def options_for(seat: bool) -> RoundOptions:
    if seat:
        return RoundOptions(shared_keyboard=False, cursor_blink=False, partner="Maya is answering…")
    return RoundOptions(cursor_blink=False)


@pytest.mark.parametrize("seat", [False, True], ids=["hot-seat", "seat"])
@pytest.mark.parametrize("kind", list(QuestionKind))
async def test_asking_at_60x20(library, kind, seat):
    question = longest(library, kind)
    for screen in (
        AnswerScreen(round_info(question), 0, options_for(seat)),
        GuessScreen(round_info(question), 1, options_for(seat)),
    ):
        app = Host(screen)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            assert on_screen(screen.query_one("#commit")) and on_screen(screen.query_one("#pass"))
            assert on_screen(screen.query_one("#question")), question.id
            field = screen.query_one(AnswerInput)
            assert reachable(app.focused) and app.focused in field.query("*"), (question.id, app.focused)
            if isinstance(screen, GuessScreen):
                screen.query_one("#confidence").focus()  # scrolled to once laid out: a frame or two
                confidence = screen.query_one("#confidence")
                await wait_until(
                    pilot, lambda confidence=confidence: on_screen(confidence), f"{question.id}'s sureness"
                )


@pytest.mark.parametrize("seat", [False, True], ids=["hot-seat", "seat"])
@pytest.mark.parametrize("kind", list(QuestionKind))
async def test_the_reveal_at_60x20(library, kind, seat):
    question = longest(library, kind)
    result = result_of(
        question, first_value(question), other_value(question), before=[(other_value(question), months_ago(4))]
    )
    screen = RevealScreen(round_info(question), result, options_for(seat))
    app = Host(screen)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert on_screen(screen.query_one("#next")), question.id
        assert on_screen(screen.query_one("#outcome")), question.id
        await pilot.press("end")  # the rest is a key away
        last = screen.query("#reveal > *").last()
        await wait_until(pilot, lambda: on_screen(last), f"the end of {question.id}'s reveal")


@pytest.mark.parametrize("seat", [False, True], ids=["hot-seat", "seat"])
async def test_the_verdict_at_60x20(library, seat):
    question = longest(library, QuestionKind.TEXT)
    long = "a long slow breakfast in the garden with the radio on and nowhere to be until noon"
    info = VerdictInfo(answer=long, guess=Guess(value=long[::-1], confidence=Confidence.SURE), proposed=Verdict.CLOSE)
    screen = VerdictScreen(round_info(question), info, options_for(seat))
    app = Host(screen)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert on_screen(screen.query_one("#decide"))
        assert on_screen(screen.query_one("#verdict")) and screen.query_one("#verdict").has_focus


async def test_the_handoff_at_60x20():
    from textual.app import App

    class One(App[None]):
        def on_mount(self) -> None:
            self.push_screen(HandoffScreen("Ada", "Grace", "Ada, your turn to answer", "Round 8 of 8"))

    app = One()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert on_screen(app.screen.query_one("#ready"))


async def test_the_summary_and_the_checkin_reveal_at_60x20(library):
    from round_host import NAMES, summary_of
    from test_ui_reveal import close_rounds

    from nuzzle_game.play.views import CheckinReveal, PairedAnswer, PairedQuestion
    from nuzzle_game.ui.screens.checkin_reveal import CheckinRevealScreen
    from nuzzle_game.ui.screens.summary import SummaryScreen

    questions = [longest(library, kind) for kind in QuestionKind]
    summary = SummaryScreen(summary_of(questions), NAMES, RoundOptions(cursor_blink=False))
    pairs = []
    for question, result in close_rounds(library) * 2:
        guess = Guess(value=result.guess, confidence=Confidence.SURE)
        side = PairedAnswer(answer=result.answer, guess=guess, result=result)
        pairs.append(PairedQuestion(question=question, sides=(side, side)))
    checkin = CheckinRevealScreen(CheckinReveal(questions=pairs[:3], filed=True), NAMES, RoundOptions())
    for screen, buttons in ((summary, ("#changes", "#done")), (checkin, ("#done",))):
        app = Host(screen)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert all(on_screen(screen.query_one(b)) for b in buttons), type(screen).__name__
            top = screen.query_one(".page").children[0]  # the page starts at its top
            assert on_screen(top), type(screen).__name__


async def test_the_situation_step_at_60x20():
    from nuzzle_game.ui.screens.situation import SituationScreen

    screen = SituationScreen(("Alex", "Sam"), first=True)
    app = Host(screen)  # type: ignore[arg-type]
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert on_screen(screen.query_one("#save")) and on_screen(screen.query_one("#not-now"))
        assert reachable(screen.query_one("#home")) and screen.query_one("#home").has_focus
