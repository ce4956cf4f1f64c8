"""Kinds of papers laid out unlike the generator's own: born-digital pages rendered here and typed."""

from __future__ import annotations

from extractors.classify import classify
from models.vocab import DocType
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
