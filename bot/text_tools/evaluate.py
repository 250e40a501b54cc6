"""Scoring the analyser against labelled chat: intent, sentiment sign and products, by script."""

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bot.text import INTENTS, Analyzer
from bot.text_tools.labelled import SCRIPTS, LabelledLine

logger = logging.getLogger(__name__)

# Sentiment within this distance of 0 reads as neutral: the analyser's model adds small
# leanings to plain questions that a person would not call positive or negative.
NEUTRAL_BAND = 0.1
UNDECIDED_SCRIPT = "undecided"


def sentiment_sign(value: float) -> str:
    if value >= NEUTRAL_BAND:
        return "pos"
    if value <= -NEUTRAL_BAND:
        return "neg"
    return "neu"


@dataclass(frozen=True)
class Tally:
    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class Scored:
    line: LabelledLine
    script: str  # as labelled, or derived from the analyser's `lang`
    intent: str
    sentiment: str
    products: tuple[str, ...]

    @property
    def intent_right(self) -> bool:
        return self.intent == self.line.intent

    @property
    def sentiment_right(self) -> bool:
        return self.sentiment == self.line.sentiment

    @property
    def products_right(self) -> bool:
        return set(self.products) == set(self.line.products or ())


@dataclass(frozen=True)
class Confusion:
    label: str
    predicted: str
    count: int
    example: str


def _tally(flags: Iterable[bool]) -> Tally:
    values = list(flags)
    return Tally(sum(values), len(values))


class Evaluation:
    """Every labelled line with the analyser's reading of it, and the accuracies that follow."""

    def __init__(self, scored: list[Scored]) -> None:
        self.scored = scored

    @property
    def scripts(self) -> list[str]:
        present = {item.script for item in self.scored}
        ordered = [script for script in (*SCRIPTS, UNDECIDED_SCRIPT) if script in present]
        return ordered + sorted(present - set(ordered))

    @property
    def has_products(self) -> bool:
        return any(item.line.products is not None for item in self.scored)

    def _subset(self, script: str | None) -> list[Scored]:
        return [item for item in self.scored if script is None or item.script == script]

    def intent(self, script: str | None = None, intent: str | None = None) -> Tally:
        chosen = [item for item in self._subset(script) if intent in (None, item.line.intent)]
        return _tally(item.intent_right for item in chosen)

    def sentiment(self, script: str | None = None, label: str | None = None) -> Tally:
        chosen = [item for item in self._subset(script) if label in (None, item.line.sentiment)]
        return _tally(item.sentiment_right for item in chosen)

    def products(self, script: str | None = None) -> Tally:
        chosen = [item for item in self._subset(script) if item.line.products is not None]
        return _tally(item.products_right for item in chosen)

    def predicted_count(self, intent: str) -> int:
        return sum(1 for item in self.scored if item.intent == intent)

    def confusions(self, limit: int) -> list[Confusion]:
        """The most frequent (label, predicted) intent errors, each with its first example."""
        wrong = [item for item in self.scored if not item.intent_right]
        counts = Counter((item.line.intent, item.intent) for item in wrong)
        examples: dict[tuple[str, str], str] = {}
        for item in wrong:
            examples.setdefault((item.line.intent, item.intent), item.line.text)

        ranked = sorted(counts.items(), key=lambda pair: (-pair[1], INTENTS.index(pair[0][0])))
        return [
            Confusion(label, predicted, count, examples[(label, predicted)])
            for (label, predicted), count in ranked[:limit]
        ]


def evaluate(analyzer: Analyzer, lines: Iterable[LabelledLine]) -> Evaluation:
    scored = []
    for line in lines:
        analysis = analyzer.analyze(line.text)
        script = line.script or analysis.lang or UNDECIDED_SCRIPT
        scored.append(
            Scored(
                line=line,
                script=script,
                intent=analysis.intent,
                sentiment=sentiment_sign(analysis.sentiment),
                products=analysis.products,
            )
        )
    return Evaluation(scored)
