"""A table's total row whose amount cell OCR read onto the line above its label (a phone photo of a cost
report): the lines are what Tesseract made of the report's last rows; the truth is what the paper prints."""

from __future__ import annotations

from decimal import Decimal

from extractors.fields import find_total
from models.vocab import DocType
from tests.extractors.test_fields_ocr_marks import doc

ROWS = ("№ і _ Документ Сумма, тенге", "Номер Контрагент |", "421 11.05.2026 6729802 ,06",
        "1 | Договор", "АО »Prolean Solutions KZ« 1000470,44", "2 | Платежное поручение",
        "_ 21.07.2026 4374371.03", "3 | Платежное поручение")
SHARE = "Сумма к возмещению (40 %): 2691971,18 тенге."


def test_the_amount_above_a_total_label_without_figures_is_the_total() -> None:
    found = find_total(doc(*ROWS, "6729802.96", "ИТОГО затрат", SHARE), DocType.applicant_report)
    assert found is not None and found.amount == Decimal("6729802.96")


def test_a_row_amount_above_a_label_whose_own_amount_was_lost_is_no_total() -> None:
    """The last row's amount is smaller than a row above it: a row, not the total."""
    found = find_total(doc(*ROWS, "1345960,50", "ИТОГО затрат", SHARE), DocType.applicant_report)
    assert found is None or found.amount != Decimal("1345960.50")
