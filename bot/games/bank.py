"""Quiz banks: TOML files of questions, checked with errors naming file, question and field."""

import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.config import LANGUAGES
from bot.games.answers import OPTION_LETTERS, compact

logger = logging.getLogger(__name__)

DEFAULT_POINTS = 100
MAX_POINTS = 1000
MIN_OPTIONS = 2
MAX_PROMPT_CHARS = 200
MAX_OPTION_CHARS = 60
# Room for the title, numbering and instructions inside one 500-character chat message.
MAX_QUESTION_CHARS = 380

BANK_FIELDS = frozenset({"title", "language", "questions"})
QUESTION_FIELDS = frozenset({"prompt", "options", "answer", "option_tags", "answers", "points"})


class QuizBankError(ValueError):
    """A quiz bank is malformed; the message names the file, question number and field."""


@dataclass(frozen=True)
class Question:
    number: int
    prompt: str
    options: tuple[str, ...] = ()
    answer: int | None = None
    answers: tuple[str, ...] = ()
    option_tags: tuple[tuple[str, ...], ...] = ()
    points: int = DEFAULT_POINTS

    @property
    def is_choice(self) -> bool:
        return bool(self.options)

    def option_label(self, index: int) -> str:
        return f"{OPTION_LETTERS[index]}) {self.options[index]}"

    def tags_for(self, index: int | None) -> tuple[str, ...]:
        if index is None or not self.option_tags:
            return ()
        return self.option_tags[index]

    @property
    def answer_text(self) -> str:
        """The right answer as shown in chat: `B) 保濕` or the first accepted form."""
        if self.answer is not None:
            return self.option_label(self.answer)
        return self.answers[0]


@dataclass(frozen=True)
class QuizBank:
    """One quiz, read from a TOML file.

    A folder holds any number of banks; a bank's name is its file name without `.toml`,
    which `!quiz start` takes in any case or width.

        title = "保養小學堂"            # required: shown with every question
        language = "zh-Hant"            # optional: zh-Hant, zh-Hans or en

        [[questions]]                   # any number, asked in file order
        prompt = "玻尿酸最主要的作用是？"
        options = ["美白", "控油", "保濕", "清潔"]   # 2 to 8 choices, shown as A) B) C) ...
        answer = "C"                    # the right option: its letter, or its number from 1
        option_tags = [["美白"], ["控油"], ["保濕"], ["清潔"]]
                                        # optional: catalog tags per option, one list per option;
                                        # every answer, right or wrong, is a taste signal
        points = 100                    # optional: 1 to 1000, default 100

        [[questions]]
        prompt = "法國的首都是？"
        answers = ["巴黎", "Paris"]      # a free answer instead of options: every accepted form
        points = 150

    Viewers answer a choice question with the letter (`B`, `ｂ`, `我選B`, `答案是B`), its number
    (`2`, `option 2`, `第二個`) or the option's text in either script. Free answers forgive case,
    width, punctuation, script and, from five Latin letters on, a typo or two.
    """

    name: str
    title: str
    language: str | None
    questions: tuple[Question, ...]
    path: Path


class _Place:
    """Where a problem is, so each error message names it the same way."""

    def __init__(self, path: Path, number: int | None = None) -> None:
        self.path = path
        self.number = number

    def error(self, field: str | None, problem: str) -> QuizBankError:
        parts = [str(self.path)]
        if self.number is not None:
            parts.append(f"question {self.number}")
        if field is not None:
            parts.append(f"{field!r}")
        return QuizBankError(f"{': '.join(parts)}: {problem}")


def _text(place: _Place, raw: dict[str, Any], field: str, limit: int) -> str:
    value = raw.get(field)
    if value is None:
        raise place.error(field, "is missing")
    if not isinstance(value, str) or not value.strip():
        raise place.error(field, "must be a non-empty string")
    if len(value.strip()) > limit:
        raise place.error(field, f"is {len(value.strip())} characters, at most {limit} fit")
    return value.strip()


def _texts(place: _Place, value: Any, field: str, limit: int) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise place.error(field, "must be a non-empty list of strings")

    texts = []
    for position, item in enumerate(value, 1):
        if not isinstance(item, str) or not item.strip():
            raise place.error(field, f"item {position} must be a non-empty string")
        if len(item.strip()) > limit:
            raise place.error(field, f"item {position} is longer than {limit} characters")
        texts.append(item.strip())
    return tuple(texts)


def _options(place: _Place, raw: dict[str, Any]) -> tuple[str, ...]:
    options = _texts(place, raw["options"], "options", MAX_OPTION_CHARS)
    if not MIN_OPTIONS <= len(options) <= len(OPTION_LETTERS):
        raise place.error(
            "options", f"has {len(options)} choices, needs {MIN_OPTIONS} to {len(OPTION_LETTERS)}"
        )

    seen: dict[str, int] = {}
    for position, option in enumerate(options, 1):
        key = compact(option)
        if key and key in seen:
            raise place.error("options", f"items {seen[key]} and {position} read the same")
        seen[key] = position
    return options


def _answer_index(place: _Place, raw: dict[str, Any], count: int) -> int:
    value = raw.get("answer")
    letters = OPTION_LETTERS[:count]
    if value is None:
        raise place.error(
            "answer",
            f"is missing: give the right option's letter ({letters[0]}-"
            f"{letters[-1]}) or its number (1-{count})",
        )

    if isinstance(value, str) and len(value.strip()) == 1 and value.strip().isalpha():
        letter = value.strip().upper()
        if letter not in letters:
            raise place.error(
                "answer",
                f"is {letter}, but there are only {count} options ({letters[0]}-{letters[-1]})",
            )
        return letters.index(letter)

    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= count:
            raise place.error("answer", f"is {value}, but options are numbered 1-{count}")
        return value - 1

    raise place.error("answer", f"must be a letter ({letters[0]}-{letters[-1]}) or a number")


def _option_tags(place: _Place, raw: dict[str, Any], count: int) -> tuple[tuple[str, ...], ...]:
    value = raw.get("option_tags")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise place.error("option_tags", "must be a list with one list of tags per option")
    if len(value) != count:
        raise place.error(
            "option_tags", f"has {len(value)} lists but there are {count} options: give one each"
        )

    tags = []
    for position, item in enumerate(value, 1):
        if not isinstance(item, list) or not all(isinstance(t, str) and t.strip() for t in item):
            raise place.error("option_tags", f"item {position} must be a list of tag strings")
        tags.append(tuple(t.strip() for t in item))
    return tuple(tags)


def _points(place: _Place, raw: dict[str, Any]) -> int:
    value = raw.get("points", DEFAULT_POINTS)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_POINTS:
        raise place.error("points", f"must be a whole number from 1 to {MAX_POINTS}")
    return value


def _question(path: Path, number: int, raw: Any) -> Question:
    place = _Place(path, number)
    if not isinstance(raw, dict):
        raise place.error(None, "must be a [[questions]] table")

    unknown = sorted(set(raw) - QUESTION_FIELDS)
    if unknown:
        raise place.error(
            unknown[0], f"is not a known field (known: {', '.join(sorted(QUESTION_FIELDS))})"
        )
    prompt = _text(place, raw, "prompt", MAX_PROMPT_CHARS)
    points = _points(place, raw)

    if "options" in raw and "answers" in raw:
        raise place.error("answers", "cannot go with 'options': a question is one or the other")

    if "answers" in raw:
        for field in ("answer", "option_tags"):
            if field in raw:
                raise place.error(field, "goes with 'options'; a free answer lists 'answers'")
        answers = _texts(place, raw["answers"], "answers", MAX_OPTION_CHARS)
        return Question(number=number, prompt=prompt, answers=answers, points=points)

    if "options" not in raw:
        raise place.error("options", "is missing: give 'options' and 'answer', or 'answers'")
    options = _options(place, raw)
    question = Question(
        number=number,
        prompt=prompt,
        options=options,
        answer=_answer_index(place, raw, len(options)),
        option_tags=_option_tags(place, raw, len(options)),
        points=points,
    )

    length = len(prompt) + sum(len(question.option_label(i)) + 1 for i in range(len(options)))
    if length > MAX_QUESTION_CHARS:
        raise place.error(
            "prompt", f"and options are {length} characters, at most {MAX_QUESTION_CHARS} fit"
        )
    return question


def load_bank(path: Path) -> QuizBank:
    """Read and check one bank file."""
    place = _Place(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise QuizBankError(f"{path}: quiz bank not found") from error
    except UnicodeDecodeError as error:
        raise QuizBankError(f"{path}: not UTF-8 text: {error}") from error
    except OSError as error:
        raise QuizBankError(f"{path}: cannot be read: {error.strerror or error}") from error
    except tomllib.TOMLDecodeError as error:
        raise QuizBankError(f"{path}: not valid TOML: {error}") from error

    unknown = sorted(set(raw) - BANK_FIELDS)
    if unknown:
        raise place.error(
            unknown[0], f"is not a known field (known: {', '.join(sorted(BANK_FIELDS))})"
        )
    title = _text(place, raw, "title", MAX_OPTION_CHARS)

    language = raw.get("language")
    if language is not None and language not in LANGUAGES:
        raise place.error("language", f"must be one of {', '.join(LANGUAGES)}")

    entries = raw.get("questions")
    if not isinstance(entries, list) or not entries:
        raise place.error("questions", "needs at least one [[questions]] table")

    questions = tuple(_question(path, number, entry) for number, entry in enumerate(entries, 1))
    return QuizBank(name=path.stem, title=title, language=language, questions=questions, path=path)


def load_banks(folder: Path) -> dict[str, QuizBank]:
    """Every `*.toml` bank in a folder by name; the first bad file stops the load."""
    if not folder.is_dir():
        raise QuizBankError(f"{folder}: quiz folder not found")

    banks = {path.stem: load_bank(path) for path in sorted(folder.glob("*.toml"))}
    logger.info("loaded %d quiz banks from %s", len(banks), folder)
    return banks
