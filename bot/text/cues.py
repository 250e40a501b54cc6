"""Mentions, emotes and emoji: taken out of the words and kept as sentiment cues."""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.text.lexicon import EMOJI, EMOTES

logger = logging.getLogger(__name__)

_EMOJI_CHARS = (
    "\U0001f000-\U0001faff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff"
    "\u3030\u303d\u3297\u3299\ufe0f\u200d\u20e3"
)

# Display names may be Chinese, so a mention runs to the next space or punctuation;
# Twitch's autocomplete puts a space after the name.
_CUE = re.compile(
    r"(?P<mention>@[^\s@,.!?;:，。！？、；：]{1,25})"
    r"|\[(?P<bracket>[^\[\]\s]{1,12})\]"
    r"|:(?P<colon>[a-z][a-z0-9_+\-]{1,29}):"
    rf"|(?P<emoji>[{_EMOJI_CHARS}])"
)


@dataclass(frozen=True)
class Cues:
    text: str
    values: tuple[float, ...]


def strip_cues(text: str, simplify: Callable[[str], str]) -> Cues:
    """Remove mentions, `[emotes]`, `:codes:` and emoji; return the rest and their values.

    `text` is already width- and case-folded; `simplify` turns an emote name into
    Simplified so `[難過]` and `[难过]` find the same entry.
    """
    if not _CUE.search(text):
        return Cues(text, ())

    values: list[float] = []

    def take(match: re.Match[str]) -> str:
        if match.group("emoji"):
            value = EMOJI.get(match.group("emoji"))
        elif match.group("mention"):
            value = None
        else:
            name = match.group("bracket") or match.group("colon")
            value = EMOTES.get(simplify(name))
        if value is not None:
            values.append(value)
        return " "

    stripped = _CUE.sub(take, text)
    return Cues(" ".join(stripped.split()), tuple(values))
