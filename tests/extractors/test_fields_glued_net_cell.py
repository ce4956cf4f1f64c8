"""A one-row invoice whose total row a bad scan read as its net cell with a `7` glued before it (the tenge
sign or the table's ruling) and its gross cell without separators. The lines are what Tesseract made of
the invoice's last rows; the truth is what the paper prints."""

from __future__ import annotations

from decimal import Decimal

from extractors.fields import find_total
from models.vocab import DocType
from tests.extractors.test_fields_ocr_marks import doc

ROW = "5 277 002.50 1 385 012,50 12% 166 201,50 1 551 214,00 | |"


def test_the_row_gross_is_the_total_where_the_total_row_read_the_net_with_a_glued_digit() -> None:
    found = find_total(doc("СЧЕТ-ФАКТУРА № СФ-23 от 22.12.2025", "1 Обучение по программе | 132097", ROW,
                           "Всего по счету:", "| |", "71385 012,50 | [166 201,90 155121400 | |. | |",
                           "Руководитель организации"), DocType.invoice)
    assert found is not None and found.amount == Decimal("1551214.00")


def test_a_total_row_without_a_glued_digit_keeps_its_own_amount() -> None:
    second = "5 277 002.50 2 770 025,00 12% 332 403,00 3 102 428,00"
    found = find_total(doc("СЧЕТ-ФАКТУРА № СФ-23 от 22.12.2025", ROW, second,
                           "Всего по счету: 4 155 037,50 498 604,50 4 653 642,00",
                           "Руководитель организации"), DocType.invoice)
    assert found is not None and found.amount == Decimal("4653642.00")
