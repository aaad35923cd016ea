"""Start the game from the command line, and make a crash show no answers.

Textual's crash report is a Rich traceback with the local variables of every
frame: on a screen holding a couple's answers, it printed them. Here an
unhandled exception writes its details to a private (0600) file in the saves
folder instead, the terminal gets one line saying where, and the exit code is
non-zero.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App

from nuzzle_game.clock import Clock
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.ui.crash_file import PRIVATE, write_crash_report


class CrashReports(App):
    """Mixed in before an App: crash details go to a private file, never the screen."""

    crash_folder: Path = Path(".")
    crash_report: Path | None = None
    crashed: bool = False

    def _handle_exception(self, error: Exception) -> None:
        # Textual 8 sends every unhandled exception here (message handlers,
        # workers, compose); it sets return_code 1 and then calls _fatal_error.
        if not self.crashed:
            self.crashed = True
            self.crash_report = write_crash_report(self.crash_folder, error)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # Textual's version renders Traceback(show_locals=True) for printing on exit.
        self.bell()
        self._close_messages_no_wait()

    def panic(self, *renderables) -> None:
        # Used for exceptions that render themselves: show nothing of them either.
        self._close_messages_no_wait()


def crash_line(app: CrashReports) -> str:
    where = f"the details are in {app.crash_report}" if app.crash_report else "its details could not be written"
    return (
        f"nuzzle: something went wrong and Nuzzle had to stop; everything saved before is intact, "
        f"and {where} ({PRIVATE})."
    )


def run_guarded(app: CrashReports, headless: bool = False) -> int:
    """Run ``app``; after a crash print one line on stderr and return non-zero."""
    app.run(headless=headless)
    if app.crashed or app.return_code:
        if app.crashed:
            print(crash_line(app), file=sys.stderr)
        return app.return_code or 1
    return 0


def run_app(saves: Path, deck_dirs: list[Path], clock: Clock) -> int:
    from nuzzle_game.ui.app import AppConfig, NuzzleApp

    class GuardedNuzzleApp(CrashReports, NuzzleApp):
        pass

    app = GuardedNuzzleApp(AppConfig(saves=SaveFolder(saves, clock=clock), deck_dirs=deck_dirs, clock=clock))
    app.crash_folder = Path(saves)
    return run_guarded(app)
