"""Where the browser seats are served from: this machine's address on the local
network, https with a user's certificate, and a QR code of each link."""

from __future__ import annotations

import socket
import ssl
from pathlib import Path

# What a served seat's App tells the server once it has started (a meta packet):
# the server then sends the page's size and focus again (``serve.SpareService``).
SEAT_STARTED = "nuzzle-seat-started"


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.254.254.254", 1))
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def qr_text(url: str) -> str:
    """A QR code of ``url`` drawn with block characters, for a phone to scan."""
    import io

    import segno

    out = io.StringIO()
    segno.make(url, error="l").terminal(out=out, compact=True)
    return out.getvalue()


def tls_context(cert: Path, key: Path) -> ssl.SSLContext:
    """A server context from a PEM certificate (chain) and its private key.

    ValueError with one sentence when a file is missing, is not a regular file,
    or they are not a certificate and its unencrypted key.
    """
    for path in (cert, key):
        if not path.exists():
            raise ValueError(f"--tls: no file at {path}")
        if not path.is_file():  # a FIFO or a device would be read forever
            raise ValueError(f"--tls: {path} is not a regular file")
        if path.stat().st_size > 1_000_000:
            raise ValueError(f"--tls: {path} is too large for a certificate or a key")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        # A key protected by a passphrase is refused here, never asked for on the terminal.
        context.load_cert_chain(cert, key, password=lambda: b"")
    except (ssl.SSLError, OSError, ValueError) as error:
        why = getattr(error, "reason", None) or str(error) or type(error).__name__
        raise ValueError(
            f"--tls: {cert} and {key} are not a PEM certificate and its private key (unencrypted) ({why})"
        ) from None
    return context


PLAIN_ON_THE_LAN = (
    "These links are plain http: anyone on this network can read your answers on their way. "
    "If you have a certificate for this computer, serve with --tls CERT KEY."
)
