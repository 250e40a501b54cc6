"""Going live: the same bot and cogs on real Twitch, on the wall clock."""

import asyncio
import logging
import signal
from contextlib import AsyncExitStack

import twitchio

from bot.activity import Activity
from bot.catalog import Catalog
from bot.clock import WallClock
from bot.config import ConfigError, Settings, read_secret, signing_key
from bot.followup.pages import make_list_app
from bot.followup.server import start_list_server
from bot.room import open_room
from bot.store.db import Database
from bot.twitch.adapter import BOT_SCOPES, BROADCASTER_SCOPES, LivepicksBot
from bot.twitch.cooldown import ShowClockCooldown
from bot.twitch.tokens import TokenFile

logger = logging.getLogger(__name__)


def _required_secret(name: str) -> str:
    value = read_secret(name)
    if not value:
        raise ConfigError(f"set {name} (or {name}_FILE, a file only you can read)")
    return value


async def _user_ids(client_id: str, client_secret: str, logins: list[str]) -> dict[str, str]:
    async with twitchio.Client(client_id=client_id, client_secret=client_secret) as client:
        await client.login(load_tokens=False, save_tokens=False)
        users = await client.fetch_users(logins=logins)
    return {user.name or "": str(user.id) for user in users}


async def run_live(
    settings: Settings,
    catalog: Catalog,
    *,
    authorize: bool,
    stop: asyncio.Event | None = None,
) -> int:
    """Run until interrupted (or `stop` is set); everything is written as it happens."""
    client_id = settings.twitch.client_id or _required_secret("LIVEPICKS_CLIENT_ID")
    client_secret = _required_secret("LIVEPICKS_CLIENT_SECRET")
    link_key = signing_key()
    if link_key is None:
        raise ConfigError(
            "set LIVEPICKS_SIGNING_KEY (or LIVEPICKS_SIGNING_KEY_FILE, a private file)"
        )

    channel, bot_login = settings.twitch.channel, settings.twitch.bot_login
    ids = await _user_ids(client_id, client_secret, [channel, bot_login])
    if channel not in ids or bot_login not in ids:
        raise ConfigError(f"Twitch does not know the logins {channel!r} and {bot_login!r}")

    clock = WallClock()
    ShowClockCooldown.clock = clock
    activity = Activity()
    if stop is None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signal_number, stop.set)

    # Everything opened is closed again whatever fails, or a stray thread keeps the process up.
    async with AsyncExitStack() as opened:
        db = await Database.open(settings.path(settings.show.database))
        opened.push_async_callback(db.close)
        opened.callback(clock.cancel_all)
        room = await open_room(
            opened, settings, catalog, db, clock, signing_key=link_key, virtual=False
        )
        runner = await start_list_server(
            make_list_app(db, catalog, room.links, room.lists, clock),
            settings.web.host,
            settings.web.port,
        )
        opened.push_async_callback(runner.cleanup)

        bot = LivepicksBot(
            room,
            client_id=client_id,
            client_secret=client_secret,
            bot_id=ids[bot_login],
            owner_id=ids[channel],
            activity=activity,
            token_file=TokenFile(settings.path(settings.twitch.token_file)),
            authorizing=authorize,
        )
        opened.push_async_callback(activity.cancel_all)
        opened.push_async_callback(bot.close)
        if authorize:
            logger.warning(
                "sign in both accounts: the bot at http://localhost:4343/oauth?scopes=%s, the "
                "channel at http://localhost:4343/oauth?scopes=%s",
                "%20".join(BOT_SCOPES),
                "%20".join(BROADCASTER_SCOPES),
            )

        bot_task = asyncio.create_task(bot.start(with_adapter=authorize))
        stopper = asyncio.create_task(stop.wait())
        await asyncio.wait({bot_task, stopper}, return_when=asyncio.FIRST_COMPLETED)
        stopper.cancel()
        if bot_task.done() and bot_task.exception() is not None:
            raise bot_task.exception()  # type: ignore[misc]
        logger.warning("stopping")
    return 0
