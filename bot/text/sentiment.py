"""Sentiment of a line: live-commerce rules first, snownlp's Bayes model as a bounded extra."""

import logging
import re
from collections.abc import Iterable

from bot.text.bayes import BayesSentiment
from bot.text.lexicon import EN_POLAR, PATTERN_CUES, ZH_GUARDED, ZH_POLAR
from bot.text.negation import en_value, without_irony, zh_value

logger = logging.getLogger(__name__)

# A rule cue (a phrase, emoji, emote or pattern) decides the sign whenever one is
# present: the model can add at most MODEL_WITH_RULES, less than the weakest cue (0.2).
MODEL_WITH_RULES = 0.15
# Alone, the model is trusted less on chat than on the reviews it learnt from.
MODEL_ALONE = 0.5
# Knowing this many words gives the model its full weight; fewer scale it down.
MODEL_FULL_EVIDENCE = 3
# How much a question keeps of its polar words and model score: `好用吗` asks, it does
# not praise.
QUESTION_DAMPING = 0.4
# `???` alone: confusion or disbelief in live chat, mildly negative.
QUESTION_MARKS_ONLY = -0.15

_ZH_WINDOW = 5
_QUESTION_MARKS = re.compile(r"^[?\s]+$")
_LATIN_OR_HEART = re.compile("[a-z<]")
# Every PATTERN_CUES entry needs one of these characters; most lines have none.
_PATTERN_TRIGGER = re.compile("[0-9a-z哈]")


def _zh_pattern() -> re.Pattern[str]:
    plain = sorted((word for word in ZH_POLAR if word not in ZH_GUARDED), key=len, reverse=True)
    guarded = [ZH_GUARDED[word] for word in sorted(ZH_GUARDED, key=len, reverse=True)]
    return re.compile("|".join([*map(re.escape, plain), *guarded]))


def _en_pattern() -> re.Pattern[str]:
    words = sorted(EN_POLAR, key=len, reverse=True)
    return re.compile(r"(?<![a-z'])(?:" + "|".join(map(re.escape, words)) + r")(?![a-z'])")


def _pattern_cues() -> re.Pattern[str]:
    groups = [f"(?P<p{index}>{pattern})" for index, (pattern, _) in enumerate(PATTERN_CUES)]
    return re.compile("|".join(groups))


def _clamp(value: float) -> float:
    return max(-1.0, min(1.0, float(value)))


class SentimentScorer:
    """-1 (negative) .. 1 (positive) from rule cues, with the Bayes model bounded under them."""

    def __init__(self, model: BayesSentiment, neutral_words: Iterable[str] = ()) -> None:
        self._model = model
        self._neutral_words = frozenset(neutral_words)
        self._zh = _zh_pattern()
        # Every phrase holds a Han character; a line with none of theirs has no phrase.
        self._zh_trigger = frozenset(char for phrase in ZH_POLAR for char in phrase)
        self._en = _en_pattern()
        self._patterns = _pattern_cues()
        self._pattern_values = {
            f"p{index}": value for index, (_, value) in enumerate(PATTERN_CUES)
        }

    def score(
        self, text: str, tokens: tuple[str, ...], cues: tuple[float, ...], question: bool
    ) -> float:
        """`text` is the normalised Simplified line, `cues` the emoji and emote values."""
        if not text:
            return round(_clamp(sum(cues)), 3)
        if _QUESTION_MARKS.match(text):
            return QUESTION_MARKS_ONLY

        phrases = self._phrases(text)
        phrase_values = without_irony(phrases, text)
        if phrase_values is None:
            phrase_values = [value for _, _, value in phrases]
        else:
            cues = tuple(value for value in cues if value < 0)

        rule_values = [*phrase_values, *self._pattern_values_in(text)]
        model = self._model_score(tokens)
        if question:
            rule_values = [value * QUESTION_DAMPING for value in rule_values]
            model *= QUESTION_DAMPING
        rule_values.extend(cues)

        if rule_values:
            return round(_clamp(sum(rule_values) + MODEL_WITH_RULES * model), 3)
        return round(MODEL_ALONE * model, 3)

    def _phrases(self, text: str) -> list[tuple[int, int, float]]:
        """(start, end, value in context) of each polar phrase, in the order of the line."""
        found = []

        previous_end = 0
        matches = self._zh.finditer(text) if not self._zh_trigger.isdisjoint(text) else ()
        for match in matches:
            phrase = match.group()
            window = text[max(previous_end, match.start() - _ZH_WINDOW) : match.start()]
            value = zh_value(ZH_POLAR[phrase], phrase, window)
            if value is not None:
                found.append((match.start(), match.end(), value))
            previous_end = match.end()

        if not _LATIN_OR_HEART.search(text):
            return found
        previous_end = 0
        zh_count = len(found)
        for match in self._en.finditer(text):
            value = en_value(EN_POLAR[match.group()], text[previous_end : match.start()])
            found.append((match.start(), match.end(), value))
            previous_end = match.end()
        if zh_count and len(found) > zh_count:
            found.sort()
        return found

    def _pattern_values_in(self, text: str) -> list[float]:
        if not _PATTERN_TRIGGER.search(text):
            return []
        return [self._pattern_values[match.lastgroup] for match in self._patterns.finditer(text)]

    def _model_score(self, tokens: tuple[str, ...]) -> float:
        """2p - 1 from the Bayes model, scaled down when it knows few of the words.

        Only Chinese words count: the reviews it learnt from hold little English. Product
        names are left out (they are not opinions), and fewer than two known characters
        (`来`, `好`) is no evidence: the model is near random on those.
        """
        words = [
            token
            for token in tokens
            if "\u4e00" <= token[0] <= "\u9fff" and token not in self._neutral_words
        ]
        probability, known, known_chars = self._model.probability(words)
        if known_chars < 2:
            return 0.0

        confidence = min(1.0, known / MODEL_FULL_EVIDENCE)
        return (2.0 * probability - 1.0) * confidence
