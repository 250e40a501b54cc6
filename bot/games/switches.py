"""Which games a channel allows, kept in the settings table so a restart remembers."""

import logging

from bot.games import messages
from bot.store import games as store
from bot.store.db import Database

logger = logging.getLogger(__name__)

GAMES = ("quiz", "vote", "draw")

# Names a moderator may type for each game, in any script or case.
ALIASES = {
    "quiz": "quiz",
    "trivia": "quiz",
    "問答": "quiz",
    "问答": "quiz",
    "vote": "vote",
    "poll": "vote",
    "投票": "vote",
    "draw": "draw",
    "giveaway": "draw",
    "抽獎": "draw",
    "抽奖": "draw",
}


class UnknownGameError(ValueError):
    """No game by that name; the message is ready for chat."""


class GameSwitches:
    """On/off per game (default on), stored as 'game.<name>' = 'on' | 'off' for the channel."""

    def __init__(self, db: Database, states: dict[str, bool], *, lang: str | None = None) -> None:
        self.db = db
        self.lang = lang
        self._states = states

    @classmethod
    async def load(cls, db: Database, *, lang: str | None = None) -> "GameSwitches":
        stored = await store.load_game_switches(db)
        states = {game: stored.get(game, "on") != "off" for game in GAMES}
        return cls(db, states, lang=lang)

    def game_name(self, name: str) -> str:
        """The game a typed name means (`quiz`, `問答`, `Poll`); UnknownGameError if none."""
        game = ALIASES.get(name.strip().lower())
        if game is None:
            names = messages.join_names(map(self._label, GAMES), self.lang)
            raise UnknownGameError(
                messages.chat("game_unknown", self.lang, name=name, names=names)
            )
        return game

    def is_on(self, name: str) -> bool:
        return self._states[self.game_name(name)]

    async def set(self, name: str | None, on: bool) -> str:
        """Switch one game, or every game when `name` is None; returns the chat confirmation."""
        games = list(GAMES) if name is None else [self.game_name(name)]

        await store.save_game_switches(self.db, {game: "on" if on else "off" for game in games})
        for game in games:
            self._states[game] = on
        logger.info("games switched %s: %s", "on" if on else "off", ", ".join(games))

        labels = messages.join_names((self._label(game) for game in games), self.lang)
        return messages.chat("games_on" if on else "games_off", self.lang, games=labels)

    def describe(self) -> str:
        """Every game's state as one chat line."""
        states = messages.join_items(
            (
                messages.word(
                    "game_state",
                    self.lang,
                    game=self._label(game),
                    state=messages.word("state_on" if on else "state_off", self.lang),
                )
                for game, on in self._states.items()
            ),
            self.lang,
        )
        return messages.chat("games_status", self.lang, states=states)

    def _label(self, game: str) -> str:
        return messages.word(f"game_{game}", self.lang)
