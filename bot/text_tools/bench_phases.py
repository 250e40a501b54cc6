"""One benchmark phase per process, so each has its own peak memory; prints one JSON line.

Run as `python -m bot.text_tools.bench_phases PHASE DATA CATALOG [SAMPLE]`. Reading speed
is timed in CPU seconds of this single-threaded process (one core, whatever else the
machine runs); start-up is timed on the wall clock, as a viewer of the bot waits for it.
"""

import contextlib
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

from bot.text_tools.chat_log import distinct_lines, read_chat_lines

logger = logging.getLogger(__name__)


def naive(lines: list[str], sample: int) -> dict[str, Any]:
    """jieba.cut and SnowNLP(text).sentiments per line, on the first `sample` lines."""
    started = time.perf_counter()
    import jieba
    import snownlp

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    startup = time.perf_counter() - started

    chosen = lines[:sample]
    started = time.process_time()
    for line in chosen:
        list(jieba.cut(line))
        # snownlp cannot score a line with no words.
        with contextlib.suppress(ZeroDivisionError):
            _ = snownlp.SnowNLP(line).sentiments
    elapsed = time.process_time() - started
    return {"lines": len(chosen), "seconds": elapsed, "startup": startup}


def _analyzer(catalog_path: Path, cache: bool) -> Any:
    from bot.catalog import Catalog
    from bot.text import Analyzer

    catalog = Catalog.load(catalog_path)
    return Analyzer(catalog) if cache else Analyzer(catalog, cache_size=0)


def ours(lines: list[str], catalog_path: Path, distinct: bool) -> dict[str, Any]:
    """All lines through the cached analyser, or each distinct line once without a cache."""
    analyzer = _analyzer(catalog_path, cache=not distinct)
    chosen = distinct_lines(lines) if distinct else lines

    started = time.process_time()
    for line in chosen:
        analyzer.analyze(line)
    elapsed = time.process_time() - started
    return {"lines": len(chosen), "seconds": elapsed}


def startup(catalog_path: Path) -> dict[str, Any]:
    """Import of bot.text plus building the Analyzer, in a process that has done neither."""
    started = time.perf_counter()
    from bot.catalog import Catalog
    from bot.text import Analyzer

    Analyzer(Catalog.load(catalog_path))
    return {"seconds": time.perf_counter() - started}


def main(argv: list[str]) -> int:
    phase, data, catalog = argv[0], Path(argv[1]), Path(argv[2])
    if phase == "startup":
        result = startup(catalog)
    elif phase == "naive":
        result = naive(read_chat_lines(data), int(argv[3]))
    else:
        result = ours(read_chat_lines(data), catalog, distinct=phase == "distinct")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
