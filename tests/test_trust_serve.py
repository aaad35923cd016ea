"""`nuzzle serve` on a network: plain http is said where the links are printed,
and `--tls CERT KEY` serves https and wss with a user's certificate.

    .venv/bin/python -m pytest tests/test_trust_serve.py
"""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser_support import make_certificate, make_deck, start_serve, stop
from conftest import make_couple

from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.table import connection as conn
from nuzzle_game.ui.serve_links import PLAIN_ON_THE_LAN

REPO = Path(__file__).resolve().parent.parent


def couple(tmp_path: Path) -> tuple[SaveFolder, Path]:
    saves = SaveFolder(tmp_path / "saves")
    saves.create(make_couple()).close()
    return saves, make_deck(tmp_path / "decks")


def test_serve_with_a_certificate_gives_https_links_and_its_pages_load_over_tls(tmp_path):
    saves, decks = couple(tmp_path)
    cert, key = make_certificate(tmp_path / "tls")
    server, urls = start_serve(saves.root, decks, "alex-sam", extra=("--tls", str(cert), str(key)))
    try:
        assert all(url.startswith("https://127.0.0.1:") for url in urls), urls
        trusting = ssl.create_default_context(cafile=str(cert))
        with urllib.request.urlopen(urls[0], context=trusting, timeout=10) as page:
            body = page.read().decode()
        assert page.status == 200 and "<title>Nuzzle · Alex</title>" in body
        assert 'data-session-websocket-url="wss://127.0.0.1:' in body
        # Nothing is served in the clear on that port.
        with pytest.raises((urllib.error.URLError, ConnectionError, OSError)):
            urllib.request.urlopen(urls[0].replace("https://", "http://"), timeout=5).read()
    finally:
        out, err = stop(server)
    assert "The table is closed" in out, err
    assert PLAIN_ON_THE_LAN not in out


def serve(saves: SaveFolder, decks: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nuzzle_game", "--saves", str(saves.root), "--decks", str(decks), "serve", "alex-sam"]
        + list(args),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )


def test_a_missing_or_bad_certificate_is_one_line_and_no_table(tmp_path):
    saves, decks = couple(tmp_path)
    cert, key = make_certificate(tmp_path / "tls")
    other_cert, _ = make_certificate(tmp_path / "other")
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
    fifo = tmp_path / "fifo.pem"
    os.mkfifo(fifo)
    cases = [
        ((tmp_path / "nowhere.pem", key), "no file at"),
        ((garbage, key), "are not a PEM certificate and its private key"),
        ((other_cert, key), "are not a PEM certificate and its private key"),  # a key that is not its
        ((cert, cert), "are not a PEM certificate and its private key"),
        ((fifo, key), "is not a regular file"),
    ]
    for (c, k), expected in cases:
        started = time.monotonic()
        done = serve(saves, decks, "--tls", str(c), str(k))
        assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
        assert done.stderr.startswith("nuzzle: --tls: ") and expected in done.stderr, done.stderr
        assert time.monotonic() - started < 15
        assert not conn.path_for(saves.profile_dir("alex-sam")).exists()


def test_serving_on_the_local_network_says_the_links_are_plain_http(tmp_path):
    saves, decks = couple(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "nuzzle_game", "--saves", str(saves.root), "--decks", str(decks)]
        + ["serve", "alex-sam", "--lan"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    seen = []
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not any("Ctrl+C closes the table" in line for line in seen):
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line)
    finally:
        out, err = stop(process)
    printed = "".join(seen) + out
    assert PLAIN_ON_THE_LAN + "\n" in printed, printed + err
    assert "http://" in printed and "https://" not in printed
