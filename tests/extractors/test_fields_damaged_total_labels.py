"""A grand total whose label a bad scan damaged (`Всега по счету`, `Фсего по чету`): the label is found
again word by word and its amount read. The lines are what Tesseract made of invoices' last rows; the
truth is what the paper prints."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.damaged_labels import damaged_labels
from extractors.fields import find_total
from models.vocab import DocType
from tests.extractors.test_fields_ocr_marks import doc


@pytest.mark.parametrize(("line", "amount"), [
    ("Всега по счету: “|878 520,00", "878520.00"),
    ("Фсего по чету 00 411 219-46 о-00/ 411 219-66", "411219.66"),
])
def test_an_invoice_total_after_its_damaged_label_is_read(line: str, amount: str) -> None:
    found = find_total(doc("Счет-фактура № 272 от 10.02.2025",
                           "1 Обучение по программе «Производственная система» чел 4 219 630,00",
                           line, "Руководитель организации Исмаилова С. А."), DocType.invoice)
    assert found is not None and found.amount == Decimal(amount)


@pytest.mark.parametrize("text", [
    "Всего по счету: 5", "Итого без НДС 1 775 600,00", "Всех по счетам", "Всего\nпо счету",
])
def test_an_intact_label_another_wording_or_a_net_row_is_no_damaged_label(text: str) -> None:
    assert damaged_labels(text) == []


def test_a_net_row_is_never_read_as_a_damaged_gross_label() -> None:
    found = find_total(doc("Итого без НДС: 1 775 600,00", "НДС 12%: 213 072,00",
                           "Всега с НДС: 1 988 672,00"), DocType.act)
    assert found is not None and found.amount == Decimal("1988672.00")
