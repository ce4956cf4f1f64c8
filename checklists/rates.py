"""NBK exchange rates (p.19): an offline store read by the rules, and an importer for the NBK XML feeds.

Two feed formats are read:
- `rates_all.xml` (RSS): `<item><title>USD</title><pubDate>18.04.16</pubDate><description>334.41</description>
  <quant>1</quant>…</item>`; each item carries its own date (a stale currency keeps an old pubDate).
- `get_rates.cfm?fdate=dd.mm.yyyy`: `<rates><date>dd.mm.yyyy</date><item><fullname/><title>USD</title>
  <description>…</description><quant>1</quant>…</item></rates>`; one date for every item.

The store is a CSV (`date,currency,quant,rate,source`; `rate` is KZT for `quant` units, as published). The
shipped table (`checklists/data/rates/*.csv`) holds only rates imported from real feeds; imports go to
`$INTAKE_DATA_DIR/rates.csv` (default `var/rates.csv`). A rate is looked up for the exact payment date:
a missing date is reported, never filled from a neighbouring day.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path

RATES_PACKAGE = "checklists.data.rates"
FIELDS = ("date", "currency", "quant", "rate", "source")
TIYN = Decimal("0.01")


@dataclass(frozen=True)
class Rate:
    day: date
    currency: str
    quant: int
    rate: Decimal
    """KZT for `quant` units of `currency`."""
    source: str = ""

    def to_kzt(self, amount: Decimal) -> Decimal:
        """`amount` units of the currency in KZT, rounded half-up to the tiyn."""
        return (amount * self.rate / self.quant).quantize(TIYN, rounding=ROUND_HALF_UP)


class RateStore:
    """Rates by (currency, date); later sources override earlier ones for the same key."""

    def __init__(self, rates: Iterable[Rate] = ()) -> None:
        self._rates: dict[tuple[str, date], Rate] = {}
        for r in rates:
            self._rates[(r.currency, r.day)] = r

    def get(self, currency: str, day: date) -> Rate | None:
        return self._rates.get((currency.upper(), day))

    def __len__(self) -> int:
        return len(self._rates)

    def rates(self) -> list[Rate]:
        return [self._rates[k] for k in sorted(self._rates, key=lambda k: (k[1], k[0]))]

    def merged(self, other: RateStore) -> RateStore:
        return RateStore([*self.rates(), *other.rates()])


def _decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip().replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() and value > 0 else None


def _day(text: str | None) -> date | None:
    if not text:
        return None
    text = text.strip()
    for fmt in ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def parse_feed(data: bytes | str, source: str = "") -> list[Rate]:
    """Rates of one NBK feed (RSS `rates_all.xml` or `get_rates.cfm`); raises ValueError if it is neither."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ValueError(f"{source or 'feed'}: not XML ({exc})") from None
    if root.tag not in ("rss", "rates"):
        raise ValueError(f"{source or 'feed'}: root <{root.tag}> is neither <rss> nor <rates>")
    feed_day = _day(root.findtext("date"))
    out: list[Rate] = []
    for item in root.iter("item"):
        code = (item.findtext("title") or "").strip().upper()
        day = _day(item.findtext("pubDate")) or feed_day
        value = _decimal(item.findtext("description"))
        quant_text = (item.findtext("quant") or "1").strip() or "1"
        if len(code) != 3 or not code.isalpha() or day is None or value is None or not quant_text.isdigit():
            continue
        out.append(Rate(day, code, int(quant_text), value, source))
    if not out:
        raise ValueError(f"{source or 'feed'}: no rates found")
    return out


def read_csv(text: str, source: str = "") -> list[Rate]:
    """Rates of a store CSV (header `date,currency,quant,rate,source`)."""
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != FIELDS:
        raise ValueError(f"{source}: header must be {','.join(FIELDS)}")
    return [
        Rate(date.fromisoformat(row["date"]), row["currency"], int(row["quant"]), Decimal(row["rate"]),
             row["source"])
        for row in reader
    ]


def write_csv(rates: Iterable[Rate]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(FIELDS)
    for r in rates:
        w.writerow([r.day.isoformat(), r.currency, r.quant, format(r.rate, "f"), r.source])
    return buf.getvalue()


@cache
def shipped() -> RateStore:
    """The rates shipped with the product (`checklists/data/rates/*.csv`)."""
    rates: list[Rate] = []
    for entry in sorted(resources.files(RATES_PACKAGE).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".csv"):
            rates.extend(read_csv(entry.read_text(encoding="utf-8"), entry.name))
    return RateStore(rates)


def load_store(path: Path | None) -> RateStore:
    """Shipped rates, overridden by the store at `path` when it exists."""
    base = shipped()
    if path is None or not path.exists():
        return base
    return base.merged(RateStore(read_csv(path.read_text(encoding="utf-8"), str(path))))


def import_feeds(paths: Iterable[Path], store: Path) -> Mapping[str, int]:
    """Parse each feed and merge its rates into the CSV at `store`; returns rates read per file."""
    current = RateStore()
    if store.exists():
        current = RateStore(read_csv(store.read_text(encoding="utf-8"), str(store)))
    counts: dict[str, int] = {}
    new: list[Rate] = []
    for p in paths:
        rates = parse_feed(p.read_bytes(), p.name)
        counts[str(p)] = len(rates)
        new.extend(rates)
    merged = current.merged(RateStore(new))
    store.parent.mkdir(parents=True, exist_ok=True)
    tmp = store.with_suffix(".csv.tmp")
    tmp.write_text(write_csv(merged.rates()), encoding="utf-8")
    tmp.replace(store)
    return counts
