"""Start-up mistakes get one clear line and exit code 2, never a traceback or a hung process."""

from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHOW = str(ROOT / "examples" / "show.jsonl")
CATALOG = str(ROOT / "examples" / "catalog.toml")


def rehearse(tmp_path: Path, *extra: str) -> list[str]:
    return ["rehearse", SHOW, "--out", str(tmp_path / "out"), "--catalog", CATALOG, *extra]


def config(tmp_path: Path, text: str) -> str:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("[signals]\nhalf_life_s = 0\n", "half_life_s must be between"),
        ('[recommend]\narms = ["nonexistent"]\n', "unknown nonexistent"),
        ("[web]\nport = 99999\n", "port must be between"),
        ('[followup]\ntimezone = "Mars/Olympus"\n', "not a known time zone"),
        ("twitch = 5\n", "[twitch] must be a table"),
        ("[games]\nquiz_question_s = -5\n", "quiz_question_s must be between"),
        ("[followup]\ndelay_minutes = 1e12\n", "delay_minutes must be between"),
        ('[web]\npublic_url = "javascript:alert(1)//"\n', "public_url must start with"),
        ('[twitch]\nchannel = "two words"\n', "channel must be a Twitch login"),
        ("[show]\nunknown = 1\n", "unknown keys"),
    ],
)
def test_bad_settings_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], settings: str, message: str
) -> None:
    assert main(rehearse(tmp_path, "--config", config(tmp_path, settings))) == 2
    assert message in capsys.readouterr().err


def test_a_short_signing_key_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIVEPICKS_SIGNING_KEY", "short")

    assert main(rehearse(tmp_path)) == 2
    assert "at least 16 characters" in capsys.readouterr().err


def test_a_key_file_others_can_read_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = tmp_path / "key"
    key_file.write_text("a-long-enough-signing-key", encoding="utf-8")
    key_file.chmod(0o644)
    monkeypatch.delenv("LIVEPICKS_SIGNING_KEY", raising=False)
    monkeypatch.setenv("LIVEPICKS_SIGNING_KEY_FILE", str(key_file))

    assert main(rehearse(tmp_path)) == 2
    assert "chmod 600" in capsys.readouterr().err


def test_a_file_that_is_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("shopping notes", encoding="utf-8")

    assert main(rehearse(tmp_path, "--db", str(not_a_db))) == 2
    assert "not a usable livepicks database" in capsys.readouterr().err


def test_missing_and_misplaced_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a_file = tmp_path / "taken"
    a_file.write_text("", encoding="utf-8")
    bad_price = tmp_path / "catalog.toml"
    bad_price.write_text(
        '[[products]]\nid = "a"\nname = "A"\ncategory = "c"\nprice = nan\n'
        'url = "https://shop.example.com/a"\n',
        encoding="utf-8",
    )

    assert main(["rehearse", str(tmp_path / "nope.jsonl"), "--catalog", CATALOG]) == 2
    assert main(["rehearse", SHOW, "--out", str(a_file), "--catalog", CATALOG]) == 2
    assert main(["rehearse", SHOW, "--out", str(tmp_path / "o"), "--catalog", str(tmp_path)]) == 2
    assert main(["rehearse", SHOW, "--out", str(tmp_path / "o"), "--catalog", str(bad_price)]) == 2
    assert main(["transcript", "import", str(tmp_path / "nope.csv"), "--out", str(a_file)]) == 2

    errors = capsys.readouterr().err
    assert "Traceback" not in errors
    assert "is a file, not a folder" in errors
    assert "'price' must be a number" in errors
