"""Who holds a profile now (its one writer), so that a partner who cannot open it
is told why in one line: "Sam is playing at the keyboard right now".

``holder.json`` is written (0600, atomically, never through a link) just after
the writer takes the profile's lock, and removed when it lets go. Only a writer
holding the lock writes it; a file left by a writer that was killed is never
read (the lock is free then, and the next writer replaces it).
"""

from __future__ import annotations

import json
from pathlib import Path

from nuzzle_game.store.atomic import atomic_write, read_json
from nuzzle_game.store.errors import SaveError

HOLDER = "holder.json"
PLACES = ("keyboard", "seat", "table")


def write_holder(directory: Path, place: str, who: str | None = None) -> None:
    """Say who holds the profile: at the keyboard (``who``: the partner playing
    their half, if one is), at a partner's own seat (``who``), or at a table."""
    if place not in PLACES:
        raise ValueError(f"unknown place {place!r}")
    try:
        atomic_write(directory / HOLDER, json.dumps({"at": place, "who": who}).encode("utf-8"), durable=False)
    except SaveError:
        pass  # only ever a less precise message for the partner


def clear_holder(directory: Path) -> None:
    try:
        (directory / HOLDER).unlink(missing_ok=True)
    except OSError:
        pass


def read_holder(directory: Path) -> tuple[str, str | None] | None:
    """(place, who) from holder.json, or None if it says nothing readable."""
    try:
        data = read_json(directory / HOLDER)
    except SaveError:
        return None
    place = data.get("at") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(place, str) or place not in PLACES:
        return None
    who = data.get("who")
    if not isinstance(who, str) or not who.isprintable() or len(who) > 24:
        return place, None
    return place, who


def busy_line(directory: Path, profile: str, asking: str) -> str:
    """Why ``asking`` cannot open the profile now, in one line."""
    held = read_holder(directory)
    if held is None:
        return f"'{profile}' is open in another Nuzzle right now; join again once it is closed."
    place, who = held
    if place == "seat" and who is not None:
        return f"{who} is playing at their own seat right now; join again in a minute or two."
    if place == "keyboard" and who is not None and who.casefold() != asking.casefold():
        return f"{who} is playing at the keyboard right now; join again once they are done."
    if place == "keyboard":
        return f"Nuzzle is open at the keyboard for '{profile}' right now; join again once it is closed."
    return f"a table is open for '{profile}'; join it with `nuzzle join {profile} --as {asking}`."
