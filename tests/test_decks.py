import json
import subprocess
import sys
from pathlib import Path

import pytest

from nuzzle_game.cli.main import main
from nuzzle_game.paths import bundled_decks_dir
from nuzzle_game.store.deck_files import load_decks, validate

GOOD = """
id = "tiny"
title = "Tiny"
description = "A small deck."
unlock = { type = "always" }

[[questions]]
id = "tiny.one"
kind = "choice"
dimension = "emotional"
depth = 1
text = "Which one these days?"
options = ["Yes", "No"]
"""


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ content


# Volume, spread, follow-ups and near-duplicates: see test_content.py.


def test_questions_carry_their_deck(library):
    for deck in library.decks:
        assert all(q.deck_id == deck.id and q.sensitive == deck.sensitive for q in deck.questions)


# --------------------------------------------------------------- validation


def test_a_good_deck_loads(tmp_path):
    write(tmp_path, "a.toml", GOOD)
    library = load_decks([tmp_path])
    assert [d.id for d in library.decks] == ["tiny"] and not library.broken


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "empty"),
        (b"\xff\xfe\x00binary", "UTF-8"),
        ("id = [unclosed", "TOML"),
        (GOOD.replace('"emotional"', '"romantic"'), "field 'dimension'"),
        (GOOD.replace('"choice"', '"essay"'), "field 'kind'"),
        (GOOD.replace("depth = 1", "depth = 7"), "field 'depth'"),
        (GOOD.replace("depth = 1", 'depth = "deep"'), "field 'depth'"),
        (GOOD.replace('options = ["Yes", "No"]', ""), "needs 'options'"),
        (GOOD.replace('options = ["Yes", "No"]', 'options = ["Yes"]'), "2 to 6"),
        (GOOD.replace('title = "Tiny"', ""), "field 'title'"),
        (GOOD + GOOD[GOOD.index("[[questions]]") :], "appears twice"),
        (GOOD.replace('{ type = "always" }', '{ type = "games" }'), "field 'unlock.count'"),
        (GOOD.replace('{ type = "always" }', '{ type = "opt_in" }'), "sensitive"),
    ],
)
def test_broken_decks_say_what_and_where(tmp_path, content, expected):
    path = write(tmp_path, "bad.toml", content)
    problems = validate([path])
    assert problems, "expected a problem"
    text = "\n".join(map(str, problems))
    assert str(path) in text and expected in text


def test_problem_names_the_question(tmp_path):
    path = write(tmp_path, "bad.toml", GOOD.replace("depth = 1", "depth = 9"))
    (problem,) = validate([path])
    assert problem.question_id == "tiny.one" and problem.field == "depth"


def test_a_broken_deck_does_not_stop_the_others(tmp_path):
    write(tmp_path, "a.toml", GOOD)
    write(tmp_path, "b.toml", "not = [toml")
    library = load_decks([tmp_path])
    assert [d.id for d in library.decks] == ["tiny"]
    assert len(library.broken) == 1 and "TOML" in library.broken[0].reason


def test_question_ids_are_global(tmp_path):
    write(tmp_path, "a.toml", GOOD)
    write(tmp_path, "b.toml", GOOD.replace('id = "tiny"', 'id = "other"'))
    library = load_decks([tmp_path])
    assert [d.id for d in library.decks] == ["tiny"]
    assert "already used" in library.broken[0].reason


# ------------------------------------------------------------------ the CLI


def test_cli_validate_ok(capsys):
    assert main(["decks", "validate", str(bundled_decks_dir())]) == 0
    assert "All good" in capsys.readouterr().out


def test_cli_validate_reports_every_problem(tmp_path, capsys):
    write(tmp_path, "a.toml", GOOD.replace("depth = 1", "depth = 9").replace('"emotional"', '"x"'))
    write(tmp_path, "b.toml", b"\x00\x01")
    assert main(["decks", "validate", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "a.toml: question tiny.one: field 'dimension'" in out
    assert "a.toml: question tiny.one: field 'depth'" in out
    assert "b.toml" in out and "Traceback" not in out + err


def test_cli_validate_missing_path(tmp_path, capsys):
    assert main(["decks", "validate", str(tmp_path / "nope.toml")]) == 1
    assert "no such file" in capsys.readouterr().out


def test_cli_list_json(capsys):
    assert main(["decks", "list", "--json"]) == 0
    decks = json.loads(capsys.readouterr().out)
    assert len(decks) >= 6
    for deck in decks:
        assert {"id", "title", "sensitive", "questions"} <= deck.keys()
        assert isinstance(deck["sensitive"], bool)
        for question in deck["questions"]:
            assert {"id", "text", "kind", "dimension", "depth"} <= question.keys()


def test_cli_list_json_other_folder_with_a_broken_deck(tmp_path, capsys):
    write(tmp_path, "a.toml", GOOD)
    write(tmp_path, "b.toml", "x = ")
    assert main(["--decks", str(tmp_path), "decks", "list", "--json"]) == 0
    out, err = capsys.readouterr()
    assert [d["id"] for d in json.loads(out)] == ["tiny"]
    assert "broken deck" in err and "b.toml" in err


def test_installed_wheel_finds_its_decks(tmp_path):
    """`pip install .` (not editable) still ships the decks."""
    root = Path(__file__).resolve().parents[1]
    target = tmp_path / "site"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--target",
            str(target),
            str(root),
        ],
        capture_output=True,
        text=True,
    )
    if build.returncode != 0 and "hatchling" in build.stderr:
        pytest.skip("hatchling is not installed in this environment")
    assert build.returncode == 0, build.stderr
    code = "import json,sys; from nuzzle_game.cli.main import main; sys.exit(main(['decks','list','--json']))"
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stderr
    assert len(json.loads(run.stdout)) >= 6
    assert (target / "nuzzle_game" / "decks").is_dir()
    styles = {p.name for p in (target / "nuzzle_game" / "ui").rglob("*.tcss")}
    # Every stylesheet of the source tree ships (whichever screens have one).
    source = {p.name for p in (Path(__file__).parents[1] / "nuzzle_game" / "ui").rglob("*.tcss")}
    assert {"nuzzle.tcss", "round.tcss", "review.tcss", "seat.tcss"} <= source and styles == source
    assert (target / "nuzzle_game" / "ui" / "web" / "seat.html").is_file()  # nuzzle serve's page


# ------------------------------------------- deck rules for users' own decks


@pytest.mark.parametrize(
    "change, field",
    [
        (('text = "Which one these days?"', 'text = "Which one\\u001b[2J these days?"'), "text"),
        (('text = "Which one these days?"', 'text = "Ring\\u0007 the bell?"'), "text"),
        (('options = ["Yes", "No"]', 'options = ["Yes", "No\\u009b"]'), "options"),
        (('title = "Tiny"', 'title = "Ti\\u001bny"'), "title"),
        (('description = "A small deck."', 'description = "A\\u0007 small deck."'), "description"),
        (
            ('options = ["Yes", "No"]', 'follow_up = "Ask\\u001b]0;owned\\u0007 why."\noptions = ["Yes", "No"]'),
            "follow_up",
        ),
    ],
)
def test_control_characters_are_refused_and_the_field_named(tmp_path, change, field):
    path = write(tmp_path, "bad.toml", GOOD.replace(*change))
    problems = validate([path])
    assert problems and all("control character" in p.message for p in problems)
    assert problems[0].field == field


def test_a_question_of_only_spaces_is_refused(tmp_path):
    path = write(tmp_path, "bad.toml", GOOD.replace('"Which one these days?"', '"     "'))
    (problem,) = validate([path])
    assert problem.field == "text" and "only spaces" in problem.message


def test_deck_rules_exclusive_rank_and_empty_other(tmp_path):
    multi = GOOD.replace('kind = "choice"', 'kind = "multi"')
    cases = {
        multi.replace('["Yes", "No"]', '["Walks", "Books", "None of these"]'): "exclusive",
        GOOD.replace('["Yes", "No"]', '["Yes", "Other"]'): "says nothing",
        GOOD.replace('kind = "choice"', 'kind = "rank"').replace(
            'options = ["Yes", "No"]', 'items = ["a", "b", "c", "d", "e", "f"]'
        ): "3 to 5",
    }
    for content, expected in cases.items():
        problems = validate([write(tmp_path, "bad.toml", content)])
        assert problems and expected in str(problems[0]), content


def test_a_user_deck_reusing_a_bundled_id_breaks_itself(tmp_path, capsys):
    """The bundled decks keep their ids however a user's deck is loaded beside them.

    This test once passed while the bug was real: it gave the bundled folder by
    its own path, which sorts it first; but the game loads one folder (``--decks
    DIR`` replaces the bundled decks), so a player who adds a deck copies the
    bundled ones beside it, where nothing told them apart: the user's file, first
    by name, took the id and the bundled deck was the one called broken.
    """
    import shutil

    bundled = load_decks([bundled_decks_dir()])
    taken = "minds.choice.read-now"
    owner = next(d for d in bundled.decks if any(q.id == taken for q in d.questions))
    mine = write(tmp_path, "00-mine.toml", GOOD.replace('"tiny.one"', f'"{taken}"'))
    folder = tmp_path / "my-decks"
    shutil.copytree(bundled_decks_dir(), folder)
    shutil.copy(mine, folder / mine.name)
    for paths in ([mine, bundled_decks_dir()], [folder]):  # given first, or first by name in one folder
        library = load_decks(paths)
        assert [b.path.name for b in library.broken] == [mine.name], paths
        assert {d.id for d in library.decks} == {d.id for d in bundled.decks}
        assert library.deck(owner.id).questions == owner.questions
        (problem,) = library.broken[0].problems
        assert problem.question_id == taken and f"bundled deck '{owner.id}'" in problem.message
    # As the command line lists and checks that folder:
    assert main(["--decks", str(folder), "decks", "list"]) == 0
    listed = capsys.readouterr().out
    assert f"BROKEN           {folder / mine.name}: question {taken}" in listed and listed.count("BROKEN") == 1
    assert main(["decks", "validate", str(folder)]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{folder / mine.name}: question {taken}: ")


def test_validating_the_same_file_twice_is_no_collision(tmp_path, capsys):
    path = write(tmp_path, "a.toml", GOOD)
    assert validate([path, path]) == []
    assert validate([tmp_path, path]) == []
    assert main(["decks", "validate", str(path), str(path)]) == 0
    assert "1 decks, 1 questions" in capsys.readouterr().out


def test_an_unreadable_deck_folder_is_named_not_empty(tmp_path, capsys, monkeypatch):
    import os

    import nuzzle_game.store.deck_files as decks

    folder = tmp_path / "decks"
    folder.mkdir()
    write(folder, "a.toml", GOOD)
    real = os.scandir

    def scandir(path):  # as a folder with mode 000 behaves for a normal user
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(decks.os, "scandir", scandir)
    problems = validate([folder])
    assert problems and str(folder) in str(problems[0]) and "cannot read" in str(problems[0])
    assert main(["--decks", str(folder), "decks", "list"]) == 1
    assert main(["--decks", str(folder), "decks", "list", "--json"]) == 1
    assert main(["decks", "validate", str(folder)]) == 1
    assert f"{folder}: cannot read this deck folder: Permission denied" in capsys.readouterr().out


def test_decks_parse_once_per_content(tmp_path, monkeypatch):
    import nuzzle_game.store.deck_files as decks

    path = write(tmp_path, "a.toml", GOOD)
    calls = []
    real = decks._parse
    monkeypatch.setattr(decks, "_parse", lambda p, raw: calls.append(p) or real(p, raw))
    first = load_decks([tmp_path])
    assert load_decks([tmp_path]) is first and validate([path]) == []
    assert calls == [path]
    # A changed file is read again, whatever its time stamp says.
    write(tmp_path, "a.toml", GOOD.replace("Tiny", "Tinz"))
    assert load_decks([tmp_path]).decks[0].title == "Tinz" and len(calls) == 2
