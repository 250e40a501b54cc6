"""The `livepicks` command: rehearse a show, go live, import chat logs, read chat lines."""

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot.catalog import Catalog, CatalogError
from bot.config import ConfigError, Settings, load_settings
from bot.report_text import print_rehearsal
from bot.store.db import StoreError
from bot.text_tools import TextToolError
from bot.transcript_import import TranscriptImportError
from bot.twitch.transcript import TranscriptError

logger = logging.getLogger(__name__)

# A live show longer than this is almost certainly several logs merged by mistake.
LONG_SHOW_S = 24 * 3600


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="livepicks", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log every step")
    commands = parser.add_subparsers(dest="command", required=True)

    rehearse = commands.add_parser("rehearse", help="replay a show transcript offline")
    rehearse.add_argument("transcript", type=Path)
    rehearse.add_argument("--catalog", type=Path, help="catalog TOML (default from config)")
    rehearse.add_argument("--config", type=Path, help="settings TOML (default: built-in)")
    rehearse.add_argument("--out", type=Path, default=Path("rehearsal-out"), help="output folder")
    rehearse.add_argument("--db", type=Path, help="database (default: a new one in --out)")
    rehearse.add_argument(
        "--burst",
        action="store_true",
        help="send each show second's events at once, as live, instead of one by one",
    )

    run = commands.add_parser("run", help="connect to Twitch and run the show")
    run.add_argument("--config", type=Path, default=Path("config.toml"))
    run.add_argument(
        "--authorize", action="store_true", help="serve Twitch's sign-in on localhost:4343"
    )

    draw = commands.add_parser("draw", help="audit lucky draws")
    draw_commands = draw.add_subparsers(dest="draw_command", required=True)
    replay = draw_commands.add_parser("replay", help="draw again from the stored seed and entries")
    replay.add_argument("draw_id", type=int)
    replay.add_argument("--db", type=Path, required=True, help="the show's database")

    transcript = commands.add_parser("transcript", help="work with show transcripts")
    transcript_commands = transcript.add_subparsers(dest="transcript_command", required=True)
    importer = transcript_commands.add_parser("import", help="turn a chat log CSV into one")
    importer.add_argument("csv", type=Path, nargs="+")
    importer.add_argument("--out", type=Path, required=True)
    importer.add_argument("--script", type=Path, help="a transcript of show events to interleave")
    importer.add_argument("--room", help="only this room id")
    importer.add_argument("--limit", type=int, help="at most this many chat rows")
    importer.add_argument(
        "--fit-script", action="store_true", help="stretch the script over the log's span"
    )

    analyze = commands.add_parser("analyze", help="read chat lines: products, intent, sentiment")
    analyze.add_argument("text", nargs="*", help="lines to read (default: --file or stdin)")
    analyze.add_argument("--file", type=Path, help="read each line of this file")
    analyze.add_argument("--catalog", type=Path, help="catalog TOML (default from config)")
    analyze.add_argument("--config", type=Path, help="settings TOML (default: built-in)")
    analyze.add_argument("--lineup", help="product ids in line-up order: id,id,...")

    bench = commands.add_parser("bench", help="measure speed and memory")
    bench_commands = bench.add_subparsers(dest="bench_command", required=True)
    bench_analyze = bench_commands.add_parser("analyze", help="the chat analyser on real chat")
    bench_analyze.add_argument("--data", type=Path, help="chat log CSV with a content column")

    evaluate = commands.add_parser("evaluate", help="score the analyser on labelled chat")
    evaluate.add_argument("file", type=Path, help="CSV: text,intent,sentiment[,script,products]")
    evaluate.add_argument("--catalog", type=Path, help="catalog TOML (default from config)")
    evaluate.add_argument("--config", type=Path, help="settings TOML (default: built-in)")
    return parser


def _load(config: Path | None, catalog: Path | None) -> tuple[Settings, Catalog]:
    settings = load_settings(config)
    catalog_path = catalog if catalog is not None else settings.path(settings.show.catalog)
    return settings, Catalog.load(catalog_path)


def _progress(done: int, total: int, show_seconds: float) -> None:
    percent = 100 * done // max(total, 1)
    hours, rest = divmod(int(show_seconds), 3600)
    print(
        f"\r  {done:>7}/{total} events ({percent:>3}%)  show time {hours}:{rest // 60:02}:"
        f"{rest % 60:02}",
        end="" if done < total else "\n",
        file=sys.stderr,
        flush=True,
    )


def _rehearse(args: argparse.Namespace) -> int:
    from bot.rehearsal import rehearse

    settings, catalog = _load(args.config, args.catalog)
    if args.out.exists() and not args.out.is_dir():
        print(f"livepicks: --out {args.out} is a file, not a folder", file=sys.stderr)
        return 2
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"livepicks: cannot create --out {args.out}: {error.strerror}", file=sys.stderr)
        return 2
    db_path = args.db
    if db_path is None:
        db_path = args.out / "livepicks.db"
        for stale in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
            stale.unlink(missing_ok=True)

    print(f"rehearsing {args.transcript} with {len(catalog)} products", file=sys.stderr)
    result = asyncio.run(
        rehearse(
            args.transcript, settings, catalog, db_path, args.out, _progress, burst=args.burst
        )
    )
    print_rehearsal(result, args.out, db_path)
    return 0


def _run(args: argparse.Namespace) -> int:
    from bot.live import run_live
    from bot.twitch.adapter import SubscriptionError

    settings, catalog = _load(args.config, None)
    try:
        return asyncio.run(run_live(settings, catalog, authorize=args.authorize))
    except SubscriptionError as error:
        print(f"livepicks: {error}", file=sys.stderr)
        return 2


def _draw_replay(args: argparse.Namespace) -> int:
    from bot.games.audit import DrawNotFoundError, audit_draw_file

    if not args.db.is_file():
        print(f"livepicks: database not found: {args.db}", file=sys.stderr)
        return 2
    try:
        audit = audit_draw_file(args.db, args.draw_id)
    except DrawNotFoundError as error:
        print(f"livepicks: {error}", file=sys.stderr)
        return 2
    print(audit.describe())
    return 0 if audit.matches else 1


def _import(args: argparse.Namespace) -> int:
    from bot.transcript_import import import_chat_log

    report = import_chat_log(
        args.csv,
        args.out,
        script=args.script,
        room=args.room,
        limit=args.limit,
        fit_script=args.fit_script,
    )
    hours, rest = divmod(int(report.span_seconds), 3600)
    print(
        f"wrote {report.lines_written} lines to {args.out}: {report.log_lines} chat lines from "
        f"{report.rows_read} rows ({', '.join(report.formats)}), {report.script_events} script "
        f"events, over {hours}:{rest // 60:02}:{rest % 60:02} of show time"
    )
    if report.span_seconds > LONG_SHOW_S:
        print(
            f"warning: the lines span {report.span_seconds / 3600:.0f} hours; logs from different "
            "days or rooms were merged (use --room, or import them one at a time)",
            file=sys.stderr,
        )
    skipped = report.skipped_empty + report.skipped_bad + report.skipped_room
    if skipped or report.out_of_order:
        print(
            f"skipped {report.skipped_empty} empty, {report.skipped_bad} malformed and "
            f"{report.skipped_room} other-room rows; sorted {report.out_of_order} rows that "
            "were out of order"
        )
    return 0


def _analyze(args: argparse.Namespace) -> int:
    from bot.text_tools.analyze_cmd import run_analyze

    _, catalog = _load(args.config, args.catalog)
    return run_analyze(catalog, args.text, args.file, args.lineup)


def _bench(args: argparse.Namespace) -> int:
    from bot.text_tools.bench import run_bench

    return run_bench(args.data)


def _evaluate(args: argparse.Namespace) -> int:
    from bot.text_tools.evaluate_cmd import run_evaluate

    _, catalog = _load(args.config, args.catalog)
    return run_evaluate(catalog, args.file)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.verbose:
        # Our own per-message detail; libraries stay at INFO, since at DEBUG they log raw SQL
        # parameters and HTTP traffic.
        for name in ("bot", "cogs"):
            logging.getLogger(name).setLevel(logging.DEBUG)
    # twitchio warns about an optional web framework we do not use, on every start.
    logging.getLogger("twitchio.client").addFilter(
        lambda record: "StarletteAdapter" not in record.getMessage()
    )
    try:
        if args.command == "rehearse":
            return _rehearse(args)
        if args.command == "run":
            return _run(args)
        if args.command == "draw":
            return _draw_replay(args)
        if args.command == "analyze":
            return _analyze(args)
        if args.command == "bench":
            return _bench(args)
        if args.command == "evaluate":
            return _evaluate(args)
        return _import(args)
    except (
        ConfigError,
        CatalogError,
        StoreError,
        TranscriptError,
        TranscriptImportError,
        TextToolError,
    ) as error:
        print(f"livepicks: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
