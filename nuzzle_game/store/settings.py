"""App-wide settings (the theme), beside the profiles in the save folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from nuzzle_game.store.atomic import atomic_write, make_private_dir, read_json
from nuzzle_game.store.errors import SaveError


def read_app_settings(root: Path) -> dict[str, Any]:
    """The settings, or none if they cannot be read (they are only the theme)."""
    path = root / "nuzzle.json"
    try:
        data = read_json(path) if path.is_file() else {}
    except (SaveError, OSError):
        return {}
    return data if isinstance(data, dict) else {}


def write_app_settings(root: Path, settings: dict[str, Any]) -> None:
    make_private_dir(root)
    atomic_write(root / "nuzzle.json", json.dumps(settings, indent=2).encode("utf-8"))
