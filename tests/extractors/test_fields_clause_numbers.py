"""A contract read from a scan whose section heading names its price (`2. ШАРТТЫҢ БАҒАСЫ`): the next
line's clause number (`2.1.`) is not the contract's amount, the amount the clause states is."""

from __future__ import annotations

from decimal import Decimal

from extractors.fields import find_total
from extractors.textindex import DocText
from models.pages import Page, Word
from models.vocab import DocType, PageSource


def doc(*lines: str) -> DocText:
    words = [Word(text=t, bbox=(0.05 + j * 0.04, 0.05 + i * 0.02, 0.08 + j * 0.04, 0.06 + i * 0.02),
                  confidence=0.9, line=i)
             for i, line in enumerate(lines) for j, t in enumerate(line.split())]
    return DocText([Page(file="shart.tif", page=1, source=PageSource.ocr, words=tuple(words))])


def test_a_clause_number_under_a_price_heading_is_not_the_contracts_amount() -> None:
    text = doc("ШАРТ № KZ-2025-9959",
               "1. ШАРТТЫҢ МӘНІ",
               "1.1. Жеткізуші 3D-сканер жеткізеді; Сатып алушы оны қабылдап, ақысын төлейді.",
               "2. ШАРТТЫҢ БАҒАСЫ ЖӘНЕ ТӨЛЕМ ТӘРТІБІ",
               "2.1. Шарттың жалпы сомасы 3 428 873,93 теңге (KZT), оның ішінде ҚҚС 12% — 367 379,35 теңге.",
               "2.2. Төлем шот ұсынылған күннен бастап 10 банктік күн ішінде жүргізіледі.")
    total = find_total(text, DocType.contract)
    assert total is not None and total.amount == Decimal("3428873.93")
