"""The quiz banks in `quiz_dir`: those that load, and the broken ones with their fault."""

import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.games.bank import QuizBank, QuizBankError, load_bank

logger = logging.getLogger(__name__)


def bank_key(name: str) -> str:
    """How a bank name typed in chat compares with a file name: width and case set aside."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def find_bank_name(names: Iterable[str], asked: str) -> str | None:
    """The bank name `asked` stands for: itself, else the only one it equals by `bank_key`.

    Two files that differ only in case (`Beauty.toml`, `beauty.toml`) need the exact name.
    """
    known = list(names)
    if asked in known:
        return asked

    matches = [name for name in known if bank_key(name) == bank_key(asked)]
    return matches[0] if len(matches) == 1 else None


@dataclass(frozen=True)
class QuizShelf:
    """Banks by name; `broken` keeps each bank that failed its check, with the reason."""

    banks: dict[str, QuizBank] = field(default_factory=dict)
    broken: dict[str, str] = field(default_factory=dict)


def load_quiz_shelf(folder: Path) -> QuizShelf:
    """Every bank in the folder; a broken one is skipped with a warning naming the fault."""
    shelf = QuizShelf()
    if not folder.is_dir():
        logger.warning("quiz bank folder %s not found; no quizzes available", folder)
        return shelf

    for path in sorted(folder.glob("*.toml")):
        if not path.is_file():
            shelf.broken[path.stem] = f"{path}: not a file"
            logger.warning("quiz bank skipped: %s is not a file", path)
            continue

        try:
            shelf.banks[path.stem] = load_bank(path)
        except QuizBankError as error:
            shelf.broken[path.stem] = str(error)
            logger.warning("quiz bank skipped: %s", error)
    return shelf
