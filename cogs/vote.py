"""Votes: moderators open and close, viewers vote by number or option text."""

import logging

from twitchio.ext import commands

from bot.twitch.cooldown import ShowClockCooldown
from bot.twitch.replies import answer, login_of

logger = logging.getLogger(__name__)


class Vote(commands.Component):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    # The cooldown keeps one viewer from flooding votes; moderators' open and close skip it.
    @commands.group(name="vote", aliases=["投票"], invoke_fallback=True, apply_cooldowns=False)
    @commands.cooldown(base=ShowClockCooldown, rate=5, per=30, key=commands.BucketType.chatter)
    async def vote(self, ctx: commands.Context, *, choice: str = "") -> None:  # type: ignore[type-arg]
        """Vote for an option by its number or its text; you may change it until the vote closes.

        !vote N
        """
        await answer(ctx, await self.bot.room.games.vote_cast(login_of(ctx), choice))

    @vote.command(name="open")
    @commands.is_moderator()
    async def open_vote(self, ctx: commands.Context, *, spec: str = "") -> None:  # type: ignore[type-arg]
        """Open a vote with 2 to 10 options; a duration first, if given, is 10 to 3600 seconds.

        !vote open [SECONDS] QUESTION | OPTION | OPTION ...
        """
        await answer(ctx, await self.bot.room.games.vote_open(login_of(ctx), spec))

    @vote.command(name="close")
    @commands.is_moderator()
    async def close_vote(self, ctx: commands.Context) -> None:  # type: ignore[type-arg]
        """Close the vote and announce the result.

        !vote close
        """
        await answer(ctx, await self.bot.room.games.vote_close(login_of(ctx)))


async def setup(bot: commands.Bot) -> None:
    await bot.add_component(Vote(bot))
