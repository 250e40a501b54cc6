"""Cheers, gifted subs, channel-point redemptions and raids, recorded by the core."""

import logging

import twitchio
from twitchio.ext import commands

from bot.twitch import convert

logger = logging.getLogger(__name__)


class GiftListener(commands.Component):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @commands.Component.listener()
    async def event_cheer(self, payload: twitchio.ChannelCheer) -> None:
        await self.bot.room.on_gift(convert.cheer(payload))

    @commands.Component.listener()
    async def event_subscription_gift(self, payload: twitchio.ChannelSubscriptionGift) -> None:
        await self.bot.room.on_gift(convert.sub_gift(payload))

    @commands.Component.listener()
    async def event_custom_redemption_add(
        self, payload: twitchio.ChannelPointsRedemptionAdd
    ) -> None:
        await self.bot.room.on_gift(convert.redemption(payload))

    @commands.Component.listener()
    async def event_raid(self, payload: twitchio.ChannelRaid) -> None:
        await self.bot.room.on_gift(convert.raid(payload))

    @commands.Component.listener()
    async def event_chat_notification(self, payload: twitchio.ChatNotification) -> None:
        # Gifts and raids also arrive as their own events, counted there; this is the log line.
        logger.debug("chat notification %s", payload.notice_type)


async def setup(bot: commands.Bot) -> None:
    await bot.add_component(GiftListener(bot))
