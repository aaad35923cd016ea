"""Where the check-in in halves stands, read from its JSON alone (no pydantic).

summary.json carries it for the welcome screen and ``nuzzle nudge``, which must
stay cheap enough for a shell's start-up file: this module imports nothing but
the standard library. It says who is waited on, never what anyone answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CheckinStatus:
    id: str
    started: str  # ISO time it was opened
    finished: str | None  # ISO time it was filed (every verdict in)
    halves_in: tuple[bool, bool]  # whose half is in
    verdicts_owed: tuple[bool, bool]  # who still owes a verdict on a text round
    seen: tuple[bool, bool]  # who has seen the reveal

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started": self.started,
            "finished": self.finished,
            "in": list(self.halves_in),
            "verdicts": list(self.verdicts_owed),
            "seen": list(self.seen),
        }

    @classmethod
    def parse(cls, data: object) -> CheckinStatus | None:
        """The status ``data`` (summary.json's form) holds, or None if it is not one."""
        if not isinstance(data, dict):
            return None
        pairs = [data.get(key) for key in ("in", "verdicts", "seen")]
        if not all(isinstance(p, list) and len(p) == 2 and all(type(b) is bool for b in p) for p in pairs):
            return None
        ident, started, finished = data.get("id"), data.get("started"), data.get("finished")
        if not isinstance(ident, str) or not isinstance(started, str) or not isinstance(finished, str | None):
            return None
        halves_in, verdicts, seen = ((bool(p[0]), bool(p[1])) for p in pairs if isinstance(p, list))
        return cls(ident, started, finished, halves_in, verdicts, seen)


def checkin_status(game: object) -> CheckinStatus | None:
    """The status of a check-in in halves given as JSON (a ``Game``'s dump, as in
    game.json), or None if ``game`` is none or not one (never an error)."""
    if not isinstance(game, dict):
        return None
    rounds = game.get("rounds")
    ident, started = game.get("id"), game.get("started_at")
    if not isinstance(rounds, list) or not isinstance(ident, str) or not isinstance(started, str):
        return None
    done = [True, True]
    owed = [False, False]
    for round_ in rounds:
        if not isinstance(round_, dict) or round_.get("answerer") not in (0, 1):
            return None
        answerer: int = round_["answerer"]
        guesser = 1 - answerer
        done[answerer] = done[answerer] and round_.get("answer") is not None
        done[guesser] = done[guesser] and round_.get("guess") is not None
        if round_.get("phase") == "verdict" and round_.get("result") is None:
            owed[answerer] = True
    both_in = done[0] and done[1]
    seen_by = game.get("seen")
    seen: list[Any] = seen_by if isinstance(seen_by, list) else []
    finished = game.get("finished_at") if isinstance(game.get("finished_at"), str) else None
    return CheckinStatus(
        ident,
        started,
        finished,
        (done[0], done[1]),
        (owed[0] and both_in, owed[1] and both_in),
        (0 in seen, 1 in seen),
    )
