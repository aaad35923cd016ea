"""Number fields checked by Textual's ``Integer`` validator, with our wording."""

from __future__ import annotations

from textual.validation import Integer
from textual.widgets import Input


def between(low: int, high: int, what: str) -> Integer:
    """A whole number from ``low`` to ``high``; the message names the field."""
    return Integer(minimum=low, maximum=high, failure_description=f"{what}: a number from {low} to {high}.")


def number_field(value: int, id: str, low: int, high: int, what: str) -> Input:
    """A compact box for a whole number from ``low`` to ``high``."""
    return Input(
        str(value),
        id=id,
        type="integer",
        max_length=len(str(high)),
        compact=True,
        validators=[between(low, high, what)],
    )


def read_number(field: Input) -> int | str:
    """The field's number, or the first thing its validators say is wrong with it."""
    result = field.validate(field.value)
    if result is not None and not result.is_valid:
        return result.failure_descriptions[0]
    return int(field.value)
