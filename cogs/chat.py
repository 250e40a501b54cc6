"""Every chat line goes to the core: analysis, weights, profiles, quiz answers."""

import logging

import twitchio
from twitchio.ext import commands

from bot.twitch.convert import chat_line

logger = logging.getLogger(__name__)


class ChatListener(commands.Component):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @commands.Component.listener()
    async def event_message(self, payload: twitchio.ChatMessage) -> None:
        if payload.chatter.id == self.bot.bot_id or payload.source_broadcaster is not None:
            return
        await self.bot.room.on_chat(chat_line(payload))


async def setup(bot: commands.Bot) -> None:
    await bot.add_component(ChatListener(bot))
