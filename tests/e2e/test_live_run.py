"""`livepicks run` on the wall clock, with tokens from its private file, against the stand-in."""

import asyncio
import json
import time
from pathlib import Path

import pytest

from bot.clock import VirtualClock
from bot.config import load_settings
from bot.live import run_live
from bot.twitch.adapter import SubscriptionError
from bot.twitch.standin import StandIn
from bot.twitch.transcript import parse_transcript
from tests.e2e.conftest import ROOT, example_catalog
from tests.e2e.lines import chat

SUBSCRIBED = {"channel.chat.message", "channel.cheer", "channel.raid"}


def write_config(tmp_path: Path, client_id: str) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        f"""
[twitch]
channel = "host"
bot_login = "livepicks_bot"
client_id = "{client_id}"
token_file = "{tmp_path / "secrets" / "tokens.json"}"

[show]
catalog = "{ROOT / "examples" / "catalog.toml"}"
quiz_dir = "{ROOT / "examples" / "quizzes"}"
database = "{tmp_path / "live.db"}"

[web]
port = 0
""",
        encoding="utf-8",
    )
    return config


def write_tokens(path: Path, standin: StandIn, logins: list[str]) -> None:
    path.parent.mkdir(mode=0o700)
    tokens = {
        standin.user_id(login): {"access": access, "refresh": refresh}
        for login, (access, refresh) in zip(logins, standin.tokens(), strict=True)
    }
    path.write_text(json.dumps(tokens), encoding="utf-8")
    path.chmod(0o600)


async def wait_for(condition, limit_s: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + limit_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_run_answers_chat_live_and_keeps_tokens_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    standin = StandIn(VirtualClock(time.time()), channel="host", bot_login="livepicks_bot")
    await standin.start()
    standin.point_twitchio_here()
    settings = load_settings(write_config(tmp_path, standin.client_id))
    token_file = tmp_path / "secrets" / "tokens.json"
    write_tokens(token_file, standin, ["livepicks_bot", "host"])
    monkeypatch.setenv("LIVEPICKS_CLIENT_SECRET", standin.client_secret)
    monkeypatch.setenv("LIVEPICKS_SIGNING_KEY", "a-test-signing-key-of-enough-length")
    stop = asyncio.Event()

    try:
        running = asyncio.create_task(
            run_live(settings, example_catalog(), authorize=False, stop=stop)
        )
        await standin.wait_subscribed(SUBSCRIBED)
        lines = [chat(0, "ann", "小棕瓶好好用"), chat(0, "ann", "!picks")]
        await standin.play(parse_transcript([json.dumps(line) for line in lines], "live"))
        await wait_for(lambda: any(m.to == "ann" for m in standin.sent))
        stop.set()
        assert await asyncio.wait_for(running, 15) == 0
    finally:
        stop.set()
        await standin.close()
        standin.restore_twitchio()

    reply = next(m for m in standin.sent if m.to == "ann")
    assert "雅詩蘭黛小棕瓶" in reply.text
    assert "/l/" in reply.text
    assert token_file.stat().st_mode & 0o077 == 0
    assert len(json.loads(token_file.read_text(encoding="utf-8"))) == 2


async def test_run_without_the_channel_authorised_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    standin = StandIn(VirtualClock(time.time()), channel="host", bot_login="livepicks_bot")
    await standin.start()
    standin.point_twitchio_here()
    settings = load_settings(write_config(tmp_path, standin.client_id))
    write_tokens(tmp_path / "secrets" / "tokens.json", standin, ["livepicks_bot", "host"])
    tokens = json.loads((tmp_path / "secrets" / "tokens.json").read_text(encoding="utf-8"))
    del tokens[standin.user_id("host")]
    (tmp_path / "secrets" / "tokens.json").write_text(json.dumps(tokens), encoding="utf-8")
    monkeypatch.setenv("LIVEPICKS_CLIENT_SECRET", standin.client_secret)
    monkeypatch.setenv("LIVEPICKS_SIGNING_KEY", "a-test-signing-key-of-enough-length")

    try:
        with pytest.raises(SubscriptionError, match="--authorize"):
            await asyncio.wait_for(
                run_live(settings, example_catalog(), authorize=False, stop=asyncio.Event()), 30
            )
    finally:
        await standin.close()
        standin.restore_twitchio()
