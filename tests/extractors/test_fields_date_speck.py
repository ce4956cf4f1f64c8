"""A signing date alone on its line under a photographed application's signature, a speck before it read as
the letter `и`. The lines are what Tesseract made of the page; the truth is what it prints."""

from __future__ import annotations

from datetime import date

from extractors.fields import find_date
from models.vocab import DocType
from tests.extractors.test_fields_ocr_marks import doc

HEAD = ("ЗАЯВКА", "на возмещение части затрат", "Акционерное общество «Каспий Пласт-К2»",
        "Договор № 244-ОУ/2024 от 29.05.2024",
        "Прошу возместить часть затрат согласно прилагаемым документам.", "Председатель Правления Ахметов Н.")


def test_a_speck_read_as_i_before_the_signing_date_leaves_it_alone_on_its_line() -> None:
    found = find_date(doc(*HEAD, "и ' «04» августа 2026 года", "М.П. (при наличии)"),
                      doc_type=DocType.application)
    assert found is not None and found.value == date(2026, 8, 4)
