"""App-wide settings (the theme), beside the profiles in the save folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .atomic import atomic_write, make_private_dir


def read_app_settings(root: Path) -> dict[str, Any]:
    path = root / "nuzzle.json"
    try:
        data = json.loads(path.read_text("utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def write_app_settings(root: Path, settings: dict[str, Any]) -> None:
    make_private_dir(root)
    atomic_write(root / "nuzzle.json", json.dumps(settings, indent=2).encode("utf-8"))
