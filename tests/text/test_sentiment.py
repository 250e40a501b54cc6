"""Sentiment: rules the model cannot see, negation, short lines, emoji, English, bounds."""

import logging
import random
from collections.abc import Iterable

import pytest

from bot.catalog import Catalog, Product
from bot.text import Analyzer
from bot.text.bayes import BayesSentiment
from bot.text.cues import strip_cues
from bot.text.normalise import fold_width_case
from bot.text.sentiment import MODEL_ALONE, QUESTION_MARKS_ONLY, SentimentScorer

logger = logging.getLogger(__name__)

CATALOG = Catalog(
    [
        Product(
            id="lipstick",
            name="口紅",
            aliases=("唇膏",),
            category="彩妝",
            tags=("顯白",),
            price=199.0,
            url="https://shop.example/lipstick",
        )
    ]
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(CATALOG)


def _sentiment(analyzer: Analyzer, line: str) -> float:
    return analyzer.analyze(line).sentiment


@pytest.mark.parametrize(
    "line", ["不是很满意", "不是很滿意", "沒有想像中好", "没有想象中好用", "不好用", "不推薦"]
)
def test_negated_praise_is_negative(analyzer: Analyzer, line: str) -> None:
    assert _sentiment(analyzer, line) < 0


@pytest.mark.parametrize("line", ["質量不差", "质量不差", "不貴", "用了不過敏", "不會後悔"])
def test_negated_blame_is_positive(analyzer: Analyzer, line: str) -> None:
    assert _sentiment(analyzer, line) > 0


@pytest.mark.parametrize("line", ["非常好用", "不要太好看", "没想到这么好用", "不错不错"])
def test_words_that_look_negating_but_are_not(analyzer: Analyzer, line: str) -> None:
    assert _sentiment(analyzer, line) > 0


def test_short_lines(analyzer: Analyzer) -> None:
    assert 0 < _sentiment(analyzer, "已拍") <= 0.5
    assert 0 <= _sentiment(analyzer, "+1") <= 0.3
    assert 0 <= _sentiment(analyzer, "扣1") <= 0.3
    assert _sentiment(analyzer, "666") >= 0.5
    assert _sentiment(analyzer, "66666666") >= 0.5
    assert _sentiment(analyzer, "？？？") == QUESTION_MARKS_ONLY
    assert _sentiment(analyzer, "?") == QUESTION_MARKS_ONLY


@pytest.mark.parametrize("line", ["😍", "❤️", "👍", "[爱心]", ":heart_eyes:", "口紅😍😍"])
def test_positive_emoji_and_emotes(analyzer: Analyzer, line: str) -> None:
    assert _sentiment(analyzer, line) > 0


@pytest.mark.parametrize("line", ["👎", "😡", "😭", "[大哭]", "口紅👎", "收到了[大哭]"])
def test_negative_emoji_and_emotes(analyzer: Analyzer, line: str) -> None:
    assert _sentiment(analyzer, line) < 0


@pytest.mark.parametrize("line", ["this is great", "love it", "not bad at all", "Pog", "<3"])
def test_positive_english(analyzer: Analyzer, line: str) -> None:
    assert _sentiment(analyzer, line) > 0


@pytest.mark.parametrize(
    "line", ["so overpriced", "broken", "scam", "not great tbh", "it doesn't look good"]
)
def test_negative_english(analyzer: Analyzer, line: str) -> None:
    assert _sentiment(analyzer, line) < 0


@pytest.mark.parametrize(
    ("line", "sign"),
    [("太貴了", -1), ("太贵了", -1), ("已下單", 1), ("已下单", 1), ("口紅好看", 1), ("假貨", -1)],
)
def test_live_commerce_phrases(analyzer: Analyzer, line: str, sign: int) -> None:
    assert _sentiment(analyzer, line) * sign > 0


@pytest.mark.parametrize(
    "line", ["口紅 love it 😍", "this 口紅 is so overpriced 👎", "質量 ok 啦 👍"]
)
def test_mixed_lines(analyzer: Analyzer, line: str) -> None:
    expected = -1 if "overpriced" in line else 1
    assert _sentiment(analyzer, line) * expected > 0


@pytest.mark.parametrize("line", ["", "   ", "[doge]", "[吃瓜][吃瓜]", "@someone", "@a @b"])
def test_empty_and_neutral_emote_lines_are_zero(analyzer: Analyzer, line: str) -> None:
    assert _sentiment(analyzer, line) == 0.0


def test_a_question_about_quality_is_not_praise(analyzer: Analyzer) -> None:
    assert abs(_sentiment(analyzer, "好用嗎")) < abs(_sentiment(analyzer, "好用"))


def test_model_alone_is_bounded(analyzer: Analyzer) -> None:
    score = _sentiment(analyzer, "物流很快包装也很用心")
    assert 0 < score <= MODEL_ALONE


class _SureModel(BayesSentiment):
    """A model certain of one answer, to show it cannot overrule a rule cue."""

    def __init__(self, probability: float) -> None:
        super().__init__({}, 0.0)
        self._answer = probability

    def probability(self, words: Iterable[str]) -> tuple[float, int, int]:
        return self._answer, 5, 10


@pytest.mark.parametrize(
    ("line", "model_probability", "sign"),
    [("好用", 0.0, 1), ("+1", 0.0, 1), ("太贵了", 1.0, -1), ("😭", 1.0, -1), ("不差", 0.0, 1)],
)
def test_a_rule_cue_outweighs_a_certain_model(
    line: str, model_probability: float, sign: int
) -> None:
    scorer = SentimentScorer(_SureModel(model_probability))
    text = fold_width_case(line)
    cues = strip_cues(text, str)

    score = scorer.score(cues.text, ("词语", "词语"), cues.values, question=False)

    assert score * sign > 0


def test_model_speaks_when_no_rule_does() -> None:
    assert SentimentScorer(_SureModel(1.0)).score("词语词语", ("词语", "词语"), (), False) > 0
    assert SentimentScorer(_SureModel(0.0)).score("词语词语", ("词语", "词语"), (), False) < 0


def test_waste_bin_is_not_rubbish(analyzer: Analyzer) -> None:
    assert _sentiment(analyzer, "垃圾桶很满意") > 0


def test_always_within_bounds(analyzer: Analyzer) -> None:
    chooser = random.Random(7)
    alphabet = "好不差贵没有太了吗?!666😍👎[大哭]@ab lovebadscam口紅"
    for _ in range(300):
        line = "".join(chooser.choice(alphabet) for _ in range(chooser.randint(0, 40)))
        assert -1.0 <= _sentiment(analyzer, line) <= 1.0
