"""Plain-text wording shared by the export and the screens (no markup here)."""

from __future__ import annotations

from datetime import datetime

from .models import AnswerValue, Question, QuestionKind


def format_answer(question: Question | None, value: AnswerValue | None, lines: bool = False) -> str:
    """An answer as a player reads it; ``lines`` puts list answers one per line."""
    if value is None:
        return "—"
    if question is None:
        return ", ".join(value) if isinstance(value, list) else str(value)
    if question.kind is QuestionKind.MULTI:
        if not value:
            return "none of them"
        return "\n".join(f"• {v}" for v in value) if lines else ", ".join(value)  # type: ignore[union-attr]
    if question.kind is QuestionKind.RANK:
        if lines:
            return "\n".join(f"{i}. {v}" for i, v in enumerate(value, 1))  # type: ignore[arg-type]
        return " > ".join(value)  # type: ignore[arg-type]
    if question.kind is QuestionKind.SCALE and question.scale is not None:
        s = question.scale
        return f"{value} (of {s.lo} {s.lo_label} … {s.hi} {s.hi_label})"
    return str(value)


def ago(then: datetime, now: datetime) -> str:
    """'today', '3 days ago', '4 months ago', '2 years ago'."""
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


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 game', '2 games', '1 discovery', '3 discoveries'."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"
