"""Plain-text wording shared by the export and the screens (no markup here)."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # no import at run time: models itself uses the text rules below
    from nuzzle_game.core.questions import AnswerValue, Question, Scale

# C0 and C1 control characters and DEL: ESC, BEL and their kind can set a
# terminal's title or clear its screen when printed.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

# "your partner" in a question (it speaks to the answerer), "my partner" in an
# option (the answerer's own voice), with or without a possessive 's.
_PARTNER = re.compile(r"\b(?:your|my) partner(?:(['’])s)?\b", re.IGNORECASE)


def tidy(value: str) -> str:
    """Text in one canonical form (NFC), trimmed: 'Zoë' typed either way is one name."""
    return unicodedata.normalize("NFC", value).strip()


def tidy_value(value: object) -> object:
    """An answer or a guess with its text tidied; anything else as it is."""
    if isinstance(value, str):
        return tidy(value)
    if isinstance(value, list):
        return [tidy(v) if isinstance(v, str) else v for v in value]
    return value


def control_character(value: str) -> str | None:
    """The first control character in ``value``, as 'U+001B', or None."""
    found = _CONTROL.search(value)
    return f"U+{ord(found.group()):04X}" if found else None


def printable(text: str) -> str:
    """``text`` safe to print on a terminal, as one line: each control character
    (a line break too) is written as a visible code such as ``\\x1b``, never raw."""
    return _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


def clean_name(value: str) -> str:
    """A player's name: no control characters, NFC, single spaces; ValueError if not."""
    where = control_character(value)
    if where:
        raise ValueError(f"a name cannot hold control characters ({where})")
    value = " ".join(tidy(value).split())
    if not value:
        raise ValueError("a name cannot be blank")
    return value


def for_guesser(text: str, guesser: str) -> str:
    """A question's words as the guesser reads them (DESIGN §5).

    Questions speak to the answerer, and options in the answerer's voice: "your
    partner" and "my partner" both mean the guesser, so the guesser reads their
    own name marked "(you)" there ("Sam (you)", "Sam's (you)"). Nothing else
    changes.
    """

    def name(found: re.Match[str]) -> str:
        apostrophe = found.group(1)
        return f"{guesser}{apostrophe}s (you)" if apostrophe else f"{guesser} (you)"

    return _PARTNER.sub(name, text)


def format_answer(question: Question | None, value: AnswerValue | None, lines: bool = False) -> str:
    """An answer as a player reads it; ``lines`` puts list answers one per line."""
    if value is None:
        return "—"
    if question is None:
        return ", ".join(value) if isinstance(value, list) else str(value)
    from nuzzle_game.core.questions import QuestionKind

    if question.kind is QuestionKind.MULTI:
        if not value:
            return "none of them"
        chosen = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        return "\n".join(f"• {v}" for v in chosen) if lines else ", ".join(chosen)
    if question.kind is QuestionKind.RANK and isinstance(value, list):
        if lines:
            return "\n".join(f"{i}. {v}" for i, v in enumerate(value, 1))
        return " > ".join(value)
    if question.kind is QuestionKind.SCALE and question.scale is not None and isinstance(value, int):
        return scale_text(question.scale, value, lines)
    return str(value)


def scale_text(scale: Scale, value: int, lines: bool = False) -> str:
    """'4 of 5, toward fascinated by everything'; '1 of 5: switched off'."""
    where = f"{value} of {scale.hi}" if scale.lo == 1 else f"{value} on {scale.lo}–{scale.hi}"
    middle = (scale.lo + scale.hi) / 2
    if value == scale.lo:
        meaning = scale.lo_label
    elif value == scale.hi:
        meaning = scale.hi_label
    elif value == middle:
        meaning = "right in the middle"
    else:
        meaning = f"toward {scale.hi_label if value > middle else scale.lo_label}"
    return f"{where}\n{meaning}" if lines else f"{where}: {meaning}"


def ago(then: datetime, now: datetime) -> str:
    """'today', '3 days ago', '4 months ago', '2 years ago'.

    A ``then`` after ``now`` (the clock went back since) is 'today', never a
    time in the future.
    """
    days = max(0, (now - then).days)
    if days == 0:
        return "today"
    if days < 31:
        return f"{days} day{'s' * (days != 1)} ago"
    months = round(days / 30.44)
    if months < 12:
        return f"{months} month{'s' * (months != 1)} ago"
    years = round(days / 365.25, 1)
    years_text = f"{years:g}"
    return f"{years_text} year{'s' * (years_text != '1')} ago"


def day(at: datetime, now: datetime) -> str:
    """The date of ``at`` as 2026-03-14, never after ``now``: once the clock went
    back, a date saved while it ran ahead is shown as today, not in the future."""
    return f"{min(at, now):%Y-%m-%d}"


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 game', '2 games', '1 discovery', '3 discoveries'."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"
