"""jieba's word list and its best-path segmentation, held compactly for Han text only."""

import importlib.util
import logging
import math
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

logger = logging.getLogger(__name__)

HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# One `word frequency [tag]` entry per line. Only all-Han words are kept: the tokeniser
# hands the dictionary Han runs alone, so Latin and mixed entries could never match.
_ENTRY = re.compile(rf"^(?:(?P<han>[{HAN_CHARS}]+)|\S+) (?P<freq>\d+)", re.MULTILINE)


def jieba_dictionary_file() -> Path:
    """jieba's bundled dict.txt, found without importing jieba (which loads its HMM tables)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the jieba package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


class WordDictionary:
    """Words with log frequencies, segmenting Han runs as jieba does with HMM off.

    jieba.Tokenizer keeps every word and every prefix of every word, each with its own int
    (about 80 MB). Here each word maps to a log frequency shared between equal frequencies,
    and only the two-character starts of longer words are kept, with the longest word
    behind each, to bound the search (about 45 MB). The best path is jieba's: the most
    probable split under word unigram frequencies, ties to the longer first word, an
    unknown character scored as frequency 1.
    """

    def __init__(self, log_freq: dict[str, float], total: int) -> None:
        self._log_freq = log_freq
        self._total = total
        self._log_total = math.log(total)
        # A start that is itself a word reuses the word's string.
        pairs = {word: word for word in log_freq if len(word) == 2}
        self._longest_after: dict[str, int] = {}
        for word in log_freq:
            self._note_long_word(word, pairs)

    def _note_long_word(self, word: str, pairs: dict[str, str]) -> None:
        if len(word) < 3:
            return
        start = pairs.get(word[:2], word[:2])
        if len(word) > self._longest_after.get(start, 0):
            self._longest_after[start] = len(word)

    @classmethod
    def load(cls, path: Path | None = None) -> "WordDictionary":
        text = (path or jieba_dictionary_file()).read_text(encoding="utf-8")

        log_of: dict[str, float] = {}
        frequencies: Counter[str] = Counter()
        log_freq: dict[str, float] = {}
        for entry in _ENTRY.finditer(text):
            word, freq = entry.group("han", "freq")
            frequencies[freq] += 1
            if word is None:
                continue
            value = log_of.get(freq)
            if value is None:
                value = log_of[freq] = math.log(int(freq))
            log_freq[word] = value

        # jieba's total counts every entry, Latin ones too, so the scores stay its own.
        total = sum(int(freq) * count for freq, count in frequencies.items())
        logger.debug("word dictionary: %d Han words", len(log_freq))
        return cls(log_freq, total)

    def __contains__(self, word: str) -> bool:
        return word in self._log_freq

    def __iter__(self) -> Iterator[str]:
        return iter(self._log_freq)

    def add(self, word: str, freq: int) -> None:
        """As jieba's add_word: the word gets `freq` and the total grows by it."""
        self._log_freq[word] = math.log(freq)
        self._total += freq
        self._log_total = math.log(self._total)
        self._note_long_word(word, {})

    def segment(self, run: str) -> list[str]:
        """Words of a run of Han characters."""
        length = len(run)
        if length == 1:
            return [run]

        log_freq = self._log_freq.get
        longest_after = self._longest_after.get
        log_total = self._log_total
        best = [0.0] * (length + 1)
        word_end = [0] * (length + 1)
        for start in range(length - 1, -1, -1):
            best_score = -math.inf
            best_end = 0
            # jieba's order of operations throughout, so that equal scores tie as there.
            value = log_freq(run[start])
            if value is not None:
                best_score = value - log_total + best[start + 1]
                best_end = start + 1

            if start + 2 <= length:
                pair = run[start : start + 2]
                value = log_freq(pair)
                if value is not None:
                    score = value - log_total + best[start + 2]
                    if score >= best_score:
                        best_score = score
                        best_end = start + 2
                stop = min(start + longest_after(pair, 0), length)
                for end in range(start + 3, stop + 1):
                    value = log_freq(run[start:end])
                    if value is None:
                        continue
                    score = value - log_total + best[end]
                    if score >= best_score:
                        best_score = score
                        best_end = end

            if not best_end:
                best_score = -log_total + best[start + 1]
                best_end = start + 1
            best[start] = best_score
            word_end[start] = best_end

        words = []
        start = 0
        while start < length:
            end = word_end[start]
            words.append(run[start:end])
            start = end
        return words
