"""One chat line in, its reading out: normalised text, words, products, intent, sentiment."""

import functools
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from bot.catalog import Catalog
from bot.text.bayes import BayesSentiment
from bot.text.cues import strip_cues
from bot.text.intent import IntentClassifier
from bot.text.mentions import ProductMatcher, mentioned_products
from bot.text.normalise import fold_accents, fold_width_case
from bot.text.questions import asks_something
from bot.text.script import ScriptConverter
from bot.text.sentiment import SentimentScorer
from bot.text.tokenise import Tokeniser, dictionary_words

logger = logging.getLogger(__name__)

# Chat repeats itself (41% of lines distinct in a real room), so repeated lines are
# answered from a cache; 50,000 readings take about 25 MB.
CACHE_SIZE = 50_000
# Twitch caps a message at 500 characters; past 2,000 it is not chat and is not read.
MAX_LINE = 2_000


def _name_words(names: list[str]) -> set[str]:
    """Product names as the tokeniser sees them (whole and their Han parts), accents folded."""
    folded = [fold_accents(name) for name in names]
    return {part for name in folded for part in (name, *dictionary_words(name))}


@dataclass(frozen=True)
class Analysis:
    text: str  # as received
    normalised: str  # width- and case-folded, Simplified, mentions/emotes/emoji removed
    tokens: tuple[str, ...]
    products: tuple[str, ...]  # catalog ids, first-mention order, each once
    intent: str  # one of INTENTS
    sentiment: float  # -1 negative .. 0 neutral .. 1 positive
    lang: str | None  # "zh-Hant", "zh-Hans", "en" or None when undecidable


class Analyzer:
    """Reads chat lines against a catalog; build once at start-up, then call analyze()."""

    def __init__(self, catalog: Catalog, cache_size: int = CACHE_SIZE) -> None:
        started = time.perf_counter()

        self._script = ScriptConverter()
        names = [self._normalise(name) for product in catalog for name in product.names]
        words = [
            self._normalise(word)
            for product in catalog
            for word in (product.category, *product.tags)
        ]

        self._catalog = catalog
        self._tokeniser = Tokeniser(map(fold_accents, names), map(fold_accents, words))
        self._matcher = ProductMatcher(catalog, self._normalise, self._tokeniser.is_word)
        self._sentiment = SentimentScorer(BayesSentiment.load(), _name_words(names))
        self._intent = IntentClassifier(words)
        self._lineup: tuple[str, ...] = tuple(product.id for product in catalog)
        self._cached = functools.lru_cache(maxsize=cache_size)(self._analyze)

        logger.info(
            "text analyzer ready in %.2f s for %d products",
            time.perf_counter() - started,
            len(catalog),
        )

    def set_lineup(self, product_ids: Sequence[str]) -> None:
        """Numbered links (`3号链接`, `#3`) resolve against this order from now on."""
        unknown = [
            product_id for product_id in product_ids if self._catalog.get(product_id) is None
        ]
        if unknown:
            raise ValueError(f"not in the catalog: {', '.join(unknown)}")

        self._lineup = tuple(product_ids)
        self._cached.cache_clear()

    def analyze(self, text: str) -> Analysis:
        """Never raises: a line it cannot read comes back as neutral chatter."""
        try:
            return self._cached(text)
        except Exception:
            logger.exception("could not analyse a chat line of %d characters", len(text))
            return Analysis(text, "", (), (), "chatter", 0.0, None)

    def _normalise(self, text: str) -> str:
        return self._script.to_simplified(fold_width_case(text))

    def _analyze(self, text: str) -> Analysis:
        folded = fold_width_case(text[:MAX_LINE])
        cues = strip_cues(folded, self._script.to_simplified)

        simplified = self._script.to_simplified(cues.text)
        lang = self._script.lang(cues.text, simplified)

        folded = fold_accents(simplified)
        tokens = self._tokeniser.tokens(folded)
        products = mentioned_products(self._matcher, folded, self._lineup)

        question = asks_something(simplified)
        sentiment = self._sentiment.score(simplified, tokens, cues.values, question)
        intent = self._intent.classify(simplified, products, sentiment, question)

        return Analysis(text, simplified, tokens, products, intent, sentiment, lang)
