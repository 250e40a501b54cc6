"""OAuth tokens kept in a private file outside the repository, never in the logs."""

import json
import logging
import os
from pathlib import Path

logger = logging.getLogger(__name__)


class TokenFile:
    """A JSON file of {user_id: {"access": ..., "refresh": ...}} readable by its owner only."""

    def __init__(self, path: Path) -> None:
        self.path = path.expanduser()

    def load(self) -> dict[str, dict[str, str]]:
        if not self.path.exists():
            return {}

        mode = self.path.stat().st_mode & 0o777
        if mode & 0o077:
            logger.warning("token file %s is readable by others; tightening it to 600", self.path)
            self.path.chmod(0o600)
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            logger.warning("token file %s is unreadable; starting without tokens", self.path)
            return {}
        return {str(k): v for k, v in data.items() if isinstance(v, dict)}

    def save(self, tokens: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = self.path.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(tokens, handle)
        temporary.replace(self.path)
