"""The programs benchmarks/run.py runs in fresh child processes (``python -c``).

Each prints on its last line what the row measures: when its screens were
painted, a peak memory in KiB, or seconds.
"""

EXPORT_CHILD = r"""
# `nuzzle export PROFILE --format json` to /dev/null; prints this process's peak memory (KiB).
import os, sys
from nuzzle_game.cli.main import main
sys.stdout = open(os.devnull, "w")
code = main(["--saves", sys.argv[1], "export", sys.argv[2], "--format", "json"])
sys.stdout = sys.__stdout__
assert code == 0
print(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")))
"""

# Each child prints on its last line when its screens were painted (time.time();
# the parent took the time just before launching it), or its peak memory in KiB.
# The clock runs from launch to the painted screen: the interpreter's start-up is
# inside it, its teardown after the screen is not. Both children share this driver (PAINTED, then the child's own part): the time
# each screen is painted is taken when Textual composes a frame of it (App._display,
# called headless too) holding the content the row waits for, not when the app
# next goes idle: a Nuzzle getting ready in the background is not idle, and a
# person sees the frame.
PAINTED = r"""
import asyncio, sys, time

painted = {}

def watch_frames(app, shows):
    # shows: name -> (screen class name, test of the screen: is the content in it?)
    display = app._display

    def _display(screen, renderable):
        display(screen, renderable)
        if renderable is None:
            return
        for name, (screen_class, ready) in shows.items():
            if name not in painted and type(screen).__name__ == screen_class and ready(screen):
                painted[name] = time.time()

    app._display = _display

async def wait_painted(name):
    while name not in painted:
        await asyncio.sleep(0.002)

async def drive(p):
    # The welcome painted; then (but "first") Enter, after a person's pause for "ready",
    # at once otherwise; then the home painted.
    await wait_painted("welcome")
    if MODE != "first":
        if MODE == "ready":
            await asyncio.sleep(PERSON)
        painted["enter"] = time.time()
        await p.press("enter")
        await wait_painted("home")
    p.app.exit()

def report():
    # Peak memory of this process alone (children's ru_maxrss would include the parent).
    if MODE == "rss":
        print(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")))
    else:
        print(painted)

MODE, PERSON = sys.argv[1], float(sys.argv[-1])
"""

BARE_APP = (
    PAINTED
    + r"""
from textual.app import App
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

class Second(Screen):
    def compose(self):
        yield Static("Alex & Sam: home")
        yield Footer()

class Bare(App):
    # The same steps as Nuzzle's child: a list with the couple, Enter, a second screen.
    def compose(self):
        yield Static("Welcome")
        yield OptionList("Alex & Sam", id="couples")
        yield Footer()

    def on_option_list_option_selected(self, event):
        self.push_screen(Second())

def listed(screen):
    couples = screen.query("#couples")
    return bool(couples) and couples.first().option_count > 0

app = Bare()
watch_frames(app, {"welcome": ("Screen", listed), "home": ("Second", lambda screen: True)})
app.run(headless=True, size=(80, 24), auto_pilot=drive)
report()
"""
)

NUZZLE_APP = (
    PAINTED
    + r"""
# Launched as `nuzzle` does (cli -> paths -> run_app), on the saves in argv[2].
from pathlib import Path
import nuzzle_game.cli.main
from nuzzle_game.paths import bundled_decks_dir
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.ui.app import AppConfig, NuzzleApp

def listed(screen):  # the welcome lists the couple
    couples = screen.query("#couples")
    return bool(couples) and "Alex & Sam" in str(couples.first().get_option_at_index(0).prompt)

def home(screen):  # the home shows their names: it is drawn with their data
    couple = screen.query("#couple")
    return bool(couple) and "Alex & Sam" in str(couple.first().render())

app = NuzzleApp(AppConfig(saves=SaveFolder(Path(sys.argv[2])), deck_dirs=[bundled_decks_dir()]))
watch_frames(app, {"welcome": ("WelcomeScreen", listed), "home": ("HomeScreen", home)})
app.run(headless=True, size=(80, 24), auto_pilot=drive)
report()
"""
)


# One game's drawing in a fresh process: the decks are loaded (not timed: that
# is deck loading, once per deck set), then the clock runs over the pool build
# and the 8 draws of a game, for a couple with 5 years of answers.
DRAWING = r"""
import random, sys, time
from datetime import datetime, timedelta, timezone
from nuzzle_game.core.decks import DeckLibrary
from nuzzle_game.paths import bundled_decks_dir
from nuzzle_game.store.deck_files import load_decks
from nuzzle_game.core import drawing
from nuzzle_game.core.drawing import draw_next
from nuzzle_game.core.decks import Deck

size, decks_n = int(sys.argv[1]), 16
if len(sys.argv) > 2:  # --reask-scan: how many answers a re-ask scans before it samples
    drawing.REASK_SCAN = int(sys.argv[2])
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
# The garbage of loading and copying the decks is collected before the clock
# starts: otherwise a collection pass over it lands in the window or not,
# depending on how much each version allocated before (3.0 ms or 1.9 ms, the
# same draws).
import gc
gc.collect()
started = time.perf_counter()
pool = library.pool(d.id for d in decks)
used = []
for index in range(8):
    used.append(draw_next(pool, rng=random.Random(index), now=now, round_index=index, total_rounds=8,
                          used=used, last_asked=asked, couple_since=since, tags={"shared_home", "work"}))
print(time.perf_counter() - started)
"""
