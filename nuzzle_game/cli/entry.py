"""The ``nuzzle`` command's first step: ``nuzzle nudge`` (for a shell's start-up
file or a status line) runs without loading the rest of Nuzzle; every other
command goes on to ``cli.main``."""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    quick = nudge_arguments(args)
    if quick is not None:
        from nuzzle_game.cli.nudge import nudge
        from nuzzle_game.clock import system_clock
        from nuzzle_game.paths import saves_folder

        saves_given, name = quick
        return nudge(saves_folder(saves_given), name, system_clock, saves_given)
    from nuzzle_game.cli.main import main as everything

    return everything(args)


def nudge_arguments(argv: list[str]) -> tuple[str | None, str | None] | None:
    """``[--saves DIR] nudge [--as NAME]`` as (saves, name); None for anything
    else, which the full parser handles (and explains)."""
    saves = name = None
    if argv[:1] == ["--saves"] and len(argv) >= 2:
        saves, argv = argv[1], argv[2:]
    elif argv[:1] and argv[0].startswith("--saves="):
        saves, argv = argv[0].split("=", 1)[1], argv[1:]
    if argv[:1] != ["nudge"]:
        return None
    rest = argv[1:]
    if rest[:1] == ["--as"] and len(rest) == 2:
        name = rest[1]
    elif len(rest) == 1 and rest[0].startswith("--as="):
        name = rest[0].split("=", 1)[1]
    elif rest:
        return None
    return saves, name
