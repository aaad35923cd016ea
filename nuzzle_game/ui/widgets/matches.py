"""What an answer and a guess have in common, marked for the reveal.

A multi marks each choice both made with ✓, a rank each item both put in the
same place; a line under the two says what the mark means (or that nothing
matched), and how far apart two points of a scale are. Marks are glyphs, not
only colours.
"""

from __future__ import annotations

from textual.content import Content

from nuzzle_game.core.questions import AnswerValue, Question, QuestionKind
from nuzzle_game.core.text import format_answer

MATCH = "✓"
MATCH_STYLE = "bold $text-success"


def _items(value: AnswerValue) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def marked(question: Question, value: AnswerValue, other: AnswerValue | None) -> Content:
    """``value`` one item a line, with what it shares with ``other`` marked ✓
    (no mark while ``other`` is still covered)."""
    kind = question.kind
    if other is None or kind not in (QuestionKind.MULTI, QuestionKind.RANK) or not isinstance(value, list):
        return Content(format_answer(question, value, lines=True))
    if not value:
        return Content(format_answer(question, value, lines=True))
    mine, theirs = _items(value), _items(other)
    lines = []
    for place, item in enumerate(mine):
        if kind is QuestionKind.MULTI:
            shared = item in theirs
            lines.append(Content.assemble((f"{MATCH} {item}", MATCH_STYLE) if shared else f"• {item}"))
        else:
            shared = place < len(theirs) and theirs[place] == item
            line = f"{place + 1}. {item}"
            lines.append(Content.assemble(line, (f" {MATCH}", MATCH_STYLE)) if shared else Content(line))
    return Content("\n").join(lines)


def match_line(question: Question, answer: AnswerValue, guess: AnswerValue) -> str | None:
    """What the marks mean, or how far apart a scale's points are; None where
    the headline says it all (a choice, a text)."""
    kind = question.kind
    if kind is QuestionKind.MULTI:
        shared = set(_items(answer)) & set(_items(guess))
        if shared:
            return f"{MATCH} chosen by both ({len(shared)})"
        return "No choice in common" if answer and guess else None
    if kind is QuestionKind.RANK:
        same = sum(a == g for a, g in zip(_items(answer), _items(guess), strict=False))
        return f"{MATCH} in the same place in both ({same})" if same else "No item in the same place"
    if kind is QuestionKind.SCALE and isinstance(answer, int) and isinstance(guess, int):
        apart = abs(answer - guess)
        if apart == 0:
            return "The same point on the scale"
        return f"{'One step' if apart == 1 else f'{apart} steps'} apart on the scale"
    return None
