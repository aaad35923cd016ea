"""The footer keeps its keys while the focus moves among widgets with the same
keys, and shows new ones as soon as they change (ui/widgets/footer.py)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button
from textual.widgets._footer import FooterKey
from ui_driver import wait_until

from nuzzle_game.ui.widgets.footer import Footer


class Keyed(Button):
    BINDINGS = [Binding("k", "noop", "Keyed only")]

    def action_noop(self) -> None:
        pass


class Three(App[None]):
    BINDINGS = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")
        yield Keyed("keyed", id="keyed")
        yield Footer()


def keys(app: App[None]) -> list[FooterKey]:
    return list(app.screen.query(FooterKey))


def words(app: App[None]) -> list[str]:
    return [key.description for key in keys(app)]


async def test_the_footer_keeps_its_keys_while_they_stay_the_same():
    app = Three()
    async with app.run_test(size=(60, 10)) as pilot:
        await wait_until(pilot, lambda: "Quit" in words(app), "the footer")
        app.query_one("#one").focus()
        await pilot.pause()
        before = keys(app)
        app.query_one("#two").focus()  # the same keys
        await pilot.pause()
        await pilot.pause()
        assert keys(app) == before, "made again for the same keys"
        app.query_one("#keyed").focus()  # one more key
        await wait_until(pilot, lambda: "Keyed only" in words(app), "the new key")
        app.query_one("#one").focus()
        await wait_until(pilot, lambda: "Quit" in words(app) and "Keyed only" not in words(app), "the key gone again")


class Blurred(Three):
    """An app that has not been told it has the focus: a browser seat starts so
    (Textual's web driver posts a blur at start, and a focus only when the page
    says so, which a slow machine can deliver before that blur)."""

    def on_mount(self) -> None:
        self.app_focus = False


async def test_the_footer_shows_its_keys_before_the_app_has_the_focus():
    app = Blurred()
    async with app.run_test(size=(60, 10)) as pilot:
        await wait_until(pilot, lambda: "Quit" in words(app), "the footer while the app has no focus")
        assert not app.app_focus
