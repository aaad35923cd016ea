"""The few questions that decide which situational questions fit a couple.

Used by the situation step before a couple's first game and by Settings.
``value`` is the Situation the controls say, or None while home is unanswered.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, RadioSet

from nuzzle_game.core.situation import HOME_CHOICES, Home, Situation
from nuzzle_game.ui.widgets.toggles import Tick
from nuzzle_game.ui.widgets.wrap_radio import WrapRadioButton


class SituationForm(Vertical):
    DEFAULT_CSS = """
    SituationForm { height: auto; }
    SituationForm RadioSet { width: 1fr; }
    """

    def __init__(self, situation: Situation | None, names: tuple[str, str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.situation = situation
        self.names = names

    def compose(self) -> ComposeResult:
        now = self.situation
        yield Label("Where do you live?")
        with RadioSet(id="home", compact=True):
            for home, text in HOME_CHOICES.items():
                yield WrapRadioButton(text, value=now is not None and now.home is home, id=f"home-{home.value}")
        yield Tick("You have children (little or grown)", now is not None and now.kids, id="kids", compact=True)
        yield Tick("You share your life with an animal", now is not None and now.pets, id="pets", compact=True)
        for i, name in enumerate(self.names):
            yield Tick(
                Content(f"{name} has a job or daily work"),
                now is not None and now.work[i],
                id=f"work-{i}",
                compact=True,
            )

    @property
    def value(self) -> Situation | None:
        pressed = self.query_one("#home", RadioSet).pressed_button
        if pressed is None or pressed.id is None:
            return None
        return Situation(
            home=Home(pressed.id.removeprefix("home-")),
            kids=self.query_one("#kids", Tick).value,
            pets=self.query_one("#pets", Tick).value,
            work=(self.query_one("#work-0", Tick).value, self.query_one("#work-1", Tick).value),
        )
