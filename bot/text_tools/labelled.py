"""Reading a labelled chat CSV: text, intent, sentiment sign, script and products per line."""

import csv
import logging
from dataclasses import dataclass
from pathlib import Path

from bot.text import INTENTS
from bot.text_tools import TextToolError

logger = logging.getLogger(__name__)

SENTIMENTS = ("pos", "neg", "neu")
SCRIPTS = ("zh-Hant", "zh-Hans", "en")
REQUIRED_COLUMNS = ("text", "intent", "sentiment")


@dataclass(frozen=True)
class LabelledLine:
    text: str
    intent: str
    sentiment: str  # pos, neg or neu
    script: str | None  # None: derive it from the text
    products: tuple[str, ...] | None  # None: the file has no products column


def _check(path: Path, row_number: int, field: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise TextToolError(
            f"{path}: row {row_number}: {field} {value!r} is not one of {', '.join(allowed)}"
        )


def read_labelled(path: Path) -> list[LabelledLine]:
    """Rows of `text,intent,sentiment[,script][,products]`; products are space-separated ids."""
    try:
        with path.open(encoding="utf-8", newline="") as file:
            reader = csv.DictReader(file)
            columns = reader.fieldnames or []
            rows = list(reader)
    except FileNotFoundError as error:
        raise TextToolError(f"labelled file not found: {path}") from error
    except (UnicodeDecodeError, csv.Error) as error:
        raise TextToolError(f"{path}: not a UTF-8 CSV file: {error}") from error

    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise TextToolError(f"{path}: missing columns: {', '.join(missing)}")

    lines = []
    for row_number, row in enumerate(rows, 2):
        intent = (row["intent"] or "").strip()
        sentiment = (row["sentiment"] or "").strip()
        script = (row.get("script") or "").strip() or None
        _check(path, row_number, "intent", intent, INTENTS)
        _check(path, row_number, "sentiment", sentiment, SENTIMENTS)
        if script is not None:
            _check(path, row_number, "script", script, SCRIPTS)

        products = None
        if "products" in columns:
            products = tuple((row["products"] or "").split())
        lines.append(LabelledLine(row["text"] or "", intent, sentiment, script, products))

    if not lines:
        raise TextToolError(f"{path}: no labelled rows")
    return lines
