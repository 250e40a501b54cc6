"""Quiz commands: moderators start and stop, anyone answers and sees the leaderboard."""

import logging

from twitchio.ext import commands

from bot.twitch.cooldown import ShowClockCooldown
from bot.twitch.replies import answer, login_of

logger = logging.getLogger(__name__)


class Quiz(commands.Component):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @commands.group(name="quiz", invoke_fallback=True, apply_cooldowns=False)
    @commands.cooldown(base=ShowClockCooldown, rate=1, per=30, key=commands.BucketType.chatter)
    async def quiz(self, ctx: commands.Context) -> None:  # type: ignore[type-arg]
        """Quizzes: answer in chat with the letter, number or answer text.

        !quiz start BANK | !quiz stop
        """
        await answer(ctx, await self.bot.room.games.quiz_help(login_of(ctx)))

    @quiz.command(name="start")
    @commands.is_moderator()
    async def start(self, ctx: commands.Context, bank: str = "") -> None:  # type: ignore[type-arg]
        """Start a quiz from a bank.

        !quiz start BANK
        """
        await answer(ctx, await self.bot.room.games.quiz_start(login_of(ctx), bank))

    @quiz.command(name="stop")
    @commands.is_moderator()
    async def stop(self, ctx: commands.Context) -> None:  # type: ignore[type-arg]
        """Stop the running quiz and announce the results.

        !quiz stop
        """
        await answer(ctx, await self.bot.room.games.quiz_stop(login_of(ctx)))

    @commands.command(name="answer", aliases=["ans", "答"])
    @commands.cooldown(base=ShowClockCooldown, rate=2, per=10, key=commands.BucketType.chatter)
    async def answer_quiz(self, ctx: commands.Context, *, text: str = "") -> None:  # type: ignore[type-arg]
        """Answer the open quiz question; a wrong answer counts too, so only send your pick.

        !answer TEXT
        """
        await answer(ctx, await self.bot.room.games.answer(login_of(ctx), text))

    # One board per 15 s for the whole channel: many viewers ask at once after the final board.
    @commands.command(aliases=["排行"])
    @commands.cooldown(base=ShowClockCooldown, rate=1, per=15, key=commands.BucketType.channel)
    async def top(self, ctx: commands.Context) -> None:  # type: ignore[type-arg]
        """The quiz leaderboard, at most once every 15 seconds in the channel.

        !top
        """
        await answer(ctx, await self.bot.room.games.top(login_of(ctx)))


async def setup(bot: commands.Bot) -> None:
    await bot.add_component(Quiz(bot))
