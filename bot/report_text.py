"""The readable summary a rehearsal prints."""

import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.rehearsal import RehearsalResult

logger = logging.getLogger(__name__)


def print_rehearsal(result: "RehearsalResult", out_dir: Path, db_path: Path) -> None:
    summary = result.summary
    show = summary.get("show", {})
    show_seconds = float(show.get("show_seconds", 0.0))
    hours, rest = divmod(int(show_seconds), 3600)
    chats = sum(1 for message in result.sent if message["kind"] == "chat")
    whispers = [message for message in result.sent if message["kind"] == "whisper"]
    rate = result.events / result.wall_s if result.wall_s else 0.0

    print(f"show: {result.events} events over {hours}:{rest // 60:02}:{rest % 60:02} of show time")
    print(f"rehearsed in {result.wall_s:.1f} s ({rate:.0f} events/s)")
    print(f"viewers: {summary.get('viewers')}, chat lines read: {summary.get('chat_lines')}")
    print(
        f"bot sent: {chats} chat messages, {len(whispers)} whispers to "
        f"{len({message['to'] for message in whispers})} viewers"
    )
    print("top products:")
    for product in summary.get("products", [])[:5]:
        print(
            f"  {product['weight']:>8.2f}  {product['name']} ({product['id']}): "
            f"{product['mentions']} mentions, sentiment {product['sentiment']:+.2f}"
        )
    for quiz in summary.get("quizzes", []):
        leaders = ", ".join(f"{leader['login']} {leader['score']}" for leader in quiz["leaders"])
        print(
            f"quiz {quiz['bank']}: {quiz['questions']} questions, ended {quiz['ended']}; "
            f"leaders: {leaders or 'nobody scored'}"
        )
    for vote in summary.get("votes", []):
        counts = vote.get("counts") or [0] * len(vote["options"])
        tally = ", ".join(
            f"{option} {count}" for option, count in zip(vote["options"], counts, strict=True)
        )
        print(
            f"vote {vote['question']}: {tally}; won by {', '.join(vote.get('winners') or ['-'])}"
        )
    for draw in summary.get("draws", []):
        print(
            f"draw {draw['draw_id']}: {draw['entries']} entries; "
            f"winners {', '.join(draw['winners']) or '-'}"
        )
    pushes = summary.get("pushes", {})
    print(
        f"lists: {summary.get('lists')} viewers have one; post-show whispers: "
        f"{pushes.get('sent', 0)} sent, {pushes.get('queued', 0)} queued for later, "
        f"{pushes.get('failed', 0)} failed"
    )
    print(f"written: {out_dir / 'sent.jsonl'}, {out_dir / 'summary.json'}; database {db_path}")
