"""`livepicks analyze`: the analyser's reading of each input line as one JSON line."""

import json
import logging
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from bot.catalog import Catalog
from bot.text import Analysis, Analyzer
from bot.text_tools import TextToolError

logger = logging.getLogger(__name__)


def parse_lineup(spec: str, catalog: Catalog) -> list[str]:
    """`id,id,...` as given to --lineup; every id must be in the catalog."""
    product_ids = [part.strip() for part in spec.split(",") if part.strip()]
    if not product_ids:
        raise TextToolError("--lineup needs at least one product id")

    unknown = [product_id for product_id in product_ids if catalog.get(product_id) is None]
    if unknown:
        raise TextToolError(f"--lineup: not in the catalog: {', '.join(unknown)}")
    return product_ids


def analysis_record(analysis: Analysis) -> dict[str, Any]:
    return {
        "text": analysis.text,
        "tokens": list(analysis.tokens),
        "products": list(analysis.products),
        "intent": analysis.intent,
        "sentiment": analysis.sentiment,
        "lang": analysis.lang,
        "normalised": analysis.normalised,
    }


def _file_lines(path: Path) -> Iterator[str]:
    try:
        with path.open(encoding="utf-8", errors="replace", newline=None) as file:
            for line in file:
                yield line.rstrip("\n")
    except (FileNotFoundError, IsADirectoryError, PermissionError) as error:
        raise TextToolError(f"cannot read {path}: {error.strerror or error}") from error


def _stream_lines(stream: TextIO) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\r\n")


def input_lines(texts: Sequence[str], file: Path | None, stdin: TextIO) -> Iterable[str]:
    """The arguments when given, else the file's lines, else standard input's."""
    if texts and file is not None:
        raise TextToolError("give lines as arguments or with --file, not both")
    if texts:
        return texts
    if file is not None:
        if not file.is_file():
            raise TextToolError(f"no such file: {file}")
        return _file_lines(file)
    return _stream_lines(stdin)


def run_analyze(
    catalog: Catalog,
    texts: Sequence[str],
    file: Path | None,
    lineup: str | None,
    out: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    """Streams: standard output and input unless given (read when called, not imported)."""
    out = out or sys.stdout
    lines = input_lines(texts, file, stdin or sys.stdin)
    analyzer = Analyzer(catalog)
    if lineup is not None:
        analyzer.set_lineup(parse_lineup(lineup, catalog))

    for line in lines:
        record = analysis_record(analyzer.analyze(line))
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return 0
