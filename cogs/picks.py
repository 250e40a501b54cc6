"""Viewer commands: personal picks, the shopping list link, post-show whisper opt-in, help."""

import logging

from twitchio.ext import commands

from bot.twitch.cooldown import ShowClockCooldown
from bot.twitch.replies import answer, login_of

logger = logging.getLogger(__name__)


class Picks(commands.Component):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @commands.command(aliases=["pick", "推薦", "推荐"])
    @commands.cooldown(base=ShowClockCooldown, rate=1, per=20, key=commands.BucketType.chatter)
    async def picks(self, ctx: commands.Context) -> None:  # type: ignore[type-arg]
        """Three picks for you, with a reason and your list link.

        !picks
        """
        await answer(ctx, await self.bot.room.picks_reply(login_of(ctx)))

    @commands.command(name="list", aliases=["清單", "清单"])
    @commands.cooldown(base=ShowClockCooldown, rate=1, per=20, key=commands.BucketType.chatter)
    async def shopping_list(self, ctx: commands.Context) -> None:  # type: ignore[type-arg]
        """The link to your own shopping list.

        !list
        """
        await answer(ctx, await self.bot.room.list_reply(login_of(ctx)))

    @commands.command()
    @commands.cooldown(base=ShowClockCooldown, rate=3, per=30, key=commands.BucketType.chatter)
    async def notify(self, ctx: commands.Context, choice: str = "") -> None:  # type: ignore[type-arg]
        """Get (or stop) a whisper with your list after the show.

        !notify on|off
        """
        await answer(ctx, await self.bot.room.notify_reply(login_of(ctx), choice))

    @commands.command(name="help", aliases=["指令"])
    @commands.cooldown(base=ShowClockCooldown, rate=1, per=30, key=commands.BucketType.chatter)
    async def help_command(self, ctx: commands.Context) -> None:  # type: ignore[type-arg]
        """What you can type here.

        !help
        """
        await answer(ctx, await self.bot.room.help_reply(login_of(ctx), ctx.chatter.moderator))


async def setup(bot: commands.Bot) -> None:
    await bot.add_component(Picks(bot))
