"""A head's IIN printed after the tail of a name a bad scan or a phone photo cut: the person's number,
no party of the paper. The lines are what Tesseract made of the pages; the truth is what they print."""

from __future__ import annotations

from extractors.parties import find_parties
from models.vocab import DocType
from tests.extractors.test_fields_ocr_marks import doc


def test_an_iin_after_a_patronymic_opening_its_line_is_the_heads_not_the_applicants() -> None:
    """A photographed application lost the head's post and name but the patronymic's tail: the IIN in
    brackets after it is the head's own, no party of the application."""
    page = doc("ЗАЯВКА", "на возмещение части затрат", "Акционерное общество «Каспий Пласт-К2»",
               "|Наименование заявителя", "ГБин/иин", "(Руководитель", "‘дрович (ИИН 900223370200).",
               "Договор № 244-ОУ/2024 от 29.05.2024")
    assert find_parties(page, "101240245756", DocType.application) == ()


def test_an_entrepreneurs_iin_after_the_patronymic_stays_the_party() -> None:
    page = doc("Индивидуальный предприниматель Есенов Канат", "Маратович (ИИН 880516370800), именуемый",
               "в дальнейшем «Исполнитель»")
    assert [p.bin for p in find_parties(page, None, DocType.contract)] == ["880516370800"]


def test_an_iin_the_preamble_names_a_side_after_the_patronymic_stays_the_party() -> None:
    """The entrepreneur's form read on the line after the name's tail: `именуемое` after the IIN names
    a side."""
    page = doc("АКТ ПРИЕМА-ПЕРЕДАЧИ ОБОРУДОВАНИЯ № 498", "г. Шымкент «20» октября 2025 года",
               "/рланович (ИИН 790903301169), именуемое «Передающая сторона»",
               "Индивидуальный предприниматель Попов Ерлан")
    assert [p.bin for p in find_parties(page, None, DocType.acceptance_certificate)] == ["790903301169"]
