"""Nuzzle benchmarks, side by side: start-up, saving, drawing, memory.

    .venv/bin/python benchmarks/run.py            # prints the table
    .venv/bin/python benchmarks/run.py --write    # and records it in docs/benchmarks.md

The 5-year profile is made once with `nuzzle demo --years 5` and kept in
benchmarks/.data/ (use --fresh to make it again).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / ".data"
PROFILE = "five-years"
PY = sys.executable

TARGETS = {"start-up": 1.3, "saving": 1.5, "drawing": 3.0, "memory": 1.5}

# Each child prints one number (seconds or KiB) on its last line.
BARE_APP = r"""
import resource, sys, time
from textual.app import App
from textual.widgets import Footer, Static

class Bare(App):
    def compose(self):
        yield Static("Alex & Sam")
        yield Footer()

async def pilot(p):
    # Same ending as the Nuzzle child: content present, then one frame.
    while "Alex & Sam" not in str(p.app.query_one(Static).render()):
        await p.pause()
    await p.pause()
    p.app.exit()

Bare().run(headless=True, size=(80, 24), auto_pilot=pilot)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss if sys.argv[1] == "rss" else "")
"""

NUZZLE_APP = r"""
# Launched as `nuzzle` does (cli -> paths -> run_app), stopping at the first screen.
import resource, sys
from pathlib import Path
import nuzzle_game.cli
from nuzzle_game.paths import bundled_decks_dir
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.ui.app import AppConfig, NuzzleApp

async def pilot(p):
    from nuzzle_game.ui.screens.welcome import WelcomeScreen
    while not isinstance(p.app.screen, WelcomeScreen) or "Alex & Sam" not in str(
        p.app.screen.query_one("#couples").get_option_at_index(0).prompt
    ):
        await p.pause()
    await p.pause()
    if sys.argv[1] == "rss":  # the whole game on the profile: open it, to the couple's home
        from nuzzle_game.ui.screens.home import HomeScreen
        await p.press("enter")
        while not isinstance(p.app.screen, HomeScreen):
            await p.pause()
    p.app.exit()

app = NuzzleApp(AppConfig(saves=SaveFolder(Path(sys.argv[2])), deck_dirs=[bundled_decks_dir()]))
app.run(headless=True, size=(80, 24), auto_pilot=pilot)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss if sys.argv[1] == "rss" else "")
"""


def five_year_profile(fresh: bool) -> Path:
    saves = DATA / "saves"
    if fresh:
        shutil.rmtree(DATA, ignore_errors=True)
    if not (saves / PROFILE / "state.json").exists():
        saves.mkdir(parents=True, exist_ok=True)
        print("making the 5-year profile with `nuzzle demo --years 5` (a few minutes, once)…", flush=True)
        subprocess.run(
            [PY, "-m", "nuzzle_game", "--saves", str(saves), "demo", "--profile", PROFILE,
             "--players", "Alex,Sam", "--years", "5", "--seed", "5"],
            check=True,
        )
    return saves


def timed_child(code: str, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([PY, "-c", code, *args], check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def child_value(code: str, *args: str) -> float:
    out = subprocess.run([PY, "-c", code, *args], check=True, capture_output=True, text=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


def median(values: list[float]) -> float:
    return statistics.median(values)


def bench_startup(saves: Path, runs: int) -> tuple[float, float]:
    bare, nuzzle = [], []
    for _ in range(runs):  # interleaved, so drift in the machine hits both
        bare.append(timed_child(BARE_APP, "time"))
        nuzzle.append(timed_child(NUZZLE_APP, "time", str(saves)))
    return median(nuzzle), median(bare)


def bench_memory(saves: Path, runs: int) -> tuple[float, float]:
    bare = [child_value(BARE_APP, "rss") for _ in range(runs)]
    nuzzle = [child_value(NUZZLE_APP, "rss", str(saves)) for _ in range(runs)]
    return median(nuzzle) / 1024, median(bare) / 1024  # MiB


def bench_saving(saves: Path, runs: int) -> tuple[float, float]:
    sys.path.insert(0, str(ROOT))
    from nuzzle_game.decks import bundled_decks_dir, load_decks
    from nuzzle_game.demo import run_demo
    from nuzzle_game.store.folder import SaveFolder

    library = load_decks([bundled_decks_dir()])
    old, new = [], []
    for run in range(runs):
        work = Path(tempfile.mkdtemp(prefix="nuzzle-bench-"))
        try:
            shutil.copytree(saves / PROFILE, work / PROFILE)
            folder = SaveFolder(work)
            started = time.perf_counter()
            run_demo(folder, library, PROFILE, ("Alex", "Sam"), 20, seed=100 + run).close()
            old.append(time.perf_counter() - started)
            started = time.perf_counter()
            run_demo(folder, library, f"new-{run}", ("Alex", "Sam"), 20, seed=100 + run).close()
            new.append(time.perf_counter() - started)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return median(old), median(new)


# One game's drawing in a fresh process: the decks are loaded (not timed: that
# is deck loading, once per deck set), then the clock runs over the pool build
# and the 8 draws of a game, for a couple with 5 years of answers.
DRAWING = r"""
import random, sys, time
from datetime import datetime, timedelta, timezone
from nuzzle_game.decks import DeckLibrary, bundled_decks_dir, load_decks
from nuzzle_game.drawing import draw_next
from nuzzle_game.models import Deck

size, decks_n = int(sys.argv[1]), 16
base = load_decks([bundled_decks_dir()]).questions
now = datetime(2030, 1, 1, tzinfo=timezone.utc)
decks = [
    Deck.model_construct(
        id=f"d{d}", title="Bench", description="Bench", sensitive=False, checkin=d == 0,
        questions=[base[i % len(base)].model_copy(update={"id": f"bench.{i}", "deck_id": f"d{d}"})
                   for i in range(d, size, decks_n)],
    )
    for d in range(decks_n)
]
library = DeckLibrary(decks, [])
rng = random.Random(size)
questions = library.questions
# A long-played profile: half the questions asked at some point in 5 years.
asked = {q.id: now - timedelta(days=rng.uniform(0, 1800)) for q in questions[: size // 2]}
since = now - timedelta(days=1800)
started = time.perf_counter()
pool = library.pool(d.id for d in decks)
used = []
for index in range(8):
    used.append(draw_next(pool, rng=random.Random(index), now=now, round_index=index, total_rounds=8,
                          used=used, last_asked=asked, couple_since=since, tags={"shared_home", "work"}))
print(time.perf_counter() - started)
"""


def bench_drawing(runs: int) -> tuple[float, float]:
    """Pool build + 8 draws from 10,000 questions and from 100, each in fresh processes."""

    def once(size: int) -> float:
        out = subprocess.run([PY, "-c", DRAWING, str(size)], cwd=ROOT, capture_output=True, text=True, check=True)
        return float(out.stdout.strip().splitlines()[-1])

    big, small = [], []
    for _ in range(runs):
        big.append(once(10_000))
        small.append(once(100))
    return median(big), median(small)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="record the table in docs/benchmarks.md")
    parser.add_argument("--fresh", action="store_true", help="make the 5-year profile again")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    saves = five_year_profile(args.fresh)
    state = json.loads((saves / PROFILE / "state.json").read_text())
    games = state["aggregates"]["1"]["games"]

    rows = []
    nuzzle, bare = bench_startup(saves, args.runs)
    rows.append(("start-up", "launch to the first screen showing the couple",
                 f"{nuzzle * 1000:.0f} ms", "bare Textual app (Static + Footer)", f"{bare * 1000:.0f} ms", nuzzle / bare))
    old, new = bench_saving(saves, max(2, args.runs // 2))
    rows.append(("saving", "append 20 games to the 5-year profile",
                 f"{old:.2f} s", "append 20 games to a new profile", f"{new:.2f} s", old / new))
    big, small = bench_drawing(args.runs)
    rows.append(("drawing", "one game's drawing (pool build + 8 draws) from 10,000 questions",
                 f"{big * 1000:.1f} ms", "the same from 100", f"{small * 1000:.1f} ms", big / small))
    nuzzle_mb, bare_mb = bench_memory(saves, max(2, args.runs // 2))
    rows.append(("memory", "peak RSS, the game open on the 5-year profile",
                 f"{nuzzle_mb:.0f} MiB", "peak RSS, bare Textual app", f"{bare_mb:.0f} MiB", nuzzle_mb / bare_mb))

    header = "| what | Nuzzle | | baseline | | ratio | target | |"
    lines = [header, "|---|---|---|---|---|---|---|---|"]
    failed = 0
    for name, what, value, base_what, base_value, ratio in rows:
        ok = ratio <= TARGETS[name]
        failed += not ok
        lines.append(
            f"| {name} | {what} | {value} | {base_what} | {base_value} | {ratio:.2f}× | ≤ {TARGETS[name]}× | {'ok' if ok else 'MISSED'} |"
        )
    table = "\n".join(lines)
    context = (
        f"Profile: {games} games (`nuzzle demo --years 5`), "
        f"state.json {(saves / PROFILE / 'state.json').stat().st_size // 1024} KiB. "
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
        f"Medians of {args.runs} runs; {datetime.now():%Y-%m-%d}."
    )
    print(table)
    print(context)
    if args.write:
        doc = ROOT / "docs" / "benchmarks.md"
        text = doc.read_text() if doc.exists() else ""
        marker = "<!-- results -->"
        head = text.split(marker)[0] if marker in text else "# Benchmarks\n\n"
        doc.write_text(f"{head}{marker}\n\n{table}\n\n{context}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
