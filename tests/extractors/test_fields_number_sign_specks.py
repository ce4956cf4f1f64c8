"""Numbers whose `№` a bad scan read with a speck glued to it (`№®`, `№°`) or as `М2`/`N2` (its small
raised `o` read as a two). The lines are what Tesseract made of the pages; the truth is what they print."""

from __future__ import annotations

import pytest

from extractors.fields import find_number
from models.vocab import DocType
from tests.extractors.test_fields_ocr_marks import doc


@pytest.mark.parametrize("heading", ["ШАРТ №® 941", "ШАРТ №° 941", "ШАРТ № * 941", "ДОГОВОР №\" 941"])
def test_a_speck_glued_to_the_number_sign_is_no_part_of_the_number(heading: str) -> None:
    found = find_number(doc(heading, "Алматы қ. 2025 жылғы 19 мамыр",
                            "Бұдан әрі «Тапсырыс беруші» деп аталатын «Каспий Пласт» ЖШС"), DocType.contract)
    assert found is not None and found.value == "941"


@pytest.mark.parametrize(("heading", "doc_type", "number"), [
    ("ДОГОВОР ВОЗМЕЗДНОГО ОКАЗАНИЯ УСЛУГ М2 184", DocType.contract, "184"),
    ("ДОГОВОР ВОЗМЕЗДНОГО ОКАЗАНИЯ УСЛУГ N2 ДП-2024/864", DocType.contract, "ДП-2024/864"),
    ("СЧЕТ НА ОПЛАТУ М2 674 от 12.03.2026", DocType.invoice, "674"),
])
def test_m2_before_the_number_is_the_number_sign(heading: str, doc_type: DocType, number: str) -> None:
    """The citation of a law further down (`от 28 февраля 2007 года № 234-Ш`) is no number of the paper."""
    found = find_number(doc(heading, "г. Атырау «09» июня 2025 года",
                            "Индивидуальный предприниматель Есенов Канат Маратович",
                            "3.3. Стороны руководствуются: Законом Республики Казахстан",
                            "от 28 февраля 2007 года",
                            "№ 234-Ш «О бухгалтерском учете и финансовой отчетности»"), doc_type)
    assert found is not None and found.value == number


@pytest.mark.parametrize("line", ["Площадь помещения 54 м2 184 рабочих места", "Объем 12 М2 184"])
def test_square_metres_are_no_number_sign(line: str) -> None:
    """`м2` after a figure is a unit: the digits after it are no number."""
    found = find_number(doc("Справка", line), DocType.other)
    assert found is None or found.value != "184"
