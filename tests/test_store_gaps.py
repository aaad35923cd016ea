"""A missing month of the history or archive part is noticed, never silently
dropped (DESIGN §8): state.json knows what should be there (the games filed in
each month file; the archive parts below the next one's number). Export says so
(one line on stderr, and "incomplete" in the JSON), check and restore find it,
and restore brings it back from backups/.

    .venv/bin/python -m pytest tests/test_store_gaps.py
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import Clock, make_couple
from test_bounded import play
from test_ui_privacy import one_kind_library

from nuzzle_game.cli.main import main
from nuzzle_game.store.errors import MissingFile
from nuzzle_game.store.folder import SaveFolder
from nuzzle_game.store.profile import ProfileReader


@pytest.fixture(scope="module")
def years(tmp_path_factory) -> Path:
    """Forty games twelve days apart: sixteen month files, and archive parts."""
    base = tmp_path_factory.mktemp("gaps")
    library = one_kind_library(base, "scale")
    root = base / "saves"
    with SaveFolder(root, durable=False).create(make_couple()) as profile:
        play(profile, library, Clock(), games=40)
    profile_dir = root / "alex-sam"
    assert len(list((profile_dir / "archive").glob("*.json"))) >= 2
    assert len(list((profile_dir / "history").glob("*.json"))) >= 12
    return root


def _copy(root: Path, tmp_path: Path) -> SaveFolder:
    shutil.copytree(root, tmp_path / "saves")
    return SaveFolder(tmp_path / "saves", durable=False)


def _export(folder: SaveFolder, capsys) -> tuple[dict, str]:
    assert main(["--saves", str(folder.root), "export", "alex-sam", "--format", "json"]) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


def test_a_missing_month_and_archive_part_are_said_in_export_and_restored(years, tmp_path, capsys):
    folder = _copy(years, tmp_path)
    profile = folder.profile_dir("alex-sam")
    whole, err = _export(folder, capsys)
    assert err == "" and whole["incomplete"] == []
    assert len(whole["games"]) == whole["stats"]["games"] == 40
    month = profile / "history" / "2026-03.json"
    in_month = len(json.loads(month.read_text())["games"])
    month.unlink()
    (profile / "archive" / "0001.json").unlink()

    partial, err = _export(folder, capsys)
    assert partial["incomplete"] == ["archive/0001.json", "history/2026-03.json"]
    assert len(partial["games"]) == 40 - in_month and partial["stats"]["games"] == 40
    assert err.count("\n") == 1 and "incomplete" in err and f"{in_month} finished games not listed" in err, err
    assert "history/2026-03.json" in err and "archive/0001.json" in err and "nuzzle restore alex-sam" in err
    # Older answers came from that part: the export's love map histories are shorter.
    assert sum(len(e["history"]) for m in partial["love_maps"] for e in m["entries"]) < sum(
        len(e["history"]) for m in whole["love_maps"] for e in m["entries"]
    )
    with pytest.raises(MissingFile, match="missing"):
        ProfileReader(folder, "alex-sam").check()

    lines = folder.restore("alex-sam")
    assert any("history/2026-03.json was missing" in line and "restored" in line for line in lines), lines
    assert any("archive/0001.json was missing" in line and "restored" in line for line in lines), lines
    again, err = _export(folder, capsys)
    assert err == "" and again == {**whole, "exported_at": again["exported_at"]}
    assert folder.restore("alex-sam") == ["Nothing to restore: 'alex-sam' reads fine."]


def test_a_missing_month_without_its_backup_is_named_and_nothing_is_changed(years, tmp_path, capsys):
    folder = _copy(years, tmp_path)
    profile = folder.profile_dir("alex-sam")
    (profile / "history" / "2026-02.json").unlink()
    (profile / "backups" / "history-2026-02.json").unlink()
    before = {p: p.read_bytes() for p in profile.rglob("*") if p.is_file()}
    assert main(["--saves", str(folder.root), "restore", "alex-sam"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "history/2026-02.json is missing" in err and "nothing was changed" in err, err
    assert {p: p.read_bytes() for p in profile.rglob("*") if p.is_file()} == before


def test_a_save_made_before_the_index_gets_one_from_its_month_files(years, tmp_path, capsys):
    folder = _copy(years, tmp_path)
    state = folder.profile_dir("alex-sam") / "state.json"
    tables = json.loads(state.read_text())
    index = tables.pop("history")["1"]
    state.write_text(json.dumps(tables))
    assert _export(folder, capsys)[0]["incomplete"] == []  # nothing to compare with yet
    folder.open("alex-sam").close()  # opening indexes the history, once
    assert json.loads(state.read_text())["history"]["1"] == index
