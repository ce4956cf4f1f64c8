"""`Дата:` under a report's signatures read from a bad scan with its first letter or its `т` misread."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.fields import find_date
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_doc


@pytest.mark.parametrize("label", ["Мата:", "Nava:"])
def test_a_damaged_date_label_under_the_signatures_dates_the_report(label: str) -> None:
    text = ocr_doc("Отчет о затратах",
                   *[f"{i} Обучение работников п/п № 2284 от 27.02.2025 {i}00 000,00" for i in range(1, 4)],
                   "Итого 600 000,00",
                   "Руководитель Попов Л. М. Главный бухгалтер Тлеубаев Л. Б.",
                   f"{label} 01.09.2026 tip", file="scan.jpg")
    found = find_date(text, doc_type=DocType.applicant_report)
    assert found is not None and found.value == date(2026, 9, 1)


def test_a_word_that_is_no_date_label_dates_nothing() -> None:
    text = ocr_doc("Отчет о затратах",
                   "1 Обучение работников п/п № 2284 от 27.02.2025 100 000,00",
                   "Итого 100 000,00",
                   "Руководитель Попов Л. М.",
                   "Марка: 01.09.2026", file="scan.jpg")
    found = find_date(text, doc_type=DocType.applicant_report)
    assert found is None or found.value != date(2026, 9, 1)
