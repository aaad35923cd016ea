"""In the light theme every text is readable (DESIGN §9): WCAG contrast of at least
4.5:1 for text, measured on the theme's colours and on what the screens draw."""

from __future__ import annotations

import pytest
from textual.color import Color
from ui_driver import couple_on_disk, make_app, open_couple, settle, wait_for, wait_until

from nuzzle_game.core.models import Confidence
from nuzzle_game.play.session import GameSession
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.ui.screens.changes import ChangesScreen
from nuzzle_game.ui.screens.home import HomeScreen
from nuzzle_game.ui.screens.lovemap import LoveMapScreen
from nuzzle_game.ui.screens.stats import StatsScreen
from nuzzle_game.ui.theme import LIGHT

TEXT = 4.5  # WCAG 2.1, 1.4.3, for text of any size


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula():
    assert contrast(Color.parse("#000000"), Color.parse("#ffffff")) == pytest.approx(21)
    assert contrast(Color.parse("#777777"), Color.parse("#ffffff")) == pytest.approx(4.48, abs=0.01)


COLOURS = {**LIGHT.to_color_system().generate(), **LIGHT.variables}
# Where text is drawn, and the colours text is drawn in, by the screens and the
# widgets they use (titles in $accent, marks in $success and $warning, the
# Footer's keys, a highlighted row's text...).
BACKGROUNDS = [
    "background",
    "surface",
    "panel",
    "footer-background",
    "block-cursor-background",
    "block-cursor-blurred-background",
    "block-hover-background",
]
TEXTS = [
    "foreground",
    "text-muted",
    "text-disabled",
    "accent",
    "text-accent",
    "warning",
    "text-warning",
    "success",
    "text-success",
    "error",
    "text-error",
    "primary",
    "text-primary",
    "secondary",
    "text-secondary",
    "footer-key-foreground",
    "footer-description-foreground",
    "block-cursor-foreground",
]


@pytest.mark.parametrize("text", TEXTS)
def test_every_text_colour_of_the_light_theme_reads_on_every_background(text):
    colour = Color.parse(COLOURS[text])
    low = {
        background: round(ratio, 2)
        for background in BACKGROUNDS
        if (ratio := contrast(colour, Color.parse(COLOURS[background]))) < TEXT
    }
    assert not low, f"${text} {COLOURS[text]} is too faint on {low}"


# ------------------------------------------------------------------ drawn

GRAPHICS = set("█▒░▓▁▂▃▄▅▆▇─│┤┘└┌┐├┬┴┼━┃╸╺╴╶▔▕▏▎▍▌▋▊▉·_▶▸▾✦○✓•…")


def faint_text(app) -> dict[tuple[str, str], tuple[float, str]]:
    """Text the screen draws now at less than 4.5:1: (colour, background) → (ratio, a sample).

    Bars and chart cells are graphics, not text (WCAG asks 3:1 of them), and left out."""
    low: dict[tuple[str, str], tuple[float, str]] = {}
    # The screen as drawn, cell by cell (the compositor's strips: what a snapshot shows).
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            text = "".join(ch for ch in segment.text if not ch.isspace() and ch not in GRAPHICS)
            if not text or style is None or style.color is None or style.bgcolor is None:
                continue
            fg, bg = (style.bgcolor, style.color) if style.reverse else (style.color, style.bgcolor)
            colour, background = Color.from_rich_color(fg), Color.from_rich_color(bg)
            ratio = contrast(colour, background)
            if ratio < TEXT:
                low[(colour.hex, background.hex)] = (round(ratio, 2), segment.text.strip())
    return low


@pytest.fixture
def light_couple(tmp_path, library, clock):
    """A couple with history, changed answers, and a game in progress (the home's resume)."""
    saves = tmp_path / "saves"
    couple_on_disk(saves, library, clock, games=6)
    with SaveFolder(saves).open("alex-sam") as profile:
        session = GameSession(profile, library, clock=clock)
        session.start(rounds=4, seed=9)
        question = session.question(session.round.question_id)
        session.answer(question.options[0] if question.options else "a walk")
        session.guess(question.options[-1] if question.options else "a nap", Confidence.SURE)
        session.reveal()
        profile.save_state()
    clock.advance(days=1)
    return saves


@pytest.mark.parametrize(
    "key, screen",
    [(None, HomeScreen), ("t", ChangesScreen), ("l", LoveMapScreen), ("s", StatsScreen)],
    ids=["home", "changes", "love-map", "stats"],
)
async def test_every_text_drawn_in_the_light_theme_reads(light_couple, library, clock, key, screen):
    app = make_app(light_couple, library, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_couple(pilot)
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: not app.current_theme.dark, "the light theme")
        assert app.current_theme is LIGHT
        if key:
            await pilot.press(key)
        await wait_for(pilot, screen)
        await settle(pilot)
        if screen is HomeScreen:
            assert "Resume" in str(app.screen.query_one("#home").get_option_at_index(0).prompt)
        low = faint_text(app)
        assert not low, f"too faint to read in the light theme: {low}"


def test_the_light_theme_is_the_one_the_app_uses(tmp_path, library, clock):
    app = make_app(tmp_path / "saves", library, clock)
    assert app.get_theme("textual-light") is LIGHT
