"""What can go wrong with a save, each as one sentence a player can act on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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

    def for_profile(self, profile: str) -> CorruptSave:
        return type(self)(self.path, self.reason, profile)


class NotThisCouple(CorruptSave):
    """A file of another couple's, found in this couple's profile (``reason`` names
    whose it is): never read as this couple's."""

    def __init__(self, path: Path, reason: str, profile: str | None = None) -> None:
        super().__init__(path, reason, profile)
        hint = (
            f" `nuzzle restore {profile}` sets it aside and brings back this couple's own copy from its backups."
            if profile
            else ""
        )
        Exception.__init__(self, f"{path} {reason}: it is not read as this couple's, and nothing was changed.{hint}")


class MissingFile(CorruptSave):
    """A file the state says is there (a month of the history, an archive part) is not."""


class SaveFailed(SaveError):
    def __init__(self, path: Path, error: OSError) -> None:
        self.path = path
        self.error = error
        why = error.strerror or str(error) or type(error).__name__
        super().__init__(f"could not save to {path} ({why}); everything saved before is intact.")


class ProfileBusy(SaveError):
    def __init__(self, profile: str) -> None:
        self.profile = profile
        super().__init__(f"profile '{profile}' is already open in another Nuzzle; close it there first.")


class NoSuchProfile(SaveError):
    def __init__(self, profile: str, folder: Path) -> None:
        self.profile = profile
        super().__init__(f"no profile '{profile}' in {folder}.")


class TooNew(SaveError):
    def __init__(self, path: Path, version: int, supported: int) -> None:
        self.path = path
        self.version = version
        super().__init__(
            f"{path} was made by a newer version of Nuzzle (schema {version}; this one reads up to "
            f"{supported}). Update Nuzzle to open it; nothing was changed."
        )


class NotWritable(SaveError):
    """The saves folder (or a folder in it) cannot be written to at all."""

    def __init__(self, path: Path, why: str) -> None:
        self.path = path
        super().__init__(
            f"Nuzzle cannot write in {path} ({why}). Choose another folder with --saves DIR "
            "or NUZZLE_SAVES, or allow writing there; nothing was changed."
        )


# Everything that can go wrong while making sense of a file's content: a
# missing key, a list where an object belongs, a value pydantic refuses
# (ValidationError is a ValueError), nesting too deep to walk.
CONTENT_ERRORS = (KeyError, IndexError, TypeError, AttributeError, ValueError, RecursionError)


@contextmanager
def reading(path: Path, profile: str | None = None) -> Iterator[None]:
    """Any failure to read ``path`` becomes a CorruptSave naming it, in one line."""
    try:
        yield
    except CorruptSave as error:
        raise (error.for_profile(profile) if profile and not error.profile else error) from None
    except SaveError:
        raise
    except CONTENT_ERRORS as error:
        raise CorruptSave(path, content_reason(error), profile) from error


def content_reason(error: BaseException) -> str:
    """Why a file's content cannot be used, in a few words. A time without a time
    zone (refused by the models' ``AwareDatetime``: it cannot be compared with the
    clock, and would fail later, far from here) is named as such."""
    details = getattr(error, "errors", None)
    if callable(details):
        try:
            first = details()[0]
            if first["type"] == "timezone_aware":
                return f"a time without a time zone ({'.'.join(map(str, first['loc'])) or 'value'})"
        except Exception:
            pass
    return f"unexpected content ({_describe(error)})"


def _describe(error: BaseException) -> str:
    details = getattr(error, "errors", None)
    if callable(details):  # a pydantic ValidationError: where, and what
        try:
            first = details()[0]
            where = ".".join(map(str, first["loc"]))
            return f"{where}: {first['msg']}" if where else first["msg"]
        except Exception:
            pass
    if isinstance(error, RecursionError):
        return "nested too deeply"
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def damage_line(error: SaveError, profile_dir: Path) -> str:
    """What the welcome list says of a couple whose save cannot be read."""
    if isinstance(error, TooNew):
        return f"made by a newer version of Nuzzle (schema {error.version}); update Nuzzle to open it"
    if isinstance(error, CorruptSave):
        try:
            name = error.path.relative_to(profile_dir)
        except ValueError:
            name = error.path
        return f"damaged: {name}: {error.reason}; `nuzzle restore {profile_dir.name}` repairs what a backup can"
    return str(error)
