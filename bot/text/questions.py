"""Whether a line asks something: a yes/no question, or any question at all."""

import logging
import re

logger = logging.getLogger(__name__)

# A-不-A and Cantonese A-唔-A (辣不辣, 啱唔啱, 用唔用得), 系咪 (Cantonese 是不是, after
# t2s) and 有冇 ask too; English questions open with an auxiliary.
_YES_NO = re.compile(
    r"\?|[吗么嘛](?=$|[\s,.!~。、…])|是不是|能不能|会不会|有没有|可不可以|好不好|行不行"
    r"|([^\W\d_a-z])[不唔]\1|系咪|有冇"
)
_YES_NO_EN = re.compile(
    r"^(?:is|are|does|do|did|can|could|will|would|should|has|have) "
    r"|(?:^|\s)(?:is|are|does|do|can|could|will|should|would) "
    r"(?:it|this|that|they|these|those|i|you|we)(?![a-z])"
)
# 几 asks how many or which (几号, 几人份, 几天), but 好几 is "several" and Cantonese 几 before
# an adjective is "quite" (几好, 唔系几啱); 是 X 还是 Y asks which of two.
_OPEN = re.compile(
    r"怎么|如何|适合|什么|哪|(?<!好)几(?![乎十百千万好啱靓正抵贵])|为啥|为什么|咋|多久|多大|多重|多长|多少"
    r"|是[^,.!?]{1,8}还是"
)
_OPEN_EN = re.compile(r"(?<![a-z])(?:how|what|which|where|when|why)(?![a-z])")
_LATIN = re.compile("[a-z]")


def asks_something(text: str) -> bool:
    """Yes/no (`好用吗`, `辣不辣`, any `?`) or open (`怎么用`, `适合油皮`, `which shade`)."""
    if _YES_NO.search(text) or _OPEN.search(text):
        return True
    # English forms only where there is English: most chat lines have none.
    return _LATIN.search(text) is not None and (
        _YES_NO_EN.search(text) is not None or _OPEN_EN.search(text) is not None
    )
