"""The evaluation as a plain-text report: tables by intent and script, errors with examples."""

import logging
from pathlib import Path

from bot.text import INTENTS
from bot.text_tools.evaluate import NEUTRAL_BAND, Evaluation, Tally
from bot.text_tools.labelled import SENTIMENTS

logger = logging.getLogger(__name__)

TOP_CONFUSIONS = 8
EXAMPLE_CHARS = 30


def _percent(tally: Tally) -> str:
    if not tally.total:
        return "-"
    return f"{100 * tally.accuracy:.1f}%"


def _cell(tally: Tally) -> str:
    return f"{_percent(tally)} ({tally.correct}/{tally.total})" if tally.total else "-"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[index]) for row in [header, *rows]) for index in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def _intent_rows(evaluation: Evaluation, scripts: list[str]) -> list[list[str]]:
    rows = []
    for intent in INTENTS:
        overall = evaluation.intent(intent=intent)
        if not overall.total:
            continue
        cells = [intent, str(overall.total), str(evaluation.predicted_count(intent))]
        cells.append(_percent(overall))
        cells += [_percent(evaluation.intent(script, intent)) for script in scripts]
        rows.append(cells)
    return rows


def _by_script_row(name: str, tallies: list[Tally]) -> list[str]:
    return [name, *(_cell(tally) for tally in tallies)]


def format_evaluation(evaluation: Evaluation, source: Path) -> str:
    scripts = evaluation.scripts
    lines = [f"{source}: {len(evaluation.scored)} labelled lines", ""]

    overall = [
        _by_script_row(
            "intent", [evaluation.intent(), *(evaluation.intent(script) for script in scripts)]
        ),
        _by_script_row(
            "sentiment sign",
            [evaluation.sentiment(), *(evaluation.sentiment(script) for script in scripts)],
        ),
    ]
    if evaluation.has_products:
        overall.append(
            _by_script_row(
                "products",
                [evaluation.products(), *(evaluation.products(script) for script in scripts)],
            )
        )
    lines.append("accuracy")
    lines += _table(["", "all", *scripts], overall)

    lines += ["", "intent: lines labelled, lines predicted, accuracy on the labelled lines"]
    lines += _table(
        ["intent", "labelled", "predicted", "all", *scripts], _intent_rows(evaluation, scripts)
    )

    lines += ["", f"sentiment sign by label (|sentiment| < {NEUTRAL_BAND} reads as neu)"]
    sentiment_rows = [
        _by_script_row(
            label,
            [
                evaluation.sentiment(label=label),
                *(evaluation.sentiment(script, label) for script in scripts),
            ],
        )
        for label in SENTIMENTS
    ]
    lines += _table(["label", "all", *scripts], sentiment_rows)

    confusions = evaluation.confusions(TOP_CONFUSIONS)
    if confusions:
        lines += ["", "top intent errors (labelled -> predicted: count, first example)"]
        for confusion in confusions:
            example = confusion.example[:EXAMPLE_CHARS]
            lines.append(
                f"  {confusion.label} -> {confusion.predicted}: {confusion.count}  {example}"
            )
    return "\n".join(lines)
