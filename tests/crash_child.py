"""Child process for the crash test: plays rounds forever, saying after each save.

Run as: python crash_child.py SAVES_DIR [slow] [compacting]
("compacting": the love maps' base is written again at every game filed.)
"""

import os
import sys
import time

from nuzzle_game.clock import system_clock
from nuzzle_game.core.game import Phase
from nuzzle_game.core.models import Confidence
from nuzzle_game.paths import bundled_decks_dir
from nuzzle_game.play.session import GameSession
from nuzzle_game.store import profile as store_profile
from nuzzle_game.store.deck_files import load_decks
from nuzzle_game.store.folder import SaveFolder

sys.path.insert(0, os.path.dirname(__file__))
from conftest import make_couple
from helpers import first_value, other_value

if "compacting" in sys.argv[2:]:
    store_profile.COMPACT_ENTRIES = 1

if "slow" in sys.argv[2:]:
    real_fsync = os.fsync

    def slow_fsync(fd):  # widen the window so kills land inside fsync
        time.sleep(0.01)
        real_fsync(fd)
        time.sleep(0.01)

    os.fsync = slow_fsync

folder = SaveFolder(sys.argv[1])
library = load_decks([bundled_decks_dir()])
profile = folder.open("crash") if folder.exists("crash") else folder.create(make_couple("crash"))
session = GameSession(profile, library, clock=system_clock)
if session.game is None:
    session.start()
elif session.resume() is None:
    session.finish()
    session.start()
n = 0
while True:
    round_ = session.round
    question = session.question(round_.question_id)
    # After a kill the round may be anywhere: follow its phase.
    if round_.phase is Phase.ANSWER:
        session.answer(first_value(question))
    if round_.phase is Phase.GUESS:
        session.guess(other_value(question) if n % 3 else first_value(question), Confidence.SURE)
    session.reveal()
    n += 1
    print(profile.state.aggregates.total.rounds, flush=True)
    if session.game.over:
        session.finish()
        session.start()
    else:
        session.next_round()
