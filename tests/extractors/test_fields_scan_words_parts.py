"""Amounts in words a bad scan cut or damaged: the tail of the words is never the total when it is only a
fragment of a larger amount the page prints, and tiyn the words lost come from the digits printed."""

from __future__ import annotations

from decimal import Decimal

from extractors.fields import find_total
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_doc


def test_the_words_tail_read_apart_from_their_head_spell_the_whole_printed_amount() -> None:
    text = ocr_doc("ДОГОВОР № 5483",
                   "2.1. Общая сумма Договора сдс",
                   "четыреста сорок тенге 08 тиы",
                   "яет 1 396 440,08 (Один миллион триста девяносто шесть тысяч",
                   "2.2. Цена Договора установлена в тенге.", file="scan.jpg")
    total = find_total(text, DocType.contract)
    assert total is not None and total.amount == Decimal("1396440.08")


def test_a_fragment_of_a_larger_printed_amount_is_never_the_total_though_words_spell_it() -> None:
    text = ocr_doc("СЧЕТ НА ОПЛАТУ № 192 от 27 мая 2025 г.",
                   "1 Обучение по программе 11 чел. | 396 440, ов! 1 396 440,08 |",
                   "Всего наименований 1, на сумму: 4996 440, ce",
                   "es миллион TOKCTA peers Шесть тысы четыреста сорок тенге 08 тиын", file="scan.jpg")
    total = find_total(text, DocType.other)
    assert total is None or total.amount != Decimal("440.08")


def test_tiyn_the_words_lost_are_the_printed_amounts_with_the_same_tenge() -> None:
    text = ocr_doc("Счет на оплату № 568 от 17 июня 2025 г.",
                   "Всего наименований 3, на сумму 7 399 547.77 KZT",
                   "Всего к оплате: Семь миллионов триста девяносто девять тысяч пятьсот сорок семь"
                   " тенге 77 тиым",
                   file="scan.jpg")
    total = find_total(text, DocType.other)
    assert total is not None and total.amount == Decimal("7399547.77")



def test_a_currency_named_for_reference_is_not_the_prices() -> None:
    text = ocr_doc("ДОГОВОР № 5483",
                   "2.1. Общая сумма Договора сдс",
                   "четыреста сорок тенге 08 тиы",
                   "яет 1 396 440,08 (Один миллион триста девяносто шесть тысяч",
                   "2.2. Цена Договора установлен: енге ГЕ Для справки: по курсу Национального ее",
                   "Республики Казахстан на дату но я (RUB);",
                   "изменение курса RUB/KZT цену Жговора не меняет.", file="scan.jpg")
    total = find_total(text, DocType.contract)
    assert total is not None and total.amount == Decimal("1396440.08") and total.currency == "KZT"
