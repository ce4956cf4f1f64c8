"""A certificate's `Дата выдачи:` read from a bad scan with its `Д` as `H` or its `ы` as two letters: the
date after it is the certificate's, not the course period's end near its number."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.fields import find_date, find_number
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_doc


@pytest.mark.parametrize("label", ["Hata выдачи:", "Дата вагдачи:"])
def test_a_damaged_issue_date_label_gives_the_certificates_date(label: str) -> None:
    text = ocr_doc("СЕРТИФИКАТ № 17462",
                   "Настоящий сертификат подтверждает, что Тлеубаева Гульнара Сериковна",
                   "прошла обучение в объеме 40 академических часов с 31.08.2024 по 13.09.2024",
                   f"{label} 25 сентября 2024 г.", file="scan.jpg")
    number = find_number(text, DocType.training_certificate)
    found = find_date(text, after=number, doc_type=DocType.training_certificate)
    assert found is not None and found.value == date(2024, 9, 25)
