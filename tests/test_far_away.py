"""A partner far away (DESIGN §12): `nuzzle invite` and a real sshd on 127.0.0.1.

The invited key opens that partner's own seat and nothing else: whatever command
the client asks for is ignored, there is no shell after the seat, and a key not
invited gets nowhere.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Clock
from sshd_support import Pane, Sshd, keypair
from ui_driver import couple_on_disk

from nuzzle_game.cli.invite import InviteError, read_public_key


def nuzzle(saves: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nuzzle_game", "--saves", str(saves), *args], capture_output=True, text=True
    )


@pytest.fixture
def couple(tmp_path, library) -> Path:
    saves = tmp_path / "saves"
    couple_on_disk(saves, library, Clock())
    return saves


def test_the_invite_line_forces_the_seat_and_restricts_the_key(tmp_path, couple):
    _, public = keypair(tmp_path, "sam")
    out = nuzzle(couple, "invite", "alex-sam", "--as", "sam", "--key", str(public))
    assert out.returncode == 0, out.stderr
    line = out.stdout.strip()
    assert line.count("\n") == 0
    options, key = line.split(" ssh-ed25519 ")
    assert options.startswith('restrict,pty,command="') and options.endswith('"')
    command = options.split('command="', 1)[1][:-1]
    assert f"--saves {couple.resolve()} join alex-sam --as Sam" in command  # the name as the couple spells it
    assert Path(command.split()[0]).is_absolute()
    assert key.split()[0] == public.read_text().split()[1]


@pytest.mark.parametrize(
    "content, message",
    [
        ("-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n", "private key"),
        ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== a\nssh-ed25519 AAAA b\n", "one public key"),
        ('command="sh" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 x\n', "not an SSH public key"),
        ("ssh-ed25519 !!!notbase64 x\n", "damaged"),
        ("ssh-ed25519 c3NoLXJzYQ== x\n", "does not match"),
        ("\x1b]52;c;cHduZWQ=\x07\n", "not an SSH public key"),
    ],
)
def test_a_bad_key_file_is_one_clear_line(tmp_path, couple, content, message):
    bad = tmp_path / "bad.pub"
    bad.write_text(content)
    with pytest.raises(InviteError, match=message):
        read_public_key(bad)
    out = nuzzle(couple, "invite", "alex-sam", "--as", "Sam", "--key", str(bad))
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and message in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["alex-sam", "--as", "Robin"], "not a partner"),
        (["nobody", "--as", "Sam"], "no profile 'nobody'"),
        (["alex-sam", "--as", "Sam", "--key", "/nonexistent.pub"], "no key file"),
    ],
)
def test_an_unknown_name_profile_or_file_is_one_clear_line(tmp_path, couple, args, message):
    _, public = keypair(tmp_path, "sam")
    if "--key" not in args:
        args = [*args, "--key", str(public)]
    out = nuzzle(couple, "invite", *args)
    assert out.returncode == 1 and out.stderr.count("\n") == 1 and message in out.stderr


@pytest.mark.ssh
def test_the_invited_key_opens_only_that_partners_seat_through_a_real_sshd(tmp_path, couple):
    key, public = keypair(tmp_path, "sam")
    stranger, _ = keypair(tmp_path, "stranger")
    line = nuzzle(couple, "invite", "alex-sam", "--as", "Sam", "--key", str(public)).stdout
    authorized = tmp_path / "authorized_keys"
    authorized.write_text(line)
    authorized.chmod(0o600)
    sshd = Sshd(tmp_path, authorized)
    panes: list[Pane] = []
    try:
        # The partner far away runs `ssh -t HOST` and lands in their own seat.
        seat = Pane(tmp_path, sshd.ssh(key))
        panes.append(seat)
        text = seat.wait_for("Your half of today's check-in")
        assert "Sam, your answer" in text
        seat.keys("C-q")
        after = seat.wait_for("EXIT=", seconds=10)  # the session ends with the seat: no shell comes after it
        assert "Everything is saved. Come back any time: nuzzle" in after and "join alex-sam --as Sam" in after
        seat.close()

        # Whatever command the client asks for is ignored: `id` runs no id.
        asked = Pane(tmp_path, sshd.ssh(key, "id; echo SHELL-RAN"))
        panes.append(asked)
        text = asked.wait_for("Your half of today's check-in")
        asked.keys("C-q")
        text = asked.wait_for("EXIT=")
        assert "uid=" not in text and "SHELL-RAN" not in text
        asked.close()

        # A key nobody invited gets nowhere.
        refused = subprocess.run(sshd.ssh(stranger, "id", tty=False), capture_output=True, text=True, timeout=30)
        assert refused.returncode == 255 and "uid=" not in refused.stdout
    finally:
        for pane in panes:
            pane.close()
        sshd.stop()
