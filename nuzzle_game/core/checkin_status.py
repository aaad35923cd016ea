"""Where the check-in in halves stands, read from its JSON alone (no pydantic),
and the one line that says whom it waits on (DESIGN §12).

summary.json carries the status for the welcome screen and ``nuzzle nudge``,
which must stay cheap enough for a shell's start-up file: this module imports
nothing but the standard library. It says who is waited on, never what anyone
answered. The nudge, the welcome and the home all say the same line.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported: the nudge runs at every shell start
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any


class CheckinStatus:
    """Where a check-in in halves stands (a plain class: dataclasses cost the nudge
    a third of its time)."""

    __slots__ = ("finished", "halves_in", "id", "seen", "started", "verdicts_owed")

    def __init__(
        self,
        id: str,
        started: str,
        finished: str | None,
        halves_in: tuple[bool, bool],
        verdicts_owed: tuple[bool, bool],
        seen: tuple[bool, bool],
    ) -> None:
        self.id = id
        self.started = started  # ISO time it was opened
        self.finished = finished  # ISO time it was filed (every verdict in)
        self.halves_in = halves_in  # whose half is in
        self.verdicts_owed = verdicts_owed  # who still owes a verdict on a text round
        self.seen = seen  # who has seen the reveal

    def _key(self) -> tuple[object, ...]:
        return (self.id, self.started, self.finished, self.halves_in, self.verdicts_owed, self.seen)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CheckinStatus) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"CheckinStatus{self._key()!r}"

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


# ---------------------------------------------------------------- the nudge

FRESH_REVEAL_HOURS = 36  # a filed check-in's reveal is worth a nudge this long


def waiting_line(
    status: CheckinStatus | None,
    names: tuple[str, str],
    now: datetime,
    only: str | None = None,
) -> tuple[str, str] | None:
    """Whom the check-in in halves waits on, as (a sentence, the name to act as),
    or None when it waits on nobody (on ``only``, if given). Never an answer: who
    is in, who owes a verdict, who has not seen the reveal. The nudge adds the
    command to run; the welcome and the home say the sentence as it is."""
    if status is None:
        return None
    wanted = None if only is None else " ".join(only.split()).casefold()
    if wanted is not None and wanted not in (n.casefold() for n in names):
        return None

    def me(index: int) -> bool:
        return wanted is not None and names[index].casefold() == wanted

    def waits(index: int) -> bool:
        return wanted is None or me(index)

    halves_in = status.halves_in
    if status.finished is None and halves_in[0] != halves_in[1]:
        done, other = (0, 1) if halves_in[0] else (1, 0)
        if not waits(other):
            return None
        yours = "yours" if me(other) else f"{names[other]}'s"
        return f"{names[done]}'s half of today's check-in is in; {yours} is waiting", names[other]
    if status.finished is None and all(halves_in):
        owed = [i for i in (0, 1) if status.verdicts_owed[i] and waits(i)]
        if not owed:
            return None
        if wanted is not None:
            return "Today's check-in is in, and a verdict of yours is waiting", names[owed[0]]
        who = " and ".join(f"{names[i]}'s" for i in owed)
        return f"Today's check-in is in; {who} {'verdicts are' if len(owed) == 2 else 'verdict is'} waiting", names[
            owed[0]
        ]
    if status.finished is not None and _recent(status.finished, now):
        unseen = [i for i in (0, 1) if not status.seen[i] and waits(i)]
        if not unseen:
            return None
        if wanted is not None:
            return "Today's check-in is revealed: see what you both said", names[unseen[0]]
        who = " and ".join(names[i] for i in unseen)
        return f"Today's check-in is revealed; {who} {'have' if len(unseen) == 2 else 'has'} yet to see it", names[
            unseen[0]
        ]
    return None


def _recent(iso: str, now: datetime) -> bool:
    from datetime import datetime, timedelta

    try:
        at = datetime.fromisoformat(iso)
        return at > now or now - at <= timedelta(hours=FRESH_REVEAL_HOURS)
    except (ValueError, TypeError):  # not a time, or one without a time zone
        return False
