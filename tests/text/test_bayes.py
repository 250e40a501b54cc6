"""snownlp's sentiment table read directly: the right file, no snownlp import."""

import logging
import subprocess
import sys

import pytest

from bot.text.bayes import MODEL_FILE, BayesSentiment, snownlp_dir

logger = logging.getLogger(__name__)


@pytest.fixture(scope="module")
def model() -> BayesSentiment:
    return BayesSentiment.load()


def test_model_file_is_the_python3_table() -> None:
    assert (snownlp_dir() / MODEL_FILE).is_file()
    assert MODEL_FILE.name.endswith(".marshal.3")


def test_loading_does_not_import_snownlp() -> None:
    code = (
        "import sys\n"
        "from bot.text.bayes import BayesSentiment\n"
        "BayesSentiment.load()\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'snownlp'], 'imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_no_words_is_no_evidence(model: BayesSentiment) -> None:
    assert model.probability([]) == (0.5, 0, 0)
    assert model.probability(["zzz-not-a-word"]) == (0.5, 0, 0)


def test_stop_words_carry_no_evidence(model: BayesSentiment) -> None:
    assert model.probability(["的"])[1] == 0


def test_clear_words_lean_the_right_way(model: BayesSentiment) -> None:
    assert model.probability(["满意"])[0] > 0.5
    assert model.probability(["垃圾"])[0] < 0.5

    probability, known, known_chars = model.probability(["质量", "很", "好"])
    assert 0.5 < probability < 1.0
    assert known >= 2
    assert known_chars >= 3
