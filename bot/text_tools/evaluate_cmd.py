"""`livepicks evaluate`: score the analyser on a labelled chat CSV and print the report."""

import logging
import sys
from pathlib import Path
from typing import TextIO

from bot.catalog import Catalog
from bot.text import Analyzer
from bot.text_tools.evaluate import evaluate
from bot.text_tools.evaluate_report import format_evaluation
from bot.text_tools.labelled import read_labelled

logger = logging.getLogger(__name__)


def run_evaluate(catalog: Catalog, path: Path, out: TextIO | None = None) -> int:
    lines = read_labelled(path)

    evaluation = evaluate(Analyzer(catalog), lines)

    (out or sys.stdout).write(format_evaluation(evaluation, path) + "\n")
    return 0
