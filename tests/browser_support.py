"""Run `nuzzle serve` and open its seats in Debian's Chromium (Playwright).

Shared by tests/test_browser.py and benchmarks/two_screens.py. Playwright
cannot download browsers here: the system's chromium is required, and its
absence is an error, not a skip.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHOICE_DECK = """
id = "browser"
title = "Browser"
description = "Plain choices, so a round can be played by keys alone."
unlock = { type = "always" }
checkin = true
""" + "".join(
    f"""
[[questions]]
id = "browser.q{i}"
kind = "choice"
dimension = "emotional"
depth = 1
text = "Which would you pick for evening {i}?"
options = ["Reading together", "A long walk", "Cooking something new"]
"""
    for i in range(4)
)

# Keep every byte a seat's websocket receives, as text without escape codes.
CAPTURE = r"""
(() => {
  window.__seen = "";
  const decoder = new TextDecoder();
  const Native = window.WebSocket;
  window.WebSocket = function (url, protocols) {
    const socket = new Native(url, protocols);
    socket.addEventListener("message", (event) => {
      const text = typeof event.data === "string" ? event.data : decoder.decode(event.data, {stream: true});
      window.__seen += text.replace(/\x1b\[[0-9;?<>=]*[ -\/]*[@-~]/g, "").replace(/\x1b[\]P_^][^\x07\x1b]*(\x07|\x1b\\)/g, "");
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();
"""


def chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        raise RuntimeError("Debian's chromium is not installed: apt-get install -y chromium")
    return path


def make_deck(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "browser.toml").write_text(CHOICE_DECK)
    return folder


def start_serve(
    saves: Path, decks: Path, profile: str, timeout: float = 20, extra: tuple[str, ...] = ()
) -> tuple[subprocess.Popen, list[str]]:
    """Start `nuzzle serve` on a free port; returns the process and both seat URLs."""
    process = subprocess.Popen(
        [sys.executable, "-m", "nuzzle_game", "--saves", str(saves), "--decks", str(decks), "serve", profile, *extra],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    urls: list[str] = []
    deadline = time.monotonic() + timeout
    while len(urls) < 2 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        urls += re.findall(r"https?://127\.0\.0\.1:\d+/seat/\d/\S+", line)
    if len(urls) < 2:
        process.kill()
        raise RuntimeError("nuzzle serve did not print two seat links: " + process.stderr.read())
    return process, urls


def stop(process: subprocess.Popen) -> tuple[str, str]:
    process.send_signal(2)  # Ctrl+C
    try:
        return process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, and its key (PEM), by openssl."""
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        + ["-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=localhost"]
        + ["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True,
        capture_output=True,
    )
    return cert, key


# The xterm.js terminal textual.js makes, caught as it is made (``window.__terminal``),
# so a test can read its rows: what the page draws on its canvases. Only for
# looking; nothing on the page uses it.
TERMINAL = r"""
Object.defineProperty(Object.prototype, "_addonManager", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "_addonManager", {value, writable: true, configurable: true, enumerable: true});
    window.__terminal = this;
  },
});
"""

# Where the terminal is on the page and how it is drawn: its box, each canvas's
# pixels against its box, the terminal's size and font, and its rows' text.
GEOMETRY = r"""() => {
  const t = window.__terminal;
  const screen = document.querySelector(".xterm-screen").getBoundingClientRect();
  const buffer = t.buffer.active;
  const rows = [];
  for (let y = 0; y < t.rows; y++) rows.push(buffer.getLine(buffer.viewportY + y).translateToString(true));
  return {
    dpr: window.devicePixelRatio,
    viewport: [window.innerWidth, window.innerHeight],
    scroll: [document.scrollingElement.scrollWidth, document.scrollingElement.scrollHeight],
    box: [screen.left, screen.top, screen.right, screen.bottom],
    canvases: [...document.querySelectorAll(".xterm-screen canvas")].map((c) => {
      const r = c.getBoundingClientRect();
      return [c.width, c.height, r.width, r.height];
    }),
    cols: t.cols, rows: t.rows, font: Number(t.options.fontSize), text: rows,
  };
}"""


# Deadlines for what is expected to come (a page's Textual process starts, a
# screen is drawn): long, so a loaded machine is slower, not failing. Under twice
# the load of two cores a page's first lobby took over 15 s.
WAIT_MS = 45_000


def wait_until(check, what: str, timeout: float = WAIT_MS / 1000) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def settled(page, quiet: float = 0.4) -> None:
    """Wait until the page's terminal has had nothing new for ``quiet`` seconds."""
    last, since = -1, time.monotonic()
    deadline = since + WAIT_MS / 1000
    while time.monotonic() < deadline:
        now = len(seen(page))
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.05)
    raise AssertionError("the page never settled")


def press(page, *keys: str) -> None:
    """Keys at a person's pace: each one reaches the App before the next."""
    for key in keys:
        page.keyboard.press(key)
        time.sleep(0.3)


def seen(page) -> str:
    return page.evaluate("window.__seen")
