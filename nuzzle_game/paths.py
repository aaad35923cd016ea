"""Where things live. Imports nothing but ``os`` and ``sys`` when loaded: start-up
and ``nuzzle nudge`` (in a shell's start-up file) read it."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


def is_profile_name(name: str) -> bool:
    """A profile name is a folder name: letters (of any script) and digits, '-'
    and '_', up to 40, starting with a letter or digit, in NFC. No dots, no
    separators, no control characters."""
    import unicodedata

    return (
        0 < len(name) <= 40
        and name[0].isalnum()
        and all(ch.isalnum() or ch in "-_" for ch in name)
        and unicodedata.is_normalized("NFC", name)
    )


SAVES = "saves"


def bundled_decks_dir() -> Path:
    """The decks shipped with the game, in a checkout or an installed wheel."""
    from pathlib import Path

    package = Path(__file__).resolve().parent
    installed = package / "decks"
    return installed if installed.is_dir() else package.parent / "decks"


def checkout_dir() -> Path | None:
    """The project's checkout Nuzzle runs from, as the README installs it: the
    package inside it (an editable install), or a virtual environment inside it
    (``python3 -m venv .venv && .venv/bin/pip install .``). None when installed
    elsewhere (a wheel, pipx)."""
    from pathlib import Path

    found = checkout_folder()
    return Path(found) if found is not None else None


def checkout_folder() -> str | None:
    """``checkout_dir`` as a plain string (os.path only: the nudge's way)."""
    package = os.path.dirname(os.path.realpath(__file__))
    for root in (os.path.dirname(package), os.path.dirname(os.path.realpath(sys.prefix))):
        join = os.path.join
        if os.path.isfile(join(root, "pyproject.toml")) and all(
            os.path.isdir(join(root, name)) for name in ("nuzzle_game", "decks")
        ):
            return root
    return None


def default_saves_dir(cli_value: str | None = None) -> Path:
    """Where the couples' saves are, whatever folder ``nuzzle`` is started from
    (a nudge in a shell's start-up file runs in any folder): ``--saves`` wins,
    then ``NUZZLE_SAVES``, then the checkout's ``saves/`` when run from the
    project's checkout, else the platform's user data folder."""
    from pathlib import Path

    return Path(saves_folder(cli_value))


def saves_folder(cli_value: str | None = None) -> str:
    """``default_saves_dir`` as a plain absolute string (os.path only)."""
    chosen = cli_value or os.environ.get("NUZZLE_SAVES")
    if chosen:
        return os.path.abspath(os.path.expanduser(chosen))
    checkout = checkout_folder()
    if checkout is not None:
        return os.path.join(checkout, SAVES)
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("nuzzle", appauthor=False), SAVES)


def saves_source(cli_value: str | None = None) -> str:
    """Which rule chose the saves folder, in words."""
    if cli_value:
        return "--saves"
    if os.environ.get("NUZZLE_SAVES"):
        return "NUZZLE_SAVES"
    return "the project's checkout" if checkout_dir() is not None else "your user data folder"


def shown_path(path: Path) -> str:
    """A folder as a person reads it: absolute, with the home folder as ``~``."""
    from pathlib import Path

    full = Path(path).expanduser().resolve()
    try:
        return str(Path("~") / full.relative_to(Path.home().resolve()))
    except (ValueError, RuntimeError):  # outside home, or no home at all
        return str(full)


# A profile's folder name, made from the couple's two names.

PROFILE_MAX = 40


def profile_name(a: str, b: str) -> str:
    """A readable folder name from two names: 'ada-zoe', '李-王'.

    Letters and digits of any script are kept (NFC); markup such as ``[b]`` and
    everything else becomes a single '-'. Never empty, never starts with a dot
    or a dash, no path separators.
    """
    import re
    import unicodedata

    parts = []
    for name in (a, b):
        plain = re.sub(r"\[/?[a-zA-Z][^\]]*\]", " ", name)  # [b]Ada[/b] → Ada
        plain = unicodedata.normalize("NFC", plain).casefold()
        slug = re.sub(r"[^\w]+", "-", plain).replace("_", "-").strip("-")
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
