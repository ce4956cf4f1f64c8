"""A bill for payment («Счет на оплату») scanned: its title stands under the sample payment block, and OCR
reads its `№` as `Ne` — still a bill (`other`), not the payment order its sample block resembles. The
lines are what Tesseract read from a clean 300 dpi scan of a generated bill."""

from __future__ import annotations

from extractors.classify import classify
from models.pages import Page, Word
from models.vocab import DocType, PageSource


def page(*lines: str) -> Page:
    words = [Word(text=t, bbox=(0.1, 0.1 + i * 0.02, 0.2, 0.11 + i * 0.02), confidence=0.93, line=i)
             for i, line in enumerate(lines) for t in line.split()]
    return Page(file="Счет.pdf", page=1, source=PageSource.ocr, words=tuple(words))


HEAD = ("Внимание! Оплата данного счета означает согласие с условиями поставки товара. Уведомление об "
        "оплате обязательно, в противном случае",
        "не гарантируется наличие товара на складе.", "Бенефициар: ИИК Кбе", "ТОО «КазЭнергоЭксперт»",
        "БИН: 171140576972", "KZ86601972EM6544GL79 7.", "Банк бенефициара: БИК Код назначения", "платежа",
        "АО «Народный Банк Казахстана» HSBKKZKX 859")
TAIL = ("Поставщик: TOO «КазЭнергоЭксперт», БИН 171140576972, 160110, г. Шымкент, тел.: +7 705 871 83 78",
        "Покупатель: ТОО «Береке Мебель ЕТО», БИН 110640543178, 140530, г. Павлодар",
        "Договор: Мо ДП-2024/137 от 08.07.2024", "Ме | Код Наименование Кол-во | Ед. Цена Сумма",
        "1 | АКТ-8910 | Тепловизионное обследование ограждающих конструкций зданий",
        "4 обьект | 336 051,71 | 1 344 206,84", "Итого: 6 521 043,33", "В том числе НДС 12%: 698 683,21",
        "Всего наименований 2, на сумму 6 521 043,33 КИТ")


def test_a_bill_whose_number_sign_reads_ne_is_a_bill() -> None:
    kind, _, _ = classify([page(*HEAD, "Счет на оплату Ne 507 от 11 июля 2024 г.", *TAIL)])
    assert kind == DocType.other


def test_other_readings_of_the_number_sign_before_digits() -> None:
    for sign in ("Мо", "Хо", "No.", "№"):
        kind, _, _ = classify([page(*HEAD, f"Счет на оплату {sign} 507 от 11 июля 2024 г.", *TAIL)])
        assert kind == DocType.other, sign


def test_a_payment_order_citing_a_bill_in_its_purpose_stays_a_payment_order() -> None:
    kind, _, _ = classify([page("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 2087", "от 26.07.2024",
                                "Отправитель денег ТОО «Береке»", "Бенефициар ТОО «КазЭнергоЭксперт»",
                                "КНП 859",
                                "Назначение платежа: оплата по счету на оплату Ne 507 от 11.07.2024",
                                "Сумма 6 521 043,33")])
    assert kind == DocType.payment_order
