"""Text whose wrapped lines keep their indent (a hanging indent), at any width.

Textual wraps a line back to the left edge; a detail line of a list ("  was: …")
then loses its place under its item. ``Hanging`` wraps each line itself, at the
width it is drawn at, and starts its continuation lines under the line's text.
It is a Visual: an OptionList's prompt or a Static's content.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


@dataclass(frozen=True)
class Line:
    """One line: drawn from column ``indent``; its wrapped lines start at ``indent + hang``."""

    text: Content | str
    indent: int = 0
    hang: int = 0


def _lstrip(content: Content) -> Content:
    plain = content.plain
    return content[len(plain) - len(plain.lstrip(" ")) :]


def hang_wrap(text: Content | str, width: int, indent: int = 0, hang: int = 0) -> list[Content]:
    """``text`` wrapped to ``width`` cells: its first line from column ``indent``, the
    rest from ``indent + hang`` (each line holds its own leading spaces)."""
    content = Content(text) if isinstance(text, str) else text
    first_width = max(1, width - indent)
    rest_width = max(1, width - indent - hang)
    lines = content.wrap(first_width)
    if len(lines) <= 1:
        return [Content(" " * indent) + (lines[0] if lines else content)]
    first = lines[0]
    rest = _lstrip(content[len(first.plain) :])
    out = [Content(" " * indent) + first]
    out.extend(Content(" " * (indent + hang)) + line for line in rest.wrap(rest_width))
    return out


class Hanging(Visual):
    """Lines with hanging indents, wrapped afresh at each width they are drawn at."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = tuple(lines)
        self._cached: tuple[int, Content] | None = None

    def __str__(self) -> str:
        return "\n".join(" " * line.indent + str(line.text) for line in self.lines)

    def wrapped(self, width: int) -> Content:
        """Every line wrapped to ``width``, as one Content of lines that fit it."""
        if self._cached is None or self._cached[0] != width:
            out: list[Content] = []
            for line in self.lines:
                out.extend(hang_wrap(line.text, width, line.indent, line.hang))
            self._cached = (width, Content("\n").join(out))
        return self._cached[1]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.wrapped(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        widest = max((line.indent + Content(str(line.text)).cell_length for line in self.lines), default=0)
        return min(widest, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.wrapped(width).plain.split("\n")) if self.lines else 0
