"""Heads of papers whose number and date stand where a general rule must find them: a bank's payment order
with its labels in Kazakh and Russian, an ЭСФ print whose labels stand in a grid over their values, a Kazakh
act labelled `Нөмірі:` that cites its contract's number, a Kazakh contract numbered before its title word
without a `№`. Written out by hand, rendered and read back through the text layer; the truth is what each
paper prints in its fields."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from models.vocab import DocType
from tests.extractors.test_fields_any_layout import fields_of, lines_at, make_bin, read, render

ALFA = make_bin("18044094207")
BETA = make_bin("20084046735")


def test_a_bilingual_payment_order_is_numbered_in_its_heading_never_by_the_invoice_it_pays() -> None:
    pdf = render(lines_at(40, 40, [
        "ForteBusiness",
        "Төлем тапсырмасы № / Платежное 1877",
        "поручение №",
        "Күні / Дата 4 шілде 2024 ж. / 04.07.2024",
        "Ақша жіберуші / Отправитель денег ТОО «Альфа»",
        f"БСН/ЖСН / БИН/ИИН {ALFA}",
        "Бенефициар / Бенефициар ТОО «Бета»",
        f"Бенефициардың БСН/ЖСН / БИН/ИИН {BETA}",
        "Сомасы / Сумма 8 563 432,23 KZT",
        "Төлемнің мақсаты / Назначение платежа Оплата за оказанные услуги по договору № ДП-2024/520",
        "от 19.06.2024, сч/ф № 00006845, в т.ч. НДС 12%",
        "Банк белгісі / Отметка банка: ОРЫНДАЛДЫ / ИСПОЛНЕНО 04.07.2024",
    ]))
    f = fields_of([read(pdf)], DocType.payment_order)
    assert f.number is not None and f.number.value == "1877"
    assert f.date is not None and f.date.value == date(2024, 7, 4)


def test_an_esf_print_is_numbered_under_its_accounting_number_label_in_the_head_grid() -> None:
    pdf = render([
        (40, 40, "СЧЕТ-ФАКТУРА"),
        (40, 55, "Информационная система «Электронные счета-фактуры»"),
        (40, 75, "Регистрационный номер"),
        (200, 75, "Учетный номер"),
        (300, 75, "Дата выписки"),
        (400, 75, "Дата совершения оборота"),
        (40, 88, "ESF-030740-2025-7831395259"),
        (200, 88, "СФ-195"),
        (300, 88, "14.04.2025"),
        (400, 88, "14.04.2025"),
        *lines_at(40, 110, [
            "Раздел B. Реквизиты поставщика",
            f"2. ИИН/БИН {BETA} ТОО «Бета»",
            "Раздел C. Реквизиты получателя",
            f"3. ИИН/БИН {ALFA} ТОО «Альфа»",
            "Раздел G. Данные по товарам, работам, услугам",
            "№ Признак Наименование Ед. Кол-во Цена Стоимость",
            "п/п происхождения изм.",
            "1 1 Термопластавтомат шт. 1 18 890 873.04 18 890 873.04",
            "Всего по счету: 18 890 873.04",
        ]),
    ])
    f = fields_of([read(pdf)], DocType.invoice)
    assert f.number is not None and f.number.value == "СФ-195"
    assert f.date is not None and f.date.value == date(2025, 4, 14)


def test_a_kazakh_act_is_numbered_by_its_label_never_by_the_contract_it_cites() -> None:
    pdf = render(lines_at(40, 40, [
        "ОРЫНДАЛҒАН ЖҰМЫСТАР (КӨРСЕТІЛГЕН ҚЫЗМЕТТЕР) АКТІСІ",
        "Нөмірі: 975 · Күні: 11 қыркүйек 2025 ж.",
        "Тапсырыс беруші ТОО «Альфа»",
        f"БСН {ALFA}",
        "Орындаушы ТОО «Бета»",
        f"БСН {BETA}",
        "Шарт 2025 жылғы 5 тамыз № 219",
        "Кезең 10 тамыз 2025 ж. — 6 қыркүйек 2025 ж.",
        "Барлығы: 837 971,68 ₸",
    ]))
    f = fields_of([read(pdf)], DocType.act)
    assert f.number is not None and f.number.value == "975"
    assert f.date is not None and f.date.value == date(2025, 9, 11)


@pytest.mark.parametrize("number", ["383-ОУ/2025", "KZ-2025-2298", "729"])
def test_a_kazakh_contract_numbered_before_its_title_word_without_a_mark(number: str) -> None:
    pdf = render(lines_at(40, 40, [
        f"{number} ШАРТ",
        "Астана қ. 2025 жылғы 19 қараша",
        "Бұдан әрі «Тапсырыс беруші» деп аталатын «Альфа» ЖШС, бір тараптан, және бұдан әрі",
        "«Орындаушы» деп аталатын «Бета» ЖШС, екінші тараптан, төмендегілер туралы осы Шартты жасасты:",
        "1. ШАРТТЫҢ МӘНІ",
        "1.1. Шарттың мәні: қызметтер көрсету, Ерекшелікке (№ 1 қосымша) сәйкес.",
        f"Тапсырыс беруші БСН {ALFA}   Орындаушы БСН {BETA}",
    ]))
    f = fields_of([read(pdf)], DocType.contract)
    assert f.number is not None and f.number.value == number
    assert f.date is not None and f.date.value == date(2025, 11, 19)


def test_a_clause_heading_under_a_contract_title_is_no_number() -> None:
    pdf = render(lines_at(40, 40, [
        "ШАРТ",
        "Астана қ. 2025 жылғы 19 қараша",
        "1 ШАРТТЫҢ МӘНІ",
        "«Альфа» ЖШС және «Бета» ЖШС төмендегілер туралы осы Шартты жасасты.",
    ]))
    f = fields_of([read(pdf)], DocType.contract)
    assert f.number is None or f.number.value != "1"


def test_a_statement_row_whose_purpose_cites_a_contract_before_the_amount_gives_the_amount() -> None:
    """The purpose cut at its cell's edge: the contract's number after `№` stands right before the debit
    (`… по договору № 507 953 148,67 0,00`)."""
    pdf = render(lines_at(30, 40, [
        "Freedom Business",
        "Выписка по счету KZ765513LRJ03144W39P",
        "за период с 01.09.2025 по 01.09.2025",
        f"Клиент: ТОО «Альфа», ИИН/БИН {ALFA}",
        "Валюта счета: KZT",
        "Входящий остаток: 2 008 951,80",
        "Дата № Корреспондент БИН/ИИН ИИК корр. КНП Назначение платежа Дебет Кредит",
        "док. корр.",
        f"01.09.2025 328 ТОО «Бета» {BETA} KZ82551A5KWA3VA1556M 859 Оплата по договору № 507 953 148,67 0,00",
        "от 31.07.2025, сч/ф № 374, в т.ч. НДС 12%",
        "Обороты за период 953 148,67 0,00",
        "Исходящий остаток: 1 055 803,13",
    ], step=14), size=7.5)
    f = fields_of([read(pdf)], DocType.payment_order, ALFA)
    assert f.number is not None and f.number.value == "328"
    assert f.total is not None and f.total.amount == Decimal("953148.67")


def test_a_statement_row_whose_amount_follows_a_cut_purposes_mark_keeps_its_whole_amount() -> None:
    """`… по договору № 8 409 779,07`: the cited number went onto the next line; the turnover gives the
    whole amount."""
    pdf = render(lines_at(30, 40, [
        "Выписка по счету KZ23998E7FN8251LHJSY",
        f"Клиент: ТОО «Альфа», ИИН/БИН {ALFA}",
        "Входящий остаток: 8 819 129,58",
        "Дата № Корреспондент БИН/ИИН ИИК корр. КНП Назначение платежа Дебет Кредит",
        f"08.05.2025 1458 ТОО «Бета» {BETA} KZ7582107Y4MUK34ZD4S 710 Оплата по договору № 8 409 779,07 0,00",
        "ДП-2025/447 от 10.04.2025, сч/ф № 00016213, в т.ч. НДС 12%",
        "Обороты за период 8 409 779,07 0,00",
        "Исходящий остаток: 409 350,51",
    ], step=14), size=7.5)
    f = fields_of([read(pdf)], DocType.payment_order, ALFA)
    assert f.total is not None and f.total.amount == Decimal("8409779.07")


def test_a_heading_with_a_colon_after_its_mark_is_numbered_by_it_never_by_a_law_it_cites() -> None:
    pdf = render(lines_at(40, 40, [
        "ДОГОВОР №: KZ-2025-5439",
        "г. Актобе «10» ноября 2025 г.",
        "ТОО «Альфа», именуемое в дальнейшем «Заказчик», и ТОО «Бета», именуемое в дальнейшем «Исполнитель»,",
        "заключили настоящий Договор о нижеследующем:",
        "1. ПРЕДМЕТ ДОГОВОРА",
        "Стороны руководствуются Законом Республики Казахстан от 28 февраля 2007 года",
        "№ 234-III «О бухгалтерском учете и финансовой отчетности».",
        f"Заказчик БИН {ALFA}   Исполнитель БИН {BETA}",
    ]))
    f = fields_of([read(pdf)], DocType.contract)
    assert f.number is not None and f.number.value == "KZ-2025-5439"
    assert f.date is not None and f.date.value == date(2025, 11, 10)
