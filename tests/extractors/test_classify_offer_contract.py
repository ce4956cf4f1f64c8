"""A 1C «Счет-оферта» / «Счет-договор» that cites no contract is the deal's contract (the offer its payment
accepts); one whose requisites cite the contract (`Договор: № … от …`) is a bill, `other`. The lines are
what a text layer gives of such a bill: the sample payment block on top, the title under it."""

from __future__ import annotations

import pytest

from extractors.classify import classify
from models.vocab import DocType, PageSource
from tests.extractors.ocr_lines import ocr_page

HEAD = ("Внимание! Оплата данного счета означает согласие с условиями поставки товара (оказания услуг).",
        "Уведомление об оплате обязательно.",
        "Бенефициар: ИИК Кбе",
        "ТОО «Академия KZ50948133449UDC8W2W 17",
        "производительности",
        "Казахстан»",
        "БИН: 050440145613",
        "Банк бенефициара: БИК КНП",
        "АО «Евразийский Банк» EURIKZKA 859")
REST = ("Исполнитель: БИН 050440145613, ТОО «Академия производительности Казахстан»",
        "Заказчик: БИН 100640101165, ТОО «Альфа»",
        "Предмет: оказание образовательных услуг по программе «Бережливое производство»",
        "№ Наименование Ед. Кол-во Цена без НДС Сумма без НДС",
        "1 Обучение по программе чел. 4 746 910,00 2 987 640,00",
        "Всего к оплате: 3 346 156,80 KZT",
        "Всего наименований 1, на сумму 3 346 156,80 KZT",
        "Условия: 1. Счет действителен в течение 10 банковских дней. 2. Пеня 0,05% за день просрочки.")


@pytest.mark.parametrize("title", ["Счет-оферта № 511 от «06» января 2025 г.",
                                   "Счет-договор №: KZ-2025-2734 от «22» апреля 2025 г.",
                                   "Счет-договор No 889 от «04» апреля 2025 г."])
def test_an_offer_citing_no_contract_is_the_contract(title: str) -> None:
    page = ocr_page(*HEAD, title, *REST, file="Dogovor_511.pdf", source=PageSource.text_layer, confidence=1.0)
    assert classify([page])[0] == DocType.contract


def test_an_offer_citing_its_contract_is_a_bill() -> None:
    page = ocr_page(*HEAD, "Счет-оферта № 511 от 06.01.2025", "Договор: № 955-ОУ/2024 от 02.12.2024", *REST,
                    file="Счет 511.pdf", source=PageSource.text_layer, confidence=1.0)
    assert classify([page])[0] == DocType.other


@pytest.mark.parametrize("title", ["Счет-оферта Ne: KZ-2025-4217 or «11» сентября 2025 г.",
                                   "Счет-оферта N° 511 от «06» января 2025 г."])
def test_an_offer_whose_number_sign_ocr_misread_is_the_contract_too(title: str) -> None:
    """A photographed offer: OCR reads its `№:` as `Ne:` or `N°`."""
    page = ocr_page(*HEAD, title, *REST, file="scan5767.pdf")
    assert classify([page])[0] == DocType.contract
