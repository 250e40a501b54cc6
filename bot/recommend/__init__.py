"""Personal picks: rule filter, content match, co-interest, live weights, reasons and arms."""

import logging

from bot.recommend.recommender import Pick, Recommender

logger = logging.getLogger(__name__)

__all__ = ["Pick", "Recommender"]
