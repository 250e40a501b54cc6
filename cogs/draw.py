"""Lucky draws: moderators open, close and pick; anyone joins, no purchase needed."""

import logging

from twitchio.ext import commands

from bot.twitch.cooldown import ShowClockCooldown
from bot.twitch.replies import answer, login_of

logger = logging.getLogger(__name__)


class Draw(commands.Component):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @commands.group(
        name="draw", aliases=["抽獎", "抽奖"], invoke_fallback=True, apply_cooldowns=False
    )
    @commands.cooldown(base=ShowClockCooldown, rate=1, per=30, key=commands.BucketType.chatter)
    async def draw(self, ctx: commands.Context) -> None:  # type: ignore[type-arg]
        """Lucky draw: type !join while it is open.

        !draw open | !draw close | !draw pick N
        """
        await answer(ctx, await self.bot.room.games.draw_help(login_of(ctx)))

    @draw.command(name="open")
    @commands.is_moderator()
    async def open_draw(self, ctx: commands.Context) -> None:  # type: ignore[type-arg]
        """Open a lucky draw.

        !draw open
        """
        await answer(ctx, await self.bot.room.games.draw_open(login_of(ctx)))

    @draw.command(name="close")
    @commands.is_moderator()
    async def close_draw(self, ctx: commands.Context) -> None:  # type: ignore[type-arg]
        """Close entries to the lucky draw.

        !draw close
        """
        await answer(ctx, await self.bot.room.games.draw_close(login_of(ctx)))

    @draw.command(name="pick")
    @commands.is_moderator()
    async def pick(self, ctx: commands.Context, count: str = "1") -> None:  # type: ignore[type-arg]
        """Draw N winners from the entries.

        !draw pick N
        """
        await answer(ctx, await self.bot.room.games.draw_pick(login_of(ctx), count))

    @commands.command(aliases=["參加", "参加"])
    @commands.cooldown(base=ShowClockCooldown, rate=2, per=30, key=commands.BucketType.chatter)
    async def join(self, ctx: commands.Context) -> None:  # type: ignore[type-arg]
        """Enter the open lucky draw.

        !join
        """
        await answer(ctx, await self.bot.room.games.draw_join(login_of(ctx)))


async def setup(bot: commands.Bot) -> None:
    await bot.add_component(Draw(bot))
