"""Questions (DESIGN §2, §4, §7): the dimensions, the kinds, and how an answer
to each kind is checked. Plain data with validation: no I/O."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator, model_validator

from nuzzle_game.core.base import Frozen
from nuzzle_game.core.text import tidy_value


class Dimension(StrEnum):
    EMOTIONAL = "emotional"
    PHYSICAL = "physical"
    INTELLECTUAL = "intellectual"
    EXPERIENTIAL = "experiential"
    SPIRITUAL = "spiritual"


class QuestionKind(StrEnum):
    CHOICE = "choice"
    MULTI = "multi"
    SCALE = "scale"
    RANK = "rank"
    TEXT = "text"


DEPTH_NAMES = {1: "light", 2: "deeper", 3: "deep"}

# An answer or a guess: an option (choice), options (multi), an integer (scale),
# an order of items (rank) or free text (text).
AnswerValue = int | str | list[str]


# Control characters (C0 but tab and newline, DEL, C1) could drive the terminal
# from a deck file: ESC clears the screen, BEL rings, OSC sets the title.
_CONTROL_NAMES = {0x07: "BEL", 0x08: "BS", 0x1B: "ESC", 0x0D: "CR", 0x7F: "DEL", 0x9B: "CSI", 0x9D: "OSC"}


def _control_character(text: str) -> str | None:
    for char in text:
        code = ord(char)
        if (code < 0x20 and char not in "\t\n") or 0x7F <= code <= 0x9F:
            return _CONTROL_NAMES.get(code, f"U+{code:04X}")
    return None


_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # what _control_character finds, at C speed


def _saved_answer(value: AnswerValue) -> AnswerValue:
    if isinstance(value, int):
        return value
    for text in (value,) if isinstance(value, str) else value:
        if isinstance(text, str) and _UNSAFE.search(text):
            raise ValueError(f"an answer or a guess holds a control character ({_control_character(text)})")
    return value


# An answer or a guess as saved: read back, one holding a control character is
# damage (``check_value`` never lets one in).
SavedAnswer = Annotated[AnswerValue, AfterValidator(_saved_answer)]


def plain(value: object) -> object:
    """Refuse control characters in deck text (a string or a list of them)."""
    for text in value if isinstance(value, list) else [value]:
        if isinstance(text, str) and (name := _control_character(text)):
            raise ValueError(f"contains a control character ({name}): deck text must be plain")
    return value


class Scale(Frozen):
    lo: int = 1
    hi: int = 5
    lo_label: str = Field(min_length=1)
    hi_label: str = Field(min_length=1)

    _plain_labels = field_validator("lo_label", "hi_label", mode="before")(plain)

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.hi <= self.lo:
            raise ValueError("hi must be greater than lo")
        if self.hi - self.lo > 10:
            raise ValueError("a scale spans at most 11 points")
        return self


QUESTION_ID = r"^[a-z0-9][a-z0-9_.-]{1,63}$"

# Situational tags (DESIGN §6): a question carrying one is drawn only for couples
# whose situation says it applies (asked at setup, changeable in settings).
SITUATION_TAGS: dict[str, str] = {
    "shared_home": "you live together",
    "living_apart": "you live apart (for now or for good)",
    "work": "the answerer has a job or daily work outside the home",
    "kids": "you have children (little or grown)",
    "pets": "you share your life with an animal",
}

# Options that are "no answer" in disguise: a way out must say something.
EMPTY_OTHER = {"other", "others", "something else", "else", "none", "n/a", "misc"}


class Question(Frozen):
    id: str = Field(pattern=QUESTION_ID)
    text: str = Field(min_length=3, max_length=300)
    kind: QuestionKind
    dimension: Dimension
    depth: int = Field(ge=1, le=3)
    options: list[str] | None = None
    max_choices: int | None = Field(default=None, ge=1)
    scale: Scale | None = None
    items: list[str] | None = None
    follow_up: str | None = Field(default=None, min_length=3, max_length=300)
    # Multi only: options that stand alone ("None of these right now").
    exclusive: list[str] | None = None
    # Situational tags (see SITUATION_TAGS): drawn only where they apply.
    tags: list[str] = Field(default_factory=list)
    # Seasonal questions: drawn only in these months (1-12).
    months: list[int] | None = None
    # Copied from the deck on load; never set in a deck file's question.
    deck_id: str = ""
    sensitive: bool = False

    @field_validator("text", "follow_up", "options", "items", "exclusive", mode="before")
    @classmethod
    def _plain_and_canonical(cls, value: object) -> object:
        # Control characters are refused first; then options and items are
        # tidied (NFC, trimmed) so an answer compares equal however typed.
        value = plain(value)
        return tidy_value(value) if isinstance(value, list) else value

    @field_validator("text", "follow_up")
    @classmethod
    def _stripped(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if len(value.strip()) < 3:
            raise ValueError("is only spaces: write it out in words")
        return value.strip()

    @model_validator(mode="after")
    def _fields_for_kind(self) -> Question:
        kind = self.kind
        want = {
            QuestionKind.CHOICE: {"options"},
            QuestionKind.MULTI: {"options"},
            QuestionKind.SCALE: {"scale"},
            QuestionKind.RANK: {"items"},
            QuestionKind.TEXT: set(),
        }[kind]
        present = {name for name in ("options", "scale", "items") if getattr(self, name) is not None}
        for name in sorted(want - present):
            raise ValueError(f"a {kind} question needs '{name}'")
        for name in sorted(present - want):
            raise ValueError(f"a {kind} question takes no '{name}'")
        if self.max_choices is not None and kind is not QuestionKind.MULTI:
            raise ValueError("only a multi question takes 'max_choices'")
        if self.options is not None:
            _check_labels(self.options, "options", 2, 6)
            if self.max_choices is not None and self.max_choices > len(self.options):
                raise ValueError("max_choices is larger than the number of options")
        if self.items is not None:
            _check_labels(self.items, "items", 3, 5)
        for label in self.options or ():
            if label.strip().strip(".!…").casefold() in EMPTY_OTHER:
                raise ValueError(f"option '{label}' says nothing: name the way out ('It depends on the day')")
        if self.exclusive is not None:
            if kind is not QuestionKind.MULTI:
                raise ValueError("only a multi question takes 'exclusive'")
            if not self.exclusive or any(o not in (self.options or ()) for o in self.exclusive):
                raise ValueError("'exclusive' lists options of this question")
        elif kind is QuestionKind.MULTI:
            for label in self.options or ():
                if label.split(" ", 1)[0].casefold().strip(",.") in {"none", "nothing", "neither", "no"}:
                    raise ValueError(f"option '{label}' cannot go with others: list it in 'exclusive'")
        unknown = sorted(set(self.tags) - set(SITUATION_TAGS))
        if unknown:
            raise ValueError(f"unknown tag '{unknown[0]}' (known: {', '.join(SITUATION_TAGS)})")
        if self.months is not None and (not self.months or any(not 1 <= m <= 12 for m in self.months)):
            raise ValueError("'months' lists months from 1 to 12")
        return self

    @property
    def choice_limit(self) -> int:
        """How many options a multi answer may hold."""
        return self.max_choices or len(self.options or ())

    def check_value(self, value: object) -> AnswerValue:
        """Validate an answer or a guess to this question; return it normalised.

        Raises ValueError with a sentence a player can read.
        """
        kind = self.kind
        value = tidy_value(value)  # NFC and trimmed, like the options
        if kind is QuestionKind.CHOICE:
            if not isinstance(value, str) or value not in (self.options or ()):
                raise ValueError("pick one of the options")
            return value
        if kind is QuestionKind.MULTI:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError("pick from the options")
            if any(v not in (self.options or ()) for v in value):
                raise ValueError("pick from the options")
            if len(set(value)) != len(value):
                raise ValueError("pick each option once")
            if not value:
                raise ValueError("pick at least one option")
            if len(value) > self.choice_limit:
                raise ValueError(f"pick at most {self.choice_limit}")
            alone = [v for v in value if v in (self.exclusive or ())]
            if alone and len(value) > 1:
                raise ValueError(f"'{alone[0]}' goes alone")
            # Keep the deck's order so equal selections compare equal.
            return [o for o in self.options or () if o in value]
        if kind is QuestionKind.SCALE:
            assert self.scale is not None
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError("pick a point on the scale")
            if not self.scale.lo <= value <= self.scale.hi:
                raise ValueError(f"pick from {self.scale.lo} to {self.scale.hi}")
            return value
        if kind is QuestionKind.RANK:
            if (
                not isinstance(value, list)
                or not all(isinstance(v, str) for v in value)
                or sorted(value) != sorted(self.items or ())
            ):
                raise ValueError("put every item in an order")
            return list(value)
        if not isinstance(value, str) or not value.strip():
            raise ValueError("write an answer")
        if len(value) > 2000:
            raise ValueError("keep it under 2,000 characters")
        if name := _control_character(value):
            raise ValueError(f"write it as plain text: it holds a control character ({name}) a terminal would act on")
        return value.strip()


def _check_labels(labels: list[str], name: str, lo: int, hi: int) -> None:
    if not lo <= len(labels) <= hi:
        raise ValueError(f"'{name}' needs {lo} to {hi} entries, not {len(labels)}")
    if any(not label.strip() for label in labels):
        raise ValueError(f"'{name}' has an empty entry")
    if len(set(labels)) != len(labels):
        raise ValueError(f"'{name}' has the same entry twice")
