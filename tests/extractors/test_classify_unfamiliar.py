"""Kinds of papers laid out unlike the generator's own: born-digital pages rendered here and typed."""

from __future__ import annotations

from extractors.classify import classify
from models.vocab import DocType, PageSource
from tests.extractors.test_fields_any_layout import lines_at, make_bin, read, render


def test_an_esf_whose_requisites_come_before_its_title_is_an_invoice() -> None:
    """A landscape ЭСФ read column by column: the supplier's `Свидетельство по НДС` line opens the page,
    the title `СЧЕТ-ФАКТУРА (электронный)` comes after the first lines."""
    pdf = render([
        *lines_at(40, 40, [
            "Дата совершения оборота: 12.02.2025",
            "Статус: Доставлен   Вид: Основной",
            "Раздел B. Реквизиты поставщика",
            "БИН/ИИН: " + make_bin("14104008670"),
            "Поставщик: ТОО «Станкоимпорт»",
            "Адрес места нахождения: г. Тараз, ул. Жибек жолы, д. 12",
            "Свидетельство по НДС: серия 45648 № 3607465",
            "ИИК: KZ27601864127G553ADY",
            "Раздел D. Договор (контракт): № KZ-2024-9062 от 21.11.2024",
            "СЧЕТ-ФАКТУРА (электронный)",
            "Регистрационный номер   Номер учетной системы   Дата выписки",
            "Раздел C. Реквизиты получателя",
            "Стоимость без НДС   НДС сумма   Стоимость с НДС",
            "Итого   47 563 986,41   5 707 678,37   53 271 664,78",
        ], step=14),
    ], landscape=True)
    kind, _, _ = classify([read(pdf)])
    assert kind == DocType.invoice


def test_a_vat_registration_certificate_is_no_training_certificate() -> None:
    pdf = render([
        (150, 60, "СВИДЕТЕЛЬСТВО"),
        (60, 80, "о постановке на регистрационный учет по налогу на добавленную стоимость"),
        (60, 110, "Серия 60001 № 0045123"),
        (60, 130, "ТОО «Альфа», БИН " + make_bin("18044094207")),
        (60, 150, "Дата постановки на учет: 01.04.2018"),
    ])
    kind, _, scores = classify([read(pdf)])
    assert kind != DocType.training_certificate
    assert DocType.training_certificate not in scores  # its title is not a training certificate's


def test_a_banks_internet_banking_printout_titled_by_its_short_name_is_a_payment_order() -> None:
    """Kaspi Business: `Платеж № 706`, the payer and the recipient side by side, КНП, purpose."""
    pdf = render([
        (40, 40, "Kaspi Business"), (400, 40, "Kaspi Pay для бизнеса"),
        *lines_at(40, 70, [
            "Платеж № 706",
            "Дата: 2025-10-20 Проведен",
        ], step=14),
        (40, 110, "Плательщик"), (300, 110, "Получатель"),
        (40, 124, "ТОО «Альфа»"), (300, 124, "ТОО «Бета»"),
        (40, 138, "БИН: " + make_bin("09064035226")), (300, 138, "БИН: " + make_bin("07014091509")),
        (40, 152, "КОд: 17"), (300, 152, "Кбе: 17"),
        *lines_at(40, 180, [
            "Сумма платежа 1 037 502.64 KZT",
            "КНП 711",
            "Назначение Предоплата за оборудование по договору № 15 от 17.10.2025",
        ], step=14),
    ])
    kind, _, _ = classify([read(pdf)])
    assert kind == DocType.payment_order


def test_a_bill_for_payment_with_the_beneficiarys_codes_stays_other() -> None:
    pdf = render([
        *lines_at(40, 40, [
            "Бенефициар: ТОО «Бета»  БИН " + make_bin("07014091509") + "  Кбе 17",
            "Банк бенефициара: АО «Kaspi Bank»  БИК CASPKZKA  Код назначения платежа 859",
            "Счет на оплату № 653 от 01.10.2025",
            "Покупатель: ТОО «Альфа»",
            "Итого к оплате: 1 037 502,64",
        ], step=14),
    ])
    kind, _, _ = classify([read(pdf)])
    assert kind == DocType.other


def test_an_application_whose_bold_heading_ocr_misread_is_still_an_application() -> None:
    """A scan read `ЗАЯВКА` as `3AHBKA`: the heading's second line and the answers grid tell the kind."""
    pdf = render([
        *lines_at(330, 40, ["Приложение 1", "к Правилам стимулирования повышения",
                            "производительности труда"]),
        (300, 90, "АО «Казахстанский центр индустрии и экспорта «QazIndustry»"),
        (260, 120, "3AHBKA"),
        (220, 134, "на возмещение части затрат"),
        *lines_at(40, 160, [
            "№ Сведения Данные",
            "1 Наименование заявителя ТОО «Альфа»",
            "2 БИН заявителя " + make_bin("18044094207"),
            "3 Дата государственной регистрации 16.09.2007",
        ], step=14),
    ])
    kind, _, _ = classify([read(pdf)])
    assert kind == DocType.application


def test_a_bill_whose_title_stands_under_the_sample_payment_block_stays_other() -> None:
    """A bill for payment (1C layout): the consent note and the sample payment order's requisites take
    the first lines; the title `Счет на оплату № …` stands below them. Read by OCR (the damaged-wording
    phrases count), `Образец платежного поручения` is no payment order's heading."""
    pdf = render([
        *lines_at(40, 40, [
            "Внимание! Оплата данного счета означает согласие с условиями поставки товара.",
            "Образец платежного поручения",
            "Бенефициар:                              ИИК                       Кбе",
            "ТОО «Бета»                               KZ50965W82SF522BW36H      17",
            "БИН: " + make_bin("14034024767"),
            "Банк бенефициара:                        БИК                       Код назначения",
            "АО «ForteBank»                           IRTYKZKA                  платежа",
            "                                                                   710",
            "",
            "Счет на оплату № 178 от 5 ноября 2024 года",
            "Поставщик: ТОО «Бета»",
            "Покупатель: ТОО «Альфа»",
            "Всего к оплате: 20 848 390,08 KZT",
        ], step=14),
    ])
    kind, _, _ = classify([read(pdf, PageSource.ocr)])
    assert kind == DocType.other
