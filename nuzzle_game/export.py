"""``nuzzle export``: a couple's love maps and history as Markdown or JSON.

The JSON shape is documented in the README and kept stable: keys are only
ever added, and lists are sorted so two exports of the same save are equal.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

from .decks import DeckLibrary
from .lovemap import Freshness, changes_across_games
from .models import Dimension
from .scoring import MIN_ROUNDS_FOR_DIMENSION_LABEL, MIN_ROUNDS_FOR_LABEL
from .stats import Tally
from .store.profile import ProfileReader
from .text import ago, format_answer, percent
from .unlocks import Visibility, visibility

EXPORT_VERSION = 1


def _tally(t: Tally, minimum: int) -> dict[str, Any]:
    return {
        "rounds": t.rounds,
        "accuracy": t.accuracy,
        "points": t.points,
        "in_sync": t.in_sync,
        "discoveries": t.discoveries,
        "brier": t.brier,
        "calibration": t.calibration(minimum),
    }


def export_data(reader: ProfileReader, library: DeckLibrary, now: datetime | None = None) -> dict[str, Any]:
    now = now or datetime.now(timezone.utc)
    state = reader.state
    names = [p.name for p in state.couple.players]
    horizon = state.settings.stale_after_days
    shown = visibility(library.decks, state.couple)
    love_maps = []
    for love_map in shown.love_maps(state.love_maps):
        entries = []
        for entry in sorted(love_map.entries.values(), key=lambda e: (list(Dimension).index(e.dimension), e.question_id)):
            question = library.question(entry.question_id)
            entries.append(
                {
                    "question_id": entry.question_id,
                    "question": question.text if question else None,
                    "kind": question.kind.value if question else None,
                    "dimension": entry.dimension.value,
                    "freshness": entry.freshness(now, horizon).value,
                    "current": entry.current.value,
                    "history": [r.model_dump(mode="json") for r in entry.history],
                }
            )
        love_maps.append(
            {"subject": names[love_map.subject], "known_by": names[1 - love_map.subject], "entries": entries}
        )
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
    return {
        "format": "nuzzle-export",
        "version": EXPORT_VERSION,
        "exported_at": now.isoformat(),
        "profile": reader.profile,
        "couple": state.couple.model_dump(mode="json"),
        "stats": {
            "games": aggregates.games,
            "checkins": aggregates.checkins,
            "rounds": aggregates.total.rounds,
            "in_sync": aggregates.total.in_sync,
            "discoveries": aggregates.discoveries,
            "outdated_models": aggregates.outdated,
            "projections": aggregates.projections,
            "players": players,
            "trend": {
                "accuracy_by_month": {
                    (d.value if d else "all"): dict(aggregates.trend(d)) for d in (None, *Dimension)
                },
                "discoveries_by_month": dict(aggregates.discoveries_trend()),
            },
        },
        "unlocks": [u.model_dump(mode="json") for u in state.unlocks],
        "love_maps": love_maps,
        "games": [shown.game(g).model_dump(mode="json") for g in reader.games()],
        "game_in_progress": shown.game(state.active_game).model_dump(mode="json") if state.active_game else None,
    }


def export_json(reader: ProfileReader, library: DeckLibrary, now: datetime | None = None) -> str:
    return json.dumps(export_data(reader, library, now), ensure_ascii=False, indent=2)


def export_markdown(reader: ProfileReader, library: DeckLibrary, now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    state = reader.state
    names = [p.name for p in state.couple.players]
    shown = visibility(library.decks, state.couple)
    aggregates = shown.aggregates(state.aggregates, state.love_maps, reader.games, state.active_game)
    total = aggregates.total
    out = [
        f"# Nuzzle: {names[0]} & {names[1]}",
        "",
        f"Exported {now:%Y-%m-%d}. Profile `{reader.profile}`.",
        "",
        "## Together",
        "",
        f"- Games played: {aggregates.games} ({aggregates.checkins} of them check-ins)",
        f"- Rounds: {total.rounds}, in sync: {percent(total.in_sync_rate)}",
        f"- Discoveries: {aggregates.discoveries}",
        f"- Guesses that matched an older answer (outdated model): {aggregates.outdated}",
        f"- Guesses that matched the guesser's own answer (projection): {aggregates.projections}",
        "",
    ]
    for index, stats in enumerate(aggregates.players):
        overall = stats.overall
        label = overall.calibration(MIN_ROUNDS_FOR_LABEL) or "not enough rounds yet"
        out += [
            f"### {names[index]} as the guesser",
            "",
            f"Accuracy {percent(overall.accuracy)}, {overall.points} points, calibration: {label}.",
            "",
            "| dimension | rounds | accuracy | calibration |",
            "|---|---|---|---|",
        ]
        for d in Dimension:
            t = stats.dimension(d)
            out.append(
                f"| {d.value} | {t.rounds} | {percent(t.accuracy)} | "
                f"{t.calibration(MIN_ROUNDS_FOR_DIMENSION_LABEL) or '—'} |"
            )
        out.append("")
    horizon = state.settings.stale_after_days
    love_maps = shown.love_maps(state.love_maps)
    for love_map in love_maps:
        subject, knower = names[love_map.subject], names[1 - love_map.subject]
        out += [f"## {subject}'s love map (what {knower} knows)", ""]
        if not love_map.entries:
            out += ["Nothing revealed yet.", ""]
        for d in Dimension:
            entries = sorted(
                (e for e in love_map.entries.values() if e.dimension is d), key=lambda e: e.question_id
            )
            if not entries:
                continue
            out += [f"### {d.value.capitalize()}", ""]
            for entry in entries:
                question = library.question(entry.question_id)
                text = question.text if question else entry.question_id
                fresh = entry.freshness(now, horizon)
                mark = "" if fresh is Freshness.FRESH else f", {fresh.value}"
                out.append(
                    f"- **{text}** {format_answer(question, entry.current.value)} "
                    f"_(since {entry.current.at:%Y-%m-%d}, last confirmed {ago(entry.last_revealed, now)}{mark})_"
                )
                for record in reversed(entry.history[:-1]):
                    out.append(
                        f"  - before: {format_answer(question, record.value)} "
                        f"({record.at:%Y-%m-%d} to {record.confirmed_at:%Y-%m-%d})"
                    )
            out.append("")
    changes = changes_across_games(love_maps, lambda q: _text(library, q), limit=30)
    out += ["## Things that changed (latest 30)", ""]
    if not changes:
        out += ["No answer has changed yet.", ""]
    for change in changes:
        question = library.question(change.question_id)
        out.append(
            f"- {names[change.subject]}, {change.at:%Y-%m-%d}: **{change.question_text}** "
            f"{format_answer(question, change.previous_answer)} → {format_answer(question, change.new_answer)}"
        )
    out += ["", "## Games", ""]
    out += list(_games_md(reader, library, names, shown))
    return "\n".join(out).rstrip() + "\n"


def _text(library: DeckLibrary, question_id: str) -> str:
    question = library.question(question_id)
    return question.text if question else question_id


def _games_md(reader: ProfileReader, library: DeckLibrary, names: list[str], shown: Visibility) -> Iterable[str]:
    any_game = False
    for game in map(shown.game, reader.games()):
        any_game = True
        results = game.results
        in_sync = sum(r.in_sync for r in results)
        discoveries = sum(r.discovery for r in results)
        yield (
            f"- {game.started_at:%Y-%m-%d} {game.mode.value}: {len(results)} rounds, "
            f"{in_sync} in sync, {discoveries} discoveries"
        )
        for r in results:
            question = library.question(r.question_id)
            flags = []
            if r.outdated_since:
                flags.append(f"outdated model (true until {r.outdated_since:%Y-%m-%d})")
            if r.projection:
                flags.append("projection")
            yield (
                f"  - {names[r.guesser]} guessed {names[r.answerer]}: "
                f"{_text(library, r.question_id)} guess {format_answer(question, r.guess)}; "
                f"answer {format_answer(question, r.answer)}; {percent(r.accuracy)}"
                + (f" ({', '.join(flags)})" if flags else "")
            )
    if not any_game:
        yield "No finished games yet."
