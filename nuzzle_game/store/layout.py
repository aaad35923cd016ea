"""The names of the files in a profile folder, shared by every store module.

saves/
  nuzzle.json                 app settings (theme)
  <profile>/
    state.json                bounded state: couple, the love map entries changed
                              since lovemaps.json was written, aggregates (last
                              months), unlocks, settings, what waits to be archived,
                              and the games filed in each month file
    lovemaps.json             the love maps' base (last few answers of each entry),
                              rewritten whole only when enough entries changed
    summary.json              names, game count, game waiting: the welcome line
    game.json                 the game in progress (written every round)
    history/2026-11.json      finished games of that month (append-only)
    archive/0001.json         retired answers and months (written once each)
    backups/state-*.json      the last good versions of state.json
    backups/lovemaps-*.json   the last few bases of the love maps, each as read
    backups/history-*.json    each past month's file, copied once
    backups/archive-*.json    each archive file, copied as it is written
    .lock                     one writer at a time

Every file but summary.json begins with a "meta" document: the save format's
version that wrote it, and whose it is (``documents.Head``).
"""

from __future__ import annotations

from pathlib import Path

STATE = "state.json"
LOVEMAPS = "lovemaps.json"
SUMMARY = "summary.json"
GAME = "game.json"
HISTORY = "history"
ARCHIVE = "archive"
BACKUPS = "backups"
MONTH_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9].json"
CHUNK_GLOB = "[0-9][0-9][0-9][0-9]*.json"


def archive_files(folder: Path) -> list[Path]:
    """The archive's files, numbered 0001.json on; never a damaged one set aside
    beside them by restore (0001.damaged-….json)."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.glob(CHUNK_GLOB) if p.stem.isdigit()), key=lambda p: int(p.stem))
