"""The reveal's moment: it settles on its last frame, however often its timer ticks."""

from textual.app import App, ComposeResult

from nuzzle_game.ui.widgets.moment import FRAMES, Moment


class _Host(App[None]):
    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        yield Moment(self.kind)


async def test_extra_ticks_settle_on_the_last_frame():
    for kind, frames in FRAMES.items():
        app = _Host(kind)
        async with app.run_test(size=(40, 3)) as pilot:
            moment = app.query_one(Moment)
            for _ in range(len(frames) + 3):  # a real terminal's timer ticked past the end
                moment.next_frame()
            await pilot.pause()
            assert moment.frame == len(frames) - 1
            assert frames[-1] in str(moment.render())
