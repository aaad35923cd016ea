"""The names of the files in a profile folder, shared by every store module.

saves/
  nuzzle.json                 app settings (theme)
  <profile>/
    state.json                bounded state: couple, love maps (last few answers),
                              aggregates (last months), unlocks, settings,
                              and what waits to be archived
    summary.json              names, game count, game waiting: the welcome line
    game.json                 the game in progress (written every round)
    history/2026-11.json      finished games of that month (append-only)
    archive/0001.json         retired answers and months (written once each)
    backups/state-*.json      the last good versions of state.json
    backups/history-*.json    each past month's file, copied once
    .lock                     one writer at a time
"""

from __future__ import annotations

STATE = "state.json"
SUMMARY = "summary.json"
GAME = "game.json"
HISTORY = "history"
ARCHIVE = "archive"
BACKUPS = "backups"
MONTH_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9].json"
CHUNK_GLOB = "[0-9][0-9][0-9][0-9]*.json"
