"""Reading chat lines: normalise, tokenise, product mentions, intent and sentiment."""

import logging

from bot.text.analyzer import Analysis, Analyzer
from bot.text.intent import INTENTS

logger = logging.getLogger(__name__)

__all__ = ["INTENTS", "Analysis", "Analyzer"]
