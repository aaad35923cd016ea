"""Where things live. Kept free of heavy imports: start-up reads it."""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from pathlib import Path

# A profile name is a folder name: letters (of any script) and digits, '-' and
# '_', up to 40, starting with a letter or digit, in NFC. No dots, no separators,
# no control characters.
PROFILE_NAME = re.compile(r"[^\W_][\w-]{0,39}")


def is_profile_name(name: str) -> bool:
    return bool(PROFILE_NAME.fullmatch(name)) and unicodedata.is_normalized("NFC", name)


SAVES = "saves"


def bundled_decks_dir() -> Path:
    """The decks shipped with the game, in a checkout or an installed wheel."""
    package = Path(__file__).resolve().parent
    installed = package / "decks"
    return installed if installed.is_dir() else package.parent / "decks"


def checkout_dir() -> Path | None:
    """The project's checkout Nuzzle runs from, as the README installs it: the
    package inside it (an editable install), or a virtual environment inside it
    (``python3 -m venv .venv && .venv/bin/pip install .``). None when installed
    elsewhere (a wheel, pipx)."""
    for root in (Path(__file__).resolve().parent.parent, Path(sys.prefix).resolve().parent):
        if (root / "pyproject.toml").is_file() and (root / "nuzzle_game").is_dir() and (root / "decks").is_dir():
            return root
    return None


def default_saves_dir(cli_value: str | None = None) -> Path:
    """Where the couples' saves are, whatever folder ``nuzzle`` is started from
    (a nudge in a shell's start-up file runs in any folder): ``--saves`` wins,
    then ``NUZZLE_SAVES``, then the checkout's ``saves/`` when run from the
    project's checkout, else the platform's user data folder."""
    chosen = cli_value or os.environ.get("NUZZLE_SAVES")
    if chosen:
        return Path(chosen).expanduser().absolute()
    checkout = checkout_dir()
    if checkout is not None:
        return checkout / SAVES
    from platformdirs import user_data_path

    return user_data_path("nuzzle", appauthor=False) / SAVES


def saves_source(cli_value: str | None = None) -> str:
    """Which rule chose the saves folder, in words."""
    if cli_value:
        return "--saves"
    if os.environ.get("NUZZLE_SAVES"):
        return "NUZZLE_SAVES"
    return "the project's checkout" if checkout_dir() is not None else "your user data folder"


def shown_path(path: Path) -> str:
    """A folder as a person reads it: absolute, with the home folder as ``~``."""
    full = Path(path).expanduser().resolve()
    try:
        return str(Path("~") / full.relative_to(Path.home().resolve()))
    except (ValueError, RuntimeError):  # outside home, or no home at all
        return str(full)


# A profile's folder name, made from the couple's two names.

PROFILE_MAX = 40
_UNSAFE = re.compile(r"[^\w]+")


def profile_name(a: str, b: str) -> str:
    """A readable folder name from two names: 'ada-zoe', '李-王'.

    Letters and digits of any script are kept (NFC); markup such as ``[b]`` and
    everything else becomes a single '-'. Never empty, never starts with a dot
    or a dash, no path separators.
    """
    parts = []
    for name in (a, b):
        plain = re.sub(r"\[/?[a-zA-Z][^\]]*\]", " ", name)  # [b]Ada[/b] → Ada
        plain = unicodedata.normalize("NFC", plain).casefold()
        slug = _UNSAFE.sub("-", plain).replace("_", "-").strip("-")
        if slug:
            parts.append(slug)
    name = "-".join(parts)[:PROFILE_MAX].strip("-")
    return name or "couple"


def unique_profile_name(base: str, taken) -> str:
    """``base``, or ``base-2``, ``base-3``… when a profile of that name exists."""
    name, n = base, 2
    while taken(name):
        suffix = f"-{n}"
        name, n = base[: PROFILE_MAX - len(suffix)] + suffix, n + 1
    return name
