"""`livepicks analyze`: lines from arguments, a file or stdin, the line-up, and bad input."""

import io
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
FIELDS = {"text", "tokens", "products", "intent", "sentiment", "lang"}


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    # The default catalog is examples/catalog.toml from the working folder.
    monkeypatch.chdir(REPO)


def _records(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines()]


def test_lines_from_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["analyze", "小棕瓶多少錢", "已下單", "love it"])

    records = _records(capsys.readouterr().out)
    assert code == 0
    assert [record["text"] for record in records] == ["小棕瓶多少錢", "已下單", "love it"]
    assert all(set(record) >= FIELDS for record in records)
    assert records[0]["products"] == ["anr-serum"]
    assert records[0]["intent"] == "ask_price"
    assert records[1]["intent"] == "buy"
    assert records[2]["lang"] == "en"
    assert records[2]["sentiment"] > 0


def test_lines_from_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = tmp_path / "chat.txt"
    lines.write_text("還有貨嗎\n\n太貴了\r\n", encoding="utf-8")

    code = main(["analyze", "--file", str(lines)])

    records = _records(capsys.readouterr().out)
    assert code == 0
    assert [record["intent"] for record in records] == ["ask_stock", "chatter", "price_objection"]
    assert records[1]["tokens"] == []


def test_lines_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("求連結\n口紅色號\n"))

    code = main(["analyze"])

    records = _records(capsys.readouterr().out)
    assert code == 0
    assert records[0]["intent"] == "ask_link"
    assert records[1]["tokens"] == ["口红", "色号"]


def test_lineup_numbers_the_links(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["analyze", "--lineup", "switch-oled, dyson-v12", "2號連結", "#1"])

    records = _records(capsys.readouterr().out)
    assert code == 0
    assert records[0]["products"] == ["dyson-v12"]
    assert records[1]["products"] == ["switch-oled"]


def test_default_lineup_is_catalog_order(capsys: pytest.CaptureFixture[str]) -> None:
    main(["analyze", "3號連結"])

    assert _records(capsys.readouterr().out)[0]["products"] == ["sk2-essence"]


def test_catalog_from_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "tiny.toml").write_text(
        '[[products]]\nid = "kettle"\nname = "電熱水壺"\ncategory = "home"\nprice = 1\n'
        'url = "https://shop.example/kettle"\n',
        encoding="utf-8",
    )
    config = tmp_path / "livepicks.toml"
    config.write_text('[show]\ncatalog = "tiny.toml"\n', encoding="utf-8")

    code = main(["analyze", "--config", str(config), "电热水壶好用"])

    assert code == 0
    assert _records(capsys.readouterr().out)[0]["products"] == ["kettle"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--catalog", "no-such-catalog.toml", "x"], "catalog not found"),
        (["--lineup", "no-such-id", "x"], "not in the catalog: no-such-id"),
        (["--file", "no-such-file.txt"], "no such file"),
        (["--file", "examples/show.jsonl", "x"], "not both"),
    ],
)
def test_bad_input_exits_2_with_a_message(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["analyze", *arguments])

    captured = capsys.readouterr()
    assert code == 2
    assert message in captured.err
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_a_malformed_catalog_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[[products]\nid =", encoding="utf-8")

    code = main(["analyze", "--catalog", str(broken), "x"])

    assert code == 2
    assert "not valid TOML" in capsys.readouterr().err
