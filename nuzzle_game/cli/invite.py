"""`nuzzle invite PROFILE --as NAME --key FILE.pub` (DESIGN §12): a partner far away.

Prints the line for this machine's ``~/.ssh/authorized_keys`` that lets the
partner's own key open their own seat, and nothing else: ``restrict`` (no port,
agent or X11 forwarding, no ~/.ssh/rc), ``pty`` (a terminal for the seat), and a
forced ``command`` (sshd runs it whatever command the client asked for), which
is ``nuzzle … join PROFILE --as NAME``. SSH is the transport, the
authentication and the encryption; Nuzzle opens no port of its own.
"""

from __future__ import annotations

import base64
import binascii
import shlex
import sys
from pathlib import Path

from nuzzle_game.store.errors import SaveError

# The key types sshd accepts in authorized_keys (OpenSSH 9).
KEY_TYPES = frozenset(
    {
        "ssh-ed25519",
        "ssh-rsa",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com",
        "sk-ecdsa-sha2-nistp256@openssh.com",
    }
)
MAX_KEY_FILE = 16 * 1024


class InviteError(SaveError):
    """One clear line for the player (the CLI prints it, exit 1)."""


def read_public_key(path: Path) -> tuple[str, str, str]:
    """The key in ``path`` as (type, base64 blob, comment), checked; InviteError if not one."""
    from nuzzle_game.store.files import read_limited

    try:
        raw = read_limited(path, MAX_KEY_FILE)
    except FileNotFoundError:
        raise InviteError(f"no key file at {path}") from None
    except OSError as error:
        raise InviteError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        raise InviteError(f"{path} is not an SSH public key (it is not plain text)") from None
    if "PRIVATE KEY" in text:
        raise InviteError(
            f"{path} is a private key: give the partner's public key (the .pub file), and never share a private one"
        )
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if len(lines) != 1:
        raise InviteError(f"{path} should hold one public key on one line; it holds {len(lines)}")
    parts = lines[0].split(None, 2)
    if len(parts) < 2 or parts[0] not in KEY_TYPES:
        raise InviteError(
            f"{path} is not an SSH public key (it should start with ssh-ed25519, ssh-rsa or ecdsa-…, with no options)"
        )
    kind, blob = parts[0], parts[1]
    try:
        decoded = base64.b64decode(blob, validate=True)
    except (binascii.Error, ValueError):
        raise InviteError(f"{path}: the key's data is damaged (not base64)") from None
    length = int.from_bytes(decoded[:4], "big") if len(decoded) >= 4 else -1
    if decoded[4 : 4 + length].decode("ascii", "replace") != kind:
        raise InviteError(f"{path}: the key's data does not match its type ({kind})")
    comment = "".join(ch for ch in (parts[2] if len(parts) > 2 else "") if ch.isprintable() and ch != '"')
    return kind, blob, comment.strip()


def nuzzle_command() -> list[str]:
    """How this Nuzzle is started, absolute: sshd's forced command runs in a bare shell."""
    argv0 = Path(sys.argv[0])
    if argv0.name == "nuzzle" and argv0.exists():
        return [str(argv0.resolve())]
    return [sys.executable, "-m", "nuzzle_game"]


def authorized_keys_line(
    key: tuple[str, str, str], profile: str, name: str, saves: Path, command: list[str] | None = None
) -> str:
    """The authorized_keys line: this key may open ``name``'s seat of ``profile``, only."""
    if any(ch in name for ch in '"\\'):
        raise InviteError(f"the name {name!r} holds a quote or a backslash, which an authorized_keys line cannot carry")
    argv = [*(command or nuzzle_command()), "--saves", str(saves.resolve()), "join", profile, "--as", name]
    forced = " ".join(shlex.quote(part) for part in argv)
    if '"' in forced:  # shlex never makes one, but a path could hold one
        raise InviteError("the path to Nuzzle or to the saves holds a double quote, which authorized_keys cannot carry")
    kind, blob, comment = key
    tail = f" {comment}" if comment else ""
    return f'restrict,pty,command="{forced}" {kind} {blob}{tail}'


def invite(folder, profile: str, name: str, key_file: Path) -> str:
    """The line, for an existing couple and one of its names; InviteError otherwise."""
    names = _names(folder, profile)
    wanted = " ".join(name.split()).casefold()
    match = next((n for n in names if n.casefold() == wanted), None)
    if match is None:
        raise InviteError(f"'{name}' is not a partner in '{profile}': it is {names[0]} and {names[1]}")
    return authorized_keys_line(read_public_key(key_file), profile, match, folder.root)


def _names(folder, profile: str) -> tuple[str, str]:
    from nuzzle_game.store.errors import NoSuchProfile
    from nuzzle_game.store.profile import ProfileReader

    if not folder.exists(profile):
        raise NoSuchProfile(profile, folder.root)
    players = ProfileReader(folder, profile).state.couple.players
    return (players[0].name, players[1].name)
