"""A polar phrase in its context: negated, negated twice, only asked about, or ironic."""

import logging
import re

from bot.text.lexicon import EN_NEGATORS, ZH_NEGATORS, ZH_NOT_NEGATING

logger = logging.getLogger(__name__)

# Negated praise is nearly as strong as praise (`不好用`); negated blame is mild (`不差`).
NEGATED_POSITIVE = -0.75
NEGATED_NEGATIVE = 0.5
# Two negations agree, with some reserve: `不会不好用` and `没有不喜欢` are mild praise.
DOUBLE_NEGATED = 0.6
# A phrase this negative counts as a complaint, and praise after it as irony.
IRONY_COMPLAINT = -0.4

_EN_WINDOW = 3
_CLAUSE_BREAK = re.compile(r"[\s,.!?;:~。、…]")
_EN_WORD = re.compile(r"[a-z']+")
# A-不-A right before the phrase (会不会太油, 是不是很贵, 系咪): the phrase is asked about.
_ASKED_ABOUT = re.compile(
    r"(?:([^\W\d_a-z])[不唔没冇]\1|系咪|是否)(?:很|太|好|有点|真的|这么|那么)?$"
)
# 不会不, 不是不, 没有不, 唔系唔 right before the phrase.
_DOUBLE_NEGATION = re.compile(r"[不没唔冇](?:会|是|有|能|可能|系|人|有人)[不唔]$")
_NEGATING = "不唔没冇"
# `but` between a complaint and praise makes the praise sincere: 寄错了 但是客服很好.
_CONTRAST = re.compile("但|不过|可是|还好|幸好|好在|至少|起码|(?<![a-z])(?:but|though|however)")


def negate(value: float) -> float:
    return value * NEGATED_POSITIVE if value > 0 else -value * NEGATED_NEGATIVE


def _split_a_not_a(window: str, phrase: str) -> bool:
    """A-不-A across the phrase's start: 好不|好用, 啱唔|啱, 用|唔用得."""
    if len(window) >= 2 and window[-1] in _NEGATING and window[-2] == phrase[0]:
        return True
    return len(phrase) >= 2 and phrase[0] in _NEGATING and window[-1:] == phrase[1]


def zh_value(value: float, phrase: str, window: str) -> float | None:
    """What a Chinese phrase counts for after `window` (its clause so far); None if asked."""
    window = _CLAUSE_BREAK.split(window)[-1]
    if _ASKED_ABOUT.search(window):
        return None
    if _split_a_not_a(window, phrase):
        return None

    for phrase_not_negating in ZH_NOT_NEGATING:
        window = window.replace(phrase_not_negating, "")
    if _DOUBLE_NEGATION.search(window):
        return value * DOUBLE_NEGATED
    if any(negator in window for negator in ZH_NEGATORS):
        return negate(value)
    return value


def en_value(value: float, window: str) -> float:
    """What an English phrase counts for after `window` (the line since the last phrase)."""
    words = _EN_WORD.findall(window)[-_EN_WINDOW:]
    return negate(value) if any(word in EN_NEGATORS for word in words) else value


def without_irony(found: list[tuple[int, int, float]], text: str) -> list[float] | None:
    """Values when a complaint and praise share a line with no `but` between, else None.

    The complaint is what such a line says: praise after it is irony (又寄错了 真是太棒了)
    and counts negated, and praise before it (好喔 又寄错了) counts nothing.
    """
    values = []
    ironic = False
    praise_end = complaint_end = -1
    for start, end, value in found:
        if value <= IRONY_COMPLAINT:
            ironic = ironic or _no_contrast(text, praise_end, start)
            complaint_end = end
        elif value > 0 and _no_contrast(text, complaint_end, start):
            ironic = True
            value = negate(value)
        elif value > 0:
            praise_end = end
        values.append(value)

    if not ironic:
        return None
    return [value for value in values if value <= 0]


def _no_contrast(text: str, after: int, before: int) -> bool:
    """True when a phrase ended at `after` (-1: none did) and no `but` comes before `before`."""
    return after >= 0 and not _CONTRAST.search(text, after, before)
