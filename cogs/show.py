"""Running the show: switch games, set the product line-up, end the show."""

import logging

from twitchio.ext import commands

from bot.twitch.replies import answer, login_of

logger = logging.getLogger(__name__)


class Show(commands.Component):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @commands.command()
    @commands.is_moderator()
    async def game(self, ctx: commands.Context, state: str = "", name: str = "") -> None:  # type: ignore[type-arg]
        """Switch games on or off: all of them, or one of quiz, vote, draw.

        !game on|off [quiz|vote|draw]
        """
        await answer(ctx, await self.bot.room.games.switch(login_of(ctx), state, name))

    @commands.command()
    @commands.is_moderator()
    async def lineup(self, ctx: commands.Context, *, ids: str = "") -> None:  # type: ignore[type-arg]
        """Set the order that numbered links (3號連結) refer to.

        !lineup PRODUCT_ID PRODUCT_ID ...
        """
        await answer(ctx, await self.bot.room.set_lineup(login_of(ctx), ids))

    @commands.group(name="show", invoke_fallback=True)
    @commands.is_moderator()
    async def show(self, ctx: commands.Context) -> None:  # type: ignore[type-arg]
        """Show control.

        !show end
        """
        await answer(ctx, await self.bot.room.show_status(login_of(ctx)))

    @show.command(name="end")
    @commands.is_moderator()
    async def end(self, ctx: commands.Context) -> None:  # type: ignore[type-arg]
        """End the show: announce the lists and schedule the post-show whispers.

        !show end
        """
        await answer(ctx, await self.bot.room.show_end(login_of(ctx)))


async def setup(bot: commands.Bot) -> None:
    await bot.add_component(Show(bot))
