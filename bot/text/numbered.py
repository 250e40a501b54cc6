"""Numbered links: `3号链接`, `#3`, `link 3`, `第三款` name the Nth product of the line-up."""

import logging
import re
from collections.abc import Sequence

from bot.text.numerals import CHINESE_NUMERAL_CHARS, parse_number

logger = logging.getLogger(__name__)

_NUMBER = rf"\d{{1,3}}|[{CHINESE_NUMERAL_CHARS}]{{1,3}}"

# `3号` is also a date (12月3号, 3号发货), a shade (3号色), a size (3号码) or a metro
# line (3号线); those neighbours are excluded, and so is a minus sign (`-1号`, `负1号`:
# a basement floor, or a viewer taking one back). `第三款` counts, and `第二个的链接`;
# `第一个` alone (me first!) does not.
_NUMBERED = re.compile(
    rf"(?<![月周期\d\-−负])(?P<hao>{_NUMBER})\s?号(?![色码发到前后之开晚早上下线楼])"
    rf"|第(?P<ordinal>{_NUMBER})款"
    rf"|第(?P<ordinal_link>{_NUMBER})个(?=的?(?:链接|连结|链结))"
    r"|(?<![\-−])#\s?(?P<hash>\d{1,3})(?!\d)"
    r"|(?<![a-z])links?\s?(?:#|no\.?)?\s?(?P<link>\d{1,3})(?!\d)"
    r"|(?:链接|连结|链结)\s?#?(?P<after_link>\d{1,3})(?!\d)"
)

# Every _NUMBERED form contains one of these; most lines have none.
_NUMBERED_TRIGGER = re.compile("[号第#k接结]")


def numbered_links(folded: str, lineup: Sequence[str]) -> list[tuple[int, str]]:
    """(position, product id) for `3号链接`, `#3`, `link 3`, `第三款`: N is 1-based."""
    if not _NUMBERED_TRIGGER.search(folded):
        return []

    found = []
    for match in _NUMBERED.finditer(folded):
        number = parse_number(next(group for group in match.groups() if group))
        if number is not None and 1 <= number <= len(lineup):
            found.append((match.start(), lineup[number - 1]))
    return found
