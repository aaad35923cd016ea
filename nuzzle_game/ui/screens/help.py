"""Help: how to play, and the keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

HELP = """\
# How to play

Sit side by side. Each round one of you **answers** a question about yourself,
as things are *right now*, while the other looks away. Then the other **guesses**
that answer and says how sure they are. Both are revealed together.

- A close guess is **in sync**. A miss is a **discovery**: something new on your map.
- "You were right 4 months ago" means the answer changed since: your picture was outdated.
- "That's your own answer" means the guess was your own view, not your partner's.
- For free-text questions the person who answered decides how close the guess was.

After a game, look at **things that changed** together, and talk about them.

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
