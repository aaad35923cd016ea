"""``nuzzle export``: a couple's love maps and history as Markdown or JSON.

The JSON shape is documented in the README and kept stable: keys are only
ever added, and lists are sorted so two exports of the same save are equal.

Both formats stream: the games are read one month file at a time and written
as they are read (saved games pass through as saved, with Python's C JSON
encoder), so an export's memory does not grow with the years of history.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any, TextIO

from nuzzle_game.core.decks import DeckLibrary
from nuzzle_game.core.lovemap import Freshness
from nuzzle_game.core.models import Outcome
from nuzzle_game.core.questions import Dimension
from nuzzle_game.core.scoring import MIN_ROUNDS_FOR_DIMENSION_LABEL, MIN_ROUNDS_FOR_LABEL
from nuzzle_game.core.stats import Tally
from nuzzle_game.core.text import ago, day, format_answer, percent
from nuzzle_game.core.unlocks import Visibility, visibility
from nuzzle_game.store.profile import ProfileReader

EXPORT_VERSION = 1


def _tally(t: Tally, minimum: int) -> dict[str, Any]:
    return {
        "rounds": t.rounds,
        "accuracy": t.accuracy,
        "points": t.points,
        "in_sync": t.in_sync,
        "discoveries": t.discoveries,
        "brier": t.brier,
        "close": t.close,
        "calibration": t.calibration(minimum),
    }


# JSON escapes C0 controls itself; DEL and the C1 controls (U+009B is CSI) it
# writes raw with ensure_ascii=False, and a saved game passes through as saved.
_RAW_CONTROL = re.compile("[\x7f-\x9f]")


def _dump(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return _RAW_CONTROL.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _head(reader: ProfileReader, library: DeckLibrary, now: datetime) -> Iterator[tuple[str, Any]]:
    """The export's keys before the games, in order, each with its value."""
    state = reader.state
    names = [p.name for p in state.couple.players]
    horizon = state.settings.stale_after_days
    shown = visibility(library.decks, state.couple)
    aggregates = shown.aggregates(state.aggregates, state.love_maps, reader.games, state.active_game)
    players = []
    for index, stats in enumerate(aggregates.players):
        players.append(
            {
                "name": names[index],
                "as_guesser": _tally(stats.overall, MIN_ROUNDS_FOR_LABEL),
                "by_dimension": {
                    d.value: _tally(stats.dimension(d), MIN_ROUNDS_FOR_DIMENSION_LABEL) for d in Dimension
                },
            }
        )
    months = reader.months()  # stats over the years, from the archive
    yield "format", "nuzzle-export"
    yield "version", EXPORT_VERSION
    yield "exported_at", now.isoformat()
    yield "profile", reader.profile
    yield "couple", state.couple.model_dump(mode="json")
    yield (
        "stats",
        {
            "games": aggregates.games,
            "checkins": aggregates.checkins,
            "rounds": aggregates.total.rounds,
            "in_sync": aggregates.total.in_sync,
            "discoveries": aggregates.discoveries,
            "outdated_models": aggregates.outdated,
            "projections": aggregates.projections,
            "players": players,
            "close": aggregates.total.close,
            "days_played": state.aggregates.days_played,
            "trend": {
                "accuracy_by_month": {
                    (d.value if d else "all"): dict(aggregates.trend(d, months)) for d in (None, *Dimension)
                },
                "discoveries_by_month": dict(aggregates.discoveries_trend(months)),
            },
        },
    )
    yield "unlocks", [u.model_dump(mode="json") for u in state.unlocks]
    love_maps = []
    order = list(Dimension)
    for love_map in shown.love_maps(state.love_maps):
        histories = reader.histories(love_map.subject)
        entries = []
        for entry in sorted(love_map.entries.values(), key=lambda e: (order.index(e.dimension), e.question_id)):
            question = library.question(entry.question_id)
            entries.append(
                {
                    "question_id": entry.question_id,
                    "question": question.text if question else None,
                    "kind": question.kind.value if question else None,
                    "dimension": entry.dimension.value,
                    "freshness": entry.freshness(now, horizon).value,
                    "current": entry.current.value,
                    "history": [r.model_dump(mode="json") for r in histories[entry.question_id]],
                }
            )
        love_maps.append(
            {"subject": names[love_map.subject], "known_by": names[1 - love_map.subject], "entries": entries}
        )
    yield "love_maps", love_maps


def write_json(reader: ProfileReader, library: DeckLibrary, out: TextIO, now: datetime) -> None:
    """The export as JSON, one top-level key a line and one game a line."""
    out.write("{\n")
    for key, value in _head(reader, library, now):
        out.write(f"  {_dump(key)}: {_dump(value)},\n")
    out.write('  "games": [')
    first = True
    shown = visibility(library.decks, reader.state.couple)
    for doc in reader.raw_games():
        out.write("\n    " if first else ",\n    ")
        out.write(_dump(_shown_doc(doc, shown)))
        first = False
    out.write("\n  ],\n" if not first else "],\n")
    game = reader.state.active_game
    game = shown.game(game) if game else None
    out.write(f'  "game_in_progress": {_dump(game.model_dump(mode="json") if game else None)},\n')
    # The history's files the state counts and the export did not find whole (DESIGN §8).
    incomplete = [str(gap.path.relative_to(reader.dir)) for gap in reader.incomplete()]
    out.write(f'  "incomplete": {_dump(incomplete)}\n')
    out.write("}\n")


def _shown_doc(doc: dict[str, Any], shown: Visibility) -> dict[str, Any]:
    """A saved game as saved, less the rounds the couple's opt-ins hide."""
    rounds = doc.get("rounds")
    if not shown.hidden or not isinstance(rounds, list):
        return doc
    kept = [r for r in rounds if not (isinstance(r, dict) and r.get("question_id") in shown.hidden)]
    return doc if len(kept) == len(rounds) else {**doc, "rounds": kept}


def export_json(reader: ProfileReader, library: DeckLibrary, now: datetime) -> str:
    buffer = io.StringIO()
    write_json(reader, library, buffer, now)
    return buffer.getvalue()


# ------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def _visible(char: str) -> str:
    """A control character as a visible code; line breaks as a space."""
    if char in "\r\n\u2028\u2029":
        return " "
    if unicodedata.category(char) == "Cc":
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    return char


def md(text: str) -> str:
    """Text from a save or a deck, safe inside Markdown: no formatting, no control codes.

    Markdown's punctuation is backslash-escaped (``*``, ``_``, ``|``, backticks,
    ``[``, ``#``…), line breaks become spaces (a list item stays one item), and
    any other control character is written as a visible code such as ``\\x1b``,
    never raw, so an export cannot drive the terminal it is printed in.
    """
    text = "".join(_visible(c) for c in text.replace("\r\n", "\n"))
    return _MD_SPECIAL.sub(r"\\\1", text)


def write_markdown(reader: ProfileReader, library: DeckLibrary, out: TextIO, now: datetime) -> None:
    for line in _markdown_lines(reader, library, now):
        out.write(line + "\n")


def export_markdown(reader: ProfileReader, library: DeckLibrary, now: datetime) -> str:
    buffer = io.StringIO()
    write_markdown(reader, library, buffer, now)
    return buffer.getvalue()


def _markdown_lines(reader: ProfileReader, library: DeckLibrary, now: datetime) -> Iterator[str]:
    state = reader.state
    names = [md(p.name) for p in state.couple.players]
    shown = visibility(library.decks, state.couple)
    aggregates = shown.aggregates(state.aggregates, state.love_maps, reader.games, state.active_game)
    total = aggregates.total
    yield from [
        f"# Nuzzle: {names[0]} & {names[1]}",
        "",
        f"Exported {now:%Y-%m-%d}. Profile `{reader.profile}`.",
        "",
        "## Together",
        "",
        f"- Games played: {aggregates.games} ({aggregates.checkins} of them check-ins), "
        f"on {state.aggregates.days_played} days",
        f"- Rounds: {total.rounds}, in sync {total.in_sync} ({percent(total.in_sync_rate)}), "
        f"close {total.close}, new on your map {total.discoveries}",
        f"- Discoveries (new on your map): {aggregates.discoveries}",
        f"- Guesses that matched an older answer (outdated model): {aggregates.outdated}",
        f"- Guesses that matched the guesser's own answer (projection): {aggregates.projections}",
        "",
    ]
    for index, stats in enumerate(aggregates.players):
        overall = stats.overall
        label = overall.calibration(MIN_ROUNDS_FOR_LABEL) or "not enough rounds yet"
        yield from [
            f"### {names[index]} as the guesser",
            "",
            f"Average accuracy {percent(overall.accuracy)} ({overall.in_sync} in sync, {overall.close} close, "
            f"{overall.discoveries} new on the map), {overall.points} points, calibration: {label}.",
            "",
            "| dimension | rounds | accuracy | in sync | close | new | calibration |",
            "|---|---|---|---|---|---|---|",
        ]
        for d in Dimension:
            t = stats.dimension(d)
            yield (
                f"| {d.value} | {t.rounds} | {percent(t.accuracy)} | {t.in_sync} | {t.close} | {t.discoveries} | "
                f"{t.calibration(MIN_ROUNDS_FOR_DIMENSION_LABEL) or '—'} |"
            )
        yield ""
    horizon = state.settings.stale_after_days
    changes = []
    for love_map in shown.love_maps(state.love_maps):
        subject, knower = names[love_map.subject], names[1 - love_map.subject]
        histories = reader.histories(love_map.subject)
        yield from [f"## {subject}'s love map (what {knower} knows)", ""]
        if not love_map.entries:
            yield from ["Nothing revealed yet.", ""]
        for d in Dimension:
            entries = sorted((e for e in love_map.entries.values() if e.dimension is d), key=lambda e: e.question_id)
            if not entries:
                continue
            yield from [f"### {d.value.capitalize()}", ""]
            for entry in entries:
                question = library.question(entry.question_id)
                text = md(question.text if question else entry.question_id)
                fresh = entry.freshness(now, horizon)
                mark = "" if fresh is Freshness.FRESH else f", {fresh.value}"
                yield (
                    f"- **{text}** {md(format_answer(question, entry.current.value))} "
                    f"_(since {day(entry.current.at, now)}, last confirmed {ago(entry.last_revealed, now)}{mark})_"
                )
                history = histories[entry.question_id]
                for record in reversed(history[:-1]):
                    yield (
                        f"  - before: {md(format_answer(question, record.value))} "
                        f"({day(record.at, now)} to {day(record.confirmed_at, now)})"
                    )
                if len(history) > 1:
                    changes.append(
                        (history[-1].at, love_map.subject, text, question, history[-2].value, history[-1].value)
                    )
            yield ""
    changes.sort(key=lambda c: c[0], reverse=True)
    yield from ["## Things that changed (latest 30)", ""]
    if not changes:
        yield from ["No answer has changed yet.", ""]
    for at, subject_index, text, question, old, new in changes[:30]:
        yield (
            f"- {names[subject_index]}, {day(at, now)}: **{text}** "
            f"{md(format_answer(question, old))} → {md(format_answer(question, new))}"
        )
    yield from ["", "## Games", ""]
    yield from _games_md(reader, library, names, shown, now)


def _text(library: DeckLibrary, question_id: str) -> str:
    question = library.question(question_id)
    return md(question.text if question else question_id)


def _games_md(
    reader: ProfileReader, library: DeckLibrary, names: list[str], shown: Visibility, now: datetime
) -> Iterable[str]:
    any_game = False
    for game in map(shown.game, reader.games()):
        any_game = True
        results = game.results
        outcomes = Counter(r.outcome for r in results)
        yield (
            f"- {day(game.started_at, now)} {game.mode.value}: {len(results)} rounds, "
            f"{outcomes[Outcome.IN_SYNC]} in sync, {outcomes[Outcome.CLOSE]} close, "
            f"{outcomes[Outcome.MISS]} discoveries"
        )
        for r in results:
            question = library.question(r.question_id)
            flags = []
            if r.outdated_since:
                flags.append(f"outdated model (true until {day(r.outdated_since, now)})")
            if r.projection:
                flags.append("projection")
            yield (
                f"  - {names[r.guesser]} guessed {names[r.answerer]}: "
                f"{_text(library, r.question_id)} guess {md(format_answer(question, r.guess))}; "
                f"answer {md(format_answer(question, r.answer))}; {r.outcome.value} ({percent(r.accuracy)})"
                + (f" ({', '.join(flags)})" if flags else "")
            )
    if not any_game:
        yield "No finished games yet."
