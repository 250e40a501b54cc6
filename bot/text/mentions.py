"""Which catalog products a line names, by name or alias or by a numbered link."""

import bisect
import logging
import re
from collections.abc import Callable, Sequence

from bot.catalog import Catalog
from bot.text.normalise import compact_key, fold_accents
from bot.text.numerals import CHINESE_NUMERAL_CHARS, parse_number

logger = logging.getLogger(__name__)

_RUN = re.compile(r"[^\W_]+")
# The Latin words that open a name written half in Latin, half in Han: the brand and model
# viewers type alone (`Le Creuset` of `Le Creuset 琺瑯鑄鐵鍋 22cm`).
_LATIN_HEAD = re.compile(r"^([a-z0-9][a-z0-9 ·.&'\-]*?)\s*[\u3400-\u9fff]")
MIN_HEAD_KEY = 3
_NUMBER = rf"\d{{1,3}}|[{CHINESE_NUMERAL_CHARS}]{{1,3}}"

# `3号` is also a date (12月3号, 3号发货), a shade (3号色), a size (3号码) or a metro
# line (3号线); those neighbours are excluded. `第三款` counts, and `第二个的链接`; `第一个`
# alone (me first!) does not.
_NUMBERED = re.compile(
    rf"(?<![月周期\d])(?P<hao>{_NUMBER})\s?号(?![色码发到前后之开晚早上下线楼])"
    rf"|第(?P<ordinal>{_NUMBER})款"
    rf"|第(?P<ordinal_link>{_NUMBER})个(?=的?(?:链接|连结|链结))"
    r"|#\s?(?P<hash>\d{1,3})(?!\d)"
    r"|(?<![a-z])links?\s?(?:#|no\.?)?\s?(?P<link>\d{1,3})(?!\d)"
    r"|(?:链接|连结|链结)\s?#?(?P<after_link>\d{1,3})(?!\d)"
)

# Every _NUMBERED form contains one of these; most lines have none.
_NUMBERED_TRIGGER = re.compile("[号第#k接结]")


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


class ProductMatcher:
    """Longest match of compact name keys over the line, independent of word splitting.

    Keys are compact (accents folded; spaces, `·`, `-` and punctuation removed), so
    `iPhone 15 Pro`, `iphone15pro` and `IPHONE 15-PRO` all match one name. A Latin or
    digit edge of a key must sit on a Latin or digit boundary of the line (`skii` is not
    in `askiing`); Han keys need no boundary.
    """

    def __init__(self, catalog: Catalog, normalise: Callable[[str], str]) -> None:
        """`normalise` is the line normalisation (width, case, Simplified) applied to names."""
        keys: dict[str, str] = {}
        for product in catalog:
            for name in product.names:
                key = compact_key(normalise(name))
                if len(key) < 2:
                    logger.warning("product %s: name %r is too short to match", product.id, name)
                    continue
                owner = keys.setdefault(key, product.id)
                if owner != product.id:
                    logger.warning(
                        "name %r belongs to %s and %s; kept for %s", name, owner, product.id, owner
                    )

        # Heads come second, so a full name or alias always keeps its own product, and a
        # head that opens names of two products (a brand) names neither.
        head_owners: dict[str, set[str]] = {}
        for product in catalog:
            for name in product.names:
                head = _LATIN_HEAD.match(fold_accents(normalise(name)))
                key = compact_key(head.group(1)) if head else ""
                if len(key) >= MIN_HEAD_KEY:
                    head_owners.setdefault(key, set()).add(product.id)
        for key, owners in head_owners.items():
            if len(owners) == 1:
                keys.setdefault(key, next(iter(owners)))

        by_first: dict[str, list[tuple[str, str]]] = {}
        for key, product_id in keys.items():
            by_first.setdefault(key[0], []).append((key, product_id))
        self._by_first = {
            first: tuple(sorted(entries, key=lambda entry: -len(entry[0])))
            for first, entries in by_first.items()
        }
        self._first_chars = frozenset(self._by_first)

    def find(self, folded: str) -> list[tuple[int, str]]:
        """(position in `folded`, product id) for each name found, left to right."""
        if self._first_chars.isdisjoint(folded):
            return []

        run_positions: list[int] = []
        run_starts: list[int] = []
        pieces: list[str] = []
        length = 0
        for run in _RUN.finditer(folded):
            run_positions.append(run.start())
            run_starts.append(length)
            pieces.append(run.group())
            length += len(run.group())
        compact = "".join(pieces)

        found = []
        index = 0
        while index < length:
            match = self._match_at(compact, index, run_starts)
            if match is None:
                index += 1
                continue
            key, product_id = match
            run = bisect.bisect_right(run_starts, index) - 1
            found.append((run_positions[run] + index - run_starts[run], product_id))
            index += len(key)
        return found

    def _match_at(self, compact: str, index: int, run_starts: list[int]) -> tuple[str, str] | None:
        for key, product_id in self._by_first.get(compact[index], ()):
            if not compact.startswith(key, index):
                continue
            end = index + len(key)
            if _glued(compact, index, key[0], run_starts, before=True):
                continue
            if end < len(compact) and _glued(compact, end, key[-1], run_starts, before=False):
                continue
            return key, product_id
        return None


def _glued(compact: str, edge: int, key_char: str, run_starts: list[int], *, before: bool) -> bool:
    """True when the key's Latin or digit edge runs on into more Latin or digits."""
    if not _is_ascii_alnum(key_char) or edge == 0:
        return False

    run = bisect.bisect_left(run_starts, edge)
    if run < len(run_starts) and run_starts[run] == edge:
        return False
    neighbour = compact[edge - 1] if before else compact[edge]
    return _is_ascii_alnum(neighbour)


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


def mentioned_products(
    matcher: ProductMatcher, folded: str, lineup: Sequence[str]
) -> tuple[str, ...]:
    """Catalog ids named or numbered in the line, in first-mention order, each once.

    `folded` is the normalised Simplified line with accents folded.
    """
    found = matcher.find(folded) + numbered_links(folded, lineup)
    if len(found) > 1:
        found.sort()
    return tuple(dict.fromkeys(product_id for _, product_id in found))
