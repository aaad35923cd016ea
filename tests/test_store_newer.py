"""Any file of a profile made by a newer Nuzzle is refused like a newer state.json
(DESIGN §8): never read as this version's, never played on, never rewritten.

    .venv/bin/python -m pytest tests/test_store_newer.py
"""

from __future__ import annotations

import json

import pytest
from conftest import Clock
from test_trust_reading import _play, fresh, template  # noqa: F401  (template is a fixture)

from nuzzle_game.cli.main import main
from nuzzle_game.play.session import GameSession
from nuzzle_game.store.errors import TooNew

NEWER = 99


def _made_newer(path) -> bytes:
    """Mark a file as written by a newer Nuzzle (schema 99), as that one would."""
    tables = json.loads(path.read_text())
    meta = tables.get("meta", {}).get("1", {})
    tables["meta"] = {"1": {**meta, "schema": NEWER}}
    path.write_text(json.dumps(tables))
    return path.read_bytes()


def _everything(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder.root)): p.read_bytes() for p in folder.root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("target", ["lovemaps.json", "game.json", "history/2026-01.json", "archive/0001.json"])
def test_a_file_from_a_newer_nuzzle_is_refused_whatever_its_kind(template, tmp_path, library, capsys, target):  # noqa: F811
    folder = fresh(template, tmp_path)
    path = folder.root / "alex-sam" / target
    newer = _made_newer(path)
    saves = ["--saves", str(folder.root)]

    assert main([*saves, "export", "alex-sam", "--format", "json"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "made by a newer version of Nuzzle (schema 99" in err and target in err, err

    before = _everything(folder)
    assert main([*saves, "restore", "alex-sam"]) == 1  # never "repaired" by going back to a backup
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "newer version" in err and target in err, err
    assert _everything(folder) == before

    if target in ("lovemaps.json", "game.json"):  # read when the couple is opened
        with pytest.raises(TooNew, match="newer version"):
            folder.open("alex-sam")
    elif target.startswith("history/"):  # read when a game is filed in that month
        with folder.open("alex-sam") as profile:
            session = GameSession(profile, library, clock=Clock())
            session.resume()
            _play(session)  # the game in progress, started in January
            with pytest.raises(TooNew, match="newer version"):
                session.finish()
    assert path.read_bytes() == newer, "the newer file is never rewritten"
