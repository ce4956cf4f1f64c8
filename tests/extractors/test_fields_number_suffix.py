"""A number's letter suffix that OCR parted from its digits by a space (`№ 216 -п` for `216-П`)."""

from __future__ import annotations

from extractors.fields import find_number
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_doc


def test_an_orders_letter_suffix_parted_by_a_space_stays_with_its_digits() -> None:
    text = ocr_doc("07.10.2024 № 216 -п",
                   "8 целях повышения квалификации работников ПРИКАЗЫВАЮ: направить на обучение",
                   file="scan.jpg")
    found = find_number(text, DocType.order)
    assert found is not None and found.value.upper() == "216-П"


def test_a_preposition_after_a_hyphen_is_no_suffix() -> None:
    text = ocr_doc("ПРИКАЗ № 216 -от 07.10.2024", "ПРИКАЗЫВАЮ: направить на обучение", file="scan.jpg")
    found = find_number(text, DocType.order)
    assert found is not None and found.value == "216"
