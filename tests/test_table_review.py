"""A seat's look at the love map and the changes, over the wire (DESIGN §5, §11).

The seat asks; the table answers that seat alone, with revealed answers only,
filtered as in hot seat, in pages that each fit in one line; whatever else a
seat asks for gets a clean refusal and changes nothing.
"""

from __future__ import annotations

import asyncio
import json

from helpers import first_value, other_value
from review_support import couple_with_maps, questions, reveal, sensitive_question
from table_support import TIMEOUT, Seat, new_profile, open_table

from nuzzle_game.core.text import format_answer
from nuzzle_game.play.moves import AnswerMove
from nuzzle_game.table.review import NOT_ON_THE_MAP, PAGE_BYTES
from nuzzle_game.table.review_messages import (
    ChangesAsk,
    ChangesPage,
    HistoryAsk,
    HistoryPage,
    LoveMapAsk,
    LoveMapPage,
    Refused,
)
from nuzzle_game.table.wire import MAX_LINE, ErrorReply, SeatUpdate, Start

SECRET = "zq-a-secret-kept-for-two"  # an answer to a sensitive question, found nowhere else


async def ask(seat: Seat, message, kind=(LoveMapPage, HistoryPage, ChangesPage, Refused, ErrorReply)):
    """Send ``message`` and return the table's first answer to it that is not a view."""
    before = len(seat.messages)
    await seat.send(message)

    async def answer():
        while True:
            for reply in seat.messages[before:]:
                if isinstance(reply, kind):
                    return reply
            await asyncio.sleep(0.01)

    return await asyncio.wait_for(answer(), TIMEOUT)


async def ask_raw(seat: Seat, line: bytes):
    before = len(seat.messages)
    await asyncio.wait_for(seat.client.send_raw(line), TIMEOUT)

    async def answer():
        while True:
            for reply in seat.messages[before:]:
                if not isinstance(reply, SeatUpdate):
                    return reply
            await asyncio.sleep(0.01)

    return await asyncio.wait_for(answer(), TIMEOUT)


async def whole_map(seat: Seat, subject: int) -> list:
    """Every entry of a map, page after page; checks each page fits the wire."""
    entries, offset = [], 0
    while offset is not None:
        page = await ask(seat, LoveMapAsk(subject=subject, offset=offset))
        assert isinstance(page, LoveMapPage), page
        assert page.offset == offset
        entries += page.entries
        offset = page.next_offset
    return entries


def received(seat: Seat) -> bytes:
    return bytes(seat.client.received)


async def test_a_seat_reads_both_maps_an_entrys_history_and_what_changed(saves, library, clock):
    revealed = couple_with_maps(saves, library, clock)
    async with open_table(saves, library, clock) as table:
        alex = await Seat(table, 0).join()
        # What Alex knows of Sam, and what Sam knows of Alex: both maps, as in hot seat.
        for subject in (0, 1):
            entries = await whole_map(alex, subject)
            assert {e.question_id for e in entries} == {q for s, q in revealed if s == subject}
            for entry in entries:
                question = library.question(entry.question_id)
                assert entry.answer == format_answer(question, revealed[(subject, entry.question_id)][-1])
                assert entry.question == question.text and entry.state == "fresh"
                assert entry.since == ("today" if len(revealed[(subject, entry.question_id)]) > 1 else "1 month ago")
        page = await ask(alex, LoveMapAsk(subject=1))
        known = {row.dimension: row for row in page.dimensions}
        assert sum(row.known for row in known.values()) == page.total == len(questions(library))
        # One entry's history, newest first, with since when.
        changed = next(q for q in questions(library)[::2])
        history = await ask(alex, HistoryAsk(subject=1, question_id=changed.id))
        assert isinstance(history, HistoryPage) and history.total == 2
        assert [a.answer for a in history.answers] == [
            format_answer(changed, other_value(changed)),
            format_answer(changed, first_value(changed)),
        ]
        assert history.answers[1].confirmed == "1 month ago"
        # What changed: every answer given twice, newest first, with the old one.
        changes = await ask(alex, ChangesAsk())
        assert isinstance(changes, ChangesPage)
        assert changes.total == sum(len(v) > 1 for v in revealed.values()) == len(changes.changes)
        row = next(c for c in changes.changes if c.question == changed.text and c.subject == 1)
        assert row.was == format_answer(changed, first_value(changed)) and row.was_when == "1 month ago"
        assert row.now == format_answer(changed, other_value(changed))
        # A look changes nothing: no view was broadcast for it, nothing saved.
        assert alex.view.game is None


async def test_a_sensitive_decks_answers_reach_a_seat_only_while_both_opt_in(saves, library, clock):
    hidden = sensitive_question(library)
    couple_with_maps(saves, library, clock, opted=(True, False), sensitive_answer=SECRET)
    async with open_table(saves, library, clock) as table:
        alex = await Seat(table, 0).join()
        entries = await whole_map(alex, 1)
        assert hidden.id not in {e.question_id for e in entries}
        # Asked by its id, it is "not on this map": the same words as a question never answered.
        refused = await ask(alex, HistoryAsk(subject=1, question_id=hidden.id))
        never = await ask(alex, HistoryAsk(subject=1, question_id="zz.never-answered"))
        assert refused == never == Refused(message=NOT_ON_THE_MAP)
        await ask(alex, ChangesAsk())
        # Nor does the sensitive deck's round count in "last guesses in sync".
        page = await ask(alex, LoveMapAsk(subject=1))
        row = next(r for r in page.dimensions if r.dimension == hidden.dimension.value)
        assert row.in_sync is None
        assert SECRET.encode() not in received(alex) and hidden.text.encode() not in received(alex)

    # Both opted in: the same look shows it.
    with saves.open("alex-sam") as store:
        store.state.couple = store.state.couple.model_copy(
            update={"players": tuple(p.model_copy(update={"opted_in": True}) for p in store.state.couple.players)}
        )
        store.save_state()
    async with open_table(saves, library, clock) as table:
        alex = await Seat(table, 0).join()
        assert hidden.id in {e.question_id for e in await whole_map(alex, 1)}
        history = await ask(alex, HistoryAsk(subject=1, question_id=hidden.id))
        assert isinstance(history, HistoryPage) and history.answers[0].answer == SECRET


async def test_nothing_of_a_round_in_progress_reaches_a_look(saves, library, clock):
    new_profile(saves)
    async with open_table(saves, library, clock) as table:
        alex, sam = await Seat(table, 0).join(), await Seat(table, 1).join()
        await alex.send(Start(mode="check-in"))
        view = await alex.until(lambda v: v.game and v.game.round, "the first round")
        info = view.game.round
        answerer, guesser = (alex, sam)[info.answerer], (alex, sam)[info.guesser]
        question = info.question
        value = first_value(question)
        await answerer.send(AnswerMove(value=value))
        await guesser.until(lambda v: v.game.partner.value == "answered", "the answer committed")
        shown = format_answer(question, value)
        # The guesser looks everywhere a seat can look while the round is open.
        page = await ask(guesser, LoveMapAsk(subject=info.answerer))
        assert page.total == 0 and page.entries == []
        assert await ask(guesser, HistoryAsk(subject=info.answerer, question_id=question.id)) == Refused(
            message=NOT_ON_THE_MAP
        )
        changes = await ask(guesser, ChangesAsk())
        assert changes.total == 0 and changes.newest == []
        looks = [m for m in guesser.messages if not isinstance(m, SeatUpdate)]
        assert all(shown not in m.model_dump_json() for m in looks)


async def test_a_seat_asking_for_more_gets_a_clean_error_and_the_game_goes_on(saves, library, clock):
    couple_with_maps(saves, library, clock)
    async with open_table(saves, library, clock) as table:
        alex, sam = await Seat(table, 0).join(), await Seat(table, 1).join()
        page = await ask(alex, LoveMapAsk(subject=1))
        past_the_end = await ask(alex, LoveMapAsk(subject=1, offset=page.total))
        assert isinstance(past_the_end, Refused) and "nothing from" in past_the_end.message
        assert isinstance(await ask(alex, ChangesAsk(offset=5000)), Refused)
        # What the wire does not admit is answered with an error, and nothing else.
        for line in [
            {"type": "ask-lovemap", "subject": 2},  # a third partner
            {"type": "ask-lovemap", "subject": 1, "offset": -1},
            {"type": "ask-lovemap", "subject": 1, "offset": 10**9},
            {"type": "ask-lovemap", "subject": 1, "limit": 10**6},  # a bigger page
            {"type": "ask-history", "subject": 1, "question_id": "../../state.json"},
            {"type": "ask-history", "subject": 1, "question_id": "x" * 10_000},
            {"type": "ask-changes", "offset": "all"},
            {"type": "ask-everything"},
        ]:
            reply = await ask_raw(alex, json.dumps(line).encode() + b"\n")
            assert isinstance(reply, ErrorReply), (line, reply)
        # The seat is still at the table, and the game starts as ever.
        await sam.send(Start(mode="check-in"))
        await alex.until(lambda v: v.game and v.game.round, "the first round")
        assert not alex.closed.is_set() and table.seats_here == (True, True)


async def test_a_big_love_map_comes_in_pages_that_each_fit_the_wire(saves, library, clock):
    from conftest import make_couple

    def long_answer(number: int) -> str:
        """1,990 characters of 3 and 4 bytes each in UTF-8, different for each number."""
        return "".join(chr(0x4E00 + (number * 1000 + i) % 20_000) + "😀" for i in range(995))

    texts = [q for d in library.decks if not d.sensitive for q in d.questions if q.kind.value == "text"][:200]
    with saves.create(make_couple()) as store:
        for number, question in enumerate(texts):
            reveal(store.state, question, 1, long_answer(number), clock())
        many = texts[0]
        for number in range(40):  # one entry answered 41 times: most of it in the archive
            clock.advance(days=1)
            reveal(store.state, many, 1, f"{number}-th {long_answer(200 + number)}", clock())
        store.save_state()
    async with open_table(saves, library, clock) as table:
        alex = await Seat(table, 0).join()
        entries = await whole_map(alex, 1)
        assert sorted(e.question_id for e in entries) == sorted(q.id for q in texts)  # each once
        pages = [line for line in received(alex).splitlines() if b'"type":"lovemap"' in line]
        assert len(pages) > 1 and all(len(line) < PAGE_BYTES < MAX_LINE for line in pages)
        assert all(len(e.answer) <= 160 for e in entries)  # shortened in the list
        history = await ask(alex, HistoryAsk(subject=1, question_id=many.id))
        assert history.total >= 30 and 0 < len(history.answers) < history.total  # as many as fit, newest first
        assert history.answers[0].answer.startswith("39-th ") and len(history.answers[0].answer) > 1000
        assert all(len(line) < MAX_LINE for line in received(alex).splitlines())
