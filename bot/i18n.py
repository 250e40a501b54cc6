"""Chat replies in the viewer's language: templates per language with a safe fallback."""

import logging
from collections.abc import Mapping
from functools import cache

import opencc

logger = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "zh-Hant"

Templates = Mapping[str, Mapping[str, str]]


def render(templates: Templates, key: str, lang: str | None, **values: object) -> str:
    """The template `key` in `lang` (falling back to Traditional Chinese), filled in."""
    by_language = templates.get(lang or DEFAULT_LANGUAGE) or templates[DEFAULT_LANGUAGE]
    template = by_language.get(key) or templates[DEFAULT_LANGUAGE][key]
    return template.format(**values)


def clip(text: str, limit: int = 500) -> str:
    """Cut a reply to fit one Twitch message, marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Catalog words (names, tags) are written in one script; a reader of the other sees theirs.
# Taiwan's standard for Traditional: plain s2t would turn 唇膏 into the rarer 脣膏.
_CONVERSIONS = {"zh-Hans": "t2s", "zh-Hant": "s2tw"}


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def in_script(text: str, lang: str | None) -> str:
    """`text` in the script of `lang` (unchanged for English or no language)."""
    config = _CONVERSIONS.get(lang or "")
    return _converter(config).convert(text) if config else text
