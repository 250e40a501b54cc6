"""Answering a command: through the outgoing budget, threaded to the viewer's message."""

import logging

from twitchio.ext import commands

logger = logging.getLogger(__name__)


async def answer(ctx: commands.Context, text: str | None) -> None:  # type: ignore[type-arg]
    if not text:
        return
    room = ctx.bot.room
    await room.outbox.reply(ctx.chatter.name or "", text, reply_to=ctx.message.id)


def login_of(ctx: commands.Context) -> str:  # type: ignore[type-arg]
    return (ctx.chatter.name or "").lower()
