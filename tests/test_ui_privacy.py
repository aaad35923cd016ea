"""Between commit and reveal the answer is never on screen, for every kind.

For each kind we play the same seeded round twice, by keyboard, with different answers: the
handoff and the guess screens must be byte-for-byte the same picture, and a
text answer must appear nowhere until the reveal.

On the way, each of them pauses (Escape: home) and resumes (g) once on the answer
and once on the guess: back on the question, the keys are on the answer, and the
arrows, Enter and Ctrl+S work (Escape at a seat: tests/test_ui_escape.py).
"""

from __future__ import annotations

import pytest
from conftest import Clock
from ui_driver import (
    SIZE,
    commit_guess,
    couple_on_disk,
    focus_in_the_answer,
    make_app,
    open_couple,
    pick,
    screen_text,
    start,
    to_answer_screen,
    wait_for,
)

from nuzzle_game.core.questions import QuestionKind
from nuzzle_game.store.deck_files import load_decks
from nuzzle_game.ui.screens.answer import AnswerScreen, GuessScreen
from nuzzle_game.ui.screens.handoff import HandoffScreen
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.screens.summary import SummaryScreen
from nuzzle_game.ui.widgets.answer_inputs import AnswerInput

FIELDS = {
    "choice": 'options = ["Quiet", "Busy", "Tender", "Restless"]',
    "multi": 'options = ["Quiet", "Busy", "Tender", "Restless"]',
    "scale": 'scale = { lo = 1, hi = 5, lo_label = "low", hi_label = "high" }',
    "rank": 'items = ["Quiet", "Busy", "Tender", "Restless"]',
    "text": "",
}
DIMENSIONS = ["emotional", "physical", "intellectual", "experiential", "spiritual"]


def one_kind_library(tmp_path, kind: str):
    questions = "\n".join(
        f'''
[[questions]]
id = "p.{kind}.{i}"
kind = "{kind}"
dimension = "{DIMENSIONS[i % 5]}"
depth = {1 + i % 3}
text = "Private question number {i} for these days?"
{FIELDS[kind]}
'''
        for i in range(10)
    )
    deck = f'id = "p-{kind}"\ntitle = "Only {kind}"\ndescription = "Test deck."\nunlock = {{ type = "always" }}\n{questions}'
    folder = tmp_path / f"decks-{kind}"
    folder.mkdir()
    (folder / "d.toml").write_text(deck)
    return load_decks([folder])


async def escape_and_resume(pilot, screen) -> None:
    """Escape pauses, to the home; g resumes, through the hand-off, to ``screen``."""
    await pilot.pause()
    await pilot.press("escape")
    await wait_for(pilot, HomeScreen)
    await pilot.press("g")
    await wait_for(pilot, HandoffScreen)
    await pilot.press("enter")
    await wait_for(pilot, screen)
    await pilot.pause()
    assert focus_in_the_answer(pilot.app), pilot.app.focused


async def play_one_round(tmp_path, library, choice: int, secret: str) -> tuple[list[str], str, str]:
    """A one-round game by keyboard: answer option ``choice`` (or ``secret``), then
    guess option 1 (or "secretalpha") with the third confidence. Returns the screens the guesser saw before the reveal, the reveal's picture,
    and the reveal's text. Ends on the summary."""
    clock = Clock()
    couple_on_disk(tmp_path / f"saves-{choice}", library, clock)
    app = make_app(tmp_path / f"saves-{choice}", library, clock)
    shots = []
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await start(pilot, rounds=1)
        kind = await to_answer_screen(pilot)
        assert kind.value == library.decks[0].questions[0].kind.value
        await escape_and_resume(pilot, AnswerScreen)
        await pick(pilot, kind, choice, secret)
        await pilot.press("ctrl+s")
        await wait_for(pilot, HandoffScreen)
        shots.append(app.export_screenshot())
        await pilot.press("enter")
        await wait_for(pilot, GuessScreen)
        await escape_and_resume(pilot, GuessScreen)
        shots.append(app.export_screenshot())
        # Move around the guess screen: still nothing of the answer.
        await pilot.press("tab", "tab")
        shots.append(app.export_screenshot())
        app.screen.query_one(AnswerInput).focus_first()
        await commit_guess(pilot, kind, 1, "secretalpha", confidence=2)
        reveal, text = app.export_screenshot(), screen_text(app)
        await pilot.pause(0.05)
        await pilot.press("enter")
        await wait_for(pilot, SummaryScreen)
    return shots, reveal, text


@pytest.mark.parametrize("kind", [k.value for k in QuestionKind])
async def test_every_kind_by_keyboard_and_the_answer_is_never_on_screen_before_the_reveal(tmp_path, kind):
    """Each kind played by keyboard twice, the same seeded round with different
    answers: the same keys give the same answer (in sync the first time), and the
    hand-off and guess screens are the same picture whatever was answered."""
    library = one_kind_library(tmp_path, kind)
    first, reveal_first, text_first = await play_one_round(tmp_path, library, 1, "secretalpha")
    second, reveal_second, text_second = await play_one_round(tmp_path, library, 3, "secretomega")
    assert "In sync" in text_first and "In sync" not in text_second, (text_first, text_second)
    assert first == second, "a screen between commit and reveal depends on the answer"
    if kind == "text":
        assert not any("secretalpha" in shot for shot in first)
        assert "secretalpha" in reveal_first  # and the reveal does show it
    assert reveal_first != reveal_second
