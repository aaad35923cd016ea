"""Things that changed, played through the UI: a list to talk about, not a log (DESIGN §5)."""

from __future__ import annotations

from datetime import timedelta

from helpers import first_value, other_value
from textual.widgets import OptionList
from ui_driver import SIZE, couple_on_disk, make_app, open_couple, wait_for, wait_until

from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.ui.screens.changes import CHANGE, FOLD, ChangesScreen
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.widgets.hanging import Hanging


def change_answers(saves, library, at, days_ago: list[int], start: int = 0) -> list[str]:
    """Sam's answers to starter questions, changed ``days_ago`` days before ``at`` (each first
    given a year before), written through the store; returns the option ids, newest first."""
    questions = [q for q in library.deck("starter").questions if q.kind.value != "text"][start : start + len(days_ago)]
    with SaveFolder(saves).open("alex-sam") as profile:
        state = profile.state
        for question, days in zip(questions, days_ago):
            state.love_maps[1].record(question, first_value(question), at - timedelta(days=365 + days), "old")
            state.love_maps[1].record(question, other_value(question), at - timedelta(days=days), "new")
            state._changed.add((1, question.id))
        profile.save_state()
    order = sorted(zip(days_ago, questions), key=lambda pair: pair[0])
    return [f"{CHANGE}1:{question.id}" for _, question in order]


def listing(app) -> OptionList:
    return app.screen.query_one("#changes-list", OptionList)


def options(app) -> list[tuple[str, str]]:
    """Every line of the list as (option id, its text); separators left out."""
    return [(o.id or "", str(o.prompt)) for o in listing(app).options]


def headings(app) -> list[str]:
    return [text for key, text in options(app) if not key.startswith(CHANGE)]


def highlighted(app) -> str:
    menu = listing(app)
    return menu.get_option_at_index(menu.highlighted).id


async def open_changes(pilot) -> None:
    await pilot.press("t")
    await wait_for(pilot, ChangesScreen)
    await pilot.pause()


async def test_new_first_marks_kept_in_the_save_and_new_since_the_last_look(tmp_path, library, clock):
    saves = tmp_path / "saves"
    couple_on_disk(saves, library, clock)
    recent = change_answers(saves, library, clock(), [1, 3, 30, 60])
    app = make_app(saves, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await open_changes(pilot)
        # Never looked: what changed in the last two weeks comes first, newest first; then the rest.
        assert headings(app) == ["New in the last two weeks (2)", "Still to talk about (2)"]
        assert [key for key, _ in options(app) if key.startswith(CHANGE)] == recent
        assert highlighted(app) == recent[0], "the cursor starts on the newest change"
        assert app.screen.active_bindings["space"].binding.description == "We talked about it"
        await pilot.press("space")
        await wait_until(pilot, lambda: FOLD in dict(options(app)), "the talked-about group")
        assert recent[0] not in dict(options(app)), "a talked-about change leaves the list, folded"
        assert highlighted(app) == recent[1], "the cursor goes on to the next change"
        assert "Talked about (1)" in dict(options(app))[FOLD]
        # Unfolded (Enter on its heading), it is there, marked; Space there takes the mark back.
        listing(app).highlighted = listing(app).get_option_index(FOLD)
        await pilot.press("enter")
        await wait_until(pilot, lambda: recent[0] in dict(options(app)), "the talked-about change shown")
        assert dict(options(app))[recent[0]].startswith("✓ ")
        await pilot.press("escape")
        await wait_for(pilot, HomeScreen)

    # Kept in the save: a new app finds it talked about, and nothing new since the last look.
    app = make_app(saves, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await open_changes(pilot)
        assert headings(app)[0] == "Still to talk about (3)" and "Talked about (1)" in headings(app)[-1]
        assert app.session.state.aggregates.changes_seen_at == clock()

    clock.advance(days=5)
    later = change_answers(saves, library, clock(), [1], start=10)  # changed after the last look
    app = make_app(saves, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await open_changes(pilot)
        assert headings(app)[:2] == ["New since you last looked (1)", "Still to talk about (3)"]
        assert highlighted(app) == later[0]


async def test_the_cursor_moves_over_changes_only_and_the_footer_says_how_to_mark(tmp_path, library, clock):
    saves = tmp_path / "saves"
    couple_on_disk(saves, library, clock)
    ids = change_answers(saves, library, clock(), [1, 2, 20, 21, 22, 23])
    app = make_app(saves, library, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_couple(pilot)
        await open_changes(pilot)
        seen = [highlighted(app)]
        for _ in range(5):
            await pilot.press("down")
            seen.append(highlighted(app))
        assert seen == ids, "down goes from change to change, over the headings between groups"
        footer = " ".join(b.binding.description for b in app.screen.active_bindings.values())
        assert "We talked about it" in footer and "Back" in footer


async def test_wrapped_lines_keep_their_indent_at_60_columns(tmp_path, library, clock):
    saves = tmp_path / "saves"
    couple_on_disk(saves, library, clock)
    change_answers(saves, library, clock(), [1, 2, 20, 21, 22, 23])
    app = make_app(saves, library, clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await open_couple(pilot)
        await open_changes(pilot)
        menu = listing(app)
        width = menu.scrollable_content_region.width
        wrapped = 0
        for option in menu.options:
            if not isinstance(option.prompt, Hanging):
                continue
            lines = option.prompt.wrapped(width).plain.split("\n")
            assert all(len(line) <= width for line in lines)
            # Under its item's head line, every line is indented: a wrapped one too.
            assert all(line.startswith("  ") for line in lines[1:]), lines
            wrapped += len(lines) > len(option.prompt.lines)
        assert wrapped, "some line wrapped at 60 columns"
