"""Which catalog products a line names, by name or alias or by a numbered link."""

import bisect
import logging
import re
from collections.abc import Callable, Sequence

from bot.catalog import Catalog
from bot.text.dictionary import HAN_CHARS
from bot.text.normalise import compact_key, fold_accents
from bot.text.numbered import numbered_links
from bot.text.tokenise import dictionary_words

logger = logging.getLogger(__name__)

_RUN = re.compile(r"[^\W_]+")
# The Latin words that open a name written half in Latin, half in Han: the brand and model
# viewers type alone (`Le Creuset` of `Le Creuset 琺瑯鑄鐵鍋 22cm`).
_LATIN_HEAD = re.compile(r"^([a-z0-9][a-z0-9 ·.&'\-]*?)\s*[\u3400-\u9fff]")
MIN_HEAD_KEY = 3

# A Han key this short is often a nickname that is also part of an everyday word
# (抹布 in 抹布女, 气垫 in 气垫船, 小辣椒 in 小辣椒炒肉): it does not count inside a longer
# dictionary word of the line. Longer keys are specific enough to stand anywhere.
MAX_NICKNAME = 3
# The longest dictionary word looked for around a nickname.
MAX_WORD = 6
_ALL_HAN = re.compile(f"[{HAN_CHARS}]+")


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


class ProductMatcher:
    """Longest match of compact name keys over the line, independent of word splitting.

    Keys are compact (accents folded; spaces, `·`, `-` and punctuation removed), so
    `iPhone 15 Pro`, `iphone15pro` and `IPHONE 15-PRO` all match one name. A Latin or
    digit edge of a key must sit on a Latin or digit boundary of the line (`skii` is not
    in `askiing`); a Han key of up to MAX_NICKNAME characters must not sit inside a
    longer word that `is_word` knows, unless that word is part of its own product's names.
    """

    def __init__(
        self,
        catalog: Catalog,
        normalise: Callable[[str], str],
        is_word: Callable[[str], bool] | None = None,
    ) -> None:
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

        self._is_word = is_word
        self._nicknames = frozenset(
            key for key in keys if len(key) <= MAX_NICKNAME and _ALL_HAN.fullmatch(key)
        )
        self._own_words = {
            product.id: frozenset(
                word for name in product.names for word in dictionary_words(normalise(name))
            )
            for product in catalog
        }

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
            if key in self._nicknames and self._inside_word(
                compact, index, key, product_id, run_starts
            ):
                continue
            return key, product_id
        return None

    def _inside_word(
        self, compact: str, index: int, key: str, product_id: str, run_starts: list[int]
    ) -> bool:
        """True when a longer word, not one of the product's own, covers the key here.

        Words are looked for within the key's run of the line: a space or punctuation
        ends a word.
        """
        if self._is_word is None:
            return False

        run = bisect.bisect_right(run_starts, index) - 1
        run_end = run_starts[run + 1] if run + 1 < len(run_starts) else len(compact)
        end = index + len(key)
        first = max(run_starts[run], end - MAX_WORD)
        last = min(run_end, index + MAX_WORD)

        own = self._own_words[product_id]
        for start in range(first, index + 1):
            for stop in range(end + (start == index), min(last, start + MAX_WORD) + 1):
                word = compact[start:stop]
                if word not in own and self._is_word(word):
                    return True
        return False


def _glued(compact: str, edge: int, key_char: str, run_starts: list[int], *, before: bool) -> bool:
    """True when the key's Latin or digit edge runs on into more Latin or digits."""
    if not _is_ascii_alnum(key_char) or edge == 0:
        return False

    run = bisect.bisect_left(run_starts, edge)
    if run < len(run_starts) and run_starts[run] == edge:
        return False
    neighbour = compact[edge - 1] if before else compact[edge]
    return _is_ascii_alnum(neighbour)


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
