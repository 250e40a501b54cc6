"""The callbacks a game is given: where its chat lines and taste signals go."""

import logging
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)

# One channel message, already in the channel's language.
Say = Callable[[str], Awaitable[None]]

# (login, product tags, source) where source is "quiz" or "vote".
TasteCallback = Callable[[str, tuple[str, ...], str], Awaitable[None]]


async def say_safely(say: Say, text: str, game: str) -> None:
    """Send a line; a failed send is logged, and the game goes on without it."""
    try:
        await say(text)
    except Exception:
        logger.exception("%s: could not send a chat line", game)


async def send_tastes(
    on_taste: TasteCallback | None, tastes: list[tuple[str, tuple[str, ...]]], source: str
) -> None:
    """Report taste signals one by one; one failing callback does not lose the rest."""
    if on_taste is None:
        return

    for login, tags in tastes:
        try:
            await on_taste(login, tags, source)
        except Exception:
            logger.exception("%s: taste callback failed for a viewer", source)
