"""Keeping the NBK rates store current: the last week's missing days fetched once a day.

Run by Celery beat (`intake.refresh_rates`, see `tasks.py`) when a broker is set, else by a thread of the
service process (`DailyRates`). Both write the store every entry point reads (`$INTAKE_DATA_DIR/rates.csv`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from checklists.rates_fetch import FetchResult, fetch_range, missing_days
from intake.settings import Settings

log = logging.getLogger(__name__)

ASTANA = ZoneInfo("Asia/Almaty")
DAY_SECONDS = 24 * 3600.0


def refresh_rates(settings: Settings, today: date | None = None) -> FetchResult:
    """Fetch the days of the last week (Astana calendar) that the store lacks; failures are logged."""
    today = today or datetime.now(ASTANA).date()
    store = settings.rates_path
    result = FetchResult()
    if not settings.nbk_rates_url:
        return result
    days = missing_days(store, today)
    if not days:
        return result
    result = fetch_range(days[0], days[-1], store, settings.nbk_rates_url)
    log.info("nbk rates refreshed days=%d failed=%d", len(result.written), len(result.failed))
    for day, why in sorted(result.failed.items()):
        log.warning("nbk rates not fetched day=%s: %s", day.isoformat(), why)
    return result


class DailyRates:
    """A thread of the service process that refreshes the store at start and every `interval` seconds."""

    def __init__(self, settings: Settings, interval: float = DAY_SECONDS,
                 today: Callable[[], date] | None = None) -> None:
        self.settings = settings
        self.interval = interval
        self.today = today or (lambda: datetime.now(ASTANA).date())
        self.stop_event = threading.Event()
        self.ran = threading.Event()
        """Set after each pass (tests wait on it)."""
        self.thread = threading.Thread(target=self._loop, name="intake-nbk-rates", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def _loop(self) -> None:
        while not self.stop_event.is_set():
            try:
                refresh_rates(self.settings, self.today())
            except Exception:  # a bad store file or the like: logged, tried again next time
                log.exception("nbk rates refresh failed")
            self.ran.set()
            self.stop_event.wait(self.interval)

    def shutdown(self) -> None:
        self.stop_event.set()
