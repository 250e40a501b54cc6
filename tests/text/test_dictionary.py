"""The word dictionary segments Han runs exactly as jieba does, with HMM off."""

import csv
import logging
import re
from pathlib import Path

import jieba
import pytest

from bot.text.dictionary import WordDictionary

logger = logging.getLogger(__name__)

BILIBILI = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "zh_live_danmaku_bilibili_live.csv"
)
_JIEBA_HAN = re.compile("[\u4e00-\u9fd5]+")

OWN_LINES = [
    "这支口红的色号好显白",
    "已经下单了两瓶小棕瓶",
    "哈哈哈哈哈哈哈哈哈哈",
    "啊啊啊啊啊啊啊",
    "主播今天晚上卖什么",
    "雅诗兰黛小棕瓶和兰蔻小黑瓶哪个好用",
    "电热水壶太贵了吧",
    "没有想象中那么好用",
    "中华人民共和国",
    "的的的的",
]


@pytest.fixture(scope="module")
def dictionary() -> WordDictionary:
    return WordDictionary.load()


@pytest.fixture(scope="module")
def jieba_tokenizer() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _runs(lines: list[str]) -> list[str]:
    return list(dict.fromkeys(run for line in lines for run in _JIEBA_HAN.findall(line)))


def test_same_words_as_jieba(dictionary: WordDictionary, jieba_tokenizer: jieba.Tokenizer) -> None:
    for run in _runs(OWN_LINES):
        assert dictionary.segment(run) == jieba_tokenizer.lcut(run, HMM=False), run


@pytest.mark.skipif(not BILIBILI.is_file(), reason="shared chat sample not present")
def test_same_words_as_jieba_on_real_chat(
    dictionary: WordDictionary, jieba_tokenizer: jieba.Tokenizer
) -> None:
    with BILIBILI.open(encoding="utf-8", newline="") as file:
        lines = [row["content"] for row in csv.DictReader(file)]

    differ = [
        run
        for run in _runs(lines)
        if dictionary.segment(run) != jieba_tokenizer.lcut(run, HMM=False)
    ]

    assert differ == []


def test_added_words_stay_whole_and_raise_the_total() -> None:
    dictionary = WordDictionary({"电": 0.0, "热": 0.0, "水壶": 1.0}, 10)

    assert dictionary.segment("电热水壶") == ["电", "热", "水壶"]
    dictionary.add("电热水壶", 1_000)

    assert dictionary.segment("电热水壶") == ["电热水壶"]
    assert "电热水壶" in dictionary


def test_unknown_characters_come_out_one_by_one() -> None:
    dictionary = WordDictionary({"你好": 2.0}, 100)

    assert dictionary.segment("你好吗呢") == ["你好", "吗", "呢"]
    assert dictionary.segment("呢") == ["呢"]
