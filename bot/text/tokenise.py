"""Word splitting with a private jieba dictionary that knows the catalog's words."""

import logging
import re
import sys
from collections.abc import Iterable

import jieba

logger = logging.getLogger(__name__)

# jieba holds a word only if it is one run of these characters (its re_han_default);
# a name with spaces or `·` is added part by part instead.
_JIEBA_WORD = re.compile(r"[\u4e00-\u9fd5a-z0-9+#&._%\-]+")
_HAS_WORD_CHAR = re.compile(r"[^\W_]")

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
)


def jieba_parts(word: str) -> list[str]:
    """The pieces of `word` jieba can hold as words, at least two characters each."""
    return [part for part in _JIEBA_WORD.findall(word) if len(part) >= 2]


class Tokeniser:
    """A private jieba.Tokenizer: the global one is shared and its words would leak."""

    def __init__(self, names: Iterable[str], words: Iterable[str] = ()) -> None:
        # jieba attaches its own DEBUG handler to stderr and announces every load.
        logging.getLogger("jieba").setLevel(logging.WARNING)

        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()

        for word in (*COMMERCE_WORDS, *words):
            for part in jieba_parts(word):
                self._jieba.add_word(part, WORD_FREQ)
        for name in names:
            for part in jieba_parts(name):
                self._jieba.add_word(part, NAME_FREQ)

    def tokens(self, text: str) -> tuple[str, ...]:
        """Words of a normalised Simplified line; spaces and lone punctuation are dropped.

        HMM is off: its new-word guessing glues and splits product words unpredictably.
        """
        if not text:
            return ()
        pieces = self._jieba.lcut(text, HMM=False)
        return tuple(sys.intern(piece) for piece in pieces if _HAS_WORD_CHAR.search(piece))
