"""An application whose heading `ЗАЯВКА` a phone photo lost is told by the form's corner: the Rules give
it as their appendix 1 (`Приложение 1` / `к Правилам стимулирования …`, `к` read as `«`). The lines are
what Tesseract read from a photo of one."""

from __future__ import annotations

from extractors.classify import classify
from models.pages import Page
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_page

APPLICATION = ("Приложение 1", "« Правилам стимулирования повышения производительности труда",
               "В АО «Qazindustry»", "от ТОО «Көкжиек Құрылыс Казахстан»", "041040052537", "14.10.2004",
               "140080. Павлодарская обл., г. Павлодар, ул.", "Жандосова. д. 137",
               "5. Руководитель Касымов Ержан Ерланович", "7. Код ОКЭД 31090",
               "8. Вид затрат, предлагаемых к Повышение компетенций работников",
               "9. Банковские реквизиты",
               "10. Уплаченные налоги за три", "предыдущих года", "Прошу возместить часть затрат в",
               "подтверждаю.",
               "2023г. — 30 098 460.80; 2024 г. — 55 883 503.23; 2025",
               "соответствии с Правилами. Достоверность сведений",
               "Директор | Касымов Е. Е. Дата: 12.08.2026")


def page(lines: tuple[str, ...]) -> Page:
    return ocr_page(*lines, file="zayavka.jpg", page=1, confidence=0.92)


def test_an_application_without_its_heading_is_told_by_the_forms_corner() -> None:
    assert classify([page(APPLICATION)])[0] == DocType.application


def test_an_appendix_1_of_a_contract_is_no_application() -> None:
    annex = ("Приложение 1", "к Договору № 954-ОУ/2024 от 11.10.2024", "Спецификация оборудования",
             "Наименование Количество Цена Сумма", "Итого 21 909 790,95")
    assert classify([page(annex)])[0] != DocType.application
