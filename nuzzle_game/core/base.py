"""The base of the core's pydantic models."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """The base of the core's models: each one's validator and serialiser are built
    when it is first used, not when its module is imported. Opening a couple then
    builds only what it validates (the nested models once, inside the state's);
    what that saves at start-up is in docs/benchmarks.md."""

    model_config = ConfigDict(defer_build=True)


class Frozen(Model):
    """An immutable model that refuses unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")
