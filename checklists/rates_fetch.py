"""Fetching the National Bank's daily rates (`get_rates.cfm?fdate=DD.MM.YYYY`) into the rates store.

The feed of one day is an XML `<rates><date>DD.MM.YYYY</date><item>…</item></rates>` (parsed by
`checklists.rates.parse_feed`). `fetch_range` asks for each day of a range, keeps the days that answered
with a well-formed feed of that very day and merges them into the store CSV (`checklists.rates` reads it);
a day that failed (no answer, an HTTP error, a malformed feed, a feed of another day) is reported with its
reason and nothing of it is written. The base URL is a setting (`INTAKE_NBK_RATES_URL`).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from checklists.rates import Rate, RateStore, parse_feed, read_csv, write_csv

DEFAULT_BASE_URL = "https://nationalbank.kz/rss/get_rates.cfm"
TIMEOUT_SECONDS = 20.0
MAX_DAYS = 3660


class FetchError(Exception):
    """One day's feed could not be had: unreachable, an HTTP error, malformed, or of another day."""


@dataclass
class FetchResult:
    """What a fetch did: rates written per day, and the days that failed with their reason."""

    written: dict[date, int] = field(default_factory=dict)
    failed: dict[date, str] = field(default_factory=dict)


def _stored(store: Path) -> RateStore:
    if not store.exists():
        return RateStore()
    return RateStore(read_csv(store.read_text(encoding="utf-8"), str(store)))


def feed_url(base_url: str, day: date) -> str:
    """`…/get_rates.cfm?fdate=18.04.2016`."""
    sep = "&" if "?" in base_url else "?"
    return f"{base_url}{sep}fdate={day:%d.%m.%Y}"


def fetch_day(day: date, base_url: str = DEFAULT_BASE_URL, timeout: float = TIMEOUT_SECONDS) -> list[Rate]:
    """The rates the National Bank set for `day`; raises FetchError."""
    url = feed_url(base_url, day)
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            data = answer.read()
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{day:%d.%m.%Y}: HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise FetchError(f"{day:%d.%m.%Y}: no answer ({getattr(exc, 'reason', exc)})") from None
    try:
        rates = parse_feed(data, url)
    except ValueError as exc:
        raise FetchError(f"{day:%d.%m.%Y}: {exc}") from None
    others = {r.day for r in rates} - {day}
    if others:
        listed = ", ".join(f"{d:%d.%m.%Y}" for d in sorted(others))
        raise FetchError(f"{day:%d.%m.%Y}: the feed is of {listed}")
    return rates


def fetch_range(
    start: date, end: date, store: Path, base_url: str = DEFAULT_BASE_URL, timeout: float = TIMEOUT_SECONDS
) -> FetchResult:
    """Fetch every day from `start` to `end` (inclusive) and merge what came into the CSV at `store`."""
    if end < start:
        raise ValueError("the range ends before it starts")
    if (end - start).days >= MAX_DAYS:
        raise ValueError(f"at most {MAX_DAYS} days at once")
    result = FetchResult()
    new: list[Rate] = []
    day = start
    while day <= end:
        try:
            rates = fetch_day(day, base_url, timeout)
        except FetchError as exc:
            result.failed[day] = str(exc)
        else:
            new.extend(rates)
            result.written[day] = len(rates)
        day += timedelta(days=1)
    if new:
        merged = _stored(store).merged(RateStore(new))
        store.parent.mkdir(parents=True, exist_ok=True)
        tmp = store.with_suffix(".csv.tmp")
        tmp.write_text(write_csv(merged.rates()), encoding="utf-8")
        tmp.replace(store)
    return result


def missing_days(store: Path, until: date, back: int = 7) -> list[date]:
    """Days among the last `back` up to `until` with no rate in the store (what a daily run fetches)."""
    have = {r.day for r in _stored(store).rates()}
    return [d for d in (until - timedelta(days=i) for i in range(back - 1, -1, -1)) if d not in have]
