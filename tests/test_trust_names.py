"""Issue 10, item 5: no terminal control from names; one canonical form for names,
options and answers.

    .venv/bin/python -m pytest tests/test_trust_names.py
"""

from __future__ import annotations

import json
import shutil
import unicodedata

import pytest
from conftest import T0, make_couple
from helpers import q
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from nuzzle_game.cli.main import main
from nuzzle_game.core.models import Couple, Player
from nuzzle_game.store.errors import CorruptSave
from nuzzle_game.store.folder import SaveFolder

CONTROLS = st.sampled_from([chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]])


@given(st.text(max_size=8), CONTROLS, st.text(max_size=8))
def test_a_name_with_a_control_character_is_refused(before, control, after):
    with pytest.raises(ValidationError, match="control characters"):
        Player(name=before + control + after)


@given(st.text(min_size=1, max_size=30))
def test_every_accepted_name_is_canonical_and_printable(text):
    try:
        name = Player(name=text).name
    except ValidationError:
        return
    assert name == unicodedata.normalize("NFC", name) == name.strip()
    assert not any(unicodedata.category(c) == "Cc" for c in name)


def test_zoe_is_zoe_however_it_was_typed():
    composed, decomposed = "Zo\u00eb", "Zoe\u0308"
    assert Player(name=f"  {decomposed} ").name == composed
    with pytest.raises(ValidationError, match="different names"):
        Couple(profile="zz", players=(Player(name=composed), Player(name=decomposed)), created_at=T0)


def test_options_and_answers_are_compared_in_one_form():
    question = q("choice", options=["Caf\u00e9", "Tea", "Water", "Juice"])
    assert question.check_value("Cafe\u0301 ") == "Caf\u00e9"
    decomposed_deck = q("multi", options=["Cafe\u0301", "Tea", "Water", "Juice"])
    assert decomposed_deck.options[0] == "Caf\u00e9"
    assert decomposed_deck.check_value(["Caf\u00e9", "Tea"]) == ["Caf\u00e9", "Tea"]
    assert q("text").check_value("  e\u0301te\u0301 ") == "\u00e9t\u00e9"


@pytest.mark.parametrize("players", ["Al\x1b]0;owned\x07,Sam", "Alex,Sa\x1b[2Jm", "Alex,Sam\x9b"])
def test_demo_refuses_control_characters_in_names(tmp_path, capsys, players):
    code = main(["--saves", str(tmp_path / "saves"), "demo", "--profile", "ab", "--players", players, "--games", "1"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "control characters" in err
    assert "\x1b" not in err and "\x07" not in err and "\x9b" not in err
    assert not (tmp_path / "saves" / "ab").exists()


@pytest.mark.parametrize("name", ["ab\n", "a\x1b]0;x\x07"])
def test_a_profile_name_with_a_control_character_is_refused(tmp_path, capsys, name):
    assert main(["--saves", str(tmp_path / "saves"), "export", name]) == 2
    err = capsys.readouterr().err
    assert "is not a profile name" in err and err.count("\n") == 1 and "\x1b" not in err


def test_a_save_holding_a_control_character_in_a_name_is_damaged_not_shown(tmp_path):
    folder = SaveFolder(tmp_path / "saves", durable=False)
    folder.create(make_couple()).close()
    state = folder.profile_dir("alex-sam") / "state.json"
    tables = json.loads(state.read_text())
    tables["couple"]["1"]["players"][0]["name"] = "Al\x1b]0;owned\x07"
    state.write_text(json.dumps(tables))
    ((name, summary, problem),) = folder.couple_summaries()
    assert problem.startswith("damaged: state.json: ") and "U+001B" in problem and "\x1b" not in problem
    with pytest.raises(CorruptSave) as error:
        folder.open("alex-sam")
    assert "control characters" in str(error.value) and "\x1b" not in str(error.value)
    # A folder whose own name holds one is no profile at all.
    shutil.copytree(folder.profile_dir("alex-sam"), folder.root / "evil\x1b]0;x\x07")
    assert folder.profiles() == ["alex-sam"]
