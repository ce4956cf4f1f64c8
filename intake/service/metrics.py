"""Prometheus metrics of the service (`GET /metrics`): pages read (a counter and the rate over the last
minute), the processing queue's length by status, packages processed and failed.

Pages and outcomes are counted where they are written: SQLAlchemy attribute events on
`Package.pages_done` and `Package.status`, in whichever process runs the processing (the service's
in-process worker; Celery workers count in their own process). The queue length is read from the
database at each scrape, so it is right whoever does the work.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import event, func, select

from intake.db.tables import Package

WINDOW_SECONDS = 60.0
PAGES = Counter("intake_pages_read_total", "Pages read (text layer or OCR)", registry=None)
OUTCOMES = Counter("intake_packages_processed_total", "Packages whose processing ended, by outcome",
                   ["outcome"], registry=None)


class _Rate:
    """Events per second over the last `WINDOW_SECONDS`."""

    def __init__(self) -> None:
        self._events: deque[tuple[float, int]] = deque()
        self._lock = threading.Lock()

    def add(self, n: int, now: float | None = None) -> None:
        with self._lock:
            self._events.append((now if now is not None else time.monotonic(), n))

    def per_second(self, now: float | None = None) -> float:
        now = now if now is not None else time.monotonic()
        with self._lock:
            while self._events and self._events[0][0] < now - WINDOW_SECONDS:
                self._events.popleft()
            return sum(n for _, n in self._events) / WINDOW_SECONDS


PAGE_RATE = _Rate()


@event.listens_for(Package.pages_done, "set")
def _pages_set(_target: Package, value: Any, old: Any, _initiator: Any) -> None:
    if isinstance(value, int) and isinstance(old, int) and value > old:
        PAGES.inc(value - old)
        PAGE_RATE.add(value - old)


@event.listens_for(Package.status, "set")
def _status_set(_target: Package, value: Any, old: Any, _initiator: Any) -> None:
    if value in ("done", "failed") and old != value and isinstance(old, str):
        OUTCOMES.labels(value).inc()


class _Live(Collector):
    """Values read at scrape time: the queue from the database, the page rate."""

    def __init__(self, db: Any) -> None:
        self.db = db

    def collect(self) -> Iterator[GaugeMetricFamily]:
        queue = GaugeMetricFamily("intake_queue_packages", "Packages waiting or being processed",
                                  labels=["status"])
        with self.db.session() as s:
            counts = dict(s.execute(select(Package.status, func.count()).group_by(Package.status)).all())
        for status in ("queued", "processing"):
            queue.add_metric([status], counts.get(status, 0))
        yield queue
        failed = GaugeMetricFamily("intake_packages_failed", "Packages whose last processing failed")
        failed.add_metric([], counts.get("failed", 0))
        yield failed
        rate = GaugeMetricFamily("intake_pages_per_second",
                                 f"Pages read per second, last {WINDOW_SECONDS:.0f} s")
        rate.add_metric([], PAGE_RATE.per_second())
        yield rate


def registry_for(db: Any) -> CollectorRegistry:
    """A registry of this service: the process counters and the live values of its database."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(PAGES)
    registry.register(OUTCOMES)
    registry.register(_Live(db))
    return registry


def render(registry: CollectorRegistry) -> bytes:
    return generate_latest(registry)
