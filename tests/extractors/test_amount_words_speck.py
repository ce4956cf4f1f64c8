"""An amount in words wrapped onto a line that a speck opens (`… тысяч двести` / `у семьдесят один тенге
15 тиын`): the speck OCR read as a letter does not end the phrase. The lines are what Tesseract made of an
internet bank's payment order on a bad scan; the truth is what the paper prints."""

from __future__ import annotations

from decimal import Decimal

from extractors.amount_words import find_amounts_in_words
from extractors.fields import find_total
from models.vocab import DocType
from tests.extractors.test_fields_ocr_marks import doc

WORDS = ("Сумма прописью Один миллион девятьсот сорок семь тысяч двести",
         "у семьдесят один тенге 15 тиын")


def test_a_speck_opening_the_wrapped_line_does_not_end_the_words() -> None:
    assert [v for v, _, _ in find_amounts_in_words("\n".join(WORDS))] == [Decimal("1947271.15")]


def test_a_word_after_the_phrase_on_the_next_line_is_no_speck() -> None:
    assert [v for v, _, _ in find_amounts_in_words("пять тысяч тенге\nу нас семь дней")] == [Decimal(5000)]


def test_a_payment_order_whose_digits_the_scan_ruined_gives_its_amount_in_words() -> None:
    found = find_total(doc("Платежное поручение Ме 1570", "Бенефициар TOO «ПромМонтаж Строй-К?»",
                           "52-4 17 “ а 47 %", "ма 194727219К21 ”", *WORDS,
                           "Назначение платежа Предоплата услуги по договору"), DocType.payment_order)
    assert found is not None and found.amount == Decimal("1947271.15")
