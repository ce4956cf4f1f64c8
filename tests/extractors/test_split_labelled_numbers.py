"""Certificates printed into one file, one a page, each numbered by a label and no `№`
(`Регистрационный номер: 84318`): a page under the same heading with another labelled number opens a
certificate of its own. The lines are what a text layer gives."""

from __future__ import annotations

from extractors.split import split_file
from models.pages import Page
from models.vocab import PageSource
from tests.extractors.ocr_lines import ocr_page


def certificate(number: str, name: str, page_number: int) -> Page:
    return ocr_page("АО «Lean Academy Kazakhstan» · БИН 140940229030", "СЕРТИФИКАТ",
                    f"Регистрационный номер: {number}", "Настоящим удостоверяется, что", name,
                    "с 04.04.2025 по 02.05.2025 прошел(а) обучение по программе «Производственная система»",
                    "в объеме 48 академических часов.", "Дата выдачи: 02.05.2025",
                    "Директор ________ Касымов Р. С.",
                    file="Приказ 743-П.pdf", page=page_number, source=PageSource.text_layer, confidence=1.0)


def test_certificates_numbered_by_a_label_are_one_a_page() -> None:
    pages = [certificate("84318", "Серикова Елена Нурлановна", 1),
             certificate("84319", "Ким Асхат Кайратович", 2)]
    assert [[p.page for p in g] for g in split_file(pages)] == [[1], [2]]


def test_a_page_with_the_same_labelled_number_goes_on_the_same_certificate() -> None:
    pages = [certificate("84318", "Серикова Елена Нурлановна", 1),
             certificate("84318", "Серикова Елена Нурлановна", 2)]
    assert [[p.page for p in g] for g in split_file(pages)] == [[1, 2]]
