"""Folding, compact keys, numerals, cue stripping and script detection."""

import logging

import pytest

from bot.text.cues import strip_cues
from bot.text.normalise import compact_key, fold_accents, fold_width_case
from bot.text.numerals import parse_number
from bot.text.script import ScriptConverter

logger = logging.getLogger(__name__)


@pytest.fixture(scope="module")
def script() -> ScriptConverter:
    return ScriptConverter()


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("ＳＫ－ＩＩ　好用！", "sk-ii 好用!"),
        ("  Love \t IT\n", "love it"),
        ("３號連結？", "3號連結?"),
        ("好\u200b用", "好用"),
        ("bad\ud800char\x00s", "badchars"),
        ("SK-Ⅱ", "sk-ii"),
        ("", ""),
    ],
)
def test_fold_width_case(raw: str, folded: str) -> None:
    assert fold_width_case(raw) == folded


def test_fold_accents_touches_only_latin_accents() -> None:
    assert fold_accents("estée lauder") == "estee lauder"
    assert fold_accents("crème 口红 한국") == "creme 口红 한국"
    assert fold_accents("口红") == "口红"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("sk-ii", "skii"),
        ("兰蔻·小黑瓶", "兰蔻小黑瓶"),
        ("iphone 15 pro", "iphone15pro"),
        ("estée lauder", "esteelauder"),
        ("a_b.c!", "abc"),
    ],
)
def test_compact_key(name: str, key: str) -> None:
    assert compact_key(name) == key


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("3", 3),
        ("12", 12),
        ("三", 3),
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("三三", None),
        ("十十", None),
        ("百", None),
    ],
)
def test_parse_number(text: str, number: int | None) -> None:
    assert parse_number(text) == number


def test_strip_cues_takes_out_mentions_emotes_and_emoji(script: ScriptConverter) -> None:
    cues = strip_cues("@some_viewer 好看😍 [大哭] :joy: [doge]", script.to_simplified)

    assert cues.text == "好看"
    assert len(cues.values) == 3
    assert cues.values[0] > 0
    assert cues.values[1] < 0


def test_strip_cues_reads_traditional_emote_names(script: ScriptConverter) -> None:
    traditional = strip_cues("[難過]", script.to_simplified)
    simplified = strip_cues("[难过]", script.to_simplified)

    assert traditional.values == simplified.values
    assert traditional.values[0] < 0


def test_strip_cues_handles_emoji_with_variation_selector(script: ScriptConverter) -> None:
    cues = strip_cues("❤️❤️", script.to_simplified)

    assert cues.text == ""
    assert cues.values and all(value > 0 for value in cues.values)


def test_strip_cues_leaves_plain_text_alone(script: ScriptConverter) -> None:
    assert strip_cues("口红好看", script.to_simplified).values == ()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("包裝好精緻喔", "zh-Hant"),
        ("包装好精致喔", "zh-Hans"),
        ("台灣的朋友", "zh-Hant"),
        ("台上的人", None),
        ("三公里", None),
        ("好的", None),
        ("今天来了", "zh-Hans"),
        ("this is great", "en"),
        ("j'b'l", "en"),
        ("666", None),
        ("???", None),
        ("", None),
        ("こんにちは", None),
        ("iphone 太貴了", "zh-Hant"),
    ],
)
def test_lang(script: ScriptConverter, text: str, lang: str | None) -> None:
    assert script.lang(text, script.to_simplified(text)) == lang
