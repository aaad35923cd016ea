"""A real sshd of the test's own on 127.0.0.1, and a partner's ssh client in tmux.

The daemon has its own host key, config and authorized_keys file in the test's
folder, listens on a free port and is stopped after the test. The client runs
in a tmux pane (a real terminal), as a partner far away runs ``ssh -t HOST``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def keypair(folder: Path, name: str) -> tuple[Path, Path]:
    key = folder / name
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"{name}@far-away", "-f", str(key)], check=True
    )
    return key, key.with_suffix(".pub")


class Sshd:
    def __init__(self, folder: Path, authorized_keys: Path) -> None:
        self.folder = folder
        self.port = free_port()
        host_key, _ = keypair(folder, "host_key")
        self.config = folder / "sshd_config"
        self.config.write_text(
            "\n".join(
                [
                    f"Port {self.port}",
                    "ListenAddress 127.0.0.1",
                    f"HostKey {host_key}",
                    f"AuthorizedKeysFile {authorized_keys}",
                    f"PidFile {folder / 'sshd.pid'}",
                    "StrictModes no",
                    "UsePAM no",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PubkeyAuthentication yes",
                    "PermitRootLogin prohibit-password",
                    "PrintMotd no",
                    "PrintLastLog no",
                    "LogLevel VERBOSE",
                    "",
                ]
            )
        )
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # its privilege separation folder
        self.log = folder / "sshd.log"
        self.process = subprocess.Popen(
            [SSHD, "-D", "-e", "-f", str(self.config)], stdout=subprocess.DEVNULL, stderr=self.log.open("w")
        )
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"sshd did not start: {self.log.read_text()}") from None
                time.sleep(0.05)
        raise RuntimeError(f"sshd did not listen: {self.log.read_text()}")

    def ssh(self, key: Path, *command: str, tty: bool = True) -> list[str]:
        """The ssh command line of a partner with ``key`` (a command of theirs, if any)."""
        user = os.environ.get("USER") or ("root" if os.geteuid() == 0 else os.getlogin())
        return [
            "ssh",
            *(["-tt"] if tty else ["-T"]),
            "-i",
            str(key),
            "-p",
            str(self.port),
            "-F",
            "/dev/null",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            f"UserKnownHostsFile={self.folder / 'known_hosts'}",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "BatchMode=yes",
            "-o",
            "LogLevel=ERROR",
            f"{user}@127.0.0.1",
            *command,
        ]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Pane:
    """A command running in a tmux pane of its own (a real terminal, 100x30)."""

    count = 0

    def __init__(self, folder: Path, command: list[str], env: dict[str, str] | None = None) -> None:
        Pane.count += 1
        self.socket = str(folder / f"tmux-{Pane.count}.sock")
        self.name = "far"
        line = " ".join(_quote(part) for part in command)
        environment = [f"{k}={_quote(v)}" for k, v in (env or {}).items()]
        script = f"{' '.join(environment)} {line}; echo EXIT=$?; sleep 60"
        subprocess.run(
            ["tmux", "-S", self.socket, "new-session", "-d", "-s", self.name, "-x", "100", "-y", "30", script],
            check=True,
        )

    def text(self) -> str:
        out = subprocess.run(
            ["tmux", "-S", self.socket, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return out.stdout

    def wait_for(self, words: str, seconds: float = 30) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            text = self.text()
            if words in text:
                return text
            time.sleep(0.2)
        raise AssertionError(f"never saw {words!r}; the pane shows:\n{self.text()}")

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "-S", self.socket, "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True)


def _quote(word: str) -> str:
    import shlex

    return shlex.quote(word)
