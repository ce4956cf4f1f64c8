"""A bank's print read from a bad scan: the tiyn of the amount in words (`тенге 42 гиын`, its word OCR
damaged) and a payment's purpose code (`(КНП): 711`) are never the payment's amount."""

from __future__ import annotations

from decimal import Decimal

from extractors.fields import find_total
from extractors.money import find_amounts
from extractors.textindex import DocText
from models.pages import Page, Word
from models.vocab import DocType, PageSource


def doc(*lines: str) -> DocText:
    words = [Word(text=t, bbox=(0.05 + j * 0.04, 0.05 + i * 0.02, 0.08 + j * 0.04, 0.06 + i * 0.02),
                  confidence=0.8, line=i)
             for i, line in enumerate(lines) for j, t in enumerate(line.split())]
    return DocText([Page(file="scan.jpg", page=1, source=PageSource.ocr, words=tuple(words))])


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
