"""`nuzzle join PROFILE --as NAME` with no table open: that partner's own seat
(DESIGN §12), for their half of today's check-in or the reveal of the last one."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nuzzle_game.store.errors import NoSuchProfile, ProfileBusy, SaveError

if TYPE_CHECKING:
    from nuzzle_game.clock import Clock
    from nuzzle_game.store.folder import SaveFolder


class OwnSeatError(SaveError):
    """One clear line for the player (the CLI prints it, exit 1)."""


def run_own_seat(folder: SaveFolder, profile: str, name: str, deck_dirs: list[Path], clock: Clock, join: str) -> int:
    from nuzzle_game.store.atomic import lock_profile
    from nuzzle_game.store.deck_cache import DeckCache
    from nuzzle_game.store.deck_files import load_decks
    from nuzzle_game.store.holder import busy_line
    from nuzzle_game.store.profile import ProfileReader
    from nuzzle_game.ui.own_seat import OwnSeatApp, OwnSeatConfig

    if not folder.exists(profile):
        raise NoSuchProfile(profile, folder.root)
    players = ProfileReader(folder, profile).state.couple.players
    names = (players[0].name, players[1].name)
    wanted = " ".join(name.split()).casefold()
    player = next((i for i, n in enumerate(names) if n.casefold() == wanted), None)
    if player is None:
        raise OwnSeatError(f"'{name}' is not a partner in '{profile}': it is {names[0]} and {names[1]}")
    try:  # someone playing now? say who, before any screen opens
        lock_profile(folder.profile_dir(profile), profile).release()
    except ProfileBusy:
        raise OwnSeatError(busy_line(folder.profile_dir(profile), profile, names[player])) from None
    library = load_decks(deck_dirs, DeckCache(folder.root))
    app = OwnSeatApp(
        OwnSeatConfig(
            saves=folder,
            profile=profile,
            player=0 if player == 0 else 1,
            names=names,
            library=library,
            clock=clock,
            join_command=join,
            cursor_blink=os.environ.get("NUZZLE_NO_BLINK") != "1",
        )
    )
    message = app.run()
    if message:
        print(message, file=sys.stderr if app.return_code else sys.stdout)
    return app.return_code or 0
