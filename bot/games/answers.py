"""Matching a chat line to a quiz or vote answer, forgiving width, case, script and typos."""

import logging
import re
import unicodedata
from collections import deque
from collections.abc import Iterator, Sequence

import opencc

from bot.games.invisible import strip_invisible

logger = logging.getLogger(__name__)

OPTION_LETTERS = "ABCDEFGH"

# Longer lines are conversation, not answers, and cost more to peel.
MAX_LINE_CHARS = 80
MAX_TOKENS = 12

CHINESE_NUMERALS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}

# Words people wrap around an answer ("我選B", "答案是C吧", "我揀A", "I pick b please"), in
# Mandarin and Cantonese. Chinese ones are written in Simplified because lines are converted
# before matching, which turns Cantonese 係 into 系.
LEADING_PHRASES = (
    "答案是",
    "答案系",
    "答案",
    "我选择",
    "我选",
    "选择",
    "选项",
    "选",
    "我会选",
    "我拣",
    "拣",
    "我投给",
    "我投",
    "投给",
    "投",
    "我觉得是",
    "我觉得系",
    "我觉得",
    "应该是",
    "应该系",
    "应该",
    "我猜是",
    "我猜",
    "我估系",
    "我估",
    "估",
    "当然是",
    "当然系",
    "梗系",
    "肯定是",
    "肯定系",
    "一定是",
    "一定系",
    "就是",
    "就系",
    "是",
    "系",
    "第",
    "我",
)
TRAILING_PHRASES = (
    "选项",
    "对吧",
    "吧",
    "啦",
    "喔",
    "哦",
    "呀",
    "啰",
    "喇",
    "咯",
    "吖",
    "吗",
    "呢",
    "啊",
    "了",
    "号",
    "个",
    "项",
    "嘛",
    "哟",
    "唷",
)
LEADING_WORDS = frozenset(
    {
        "i",
        "im",
        "think",
        "guess",
        "pick",
        "picked",
        "choose",
        "chose",
        "go",
        "going",
        "with",
        "vote",
        "voting",
        "for",
        "say",
        "it",
        "its",
        "s",
        "is",
        "the",
        "answer",
        "ans",
        "option",
        "number",
        "no",
        "letter",
        "my",
        "final",
        "maybe",
        "probably",
        "definitely",
        "must",
        "be",
    }
)
TRAILING_WORDS = frozenset(
    {"please", "pls", "plz", "lol", "right", "maybe", "for", "sure", "i", "think", "guess"}
)

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(rf"[0-9]+|[{_CJK}]+|(?:(?![{_CJK}])[^\W\d_])+")
# "+1" in live chat means "me too", never "option 1"; "-1" is no option's number either.
_SIGNED_NUMBER = re.compile(r"^\s*[+\-\u2212]\s*[0-9]")
# Asides such as the unit in "Watts (W)", which a viewer may leave out.
_ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】")
_NOT_A_REFERENCE = -2
_OUT_OF_RANGE = -1

_to_simplified = opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    """Half-width, case-folded, Simplified: the form every comparison here works on."""
    return _to_simplified.convert(unicodedata.normalize("NFKC", text).casefold())


def _without_asides(text: str) -> str:
    return _ASIDE.sub(" ", unicodedata.normalize("NFKC", text))


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(normalise(text)))


def compact(text: str) -> str:
    """The line without spaces or punctuation, so `New York!` and `newyork` compare equal."""
    return "".join(_tokens(text))


def _peel_leading(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    first, rest = tokens[0], tokens[1:]
    if first in LEADING_WORDS:
        return [rest]

    peeled = []
    for phrase in LEADING_PHRASES:
        if first.startswith(phrase):
            remainder = first[len(phrase) :]
            peeled.append(((remainder,) if remainder else ()) + rest)
    return peeled


def _peel_trailing(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    last, rest = tokens[-1], tokens[:-1]
    if last in TRAILING_WORDS:
        return [rest]

    peeled = []
    for phrase in TRAILING_PHRASES:
        if last.endswith(phrase):
            remainder = last[: -len(phrase)]
            peeled.append(rest + ((remainder,) if remainder else ()))
    return peeled


def _variants(tokens: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The line, then the line with wrapping words peeled off, least peeled first."""
    seen = {tokens}
    queue = deque([tokens])
    while queue:
        current = queue.popleft()
        yield current
        if not current:
            continue

        for child in (*_peel_leading(current), *_peel_trailing(current)):
            if child not in seen:
                seen.add(child)
                queue.append(child)


def _line_tokens(text: str) -> tuple[str, ...] | None:
    text = strip_invisible(text)
    if len(text) > MAX_LINE_CHARS:
        return None

    tokens = _tokens(text)
    if not tokens or len(tokens) > MAX_TOKENS:
        return None
    return tokens


def edit_distance(first: str, second: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1

    previous = list(range(len(second) + 1))
    for row, first_char in enumerate(first, 1):
        current = [row]
        for column, second_char in enumerate(second, 1):
            cost = 0 if first_char == second_char else 1
            current.append(
                min(previous[column] + 1, current[column - 1] + 1, previous[column - 1] + cost)
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)


def typo_allowance(answer: str) -> int:
    """How many typos a Latin answer forgives: none when short, where one letter matters."""
    if not (answer.isascii() and answer.isalnum()):
        return 0
    if len(answer) >= 9:
        return 2
    if len(answer) >= 5:
        return 1
    return 0


class OptionMatcher:
    """Which option a line picks: by letter, number or the option's own text.

    Accepts `B`, `Ｂ`, `b!`, `我選B`, `選 b`, `答案是C`, `option 2`, `第二個`, `2號` and the
    option's text in either script, also without its asides (`watts` for `Watts (W)`) when
    no other option reads the same. Refuses a letter inside a word (`BB霜`, `abc`), an option
    that does not exist, a signed number (`-1`) and a line naming two different options.
    """

    def __init__(self, options: Sequence[str], *, letters: bool = True) -> None:
        self.count = len(options)
        self.letters = letters
        self._by_text: dict[str, int] = {}
        for index, option in enumerate(options):
            key = compact(option)
            if key:
                self._by_text.setdefault(key, index)

        shortened = [compact(_without_asides(option)) for option in options]
        for index, key in enumerate(shortened):
            unambiguous = key not in self._by_text and shortened.count(key) == 1
            if key and unambiguous and self._reference(key) == _NOT_A_REFERENCE:
                self._by_text[key] = index

    def match(self, text: str) -> int | None:
        """The option's index, or None when the line is not a clear choice."""
        text = strip_invisible(text)
        if _SIGNED_NUMBER.match(unicodedata.normalize("NFKC", text)):
            return None

        tokens = _line_tokens(text)
        if tokens is None:
            return None

        for variant in _variants(tokens):
            if not variant:
                continue

            by_text = self._by_text.get("".join(variant))
            if by_text is not None:
                return by_text

            references = [self._reference(token) for token in variant]
            if _NOT_A_REFERENCE in references:
                continue
            chosen = set(references)
            if _OUT_OF_RANGE in chosen or len(chosen) != 1:
                return None
            return chosen.pop()
        return None

    def _reference(self, token: str) -> int:
        if token.isdigit():
            number = int(token) if len(token) <= 2 else 0
        elif token in CHINESE_NUMERALS:
            number = CHINESE_NUMERALS[token]
        elif self.letters and len(token) == 1 and token.upper() in OPTION_LETTERS:
            number = OPTION_LETTERS.index(token.upper()) + 1
        else:
            return _NOT_A_REFERENCE

        return number - 1 if 1 <= number <= self.count else _OUT_OF_RANGE


class FreeAnswerMatcher:
    """Whether a line gives one of the accepted free answers.

    Forgives width, case, spaces, punctuation, script and words around the answer
    (`答案是巴黎`, `I think it's Paris!`), and small typos in long Latin answers: one edit from
    5 letters, two from 9. A line that only contains the answer (`巴黎鐵塔`) does not match.
    """

    def __init__(self, accepted: Sequence[str]) -> None:
        self.accepted = tuple(accepted)
        self._exact = {key for key in map(compact, accepted) if key}
        self._forgiving = [
            (key, typo_allowance(key)) for key in self._exact if typo_allowance(key)
        ]

    def match(self, text: str) -> bool:
        tokens = _line_tokens(text)
        if tokens is None:
            return False

        for variant in _variants(tokens):
            line = "".join(variant)
            if line in self._exact:
                return True
            if not line.isascii():
                continue
            for key, allowance in self._forgiving:
                if edit_distance(line, key, allowance) <= allowance:
                    return True
        return False
