"""What a BIN's or IIN's digits say before its check digit: a person or a company, and a company's
registration month."""

from __future__ import annotations

from datetime import date


def is_iin(number: str) -> bool:
    """An IIN (a person, so an individual entrepreneur) rather than a BIN: the 5th digit of an IIN is the
    first digit of a day of birth (0–3); a BIN's is the entity type (4, 5, 6)."""
    return len(number) == 12 and number.isdigit() and number[4] in "0123"


def registration_date(bin_: str) -> date | None:
    """A BIN's first four digits: year and month of registration (an IIN's are a birth date: None)."""
    if len(bin_) != 12 or not bin_.isdigit() or is_iin(bin_):
        return None
    year, month = int(bin_[:2]), int(bin_[2:4])
    if not 1 <= month <= 12:
        return None
    return date(2000 + year if year < 90 else 1900 + year, month, 1)
