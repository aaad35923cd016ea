"""Help: how to play, and the keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from nuzzle_game.ui.widgets.footer import Footer

HELP = """\
# How to play

Sit side by side. Each round one of you **answers** a question about yourself,
as things are *right now*, while the other looks away. Then the other **guesses**
that answer and says how sure they are. Both are revealed together.

- A guess that is right, or nearly (80% or more), is **in sync**.
- A guess that is half right or more is **close**: almost, one nuance to learn.
- A guess further off is **new on your map**: a discovery, something new to learn.
- "You were right 4 months ago" means the answer changed since: your picture was outdated.
- "That's your own answer" means the guess was your own view, not your partner's.
- For free-text questions the person who answered decides how close the guess was.

After a game, look at **things that changed** together, and talk about them.

# Days played

A game or a check-in counts its day once: a check-in in halves, once both halves
are in. New decks open as you play, at most one a game, and keep coming for about
half a year of days played; the home names the next one. Days in a row make your
**streak**: 7, 30, 100 and 365 days (then every year) are celebrated, once each.

# Keys

- **Tab / Shift+Tab** move between controls, **Enter** or **Space** choose.
- **Ctrl+S** commits an answer or a guess; **Escape** pauses a game (resume from home).
- Ranking: **Shift+↑ / Shift+↓** (or **-** / **+**) move the highlighted item.
- **Ctrl+P** opens the command palette: every screen is there.
- **Ctrl+T** switches light and dark; **Ctrl+Q** quits (your game is saved).
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Markdown(HELP)
        yield Footer()
