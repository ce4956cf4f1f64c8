"""An acceptance certificate whose heading `АКТ ПРИЕМА-ПЕРЕДАЧИ № 920` a bad scan damaged (`ФЕ ПРИЕМА-ПЕРЕДА о
920`): the heading's line still opens with a speck of letters before `ПРИЕМА-ПЕРЕДА…`. The lines are what
Tesseract read."""

from __future__ import annotations

from extractors.classify import classify
from models.pages import Page
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_page

CERTIFICATE = ("ФЕ ПРИЕМА-ПЕРЕДА о 920", "оборудования", "г. Атырау 20.01.2025",
               "Мы, нижеподписавшиеся, АО «KazMachinery» (БИН 060840594287) в лице",
               "Ахметова Дмитрия Болатовича (Передаюшая сторона) и ТОО «Арман Агро",
               "(Принимаюшая сторона), составили настояший акт о том, что Передаюшая",
               "сторона передала, а Принимающая сторона приняла следующее оборудование:",
               "1 | Токарный станок с ЧПУ SMTCL CAK5085di 1 шт. 33445095.04", "Итого 33445095.04",
               "Заводской номер: 5М202415843. Изготовитель: ОМТС Dalian Machine Tool (Китай).",
               "Передал:", "АО «KazMachinery»", "Принял:", "ТОО «Арман Агро Казахстан-")


def page(lines: tuple[str, ...]) -> Page:
    return ocr_page(*lines, file="Scan_6349.tif", page=1, confidence=0.93)


def test_an_acceptance_certificate_under_a_damaged_heading() -> None:
    assert classify([page(CERTIFICATE)])[0] == DocType.acceptance_certificate


def test_a_row_citing_the_certificate_is_no_heading() -> None:
    row = ("Счет-фактура № 807 от 20.01.2025", "Поставщик АО «KazMachinery»",
           "Основание: по акту приема-передачи № 920 от 20.01.2025")
    assert classify([page(row)])[0] != DocType.acceptance_certificate
