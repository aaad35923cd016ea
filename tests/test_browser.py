"""A real browser: `nuzzle serve`, two pages of Debian's Chromium, one round.

Marked ``browser``; it fails (never skips) when chromium or Playwright is
missing, so CI cannot pass without them.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import threading
import time

import pytest
from browser_support import (
    CAPTURE,
    WAIT_MS,
    chromium,
    make_certificate,
    make_deck,
    press,
    seen,
    settled,
    start_serve,
    stop,
    wait_until,
)
from conftest import make_couple
from playwright.sync_api import sync_playwright

from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.store.profile import ProfileReader

pytestmark = pytest.mark.browser


@contextlib.contextmanager
def another_site():
    """A page on another origin (another port of 127.0.0.1)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Blank)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Blank(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<!DOCTYPE html><title>elsewhere</title>")

    def log_message(self, *args) -> None:
        pass


def game(saves: SaveFolder):
    return ProfileReader(saves, "alex-sam").state.active_game


def test_two_browser_pages_play_a_round_and_see_the_same_reveal(tmp_path):
    saves = SaveFolder(tmp_path / "saves")
    saves.create(make_couple()).close()
    decks = make_deck(tmp_path / "decks")
    server, urls = start_serve(saves.root, decks, "alex-sam")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
            pages = []
            try:
                # No secret: no page. Another site, even with the secret: no websocket.
                stranger = browser.new_page()
                assert stranger.goto(urls[0].rsplit("/", 1)[0] + "/not-the-secret").status == 403
                with another_site() as elsewhere:
                    stranger.goto(elsewhere)
                    refused = stranger.evaluate(
                        """url => new Promise(done => {
                            const s = new WebSocket(url);
                            s.onopen = () => done("opened"); s.onerror = () => done("refused");
                        })""",
                        urls[0].replace("http://", "ws://").replace("/seat/", "/ws/"),
                    )
                assert refused == "refused"
                for url in urls:
                    page = browser.new_page(viewport={"width": 900, "height": 560})
                    page.add_init_script(CAPTURE)
                    page.goto(url)
                    pages.append(page)
                for page in pages:
                    page.wait_for_selector("body.-first-byte", timeout=WAIT_MS)
                    # Keys work without a click: the terminal has the focus on load.
                    wait_until(
                        lambda: page.evaluate("document.activeElement.className") == "xterm-helper-textarea",
                        "the terminal to take the focus",
                    )
                wait_until(lambda: "Sam is at the table." in seen(pages[0]), "Alex's lobby")
                settled(pages[0])
                pages[0].keyboard.press("c")  # Alex starts a check-in for both
                round_ = wait_until(lambda: (g := game(saves)) and g.current, "the first round")
                answerer, guesser = pages[round_.answerer], pages[1 - round_.answerer]
                wait_until(lambda: "your answer, for yourself" in seen(answerer), "the answer screen")
                wait_until(lambda: "what would" in seen(guesser), "the guess screen")
                settled(answerer)
                press(answerer, "Enter", "Control+s")  # the first option, committed
                wait_until(lambda: game(saves).current.answer is not None, "the answer saved")
                wait_until(lambda: "has answered" in seen(guesser), "the guesser told")
                settled(guesser)
                # The second option; Tab to "How sure are you?", sure; commit.
                press(guesser, "ArrowDown", "Enter", "Tab", "Enter", "Control+s")
                result = wait_until(lambda: game(saves).rounds[0].result, "the reveal saved")
                score = f"accuracy {result.accuracy:.0%} · {result.points} points"
                for page in pages:
                    wait_until(lambda: score in seen(page), "the reveal on both pages")
                    assert "Reading together" in seen(page) and "A long walk" in seen(page)
            except BaseException:
                for i, page in enumerate(pages):  # what each seat showed, to see why
                    page.screenshot(path=str(tmp_path / f"seat-{i}.png"))
                    (tmp_path / f"seat-{i}.txt").write_text(seen(page))
                raise
            finally:
                browser.close()
    finally:
        out, err = stop(server)
    assert "The table is closed" in out, err
    assert json.loads((saves.root / "alex-sam" / "game.json").read_text())  # saved as in hot seat


def on_top(page, selector: str) -> bool:
    """Whether ``selector`` is painted above the terminal, at the page's middle and
    its corner. (Hit-testing skips the closed terminal, inert and without pointer
    events: both are lifted while looking, so only the stacking counts.)"""
    return page.evaluate(
        """selector => {
            const probe = document.createElement("style");
            probe.textContent = ".textual-terminal, .textual-terminal * { pointer-events: auto !important; }";
            document.head.appendChild(probe);
            const terminal = document.getElementById("terminal");
            const inert = terminal.inert;
            terminal.inert = false;
            try {
                return [[innerWidth / 2, innerHeight / 2], [30, 30]].every(([x, y]) => {
                    const hit = document.elementFromPoint(x, y);
                    return hit !== null && hit.closest(selector) !== null;
                });
            } finally {
                probe.remove();
                terminal.inert = inert;
            }
        }""",
        selector,
    )


def test_a_seat_opened_elsewhere_says_so_on_top_and_takes_no_keys(tmp_path):
    saves = SaveFolder(tmp_path / "saves")
    saves.create(make_couple()).close()
    server, urls = start_serve(saves.root, make_deck(tmp_path / "decks"), "alex-sam")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
            pages = []
            try:
                for _ in range(2):  # Alex's link, in a first tab and then a second
                    page = browser.new_page(viewport={"width": 900, "height": 560})
                    page.add_init_script(CAPTURE)
                    pages.append(page)
                first, second = pages
                first.goto(urls[0])
                first.wait_for_selector("body.-first-byte", timeout=WAIT_MS)
                # In a browser, Sam is told to open their link, not to run a command.
                wait_until(lambda: "Sam isn't at the table yet: they open their link." in seen(first), "the lobby")
                assert "nuzzle join" not in seen(first)
                settled(first)
                second.goto(urls[0])
                second.wait_for_selector("body.-first-byte", timeout=WAIT_MS)
                first.wait_for_selector("body.-elsewhere", timeout=WAIT_MS)
                notice = first.locator(".notice.elsewhere")
                assert notice.is_visible() and "Alex’s seat was opened somewhere else." in notice.inner_text()
                assert not first.locator(".notice.closed").is_visible()
                assert on_top(first, ".notice.elsewhere"), "the notice is under the terminal"
                # Nothing on the old page takes a key or a click any more.
                assert first.evaluate("document.getElementById('terminal').inert")
                assert first.evaluate("document.activeElement.className") != "xterm-helper-textarea"
                before = seen(first)
                first.mouse.click(450, 280)
                first.keyboard.press("c")
                time.sleep(0.5)
                assert seen(first) == before
                # The seat goes on in the second tab.
                wait_until(lambda: "Alex's seat" in seen(second), "the seat in the second tab")
                assert not second.evaluate("document.body.classList.contains('-elsewhere')")
                # When the table closes, that tab says so, above its last frame too.
                server.send_signal(2)
                second.wait_for_selector("body.-closed", timeout=WAIT_MS)
                assert second.locator(".notice.closed").is_visible() and on_top(second, ".notice.closed")
                assert not second.locator(".notice.elsewhere").is_visible()
            except BaseException:
                for i, page in enumerate(pages):
                    page.screenshot(path=str(tmp_path / f"tab-{i}.png"))
                raise
            finally:
                browser.close()
    finally:
        stop(server)


def test_a_seat_served_over_tls_plays_over_https_and_wss(tmp_path):
    saves = SaveFolder(tmp_path / "saves")
    saves.create(make_couple()).close()
    cert, key = make_certificate(tmp_path / "tls")
    extra = ("--tls", str(cert), str(key))
    server, urls = start_serve(saves.root, make_deck(tmp_path / "decks"), "alex-sam", extra=extra)
    try:
        assert urls[0].startswith("https://")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
            try:
                context = browser.new_context(ignore_https_errors=True)  # the test's own certificate
                page = context.new_page()
                page.add_init_script(CAPTURE)
                sockets = []
                page.on("websocket", lambda socket: sockets.append(socket.url))
                page.goto(urls[0])
                page.wait_for_selector("body.-first-byte", timeout=WAIT_MS)
                wait_until(lambda: "Alex's seat" in seen(page), "the seat over TLS")
                assert sockets and all(url.startswith("wss://127.0.0.1:") for url in sockets), sockets
            finally:
                browser.close()
    finally:
        stop(server)
