"""Start the game from the command line."""

from __future__ import annotations

from pathlib import Path

from ..store.folder import SaveFolder


def run_app(saves: Path, deck_dirs: list[Path]) -> int:
    from .app import AppConfig, NuzzleApp

    NuzzleApp(AppConfig(saves=SaveFolder(saves), deck_dirs=deck_dirs)).run()
    return 0
