"""Nuzzle's light theme: warm, quiet, and every text readable (DESIGN §9).

Textual's own light theme draws its accent and warning (orange, #ffa62b) and its
success (green) as text on light grey at less than 2:1, far from the 4.5:1 text
needs (WCAG 2.1, 1.4.3). Here the same hues are dark enough to read as text on
every background the screens put them on; tests/test_theme_contrast.py measures it.

It is registered under the name of the theme it replaces, ``textual-light``, so
every place that names the light theme (the saved setting, the settings screen,
the seats' apps once they register it too) gets this one.
"""

from __future__ import annotations

from textual.app import App
from textual.theme import Theme

LIGHT_NAME = "textual-light"

BACKGROUND = "#F5F2EC"  # warm paper
SURFACE = "#ECE7DF"  # lists, tables, inputs
PANEL = "#E1DBD0"  # the header and the footer
FOREGROUND = "#1F1B17"

LIGHT = Theme(
    name=LIGHT_NAME,
    primary="#1D4F8C",  # deep blue
    secondary="#2D5E9E",
    accent="#9A4600",  # burnt orange: titles, charts
    warning="#865300",  # amber, dark enough to read
    error="#A8233A",
    success="#1F6633",  # green, dark enough to read
    foreground=FOREGROUND,
    background=BACKGROUND,
    surface=SURFACE,
    panel=PANEL,
    dark=False,
    variables={
        # The highlighted row of a list is a light tint with dark text, so that any
        # coloured text on it (a resumed game's green, a title's orange) still reads.
        "block-cursor-background": "#C7D9EE",
        "block-cursor-foreground": FOREGROUND,
        "block-cursor-blurred-background": "#DCE3EA",
        "block-cursor-blurred-foreground": FOREGROUND,
        "block-hover-background": "#E3DED5",
        "text-muted": "#5A544C",
        "text-disabled": "#5C564E",  # placeholders too: they are text to read
        "footer-key-foreground": "#1D4F8C",
        "footer-description-foreground": FOREGROUND,
        "footer-background": PANEL,
        "footer-item-background": PANEL,
        "input-selection-background": "#1D4F8C 35%",
        "scrollbar": "#A79F92",
        "scrollbar-hover": "#8E8577",
        "scrollbar-active": "#766D60",
        "scrollbar-background": "#E4DFD6",
        "scrollbar-background-hover": "#E4DFD6",
        "scrollbar-background-active": "#E4DFD6",
    },
)


def register_themes(app: App[object]) -> None:
    """Put Nuzzle's light theme in place of Textual's, before the app picks one."""
    app.register_theme(LIGHT)
