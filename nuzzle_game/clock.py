"""The one clock: every "now" in Nuzzle comes from a ``Clock`` passed in.

The command line makes one (``system_clock``) and hands it down to the game,
the table, the demo, export and restore; tests pass a fixed or stepping clock
instead, so no test depends on today's date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, in UTC, from the system."""
    return datetime.now(UTC)
