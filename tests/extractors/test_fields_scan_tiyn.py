"""A bank's print read from a bad scan: the tiyn of the amount in words (`тенге 42 гиын`, its word OCR
damaged) and a payment's purpose code (`(КНП): 711`) are never the payment's amount."""

from __future__ import annotations

from decimal import Decimal

from extractors.fields import find_total
from extractors.money import find_amounts
from extractors.textindex import DocText
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_doc


def doc(*lines: str) -> DocText:
    return ocr_doc(*lines, file="scan.jpg", step=0.04, width=0.03)


def test_the_tiyn_of_an_amount_in_words_read_with_a_wrong_letter_is_no_amount() -> None:
    assert find_amounts("триста шестьдесят тенге 42 гиын") == []
    assert [m.amount for m in find_amounts("Итого 5 000 000 тенге 07 тіын")] == [Decimal("5000000.07")]


def test_a_code_in_parentheses_is_no_amount() -> None:
    assert find_amounts("Код назначения платежа (КНП): 711 Код бюджетной классификации") == []


def test_a_payments_total_is_not_the_tiyn_of_its_words_nor_its_purpose_code() -> None:
    text = doc("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 1751 06.04.2026",
               "Отправитель Сумма",
               "тенге 42 гиын",
               "Код назначения платежа (КНП): 711",
               "Назначение платежа")
    total = find_total(text, DocType.payment_order)
    assert total is None or total.amount not in (Decimal(42), Decimal(711))
