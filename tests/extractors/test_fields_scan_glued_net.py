"""An ЭСФ's `Всего по счету` row on a bad scan: the gross cell lost, the net cell read twice — once with the
table's ruling glued before it as a `1` — and the VAT at 12 % of the net beside them. The total is the net
plus its VAT (the generator's truth: 1 961 862,58), not the glued reading. The lines are what Tesseract
read from a bad scan of a generated ЭСФ."""

from __future__ import annotations

from decimal import Decimal

from extractors.fields import find_total
from extractors.textindex import DocText
from models.pages import Page, Word
from models.vocab import DocType, PageSource


def text(*lines: str) -> DocText:
    words = [Word(text=t, bbox=(0.1, 0.1 + i * 0.02, 0.2, 0.11 + i * 0.02), confidence=0.9, line=i)
             for i, line in enumerate(lines) for t in line.split()]
    return DocText([Page(file="SF_437.tif", page=1, source=PageSource.ocr, words=tuple(words))])


ROWS = ("Раздел G. Данные по товарам, работам, услугам",
        "1 6 Инструментальное обследование систем энергопотребления",
        "усл. a 1751 663,02 11751 663,02 1751 663,02", "12%", "210 199356")


def test_the_net_with_a_ruling_glued_before_it_and_its_vat_make_the_total() -> None:
    found = find_total(text(*ROWS, "Всего no счету 25. 5 11751663,02 = 1751 663,02 210 199,56", "14."),
                       DocType.invoice)
    assert found is not None and found.amount == Decimal("1961862.58") and found.currency == "KZT"


def test_a_total_that_only_looks_glued_stays_when_no_vat_of_its_net_follows() -> None:
    """`11 751 663,02` beside `1 751 663,02` and no VAT at a rate of that net: nothing says the `1` is a
    ruling, so the reading stands."""
    found = find_total(text(*ROWS, "Всего no счету 11751663,02 = 1751 663,02 99 000,00", "14."),
                       DocType.invoice)
    assert found is not None and found.amount == Decimal("11751663.02")
