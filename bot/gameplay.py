"""The channel's game desk: which quiz, vote and draw are running, and what their results move."""

import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.games import desk_messages
from bot.games import messages as game_messages
from bot.games.bank import QuizBank
from bot.games.draw import DrawSession
from bot.games.invisible import strip_invisible
from bot.games.quiz import QuizSession
from bot.games.recovery import abandon_unfinished, same_show
from bot.games.shelf import find_bank_name, load_quiz_shelf
from bot.games.switches import GAMES, GameSwitches, UnknownGameError
from bot.games.typed_numbers import whole_number
from bot.games.vote import VoteError, VoteResult, VoteSession
from bot.games.vote_spec import MAX_DURATION_S, MIN_DURATION_S, parse_vote_spec
from bot.i18n import render
from bot.messages import DESK_MESSAGES
from bot.vote_options import OptionMeaning, option_meaning

if TYPE_CHECKING:
    from bot.room import ShowRoom

logger = logging.getLogger(__name__)

MAX_WINNERS = 20


def load_quiz_banks(folder: Path) -> dict[str, QuizBank]:
    """Every valid bank in the folder; a broken one is skipped with a warning naming the fault."""
    return load_quiz_shelf(folder).banks


class GameDesk:
    """Starts and stops the games; feeds their answers into profiles and live weights."""

    def __init__(self, room: "ShowRoom") -> None:
        self.room = room
        self.banks: dict[str, QuizBank] = {}
        self.broken_banks: dict[str, str] = {}
        self.switches: GameSwitches | None = None
        self.quiz: QuizSession | None = None
        self.vote: VoteSession | None = None
        self.draw: DrawSession | None = None
        self.quizzes: list[QuizSession] = []
        self.votes: list[VoteSession] = []
        self.draws: list[DrawSession] = []
        self._meanings: dict[VoteSession, list[OptionMeaning]] = {}
        self._cut_short: list[str] = []

    async def start(self) -> None:
        """Close what a crash left open (see recovery.py: never resumed), load banks, switches."""
        settings = self.room.settings
        now = self.room.clock.now()
        self._cut_short = same_show(await abandon_unfinished(self.room.db, now), now)
        shelf = load_quiz_shelf(settings.path(settings.show.quiz_dir))
        self.banks, self.broken_banks = shelf.banks, shelf.broken
        self.switches = await GameSwitches.load(self.room.db, lang=self.room.lang)
        logger.info("quiz banks: %s", ", ".join(sorted(self.banks)) or "none")

    async def shutdown(self) -> None:
        """The bot is stopping: end what still runs, quietly, so nothing is left half alive."""
        for session in (self.quiz, self.vote, self.draw):
            if session is None:
                continue
            try:
                await session.interrupt()
            except Exception:
                logger.exception("a game could not be ended cleanly at shutdown")

    def _say(self, key: str, lang: str, **values: Any) -> str:
        return render(DESK_MESSAGES, key, lang, **values)

    async def _lang(self, login: str) -> str:
        return await self.room.viewer_lang(login)

    def _refusal(self, game: str, lang: str) -> str | None:
        """Why a game cannot start now: the show is over, or the game is switched off."""
        assert self.switches is not None
        label = game_messages.word(f"game_{game}", lang)
        if self.room.show_ended:
            return desk_messages.reply("show_over", lang, game=label)
        if self.switches.is_on(game):
            return None
        return self._say("game_off", lang, game=label, game_id=game)

    async def _taste(self, login: str, tags: tuple[str, ...], source: str) -> None:
        await self.room.profiles.record_taste(login, tags, source, t=self.room.clock.now())

    async def on_chat(self, login: str, text: str) -> None:
        """A plain chat line, which may answer the quiz.

        The answer is taken before anything here waits, so when the room calls this first,
        answers count in the order Twitch delivered them, however many handlers run at once.
        """
        quiz = self.quiz
        if quiz is not None and not quiz.finished:
            quiz.answer(login, text)

        if self._cut_short:
            kinds, self._cut_short = self._cut_short, []
            labels = game_messages.join_names(
                (game_messages.word(f"game_{kind}", self.room.lang) for kind in kinds),
                self.room.lang,
            )
            await self.room.outbox.announce(
                game_messages.chat("games_restarted", self.room.lang, games=labels)
            )

    async def answer(self, login: str, text: str) -> str | None:
        """`!answer TEXT`: an answer on purpose, so a wrong free answer uses the turn too."""
        quiz = self.quiz
        text = strip_invisible(text)
        if quiz is not None and not quiz.finished and text:
            quiz.answer(login, text, explicit=True)
            return None

        lang = await self._lang(login)
        if quiz is None or quiz.finished:
            return self._say("quiz_none", lang)
        return game_messages.chat("answer_usage", lang)

    async def quiz_help(self, login: str) -> str:
        return self._say("quiz_help", await self._lang(login), banks=", ".join(self.banks) or "-")

    async def quiz_start(self, login: str, bank_name: str) -> str | None:
        lang = await self._lang(login)
        if refusal := self._refusal("quiz", lang):
            return refusal
        if self.quiz is not None and not self.quiz.finished:
            return self._say("quiz_running", lang)

        banks = ", ".join(self.banks) or "-"
        asked = strip_invisible(bank_name)
        if not asked:
            return self._say("quiz_which", lang, banks=banks)
        name = find_bank_name([*self.banks, *self.broken_banks], asked) or asked
        if name in self.broken_banks:
            logger.warning("quiz bank %s asked for but broken: %s", name, self.broken_banks[name])
            return desk_messages.reply("quiz_broken", lang, bank=name[:40], banks=banks)
        bank = self.banks.get(name)
        if bank is None:
            return self._say("quiz_unknown", lang, bank=asked[:40], banks=banks)

        games = self.room.settings.games
        self.quiz = QuizSession(
            bank,
            self.room.clock,
            self.room.db,
            # A bank written in one language is hosted in it, whatever the channel's default.
            lang=bank.language or self.room.lang,
            say=self.room.outbox.announce,
            on_taste=self._taste,
            question_s=games.quiz_question_s,
            idle_stop_s=games.quiz_idle_stop_s,
        )
        self.quizzes.append(self.quiz)
        await self.quiz.start()
        return None

    async def quiz_stop(self, login: str) -> str | None:
        if self.quiz is None or self.quiz.finished:
            return self._say("quiz_none", await self._lang(login))
        await self.quiz.stop("stopped")
        return None

    async def top(self, login: str) -> str:
        lang = await self._lang(login)
        quiz = self.quiz
        board = quiz.leaderboard(5) if quiz is not None else []
        if not board:
            return self._say("top_none", lang)
        ranks = "  ".join(f"{rank}. {name} {score}" for rank, (name, score) in enumerate(board, 1))
        return self._say("top", lang, board=ranks)

    async def vote_open(self, login: str, spec: str) -> str | None:
        lang = await self._lang(login)
        if refusal := self._refusal("vote", lang):
            return refusal
        if self.vote is not None and self.vote.is_open:
            return self._say("vote_running", lang)

        parsed = parse_vote_spec(spec)
        if parsed is None:
            return self._say("vote_usage", lang)
        if not parsed.duration_allowed:
            return desk_messages.reply(
                "vote_duration", lang, low=MIN_DURATION_S, high=MAX_DURATION_S
            )

        options = parsed.options
        meanings = [option_meaning(o, self.room.catalog, self.room.analyzer) for o in options]
        try:
            vote = VoteSession(
                parsed.question,
                options,
                self.room.clock,
                self.room.db,
                lang=self.room.lang,
                say=self.room.outbox.announce,
                on_result=partial(self._vote_result, meanings),
                duration_s=parsed.duration_s or self.room.settings.games.vote_default_s or None,
                option_tags=[meaning.tags for meaning in meanings],
                on_taste=self._taste,
            )
        except VoteError as error:
            return error.in_language(lang)

        # Counted as a vote of the show only once it is open and announced.
        await vote.open()
        self.vote = vote
        self._meanings[vote] = meanings
        self.votes.append(vote)
        return None

    async def _vote_result(self, meanings: list[OptionMeaning], result: VoteResult) -> None:
        for index in result.winners:
            meaning = meanings[index]
            if meaning.product_ids:
                await self.room.weights.on_vote(meaning.product_ids, result.counts[index])

    async def vote_cast(self, login: str, choice: str) -> str | None:
        lang = await self._lang(login)
        vote = self.vote
        if vote is None or not vote.is_open:
            return self._say("vote_none", lang)
        if not vote.cast(login, choice):
            return self._say("vote_bad", lang, count=len(vote.options))
        return None

    async def vote_close(self, login: str) -> str | None:
        if self.vote is None or not self.vote.is_open:
            return self._say("vote_none", await self._lang(login))
        await self.vote.close()
        return None

    async def draw_help(self, login: str) -> str:
        return self._say("draw_help", await self._lang(login))

    async def draw_open(self, login: str) -> str | None:
        lang = await self._lang(login)
        if refusal := self._refusal("draw", lang):
            return refusal
        if self.draw is not None and self.draw.is_open:
            return self._say("draw_running", lang)

        self.draw = DrawSession(
            "", self.room.clock, self.room.db, lang=self.room.lang, say=self.room.outbox.announce
        )
        self.draws.append(self.draw)
        await self.draw.open()
        return None

    async def draw_join(self, login: str) -> str | None:
        draw = self.draw
        if draw is None or draw.draw_id is None:
            return self._say("draw_none", await self._lang(login))
        if not draw.is_open:
            return self._say("draw_closed_already", await self._lang(login))
        draw.enter(login)
        return None

    async def draw_close(self, login: str) -> str | None:
        if self.draw is None or self.draw.draw_id is None:
            return self._say("draw_none", await self._lang(login))
        if self.draw.closed:
            return self._say("draw_closed_already", await self._lang(login))
        await self.draw.close()
        return None

    async def draw_pick(self, login: str, count: str) -> str | None:
        lang = await self._lang(login)
        if self.draw is None or self.draw.draw_id is None:
            return self._say("draw_none", lang)
        winners = whole_number(count)
        if winners is None or not 1 <= winners <= MAX_WINNERS:
            return self._say("draw_count", lang)

        await self.draw.pick(winners)
        return None

    async def switch(self, login: str, state: str, name: str) -> str:
        """`!game on|off [GAME]`; switching a game off also ends it, results said once."""
        lang = await self._lang(login)
        assert self.switches is not None
        wanted = state.strip().lower()
        if not wanted:
            return self.switches.describe()
        if wanted not in ("on", "off"):
            return self._say("switch_usage", lang)

        try:
            games = [self.switches.game_name(name)] if name else list(GAMES)
            confirmation = await self.switches.set(name or None, wanted == "on")
        except UnknownGameError as error:
            return str(error)

        if wanted == "off":
            await self._end(games)
        return confirmation

    async def _end(self, games: list[str]) -> None:
        if "quiz" in games and self.quiz is not None and not self.quiz.finished:
            await self.quiz.stop("stopped")
        if "vote" in games and self.vote is not None and self.vote.is_open:
            await self.vote.close()
        if "draw" in games and self.draw is not None and self.draw.is_open:
            await self.draw.close()

    async def end_all(self) -> None:
        """The show is over: finish the quiz, close the vote and the draw's entries."""
        await self._end(list(GAMES))

    async def quiz_summary(self) -> list[dict[str, Any]]:
        return [
            {
                "run_id": quiz.run_id,
                "bank": quiz.bank.name,
                "questions": len(quiz.bank.questions),
                "asked": quiz.questions_asked,
                "answers": quiz.answers_taken,
                "players": quiz.players,
                "ended": quiz.end_reason,
                "leaders": [
                    {"login": login, "score": score} for login, score in quiz.leaderboard()
                ],
            }
            for quiz in self.quizzes
        ]

    async def vote_summary(self) -> list[dict[str, Any]]:
        return [self._vote_facts(vote) for vote in self.votes]

    def _vote_facts(self, vote: VoteSession) -> dict[str, Any]:
        """What a vote counted and what its result moved: voters' tags, winners' products."""
        result = vote.result if not vote.interrupted else None
        meanings = self._meanings[vote]
        winners = result.winners if result is not None else ()
        status = "abandoned" if vote.interrupted else "closed" if vote.closed else "open"
        return {
            "vote_id": vote.vote_id,
            "question": vote.question,
            "options": list(vote.options),
            "status": status,
            "ballots": result.total if result else None,
            "counts": list(result.counts) if result else None,
            "percentages": list(result.percentages) if result else None,
            "winners": list(result.winner_options) if result else None,
            "option_tags": [list(meaning.tags) for meaning in meanings],
            "moved_products": sorted(
                {product for index in winners for product in meanings[index].product_ids}
            ),
        }

    async def draw_summary(self) -> list[dict[str, Any]]:
        return [
            {
                "draw_id": draw.draw_id,
                "entries": len(draw.entries),
                "winners": list(draw.winners),
                "rounds": [
                    {
                        "round": pick.number,
                        "seed": str(pick.seed),
                        "requested": pick.requested,
                        "winners": list(pick.winners),
                    }
                    for pick in draw.rounds
                ],
            }
            for draw in self.draws
        ]
