"""The analyser on examples/labelled_chat.csv stays at or above the accuracy measured."""

import logging
from pathlib import Path

import pytest

from bot.text import INTENTS, Analyzer
from bot.text_tools.evaluate import Evaluation, evaluate
from bot.text_tools.labelled import read_labelled

logger = logging.getLogger(__name__)

LABELLED = Path(__file__).resolve().parents[2] / "examples" / "labelled_chat.csv"

# A little under what was measured (461 lines: intent 92.8%, sentiment sign 82.2%, products
# 97.4%; intent by script 91.2% zh-Hant, 96.4% zh-Hans, 92.3% en), so a regression fails.
FLOORS = {"intent": 0.91, "sentiment": 0.80, "products": 0.96}
INTENT_FLOORS_BY_SCRIPT = {"zh-Hant": 0.89, "zh-Hans": 0.95, "en": 0.90}


@pytest.fixture(scope="module")
def evaluation(example_analyzer: Analyzer) -> Evaluation:
    return evaluate(example_analyzer, read_labelled(LABELLED))


def test_the_set_is_large_and_covers_every_intent(evaluation: Evaluation) -> None:
    assert len(evaluation.scored) >= 300
    assert all(evaluation.intent(intent=intent).total >= 20 for intent in INTENTS)


def test_overall_floors(evaluation: Evaluation) -> None:
    assert evaluation.intent().accuracy >= FLOORS["intent"]
    assert evaluation.sentiment().accuracy >= FLOORS["sentiment"]
    assert evaluation.products().accuracy >= FLOORS["products"]


@pytest.mark.parametrize(("script", "floor"), INTENT_FLOORS_BY_SCRIPT.items())
def test_intent_floor_by_script(evaluation: Evaluation, script: str, floor: float) -> None:
    assert evaluation.intent(script).accuracy >= floor
