"""The one place a save file's text is made, and the one way it is written.

A file's content is given as JSON values in which two kinds of parts may stand
for a value: a pydantic model (its ``model_dump_json(by_alias=True)``: the same text as
``json.dumps`` of its ``model_dump(mode="json")``, made by pydantic's own
encoder) and a ``JsonText`` (JSON text made earlier and kept: a love map entry
or a month's game unchanged since the last save is not serialised again).
``json_text`` turns such a value into compact JSON, keys in the order given;
``write_file`` writes it atomically (``atomic.atomic_write``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

from pydantic import BaseModel

from nuzzle_game.store import atomic
from nuzzle_game.store.atomic import Json


@dataclass(frozen=True, slots=True)
class JsonText:
    """A value's JSON text, made already."""

    text: str

    @classmethod
    def of(cls, model: BaseModel) -> JsonText:
        return cls(model.model_dump_json(by_alias=True))


# A value of a file: plain JSON, where any value may also be a model or a JsonText.
Part: TypeAlias = "BaseModel | JsonText | Mapping[str, Part] | Sequence[Part] | Json"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _made_here(value: object) -> bool:
    """Whether ``value`` must be made part by part (it is, or holds, a model or a text)."""
    return isinstance(value, JsonText | BaseModel | Mapping | list | tuple)


def json_text(value: Part) -> str:
    """``value`` as compact JSON text (see the module's docstring)."""
    if isinstance(value, JsonText):
        return value.text
    if isinstance(value, BaseModel):
        return value.model_dump_json(by_alias=True)
    if isinstance(value, Mapping):
        if not any(_made_here(item) for item in value.values()):
            return _dumps(value)
        return "{" + ",".join(f"{_dumps(key)}:{json_text(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list | tuple) and any(_made_here(item) for item in value):
        return "[" + ",".join(json_text(item) for item in value) + "]"
    return _dumps(value)


def write_file(path: Path, content: Part, durable: bool = True) -> None:
    """Write ``content`` as ``path``'s whole text, atomically (fsynced if ``durable``)."""
    atomic.atomic_write(path, json_text(content).encode("utf-8"), durable)
