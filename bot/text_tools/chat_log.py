"""Reading the chat lines of a log CSV (Bilibili or Douyu: a `content` column)."""

import csv
import logging
from pathlib import Path

from bot.text_tools import TextToolError

logger = logging.getLogger(__name__)

CONTENT_COLUMN = "content"


def read_chat_lines(path: Path) -> list[str]:
    """Every row's `content`, in file order, repeats kept."""
    try:
        with path.open(encoding="utf-8", newline="") as file:
            reader = csv.DictReader(file)
            if CONTENT_COLUMN not in (reader.fieldnames or []):
                raise TextToolError(f"{path}: no {CONTENT_COLUMN!r} column")
            return [row[CONTENT_COLUMN] or "" for row in reader]
    except FileNotFoundError as error:
        raise TextToolError(f"chat log not found: {path}") from error
    except (UnicodeDecodeError, csv.Error) as error:
        raise TextToolError(f"{path}: not a UTF-8 CSV file: {error}") from error


def distinct_lines(lines: list[str]) -> list[str]:
    """Each line once, in first-seen order."""
    return list(dict.fromkeys(lines))
