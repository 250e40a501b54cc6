"""Chat replies in the viewer's language: templates per language with a safe fallback."""

import logging
from collections.abc import Mapping

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
