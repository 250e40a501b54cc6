"""Whether a line asks something: a yes/no question, or any question at all."""

import logging
import re

logger = logging.getLogger(__name__)

_YES_NO = re.compile(
    r"\?|[吗么嘛](?=$|[\s,.!~。、…])|是不是|能不能|会不会|有没有|可不可以|好不好|行不行"
    r"|(?:^|\s)(?:is|are|does|do|can|could|will|should|would) "
    r"(?:it|this|that|they|these|those|i|you|we)(?![a-z])"
)
_OPEN = re.compile(
    r"怎么|如何|适合|什么|哪|几[号个款天块元码]|为啥|为什么|咋|多久|多大|多重|多长"
    r"|(?<![a-z])(?:how|what|which|where|when|why)(?![a-z])"
)


def is_yes_no_question(text: str) -> bool:
    """`好用吗`, `是不是正品`, `does it fit?`: any line with a question mark counts."""
    return _YES_NO.search(text) is not None


def asks_something(text: str) -> bool:
    """A yes/no question or an open one (`怎么用`, `适合油皮`, `which shade`)."""
    return _YES_NO.search(text) is not None or _OPEN.search(text) is not None
