"""The outgoing chat budget: never over the limit, merged when busy, nothing lost by accident."""

from bot.clock import VirtualClock
from bot.pacing import Outbox


class Chat:
    def __init__(self, clock: VirtualClock) -> None:
        self.clock = clock
        self.sent: list[tuple[float, str, str | None]] = []

    async def send(self, text: str, reply_to: str | None) -> bool:
        self.sent.append((self.clock.now(), text, reply_to))
        return True


async def test_the_same_reply_to_two_viewers_is_sent_to_both() -> None:
    clock = VirtualClock(0.0)
    chat = Chat(clock)
    outbox = Outbox(clock, chat.send, per_30s=20, max_chars=500)

    await outbox.reply("ann", "好的！節目結束後會私訊你的清單", reply_to="m1")
    await outbox.reply("bo", "好的！節目結束後會私訊你的清單", reply_to="m2")

    assert [text for _, text, _ in chat.sent] == [
        "@ann 好的！節目結束後會私訊你的清單",
        "@bo 好的！節目結束後會私訊你的清單",
    ]


async def test_never_more_than_the_budget_in_any_30_seconds() -> None:
    clock = VirtualClock(0.0)
    chat = Chat(clock)
    outbox = Outbox(clock, chat.send, per_30s=20, max_chars=500)

    for number in range(60):
        await outbox.reply(f"viewer{number}", f"pick {number}")
    await clock.advance_to(120.0)

    times = [t for t, _, _ in chat.sent]
    for index, start in enumerate(times):
        assert sum(1 for t in times[index:] if t < start + 30) <= 20
    delivered = " ".join(text for _, text, _ in chat.sent)
    assert all(f"@viewer{number} pick {number}" in delivered for number in range(60))
    assert outbox.stats["merged"] > 0


async def test_announcements_go_before_waiting_replies() -> None:
    clock = VirtualClock(0.0)
    chat = Chat(clock)
    outbox = Outbox(clock, chat.send, per_30s=1, max_chars=500)

    await outbox.reply("ann", "first")
    await outbox.reply("bo", "second")
    await outbox.announce("quiz question 1")
    await clock.advance_to(31.0)

    assert [text for _, text, _ in chat.sent] == ["@ann first", "quiz question 1"]


async def test_replies_left_waiting_too_long_are_dropped() -> None:
    clock = VirtualClock(0.0)
    chat = Chat(clock)
    outbox = Outbox(clock, chat.send, per_30s=1, max_chars=500)

    await outbox.reply("ann", "first")
    for number in range(10):
        await outbox.announce(f"announcement {number}")
    await outbox.reply("bo", "late")
    await clock.advance_to(400.0)

    assert all("late" not in text for _, text, _ in chat.sent)
    assert outbox.stats["stale_dropped"] == 1


async def test_a_repeated_line_is_sent_again_not_dropped() -> None:
    clock = VirtualClock(0.0)
    chat = Chat(clock)
    outbox = Outbox(clock, chat.send, per_30s=20, max_chars=500)

    await outbox.announce("抽獎開始！輸入 !join 參加")
    await clock.advance_to(10.0)
    await outbox.announce("抽獎開始！輸入 !join 參加")

    texts = [text for _, text, _ in chat.sent]
    assert len(texts) == 2
    assert texts[0] != texts[1]
    assert texts[1].startswith("抽獎開始！輸入 !join 參加")
