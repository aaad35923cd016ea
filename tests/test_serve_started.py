"""A page that attaches while its seat's App is still starting gets its size and
focus again once the App says it has started (ui/serve.SpareService): Textual's
web driver posts its own start-up size (80x24) and a blur, which, on a slow
machine, came after the page's and won (a phone's seat drawn at 80 columns)."""

from __future__ import annotations

import json

from nuzzle_game.ui.serve import SpareService
from nuzzle_game.ui.serve_links import SEAT_STARTED


class Recorded(SpareService):
    """A SpareService whose App process is a list of the meta packets it is sent."""

    def __init__(self) -> None:
        super().__init__("true", download_manager=None)
        self.sent: list[dict] = []

    async def send_meta(self, data) -> bool:
        self.sent.append(dict(data))
        return True


class Page:
    async def send_bytes(self, data) -> None: ...

    async def send_str(self, data) -> None: ...


async def test_the_size_and_focus_are_sent_again_when_the_seat_has_started():
    service = Recorded()
    await service.attach(Page(), 44, 20)
    assert service.sent == [{"type": "resize", "width": 44, "height": 20}, {"type": "focus"}]
    service.sent.clear()
    await service.on_meta(json.dumps({"type": SEAT_STARTED}).encode())
    assert service.sent == [{"type": "resize", "width": 44, "height": 20}, {"type": "focus"}]


async def test_the_page_s_latest_size_and_a_blur_are_what_is_sent_again():
    service = Recorded()
    await service.attach(Page(), 44, 20)
    await service.set_terminal_size(90, 30)  # turned
    await service.blur()  # another tab
    service.sent.clear()
    await service.on_meta(json.dumps({"type": SEAT_STARTED}).encode())
    assert service.sent == [{"type": "resize", "width": 90, "height": 30}, {"type": "blur"}]


async def test_before_a_page_attaches_nothing_is_sent_and_other_packets_are_textual_serve_s():
    service = Recorded()
    await service.on_meta(json.dumps({"type": SEAT_STARTED}).encode())
    await service.on_meta(json.dumps({"type": "something else"}).encode())
    assert service.sent == []


async def test_a_seat_started_ahead_of_its_page_says_so_once_started(monkeypatch, tmp_path):
    """The other side: the seat's App, served (it waits for its page's focus),
    sends ``SEAT_STARTED`` through its driver once started; nothing else does."""
    from textual.drivers.headless_driver import HeadlessDriver

    from nuzzle_game.table.connection import Connection, SeatKey
    from nuzzle_game.ui.seat.app import SeatApp, SeatConfig

    told: list[dict] = []
    monkeypatch.setattr(HeadlessDriver, "write_meta", lambda self, data: told.append(data), raising=False)
    seats = (SeatKey(name="Alex", secret="a" * 32), SeatKey(name="Sam", secret="s" * 32))
    connection = Connection(port=9, pid=1, seats=seats)  # never joined: no page gives it the focus
    app = SeatApp(SeatConfig(connection=connection, seat=0, cursor_blink=False, wait_for_focus=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert told == [{"type": SEAT_STARTED}]
