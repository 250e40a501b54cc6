"""Commands around the chat analyser: analyze lines, benchmark it, score it on labelled chat."""

import logging

logger = logging.getLogger(__name__)


class TextToolError(ValueError):
    """A missing or malformed input file; the message names the file and what is wrong."""
