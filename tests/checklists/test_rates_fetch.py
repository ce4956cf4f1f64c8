"""Fetching NBK rates (p.19) from the `get_rates.cfm?fdate=DD.MM.YYYY` feed: a local HTTP server on loopback
serves recorded feeds, an outage (503), a malformed feed and a feed of another day; the CLI, the daily job
and the rules read the same store."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from checklists.evaluate import assess
from checklists.rates import load_store
from checklists.rates_fetch import FetchError, feed_url, fetch_day, fetch_range
from intake.service.rates_job import DailyRates, refresh_rates
from intake.settings import Settings
from models.documents import DateField, Document, Fields, MoneyField, PageRef, TextField
from models.package import PackageRequest
from models.vocab import CostType, DocType

DATA = Path(__file__).resolve().parents[1] / "data" / "nbk"
ROOT = Path(__file__).resolve().parents[2]
ANSWERS = {
    "18.04.2016": (200, "get_rates_18.04.2016.xml"),
    "19.04.2016": (503, None),  # the bank's site is down
    "20.04.2016": (200, "get_rates_malformed.xml"),
    "21.04.2016": (200, "get_rates_18.04.2016.xml"),  # a stale answer: the feed of another day
}


class Feed(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        url = urlparse(self.path)
        day = parse_qs(url.query).get("fdate", [""])[0]
        status, name = ANSWERS.get(day, (404, None)) if url.path == "/rss/get_rates.cfm" else (404, None)
        body = (DATA / name).read_bytes() if name else b""
        self.send_response(status)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def feed() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/rss/get_rates.cfm"
    finally:
        server.shutdown()
        server.server_close()


def test_feed_url() -> None:
    assert feed_url("https://nationalbank.kz/rss/get_rates.cfm", date(2016, 4, 18)) == (
        "https://nationalbank.kz/rss/get_rates.cfm?fdate=18.04.2016")


def test_one_day(feed: str) -> None:
    rates = {r.currency: r for r in fetch_day(date(2016, 4, 18), feed)}
    assert len(rates) == 39 and rates["USD"].rate == Decimal("334.41")
    assert rates["EUR"].rate == Decimal("376.61")
    assert all(r.day == date(2016, 4, 18) for r in rates.values())


@pytest.mark.parametrize(("day", "why"), [
    (date(2016, 4, 19), "HTTP 503"), (date(2016, 4, 20), "not XML"),
    (date(2016, 4, 21), "feed is of 18.04.2016"), (date(2016, 4, 22), "HTTP 404"),
])
def test_a_bad_day_is_a_typed_error(feed: str, day: date, why: str) -> None:
    with pytest.raises(FetchError, match=why):
        fetch_day(day, feed)


def test_range_writes_the_good_days_and_names_the_bad_ones(feed: str, tmp_path: Path) -> None:
    store = tmp_path / "rates.csv"
    result = fetch_range(date(2016, 4, 18), date(2016, 4, 21), store, feed)
    assert result.written == {date(2016, 4, 18): 39}
    assert sorted(result.failed) == [date(2016, 4, 19), date(2016, 4, 20), date(2016, 4, 21)]
    rates = load_store(store)
    assert rates.get("EUR", date(2016, 4, 18)).rate == Decimal("376.61")  # type: ignore[union-attr]
    assert rates.get("EUR", date(2016, 4, 21)) is None  # never the stale day's rate under another date


def test_outage_writes_nothing(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    port = server.server_address[1]
    server.server_close()  # nothing listens there any more
    store = tmp_path / "rates.csv"
    result = fetch_range(date(2016, 4, 18), date(2016, 4, 18), store, f"http://127.0.0.1:{port}/x", timeout=3)
    assert not result.written and "no answer" in result.failed[date(2016, 4, 18)]
    assert not store.exists()


def test_cli_fetch(feed: str, tmp_path: Path) -> None:
    """`intake rates fetch --from D --to D`: good days written, bad days named, exit code 1."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "INTAKE_DATA_DIR": str(tmp_path / "var"),
           "INTAKE_NBK_RATES_URL": feed}
    done = subprocess.run([sys.executable, "-m", "intake.cli", "rates", "fetch", "--from", "2016-04-18",
                           "--to", "2016-04-19"], capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=120)
    assert done.returncode == 1, done.stderr
    assert "18.04.2016: курсов 39" in done.stdout
    assert "19.04.2016: не получено — 19.04.2016: HTTP 503" in done.stderr
    assert load_store(tmp_path / "var" / "rates.csv").get("USD", date(2016, 4, 18)) is not None
    bad = subprocess.run([sys.executable, "-m", "intake.cli", "rates", "fetch", "--from", "2016-04-19",
                          "--to", "2016-04-18"], capture_output=True, text=True, env=env, cwd=tmp_path,
                         timeout=120)
    assert bad.returncode == 2


def test_daily_job_and_the_rules_read_the_same_store(feed: str, tmp_path: Path) -> None:
    """The daily refresh (Celery beat or the service's own thread) fills the store the rules convert with."""
    settings = Settings(data_dir=tmp_path, nbk_rates_url=feed)
    result = refresh_rates(settings, today=date(2016, 4, 19))
    assert date(2016, 4, 18) in result.written and date(2016, 4, 19) in result.failed
    request = PackageRequest(cost_type=CostType.digital_equipment, application_date=date(2016, 9, 1),
                             applicant_bin="940140000385")
    pay = Document(id="p", type=DocType.payment_order, confidence=1.0,
                   pages=(PageRef(file="p.pdf", page=1),),
                   fields=Fields(number=TextField(value="1"), date=DateField(value=date(2016, 4, 18)),
                                 total=MoneyField(amount=Decimal("1000.00"), currency="EUR")))
    _, money = assess(request, [pay], rates=load_store(tmp_path / "rates.csv"))
    assert money is not None and money.eligible_costs == Decimal("376610.00")


def test_service_thread_refreshes_at_start(feed: str, tmp_path: Path) -> None:
    job = DailyRates(Settings(data_dir=tmp_path, nbk_rates_url=feed), interval=3600,
                     today=lambda: date(2016, 4, 19))
    job.start()
    try:
        assert job.ran.wait(30)
    finally:
        job.shutdown()
    job.thread.join(10)
    assert not job.thread.is_alive()
    assert load_store(tmp_path / "rates.csv").get("USD", date(2016, 4, 18)) is not None
