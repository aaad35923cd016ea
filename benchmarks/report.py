"""The benchmark table: one row per measure, its ratio against its target."""

from __future__ import annotations


def render(rows: list[tuple[str, str, str, str, str, float]], targets: dict[str, float]) -> tuple[str, int]:
    """The markdown table of ``rows``, and how many missed their target."""
    header = "| what | Nuzzle | | baseline | | ratio | target | |"
    lines = [header, "|---|---|---|---|---|---|---|---|"]
    failed = 0
    for name, what, value, base_what, base_value, ratio in rows:
        ok = ratio <= targets[name]
        failed += not ok
        shown, target = (f"{ratio:.2f}×", f"≤ {targets[name]}×")
        if name in ("demo", "nudge"):  # a limit, not a ratio
            shown, target = ("—", f"≤ {targets[name]:g} s") if name == "demo" else (f"+{ratio:.0f} ms", "≤ +30 ms")
        lines.append(
            f"| {name} | {what} | {value} | {base_what} | {base_value} | {shown} | {target} | {'ok' if ok else 'MISSED'} |"
        )
    return "\n".join(lines), failed
