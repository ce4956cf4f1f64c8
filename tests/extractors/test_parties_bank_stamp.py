"""A bank's execution stamp on a bad scan of a payment order: the bank's name read apart from the BIN under
it, the stamp's `ИСПОЛНЕНО` and date below. The lines are what Tesseract made of the page."""

from __future__ import annotations

from extractors.parties import find_parties
from models.vocab import DocType, Role
from tests.extractors.test_fields_ocr_marks import doc

HEAD = ("АО «ForteBank»", "Статус документа: Исполнен", "Платёжное поручение № 1030",
        "Дата исполнения 04.07.2025", "Е0363924850Л PY ғ Г $")
SIDES = ("Отправитель ТОО «Каспий Пласт»", "ИИН/БИН 140140992872", "ИИК KZ5072259MM465S9B9Y X",
         "Банк АО «Kaspi Bank»", "КБе 17", "Бенефициар ТОО «Lean Academy Kazakhstan-KZ»",
         "ИИН/БИН 140540230357", "Сумма перевода 4 209 051,84 KZT")


def test_the_bin_in_a_banks_execution_stamp_is_the_banks() -> None:
    page = doc(*HEAD, "БИН 940240907555", "ИСПОЛНЕНО", "04.07.2025", *SIDES)
    parties = find_parties(page, "140140992872", DocType.payment_order)
    assert [(p.bin, p.role) for p in parties] == [("140140992872", Role.applicant),
                                                  ("140540230357", Role.executor)]


def test_a_partys_bin_over_a_status_in_running_text_stays_a_party() -> None:
    """`Исполнен` as the document's status, not a stamp's mark alone on its line."""
    page = doc("Платёжное поручение № 1030", "Бенефициар ТОО «Lean Academy Kazakhstan-KZ»",
               "БИН 140540230357", "Статус: исполнено банком 04.07.2025")
    assert [p.bin for p in find_parties(page, None, DocType.payment_order)] == ["140540230357"]
