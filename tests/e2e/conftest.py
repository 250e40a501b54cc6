"""Rehearsals shared by the end-to-end tests: the real bot against the stand-in."""

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.catalog import Catalog
from bot.config import Settings, load_settings
from bot.rehearsal import RehearsalResult, rehearse

ROOT = Path(__file__).resolve().parents[2]


def example_settings() -> Settings:
    return load_settings(ROOT / "config.example.toml")


def example_catalog() -> Catalog:
    return Catalog.load(ROOT / "examples" / "catalog.toml")


def run_rehearsal(
    transcript: Path,
    out_dir: Path,
    db_path: Path | None = None,
    catalog: Catalog | None = None,
    **options: Any,
) -> RehearsalResult:
    out_dir.mkdir(parents=True, exist_ok=True)
    return asyncio.run(
        rehearse(
            transcript,
            example_settings(),
            catalog or example_catalog(),
            db_path or out_dir / "livepicks.db",
            out_dir,
            **options,
        )
    )


def write_transcript(path: Path, lines: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8"
    )
    return path


@pytest.fixture(scope="session")
def example_show(tmp_path_factory: pytest.TempPathFactory) -> RehearsalResult:
    out_dir = tmp_path_factory.mktemp("example-show")
    return run_rehearsal(ROOT / "examples" / "show.jsonl", out_dir)


@pytest.fixture
def rehearse_lines(tmp_path: Path) -> Callable[..., RehearsalResult]:
    def run(lines: list[dict], db_path: Path | None = None, **options: Any) -> RehearsalResult:
        number = len(list(tmp_path.iterdir()))
        transcript = write_transcript(tmp_path / f"show-{number}.jsonl", lines)
        out_dir = tmp_path / f"out-{transcript.stem}"
        return run_rehearsal(transcript, out_dir, db_path, **options)

    return run
