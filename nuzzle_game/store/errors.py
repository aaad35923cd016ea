"""What can go wrong with a save, each as one sentence a player can act on."""

from __future__ import annotations

from pathlib import Path


class SaveError(Exception):
    """Base class: ``str()`` is the one line shown to the player."""


class CorruptSave(SaveError):
    def __init__(self, path: Path, reason: str, profile: str | None = None) -> None:
        self.path = path
        self.reason = reason
        self.profile = profile
        hint = (
            f" Nothing was changed; `nuzzle restore {profile}` brings back the last good backup."
            if profile
            else " Nothing was changed."
        )
        super().__init__(f"cannot read save file {path}: {reason}.{hint}")

    def for_profile(self, profile: str) -> "CorruptSave":
        return CorruptSave(self.path, self.reason, profile)


class SaveFailed(SaveError):
    def __init__(self, path: Path, error: OSError) -> None:
        self.path = path
        self.error = error
        why = error.strerror or str(error) or type(error).__name__
        super().__init__(
            f"could not save to {path} ({why}); everything saved before is intact."
        )


class ProfileBusy(SaveError):
    def __init__(self, profile: str) -> None:
        self.profile = profile
        super().__init__(
            f"profile '{profile}' is already open in another Nuzzle; close it there first."
        )


class NoSuchProfile(SaveError):
    def __init__(self, profile: str, folder: Path) -> None:
        self.profile = profile
        super().__init__(f"no profile '{profile}' in {folder}.")


class TooNew(SaveError):
    def __init__(self, path: Path, version: int, supported: int) -> None:
        super().__init__(
            f"{path} was saved by a newer Nuzzle (schema {version}; this one reads up to "
            f"{supported}). Update Nuzzle to open it; nothing was changed."
        )
