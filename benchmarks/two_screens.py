"""Two screens: how fast the reveal reaches both seats, and a browser seat's first screen.

    .venv/bin/python benchmarks/two_screens.py            # prints the rows
    .venv/bin/python benchmarks/two_screens.py --write    # and records them in docs/benchmarks.md

- *reveal*: a table on a fresh profile and two seats on its wire (127.0.0.1);
  from the moment the last commit is sent to the moment both seats hold a view
  with the reveal. Target: ≤ 0.5 s.
- *browser seat*: `nuzzle serve`, one Chromium page (Debian's, through
  Playwright); from the navigation to the seat's first screen (its lobby) drawn in
  the page. `serve` starts each seat's App ahead of its page; loads are a few
  seconds apart, as when a person opens a link. Target: ≤ 3 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser_support import CAPTURE, chromium, make_deck, start_serve, stop  # noqa: E402
from conftest import make_couple  # noqa: E402
from helpers import first_value, other_value  # noqa: E402

from nuzzle_game.clock import system_clock  # noqa: E402
from nuzzle_game.paths import bundled_decks_dir  # noqa: E402
from nuzzle_game.play.moves import AnswerMove, GuessMove, ReadMove, VerdictMove  # noqa: E402
from nuzzle_game.store.deck_files import load_decks  # noqa: E402
from nuzzle_game.store.folder import SaveFolder  # noqa: E402
from nuzzle_game.table.client import SeatClient  # noqa: E402
from nuzzle_game.table.server import Table  # noqa: E402
from nuzzle_game.table.wire import SeatUpdate, Start  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
SPARE_WAIT = 5.0  # seconds between loads: as long as a person takes to open a link
HEADING = "## Two screens"


class Watcher:
    """A seat that notes when each view arrives."""

    def __init__(self, client: SeatClient) -> None:
        self.client = client
        self.latest: SeatUpdate | None = None
        self.changed = asyncio.Event()

    async def listen(self) -> None:
        while (message := await self.client.receive()) is not None:
            if isinstance(message, SeatUpdate):
                self.latest = message
                self.changed.set()

    async def until(self, ready) -> float:
        while not (self.latest is not None and ready(self.latest)):
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), 10)
        return time.perf_counter()


async def reveal_latencies(games: int) -> list[float]:
    library = load_decks([bundled_decks_dir()])
    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = SaveFolder(Path(tmp) / "saves")  # durable, as a real game saves
        folder.create(make_couple()).close()
        table = Table(folder, "alex-sam", library, clock=system_clock, seed=1)
        await table.open()
        seats = [Watcher(SeatClient(table.connection, i)) for i in (0, 1)]
        for seat in seats:
            await seat.client.connect()
        tasks = [asyncio.create_task(s.listen()) for s in seats]
        try:
            for _ in range(games):
                await seats[0].client.send(Start(mode="check-in"))
                for _number in range(3):
                    await seats[0].until(lambda v: v.game and v.game.round and v.game.result is None)
                    info = seats[0].latest.game.round
                    answerer, guesser = seats[info.answerer], seats[info.guesser]
                    await answerer.client.send(AnswerMove(value=first_value(info.question)))
                    await answerer.until(lambda v: v.game.my_answer is not None)
                    text = info.question.kind.value == "text"
                    sent = time.perf_counter()
                    await guesser.client.send(GuessMove(value=other_value(info.question), confidence="sure"))
                    if text:  # the last commit of a text round is the answerer's verdict
                        await answerer.until(lambda v: v.game.verdict is not None)
                        sent = time.perf_counter()
                        await answerer.client.send(VerdictMove(verdict="close"))
                    arrived = [await s.until(lambda v: v.game.result is not None) for s in seats]
                    times.append(max(arrived) - sent)
                    for seat in seats:
                        await seat.client.send(ReadMove())
                for seat in seats:
                    await seat.until(lambda v: v.game is not None and v.game.summary is not None)
                    await seat.client.send(ReadMove())
                for seat in seats:
                    await seat.until(lambda v: v.game is None)
        finally:
            for seat in seats:
                await seat.client.close()
            await asyncio.gather(*tasks, return_exceptions=True)
            await table.close()
    return times


def browser_first_screens(loads: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        saves = SaveFolder(Path(tmp) / "saves")
        saves.create(make_couple()).close()
        server, urls = start_serve(saves.root, make_deck(Path(tmp) / "decks"), "alex-sam")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
                page = browser.new_page(viewport={"width": 900, "height": 560})
                page.add_init_script(CAPTURE)
                page.goto("about:blank")
                time.sleep(SPARE_WAIT)  # serve starts each seat's App ahead of its page
                for _ in range(loads):
                    started = time.perf_counter()
                    page.goto(urls[0])
                    page.wait_for_function("window.__seen && window.__seen.includes('Daily check-in')", timeout=20_000)
                    times.append(time.perf_counter() - started)
                    page.goto("about:blank")
                    time.sleep(SPARE_WAIT)  # the seat's App closes; the next one starts
                browser.close()
        finally:
            stop(server)
    return times


def rows(reveal: list[float], browser: list[float]) -> str:
    r_med, r_max = statistics.median(reveal), max(reveal)
    b_med, b_max = statistics.median(browser), max(browser)
    load = os.getloadavg()[0]
    return "\n".join(
        [
            "| what | measured | median | worst | target | |",
            "|---|---|---|---|---|---|",
            f"| reveal | last commit sent → both seats hold the reveal ({len(reveal)} rounds, wire on 127.0.0.1) "
            f"| {r_med * 1000:.0f} ms | {r_max * 1000:.0f} ms | ≤ 0.5 s | {'ok' if r_max <= 0.5 else 'over'} |",
            f"| browser seat | page opened → the seat's first screen drawn ({len(browser)} loads, Chromium) "
            f"| {b_med:.2f} s | {b_max:.2f} s | ≤ 3 s | {'ok' if b_med <= 3 else 'over'} |",
            "",
            f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"load average {load:.1f} while measuring; {date.today():%Y-%m-%d}. "
            "`.venv/bin/python benchmarks/two_screens.py --write`.",
        ]
    )


def write(table: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    section = (
        f"{HEADING}\n\n"
        "How quickly two screens feel together (`benchmarks/two_screens.py`): the reveal "
        "reaching both seats after the last commit, and a browser seat's first screen "
        "under `nuzzle serve`.\n\n" + table + "\n"
    )
    if HEADING in text:
        text = text[: text.index(HEADING)].rstrip() + "\n\n" + section
    else:
        text = text.rstrip() + "\n\n" + section
    DOC.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="record the rows in docs/benchmarks.md")
    parser.add_argument("--games", type=int, default=4, help="check-ins to time the reveal over")
    parser.add_argument("--loads", type=int, default=5, help="browser page loads")
    args = parser.parse_args()
    reveal = asyncio.run(reveal_latencies(args.games))
    browser = browser_first_screens(args.loads)
    table = rows(reveal, browser)
    print(table)
    if args.write:
        write(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
