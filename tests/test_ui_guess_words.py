"""The guesser reads the question from where the answerer stands (DESIGN §5):
"your partner" is the guesser, marked "(you)", on every kind and in every mode
(hot seat, a seat at a table, a check-in in halves). And a typed answer is hidden
only at a shared keyboard, where its typer can show it."""

from __future__ import annotations

import re

import pytest
from conftest import Clock
from round_host import Host, round_info
from table_support import new_profile, open_table
from textual.widgets import Input, Static
from ui_driver import SIZE, couple_on_disk, make_app, open_couple, pick, screen_text, start, wait_for, wait_until

from nuzzle_game.core.decks import DeckLibrary
from nuzzle_game.core.questions import QuestionKind
from nuzzle_game.play.moves import GuessMove
from nuzzle_game.ui.screens.answer import AnswerScreen, GuessScreen
from nuzzle_game.ui.screens.handoff import HandoffScreen
from nuzzle_game.ui.screens.round_base import RoundOptions
from nuzzle_game.ui.seat.app import SeatApp, SeatConfig
from nuzzle_game.ui.seat.lobby import LobbyScreen
from nuzzle_game.ui.widgets.answer_inputs import AnswerInput

PARTNER = re.compile(r"\b(your|my) partner", re.IGNORECASE)


def speaks_of_the_partner(library: DeckLibrary) -> DeckLibrary:
    """The bundled decks holding only untagged questions whose text says "your partner"."""
    decks = []
    for deck in library.decks:
        questions = [q for q in deck.questions if PARTNER.search(q.text) and not q.tags]
        if questions:
            decks.append(deck.model_copy(update={"questions": questions}))
    return DeckLibrary(decks, [])


def question_on(app) -> str:
    return str(app.screen.query_one("#question", Static).render())


def with_partner_option(library: DeckLibrary, kind: QuestionKind):
    """A question of ``kind`` whose text, or one of its options or items, names the partner."""
    for question in library.questions:
        if question.kind is not kind:
            continue
        words = [question.text, *(question.options or []), *(question.items or [])]
        if kind in (QuestionKind.CHOICE, QuestionKind.MULTI, QuestionKind.RANK):
            words = [*(question.options or []), *(question.items or [])]
        if any(PARTNER.search(w) for w in words):
            return question
    raise AssertionError(f"no {kind} question names the partner")


@pytest.mark.parametrize("kind", list(QuestionKind))
async def test_every_kind_names_the_guesser_where_the_partner_is(library, kind):
    question = with_partner_option(library, kind)
    app = Host(GuessScreen(round_info(question), 1, RoundOptions(cursor_blink=False)))  # Sam guesses
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, GuessScreen)
        seen = question_on(app)
        if kind in (QuestionKind.CHOICE, QuestionKind.MULTI, QuestionKind.RANK):
            field = app.screen.query_one(AnswerInput)
            if kind is QuestionKind.RANK:
                ranks = field.query_one("#rank")
                seen = "\n".join(str(ranks.get_option_at_index(i).prompt) for i in range(ranks.option_count))
            elif kind is QuestionKind.MULTI:
                multi = field.query_one("#multi")
                seen = "\n".join(str(multi.get_option_at_index(i).prompt) for i in range(multi.option_count))
            else:
                seen = "\n".join(str(b.label) for b in field.query("RadioButton"))
        assert "Sam (you)" in seen or "Sam's (you)" in seen, seen
        assert not PARTNER.search(seen), seen


async def test_the_guess_keeps_the_decks_own_words(library):
    """What the guesser picks is the deck's option, whatever the screen called it."""
    question = with_partner_option(library, QuestionKind.CHOICE)
    index = next(i for i, o in enumerate(question.options) if PARTNER.search(o))
    app = Host(GuessScreen(round_info(question), 1, RoundOptions(cursor_blink=False)))
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, GuessScreen)
        await pick(pilot, QuestionKind.CHOICE, index)
        app.screen.query_one("#confidence").focus()
        await pilot.press("enter", "ctrl+s")
        await wait_until(pilot, lambda: app.results, "the guess")
    assert isinstance(app.results[0], GuessMove) and app.results[0].value == question.options[index]


async def test_the_answerer_reads_the_question_as_written(library):
    question = with_partner_option(library, QuestionKind.TEXT)
    app = Host(AnswerScreen(round_info(question), 0, RoundOptions(cursor_blink=False)))
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, AnswerScreen)
        assert question_on(app) == question.text and "(you)" not in question_on(app)


def guesser_reads_their_name(app, guesser: str) -> bool:
    text = question_on(app)
    return (f"{guesser} (you)" in text or f"{guesser}'s (you)" in text) and not PARTNER.search(text)


async def test_hot_seat(tmp_path, library):
    clock = Clock()
    partner = speaks_of_the_partner(library)
    couple_on_disk(tmp_path / "saves", partner, clock)
    app = make_app(tmp_path / "saves", partner, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot)
        await wait_for(pilot, HandoffScreen)
        await pilot.press("enter")
        await wait_for(pilot, AnswerScreen)
        assert PARTNER.search(question_on(app)), "the answerer reads 'your partner'"
        await pick(pilot, app.screen.question.kind, 0)
        await pilot.press("ctrl+s")
        await wait_for(pilot, HandoffScreen)
        await pilot.press("enter")
        await wait_for(pilot, GuessScreen)
        assert guesser_reads_their_name(app, app.screen.player), question_on(app)


async def test_a_seat_at_the_table(saves, library, clock):
    new_profile(saves)
    partner = speaks_of_the_partner(library)
    async with open_table(saves, partner, clock) as table:
        alex = SeatApp(SeatConfig(connection=table.connection, seat=0, cursor_blink=False))
        sam = SeatApp(SeatConfig(connection=table.connection, seat=1, cursor_blink=False))
        async with alex.run_test(size=SIZE) as a, sam.run_test(size=SIZE) as s:
            await wait_for(a, LobbyScreen)
            await wait_for(s, LobbyScreen)
            await wait_until(a, lambda: "Sam is at the table." in screen_text(alex), "Sam at the table")
            await a.press("c")
            await wait_until(a, lambda: isinstance(alex.screen, AnswerScreen | GuessScreen), "Alex's screen")
            await wait_until(s, lambda: isinstance(sam.screen, AnswerScreen | GuessScreen), "Sam's screen")
            guesser = alex if isinstance(alex.screen, GuessScreen) else sam
            answerer = sam if guesser is alex else alex
            assert guesser_reads_their_name(guesser, guesser.me), question_on(guesser)
            assert PARTNER.search(question_on(answerer)), "the answerer reads 'your partner'"


async def test_a_half_of_the_checkin(tmp_path, library):
    from nuzzle_game.ui.screens.whose_half import WhoseHalfScreen

    clock = Clock()
    partner = speaks_of_the_partner(library)
    couple_on_disk(tmp_path / "saves", partner, clock)
    app = make_app(tmp_path / "saves", partner, clock, seed=5)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await pilot.press("h")
        await wait_for(pilot, WhoseHalfScreen)
        await pilot.press("enter")  # Alex's half
        await wait_for(pilot, HandoffScreen)
        await pilot.press("enter")
        guesses = 0
        for _ in range(6):
            await wait_until(pilot, lambda: isinstance(app.screen, AnswerScreen | GuessScreen), "a question")
            screen = app.screen
            if isinstance(screen, GuessScreen):
                guesses += 1
                assert screen.player == "Alex" and guesser_reads_their_name(app, "Alex"), question_on(app)
                await pick(pilot, screen.question.kind, 0)
                screen.query_one("#confidence").focus()
                await pilot.press("enter")
            else:
                assert PARTNER.search(question_on(app))
                await pick(pilot, screen.question.kind, 0)
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda s=screen: app.screen is not s, "the next screen")
        assert guesses == 3


# ---------------------------------------------------------------- hidden typing


def footer_keys(app) -> dict[str, str]:
    """What the Footer offers: key -> description."""
    return {
        key: active.binding.description
        for key, active in app.screen.active_bindings.items()
        if active.binding.show and active.enabled
    }


async def test_a_typed_answer_is_hidden_at_a_shared_keyboard_until_its_typer_shows_it(library):
    question = with_partner_option(library, QuestionKind.TEXT)
    app = Host(AnswerScreen(round_info(question), 0, RoundOptions(shared_keyboard=True, cursor_blink=False)))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, AnswerScreen)
        field = app.screen.query_one(Input)
        await pilot.press(*"tea")
        assert field.password and footer_keys(app)["ctrl+r"] == "Show my typing"
        await pilot.press("ctrl+r")
        assert not field.password and footer_keys(app)["ctrl+r"] == "Hide my typing"
        await pilot.press(*" in bed")  # the typing goes on where it was
        await pilot.press("ctrl+r")
        assert field.password and footer_keys(app)["ctrl+r"] == "Show my typing"
        assert field.value == "tea in bed" and field.has_focus


@pytest.mark.parametrize("screen", [AnswerScreen, GuessScreen])
async def test_typing_is_plain_where_nobody_looks_over_a_shoulder(library, screen):
    """A seat, a browser, one's own terminal: nothing to hide, nothing to show."""
    question = with_partner_option(library, QuestionKind.TEXT)
    app = Host(screen(round_info(question), 0, RoundOptions(shared_keyboard=False, cursor_blink=False)))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, screen)
        assert not app.screen.query_one(Input).password
        assert "ctrl+r" not in footer_keys(app)
