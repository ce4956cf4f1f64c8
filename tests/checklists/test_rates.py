"""NBK rates: the shipped table (real, imported), the feed importer (both formats), the store, the CLI."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from checklists.rates import FIELDS, RateStore, import_feeds, load_store, parse_feed, read_csv, shipped
from tests.conftest import SHARED

SAMPLE = SHARED / "forms" / "kurmanel_rates_all.xml"
GET_RATES = """<?xml version="1.0" encoding="utf-8"?>
<rates><generator>nationalbank.kz</generator><title>Official exchange rates</title>
<date>15.05.2025</date>
<item><fullname>ДОЛЛАР США</fullname><title>USD</title><description>512.45</description><quant>1</quant>
<index>UP</index><change>+1.20</change></item>
<item><fullname>ЕВРО</fullname><title>EUR</title><description>573,9</description><quant>1</quant></item>
<item><fullname>ИЕН</fullname><title>JPY</title><description>35.1</description><quant>10</quant></item>
<item><fullname>broken</fullname><title>XXXX</title><description>n/a</description><quant>1</quant></item>
</rates>"""


def test_shipped_table_is_the_sample_feed() -> None:
    """Every shipped rate comes from a real feed and agrees with it (nothing generated)."""
    store = shipped()
    feed = {(r.currency, r.day): r for r in parse_feed(SAMPLE.read_bytes())} if SAMPLE.exists() else None
    for code in ("USD", "EUR", "RUB", "CNY"):
        rate = store.get(code, date(2016, 4, 18))
        assert rate is not None and rate.quant >= 1 and rate.rate > 0 and "rates_all.xml" in rate.source
    assert store.get("USD", date(2016, 4, 18)).rate == Decimal("334.41")  # type: ignore[union-attr]
    if feed is not None:
        assert len(store) == len(feed)
        for r in store.rates():
            assert feed[(r.currency, r.day)].rate == r.rate and feed[(r.currency, r.day)].quant == r.quant


def test_shipped_csv_files_have_the_header_and_no_floats() -> None:
    from importlib import resources

    for entry in resources.files("checklists.data.rates").iterdir():
        if entry.name.endswith(".csv"):
            text = entry.read_text(encoding="utf-8")
            assert text.splitlines()[0] == ",".join(FIELDS)
            for r in read_csv(text, entry.name):
                assert isinstance(r.rate, Decimal) and r.currency.isalpha() and len(r.currency) == 3


def test_rss_items_keep_their_own_dates() -> None:
    rates = parse_feed(SAMPLE.read_bytes(), "sample") if SAMPLE.exists() else []
    if not rates:
        pytest.skip("sample feed not present")
    by = {r.currency: r for r in rates}
    assert by["USD"].day == date(2016, 4, 18) and by["RUB"].rate == Decimal("5.06")
    assert by["LVL"].day == date(2013, 12, 31)  # a currency no longer quoted keeps its last date


def test_get_rates_format() -> None:
    rates = {r.currency: r for r in parse_feed(GET_RATES, "get_rates")}
    assert set(rates) == {"USD", "EUR", "JPY"}
    assert rates["EUR"].rate == Decimal("573.9") and rates["USD"].day == date(2025, 5, 15)
    assert rates["JPY"].quant == 10 and rates["JPY"].to_kzt(Decimal("1000")) == Decimal("3510.00")


@pytest.mark.parametrize("bad", [b"<html></html>", b"not xml", b"<rates><date>01.01.2025</date></rates>"])
def test_bad_feeds_are_refused(bad: bytes) -> None:
    with pytest.raises(ValueError):
        parse_feed(bad, "bad")


def test_import_merges_into_store(tmp_path: Path) -> None:
    feed = tmp_path / "get_rates.xml"
    feed.write_text(GET_RATES, encoding="utf-8")
    store = tmp_path / "var" / "rates.csv"
    assert import_feeds([feed], store) == {str(feed): 3}
    assert import_feeds([feed], store) == {str(feed): 3}  # idempotent
    assert len(read_csv(store.read_text(encoding="utf-8"))) == 3
    merged = load_store(store)
    assert merged.get("USD", date(2025, 5, 15)) is not None
    assert merged.get("USD", date(2016, 4, 18)) is not None
    assert merged.get("USD", date(2025, 5, 16)) is None  # never a neighbouring day
    assert isinstance(RateStore().get("USD", date(2025, 5, 15)), type(None))


def test_cli_rates_import(tmp_path: Path) -> None:
    feed = tmp_path / "f.xml"
    feed.write_text(GET_RATES, encoding="utf-8")
    env = {"INTAKE_DATA_DIR": str(tmp_path / "var"), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-m", "intake.cli", "rates", "import", str(feed)], env=env,
                         capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2], timeout=120)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "var" / "rates.csv").exists()
    bad = tmp_path / "bad.xml"
    bad.write_text("<html/>", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "intake.cli", "rates", "import", str(bad)], env=env,
                         capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2], timeout=120)
    assert run.returncode == 2
