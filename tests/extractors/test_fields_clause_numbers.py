"""A contract read from a scan whose section heading names its price (`2. ШАРТТЫҢ БАҒАСЫ`): the next
line's clause number (`2.1.`) is not the contract's amount, the amount the clause states is."""

from __future__ import annotations

from decimal import Decimal

from extractors.fields import find_total
from extractors.textindex import DocText
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_doc


def doc(*lines: str) -> DocText:
    return ocr_doc(*lines, file="shart.tif", confidence=0.9, step=0.04, width=0.03)


def test_a_clause_number_under_a_price_heading_is_not_the_contracts_amount() -> None:
    text = doc("ШАРТ № KZ-2025-9959",
               "1. ШАРТТЫҢ МӘНІ",
               "1.1. Жеткізуші 3D-сканер жеткізеді; Сатып алушы оны қабылдап, ақысын төлейді.",
               "2. ШАРТТЫҢ БАҒАСЫ ЖӘНЕ ТӨЛЕМ ТӘРТІБІ",
               "2.1. Шарттың жалпы сомасы 3 428 873,93 теңге (KZT), оның ішінде ҚҚС 12% — 367 379,35 теңге.",
               "2.2. Төлем шот ұсынылған күннен бастап 10 банктік күн ішінде жүргізіледі.")
    total = find_total(text, DocType.contract)
    assert total is not None and total.amount == Decimal("3428873.93")
