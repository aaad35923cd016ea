"""A browser seat fits the screen it is opened on (DESIGN §9, §11): phones and
desktops, pixel ratios 1, 2 and 3, turned and resized; and its palette is the
game's. Debian's Chromium through Playwright; marked ``browser``, never skipped.

Each page's pictures are kept to be looked at when ``NUZZLE_SHOTS`` names a folder.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from browser_support import (
    CAPTURE,
    GEOMETRY,
    TERMINAL,
    WAIT_MS,
    chromium,
    press,
    seen,
    settled,
    start_serve,
    stop,
    wait_until,
)
from conftest import Clock
from playwright.sync_api import sync_playwright
from review_support import couple_with_maps

from nuzzle_game.paths import bundled_decks_dir
from nuzzle_game.store.folder import SaveFolder

pytestmark = pytest.mark.browser

FOOTER = "Leave the table"  # the lobby's footer, on its last row
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
# Each page is fitted as opened, then turned or resized: the terminal follows it.
CASES = {
    "phone-2x": (PHONE, {"width": 844, "height": 390}),  # turned to landscape
    "small-phone-3x": ({**PHONE, "viewport": {"width": 360, "height": 740}, "device_scale_factor": 3}, None),
    "desktop-1x": (
        {"viewport": {"width": 1000, "height": 700}, "device_scale_factor": 1},
        {"width": 640, "height": 420},
    ),
}


def shots(tmp_path: Path) -> Path | None:
    """Where the pages' pictures go to be looked at: ``NUZZLE_SHOTS``, or none (a
    picture at a ratio of 2 or 3 costs more than the check it shows)."""
    if not os.environ.get("NUZZLE_SHOTS"):
        return None
    folder = Path(os.environ["NUZZLE_SHOTS"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep(page, folder: Path | None, name: str) -> None:
    if folder is not None:
        page.screenshot(path=str(folder / f"{name}.png"))


def check_fits(page, what: str, footer: str = FOOTER) -> dict:
    """The terminal's box is inside the page, every canvas holds as many pixels as
    its box at the page's ratio (not the ratio's square less), the page does not
    scroll, and the footer's text is on the terminal's last row."""
    g = page.evaluate(GEOMETRY)
    width, height = g["viewport"]
    left, top, right, bottom = g["box"]
    assert left >= 0 and top >= 0 and right <= width + 0.5 and bottom <= height + 0.5, (what, g["box"], g["viewport"])
    assert g["scroll"][0] <= width and g["scroll"][1] <= height, (what, "the page scrolls", g["scroll"])
    for pixels_w, pixels_h, box_w, box_h in g["canvases"]:
        assert abs(pixels_w - box_w * g["dpr"]) <= g["dpr"] + 1, (what, "canvas width", g["canvases"], g["dpr"])
        assert abs(pixels_h - box_h * g["dpr"]) <= g["dpr"] + 1, (what, "canvas height", g["canvases"], g["dpr"])
    # Readable at a phone's width: 40 columns or more, at 12 px or more.
    assert g["cols"] >= 40 and g["font"] >= 12, (what, g["cols"], g["font"])
    assert footer in g["text"][-1], (what, g["text"][-3:])
    return g


def open_seat(browser, url: str, options: dict, name: str = "Alex"):
    context = browser.new_context(**options)
    page = context.new_page()
    page.add_init_script(CAPTURE)
    page.add_init_script(TERMINAL)
    page.goto(url)
    page.wait_for_selector("body.-first-byte", timeout=WAIT_MS)
    try:
        wait_until(lambda: f"{name}'s seat" in seen(page) and FOOTER in seen(page), "the lobby")
    except AssertionError as error:
        shown = [line.strip() for line in seen(page).splitlines() if line.strip()]
        raise AssertionError(f"{error}; the page shows: {shown}") from None
    settled(page)
    return context, page


def fitted(page, what: str, footer: str = FOOTER) -> dict:
    """``check_fits`` once the terminal has been fitted and Textual has drawn it."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while True:
        try:
            settled(page)
            return check_fits(page, what, footer)
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def serving(tmp_path, library):
    """The table served, for a couple whose maps hold answers given up to now
    (the served table reads the real time, and the bundled decks)."""
    saves = SaveFolder(tmp_path / "saves")
    couple_with_maps(saves, library, Clock(datetime.now(UTC)))
    server, urls = start_serve(saves.root, bundled_decks_dir(), "alex-sam")
    try:
        yield urls
    finally:
        stop(server)


def test_a_seat_fits_phones_and_desktops_at_any_pixel_ratio(serving, tmp_path):
    folder = shots(tmp_path)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        try:
            # A page costs a Textual process at the table: each is fitted, then turned
            # or resized and fitted again, rather than opened twice.
            for name, (options, later) in CASES.items():
                context, page = open_seat(browser, serving[0], options)
                try:
                    before = fitted(page, name)
                    if later is not None:
                        page.set_viewport_size(later)
                        after = fitted(page, f"{name} after")
                        assert (after["cols"], after["rows"]) != (before["cols"], before["rows"])
                finally:
                    keep(page, folder, f"fit-{name}")
                    context.close()
        finally:
            browser.close()


def test_a_seat_fits_a_screen_whose_browser_scales_it(serving, tmp_path):
    """A real high-density screen: the browser's own scale, not the emulation above."""
    folder = shots(tmp_path)
    with sync_playwright() as playwright:
        for scale in ("2",):  # every phone and Retina laptop (3: emulated above)
            browser = playwright.chromium.launch(
                executable_path=chromium(),
                args=["--no-sandbox", f"--force-device-scale-factor={scale}", "--window-size=900,600"],
            )
            try:
                context, page = open_seat(browser, serving[0], {"no_viewport": True})
                assert page.evaluate("window.devicePixelRatio") == int(scale)
                fitted(page, f"forced {scale}x")
                keep(page, folder, f"fit-forced-{scale}x")
                context.close()
            finally:
                browser.close()


def palette(page, typed: str) -> None:
    press(page, "Control+p")
    page.keyboard.type(typed, delay=60)
    time.sleep(0.5)


def test_a_browser_seats_palette_opens_the_love_map_in_both_themes(serving, tmp_path):
    folder = shots(tmp_path)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        try:
            # On a phone, the smallest: a desktop's fit is checked above, its palette is the same.
            for name, options in [("phone-2x", PHONE)]:
                context, page = open_seat(browser, serving[0], options)
                try:
                    keep(page, folder, f"{name}-lobby-dark")
                    palette(page, "s")
                    wait_until(lambda: "Things that changed" in seen(page), "the palette")
                    shown = seen(page)
                    assert "Save an SVG" not in shown and "Quit the application" not in shown
                    keep(page, folder, f"{name}-palette-dark")
                    press(page, "Escape")
                    for theme in ("dark", "light"):
                        press(page, "l")
                        wait_until(lambda: "Your map of Sam" in seen(page) and "In sync" in seen(page), "map")
                        settled(page)
                        keep(page, folder, f"{name}-lovemap-{theme}")
                        press(page, "Escape", "t")
                        wait_until(lambda: "changed, newest first" in seen(page), "the changes")
                        settled(page)
                        keep(page, folder, f"{name}-changes-{theme}")
                        press(page, "Escape")
                        if theme == "dark":
                            palette(page, "light or dark")
                            press(page, "Enter")
                            settled(page)
                    keep(page, folder, f"{name}-lobby-light")
                    fitted(page, name)
                finally:
                    context.close()
        finally:
            browser.close()


def test_a_round_on_a_phone_shows_its_buttons_and_footer_in_both_themes(serving, tmp_path):
    folder = shots(tmp_path)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        try:
            phone, alex = open_seat(browser, serving[0], PHONE)
            # Sam only starts the check-in: a desktop at ratio 1 (the phone is what is checked).
            desk, sam = open_seat(browser, serving[1], CASES["desktop-1x"][0], "Sam")
            try:
                wait_until(lambda: "Sam is at the table." in seen(alex), "Sam at the table")
                press(sam, "c")  # Sam starts a check-in for both
                wait_until(lambda: "Pass on this one" in seen(alex), "Alex's round screen")
                for theme in ("dark", "light"):
                    settled(alex)
                    g = fitted(alex, f"phone round {theme}", footer="Pause")
                    assert any("Pass on this one" in row for row in g["text"]), g["text"]
                    keep(alex, folder, f"phone-2x-round-{theme}")
                    keep(sam, folder, f"desktop-1x-round-{theme}")
                    if theme == "dark":
                        palette(alex, "light or dark")
                        press(alex, "Enter")
            finally:
                phone.close()
                desk.close()
        finally:
            browser.close()
