"""Settings from a TOML file, validated; secrets only from the environment or a private file."""

import logging
import math
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

logger = logging.getLogger(__name__)

LANGUAGES = ("zh-Hant", "zh-Hans", "en")
# The strategies bot/recommend/scoring.py knows how to mix.
KNOWN_ARMS = ("blend", "content", "popular")
LOGIN = re.compile(r"^[a-z0-9_]{1,25}$")


class ConfigError(ValueError):
    """A setting is missing or out of range; the message names the key."""


@dataclass(frozen=True)
class TwitchSettings:
    channel: str = "host"
    bot_login: str = "livepicks_bot"
    client_id: str = ""
    prefix: str = "!"
    token_file: str = "~/.config/livepicks/tokens.json"

    @property
    def prefixes(self) -> tuple[str, ...]:
        """The prefix, and its full-width form, which Chinese keyboards type (`！picks`)."""
        wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in self.prefix)
        return (self.prefix,) if wide == self.prefix else (self.prefix, wide)


@dataclass(frozen=True)
class ShowSettings:
    language: str = "zh-Hant"
    catalog: str = "examples/catalog.toml"
    quiz_dir: str = "examples/quizzes"
    database: str = "livepicks.db"


@dataclass(frozen=True)
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8080
    public_url: str = "http://127.0.0.1:8080"


@dataclass(frozen=True)
class PacingSettings:
    chat_per_30s: int = 20
    max_message_chars: int = 500
    denial_cooldown_s: float = 300.0


@dataclass(frozen=True)
class GameSettings:
    quiz_question_s: float = 30.0
    quiz_idle_stop_s: float = 120.0
    vote_default_s: float = 0.0


@dataclass(frozen=True)
class SignalSettings:
    half_life_s: float = 900.0
    mention_weight: float = 1.0
    vote_weight: float = 2.0
    gift_weight: float = 0.5


@dataclass(frozen=True)
class FollowupSettings:
    delay_minutes: float = 10.0
    timezone: str = "Asia/Taipei"
    whisper_new_per_day: int = 40
    whisper_per_second: int = 3
    whisper_per_minute: int = 100


@dataclass(frozen=True)
class RecommendSettings:
    arms: tuple[str, ...] = ("blend", "content")
    picks: int = 3


@dataclass(frozen=True)
class Settings:
    twitch: TwitchSettings = field(default_factory=TwitchSettings)
    show: ShowSettings = field(default_factory=ShowSettings)
    web: WebSettings = field(default_factory=WebSettings)
    pacing: PacingSettings = field(default_factory=PacingSettings)
    games: GameSettings = field(default_factory=GameSettings)
    signals: SignalSettings = field(default_factory=SignalSettings)
    followup: FollowupSettings = field(default_factory=FollowupSettings)
    recommend: RecommendSettings = field(default_factory=RecommendSettings)
    base_dir: Path = Path()

    def path(self, value: str) -> Path:
        """A path from the config file, relative to the file's folder."""
        candidate = Path(value).expanduser()
        return candidate if candidate.is_absolute() else self.base_dir / candidate


def _section(cls: type, name: str, raw: dict[str, Any]) -> Any:
    known = {f.name: f for f in fields(cls)}
    unknown = set(raw) - set(known)
    if unknown:
        raise ConfigError(f"[{name}] has unknown keys: {', '.join(sorted(unknown))}")

    default = cls()
    values: dict[str, Any] = {}
    for key, value in raw.items():
        expected = type(getattr(default, key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if expected is tuple and isinstance(value, list):
            value = tuple(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(f"[{name}] {key} should be {expected.__name__}, not {value!r}")
        values[key] = value
    return replace(default, **values)


def _check(settings: Settings) -> None:
    if settings.show.language not in LANGUAGES:
        raise ConfigError(f"[show] language must be one of {', '.join(LANGUAGES)}")
    if not 1 <= settings.pacing.chat_per_30s <= 100:
        raise ConfigError("[pacing] chat_per_30s must be between 1 and 100")
    if not 50 <= settings.pacing.max_message_chars <= 500:
        raise ConfigError("[pacing] max_message_chars must be between 50 and 500")
    if not 0 <= settings.followup.whisper_new_per_day <= 40:
        raise ConfigError(
            "[followup] whisper_new_per_day must be between 0 and 40 (Twitch's limit)"
        )
    if not 1 <= settings.followup.whisper_per_second <= 3:
        raise ConfigError("[followup] whisper_per_second must be between 1 and 3")
    if not 1 <= settings.followup.whisper_per_minute <= 100:
        raise ConfigError("[followup] whisper_per_minute must be between 1 and 100")
    if not settings.recommend.arms:
        raise ConfigError("[recommend] arms needs at least one strategy")
    if not 1 <= settings.recommend.picks <= 5:
        raise ConfigError("[recommend] picks must be between 1 and 5")
    if not settings.twitch.prefix or " " in settings.twitch.prefix:
        raise ConfigError("[twitch] prefix must be a non-empty word")
    for key in ("channel", "bot_login"):
        if not LOGIN.match(getattr(settings.twitch, key)):
            raise ConfigError(f"[twitch] {key} must be a Twitch login: a-z, 0-9 and _")
    _check_ranges(settings)
    _check_where(settings)


# (section, key, lowest, highest): numbers that would break the show outside these bounds.
RANGES = (
    ("web", "port", 0, 65535),
    ("pacing", "denial_cooldown_s", 0, 86400),
    ("games", "quiz_question_s", 5, 600),
    ("games", "quiz_idle_stop_s", 0, 3600),
    ("games", "vote_default_s", 0, 3600),
    ("signals", "half_life_s", 10, 7 * 86400),
    ("signals", "mention_weight", 0, 100),
    ("signals", "vote_weight", 0, 100),
    ("signals", "gift_weight", 0, 100),
    ("followup", "delay_minutes", 0, 7 * 1440),
)


def _check_ranges(settings: Settings) -> None:
    for section, key, lowest, highest in RANGES:
        value = getattr(getattr(settings, section), key)
        if not (math.isfinite(value) and lowest <= value <= highest):
            raise ConfigError(f"[{section}] {key} must be between {lowest} and {highest}")


def _check_where(settings: Settings) -> None:
    unknown = set(settings.recommend.arms) - set(KNOWN_ARMS)
    if unknown:
        raise ConfigError(
            f"[recommend] arms: unknown {', '.join(sorted(unknown))}; "
            f"known: {', '.join(KNOWN_ARMS)}"
        )
    try:
        ZoneInfo(settings.followup.timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ConfigError(
            f"[followup] timezone {settings.followup.timezone!r} is not a known time zone"
        ) from error
    if not settings.web.public_url.startswith(("https://", "http://")):
        raise ConfigError("[web] public_url must start with https:// or http://")


SECTIONS = {
    "twitch": TwitchSettings,
    "show": ShowSettings,
    "web": WebSettings,
    "pacing": PacingSettings,
    "games": GameSettings,
    "signals": SignalSettings,
    "followup": FollowupSettings,
    "recommend": RecommendSettings,
}


def load_settings(path: Path | None) -> Settings:
    """Read a config file; with no file, the defaults relative to the working folder."""
    if path is None:
        return Settings(base_dir=Path.cwd())

    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(f"config file not found: {path}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read config file {path}: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}") from error

    unknown = set(raw) - set(SECTIONS)
    if unknown:
        raise ConfigError(f"{path}: unknown sections: {', '.join(sorted(unknown))}")

    for name in SECTIONS:
        if not isinstance(raw.get(name, {}), dict):
            raise ConfigError(f"{path}: [{name}] must be a table of settings")
    parts = {name: _section(cls, name, raw.get(name, {})) for name, cls in SECTIONS.items()}
    settings = Settings(**parts, base_dir=path.resolve().parent)
    _check(settings)
    return settings


def read_secret(name: str) -> str | None:
    """A secret from `NAME` in the environment or from the file named by `NAME_FILE`.

    The file must not be readable by group or others, so a key left world-readable is refused
    rather than used.
    """
    value = os.environ.get(name)
    if value:
        return value.strip()

    file_name = os.environ.get(f"{name}_FILE")
    if not file_name:
        return None

    secret_path = Path(file_name).expanduser()
    try:
        mode = secret_path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise ConfigError(f"{name}_FILE {secret_path} must be private (chmod 600)")
        return secret_path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{name}_FILE {secret_path} cannot be read: {error}") from error


MIN_SIGNING_KEY_CHARS = 16


def signing_key(name: str = "LIVEPICKS_SIGNING_KEY") -> bytes | None:
    """The key that signs list links, if set; a short one is refused, not used."""
    secret = read_secret(name)
    if secret is None:
        return None
    if len(secret) < MIN_SIGNING_KEY_CHARS:
        raise ConfigError(f"{name} must be at least {MIN_SIGNING_KEY_CHARS} characters long")
    return secret.encode()
