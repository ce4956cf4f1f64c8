"""Training certificates photographed into one file, one a page: OCR read the second one's `№ 11040` as
`Мо 11040`, and that number, not the first one's `№ 11039`, opens a certificate of its own. The lines
are what Tesseract read."""

from __future__ import annotations

from extractors.split import split_file
from models.pages import Page, Word
from models.vocab import PageSource


def certificate(number_line: str, name: str, page_number: int) -> Page:
    lines = ("Акционерное общество «Sapa Training»", "БИН 060540794080 + 100350, г. Караганда", "СЕРТИФИКАТ",
             number_line, "Настоящий сертификат выдан", name,
             "в том, что он(а) прошел(ла) обучение по программе «Программирование и наладка станков с ЧПУ»",
             "Директор Нургалиева А. Дата выдачи: 25.09.2024")
    words = [Word(text=t, bbox=(0.1, 0.1 + i * 0.02, 0.2, 0.11 + i * 0.02), confidence=0.9, line=i)
             for i, line in enumerate(lines) for t in line.split()]
    return Page(file="prikaz_316-П и др.pdf", page=page_number, source=PageSource.ocr, words=tuple(words))


def test_a_certificate_numbered_mo_after_another_is_a_certificate_of_its_own() -> None:
    pages = [certificate("№ 11039", "Тлеубаев Сергей Ерланович", 1),
             certificate("Мо 11040", "Жумабеков Ерлан Болатович", 2)]
    assert [[p.page for p in g] for g in split_file(pages)] == [[1], [2]]
