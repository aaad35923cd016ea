"""Start-up of this tree and another one, side by side, in the same minutes.

    .venv/bin/python benchmarks/side_by_side.py OTHER_TREE OTHER_SAVES [--runs N]

OTHER_TREE is a checkout of another commit (``git worktree add``); OTHER_SAVES a
save folder holding a ``five-years`` profile made by that tree's own ``nuzzle
demo --years 5`` (a newer tree's saves are refused by an older one). Each round
launches the bare Textual app, the other tree and this one, in fresh processes,
for "first" (launch -> welcome painted) and "ready" (then Enter after half a
second -> home painted), so the machine's moods hit all three alike. Prints the
medians and each tree's ratios to the bare app's first paint.
"""

from __future__ import annotations

import argparse
import ast
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from children import BARE_APP, NUZZLE_APP
from run import DATA, PERSON, PY, ROOT


def nuzzle_app_of(tree: Path) -> str:
    """The tree's own child program: benchmarks/children.py, or (older trees) run.py."""
    namespace: dict[str, object] = {"Path": Path}
    children = tree / "benchmarks" / "children.py"
    if children.exists():
        exec(compile(children.read_text(), str(children), "exec"), namespace)
    else:
        source = (tree / "benchmarks" / "run.py").read_text()
        block = source[source.index("PAINTED = r") : source.index("def waited")]
        exec(compile(block, "run.py", "exec"), namespace)
    return str(namespace["NUZZLE_APP"])


def waited(code: str, mode: str, args: list[str], cwd: Path, env: dict[str, str]) -> float:
    launched = time.time()
    out = subprocess.run(
        [PY, "-c", code, mode, *args, str(PERSON)],
        check=True,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **env},
    )
    times = ast.literal_eval(out.stdout.strip().splitlines()[-1])
    wait = times["welcome"] - launched
    if mode == "ready":
        wait += times["home"] - times["enter"]
    return wait


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other_tree", type=Path)
    parser.add_argument("other_saves", type=Path)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    other = args.other_tree.resolve()
    trees = {
        "bare": (BARE_APP, [], ROOT, {}),
        "other": (nuzzle_app_of(other), [str(args.other_saves.resolve())], other, {"PYTHONPATH": str(other)}),
        "this": (NUZZLE_APP, [str(DATA / "saves-5y")], ROOT, {}),
    }
    for name in ("other", "this"):  # decks cached, files read once, before any is timed
        code, extra, cwd, env = trees[name]
        waited(code, "ready", extra, cwd, env)
    found: dict[tuple[str, str], list[float]] = {(n, m): [] for n in trees for m in ("first", "ready")}
    for _ in range(args.runs):
        for mode in ("first", "ready"):
            for name, (code, extra, cwd, env) in trees.items():
                found[name, mode].append(waited(code, mode, extra, cwd, env))
    bare = statistics.median(found["bare", "first"])
    print(f"bare first paint {bare * 1000:.0f} ms (median of {args.runs})")
    for name in ("other", "this"):
        first, ready = (statistics.median(found[name, mode]) for mode in ("first", "ready"))
        print(
            f"{name:5s}: first {first * 1000:.0f} ms ({first / bare:.2f}x), ready {ready * 1000:.0f} ms ({ready / bare:.2f}x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
