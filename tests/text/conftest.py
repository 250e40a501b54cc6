"""Shared fixtures for the analyser's tests: the example catalog, read once."""

import logging
from pathlib import Path

import pytest

from bot.catalog import Catalog
from bot.text import Analyzer

logger = logging.getLogger(__name__)

EXAMPLE_CATALOG = Path(__file__).resolve().parents[2] / "examples" / "catalog.toml"


@pytest.fixture(scope="session")
def example_catalog() -> Catalog:
    return Catalog.load(EXAMPLE_CATALOG)


@pytest.fixture(scope="session")
def example_analyzer(example_catalog: Catalog) -> Analyzer:
    """Shared: tests that change its line-up use their own Analyzer."""
    return Analyzer(example_catalog)
