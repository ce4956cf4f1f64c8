"""A total whose tiyn separator a bad scan lost (`32 790 68352`), confirmed by the amount in words. The
lines are what Tesseract made of a waybill's last rows; the truth is what the paper prints."""

from __future__ import annotations

from decimal import Decimal

from extractors.fields import find_total
from models.vocab import DocType
from tests.extractors.test_fields_ocr_marks import doc

ROW = "1 Тақтоннбының пресс д; Тидравлический. 8462230000 tin i 32 19068352 {3513 28757"
TOTAL = "Итого Bt вот М Ғ- бы ИКИ: ТГ р [32 790 68352 [35328752"


def test_a_total_whose_tiyn_comma_was_lost_is_read_where_the_words_end_with_its_digits() -> None:
    """The words lost their leading `Тридцать` (read `Тойдиать`): they still end with the total's digits."""
    found = find_total(doc(ROW, TOTAL, "Всего отпущено на сумму (прописью) Тойдиать два миллиона семьсот "
                           "девяносто тысяч шестьсот восемьдесят три тенге 52 тиын"), DocType.waybill)
    assert found is not None and found.amount == Decimal("32790683.52")


def test_five_digits_the_words_do_not_confirm_are_no_total() -> None:
    found = find_total(doc(ROW, TOTAL, "Всего отпущено на сумму (прописью) один миллион двести тысяч "
                           "тенге 00 тиын"), DocType.waybill)
    assert found is None or found.amount != Decimal("32790683.52")
