"""Word splitting: Han runs by jieba's dictionary plus the catalog's words, Latin by words."""

import logging
import re
import sys
from collections.abc import Iterable

from bot.text.dictionary import HAN_CHARS, WordDictionary

logger = logging.getLogger(__name__)

# Han runs go to the dictionary; Latin and digit words stay whole (`wh-1000xm5`,
# `kiehl's`), so a catalog word such as `ns` cannot cut `expensive` apart; other letters
# (kana, hangul, Cyrillic) come out as runs.
_TOKEN = re.compile(
    rf"([{HAN_CHARS}]+)"
    r"|([a-z0-9]+(?:['\-.&][a-z0-9]+)*"
    rf"|(?:(?![{HAN_CHARS}])[^\W_a-z0-9])+)"
)
_HAN_RUN = re.compile(f"[{HAN_CHARS}]{{2,}}")

# High enough that a catalog word wins over the default dictionary's split around it
# (口红 + 色号 rather than 口 + 红色 + 号); names outrank tags so a tag never cuts a name.
NAME_FREQ = 200_000
WORD_FREQ = 20_000

# Live-commerce words missing from jieba's default dictionary, kept whole so the
# sentiment model and the taste profile see them as words.
COMMERCE_WORDS: tuple[str, ...] = (
    "好用",
    "不好用",
    "色号",
    "已拍",
    "已下单",
    "下单",
    "上链接",
    "求链接",
    "有货",
    "没货",
    "补货",
    "售罄",
    "入手",
    "种草",
    "拔草",
    "回购",
    "平替",
    "显白",
    "敏感肌",
    "油皮",
    "干皮",
    "混油",
    "质感",
    "爱了",
    "绝绝子",
    "太贵",
    "好贵",
    "包邮",
    "正品",
    "赠品",
    "主播",
    "小编",
    "直播间",
    "开播",
    "下播",
    "秒杀",
)

# Everyday words missing from jieba's default dictionary that hold a common product
# nickname: whole, they keep the nickname from reading as a mention (a dish, an insult).
EVERYDAY_WORDS: tuple[str, ...] = (
    "小辣椒炒肉",
    "辣椒炒肉",
    "炒小辣椒",
    "小辣椒酱",
    "抹布女",
    "抹布男",
    "泡芙人",
    "口红机",
    "果冻鞋",
    "戴森球",
)


def dictionary_words(text: str) -> list[str]:
    """The Han runs of `text` that the dictionary can hold as words (two characters or more)."""
    return _HAN_RUN.findall(text)


class Tokeniser:
    """Splits normalised Simplified lines; its dictionary is private to it.

    HMM new-word guessing is off, as before: it glues and splits product words.
    """

    def __init__(
        self,
        names: Iterable[str],
        words: Iterable[str] = (),
        dictionary: WordDictionary | None = None,
    ) -> None:
        self._dictionary = dictionary or WordDictionary.load()

        for word in (*COMMERCE_WORDS, *EVERYDAY_WORDS, *words):
            for part in dictionary_words(word):
                self._dictionary.add(part, WORD_FREQ)
        for name in names:
            for part in dictionary_words(name):
                self._dictionary.add(part, NAME_FREQ)

    def is_word(self, word: str) -> bool:
        """Whether the dictionary holds `word`, catalog words included."""
        return word in self._dictionary

    def tokens(self, text: str) -> tuple[str, ...]:
        """Words of a normalised Simplified line; spaces and punctuation are dropped."""
        if not text:
            return ()

        pieces: list[str] = []
        segment = self._dictionary.segment
        for run, word in _TOKEN.findall(text):
            if word:
                pieces.append(word)
            elif len(run) == 1:
                pieces.append(run)
            else:
                pieces.extend(segment(run))
        return tuple(map(sys.intern, pieces))
