"""Register extracts as the eGov portal and a browser print them, a Kazakh contract numbered before its title
word, an internet bank's receipt whose amount stands alone under its heading: written out by hand, rendered
and read back through the text layer; the truth is what each paper prints in its fields."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from models.vocab import DocType, PageSource
from tests.extractors.test_fields_any_layout import fields_of, lines_at, make_bin, read, render

ALFA = make_bin("18044094207")
BETA = make_bin("20084046735")


def test_a_portal_extract_gives_the_record_number_labelled_in_the_register_never_the_egov_request() -> None:
    pdf = render(lines_at(40, 40, [
        "«Электрондық үкімет» порталы · egov.kz",
        "ВЫПИСКА",
        "из реестра казахстанских товаропроизводителей",
        "Показатель Значение",
        "Номер записи в реестре 75-2026-31481",
        "Дата выдачи 10 января 2026 года",
        "Товаропроизводитель ТОО «Альфа»",
        f"БИН {ALFA}",
        "Статус Включен в реестр",
        "Запрос № 5058217385 от 11.01.2026",
    ]))
    f = fields_of([read(pdf)], DocType.ktp_extract)
    assert f.number is not None and f.number.value == "75-2026-31481"
    assert f.date is not None and f.date.value == date(2026, 1, 10)


def test_a_register_search_printed_from_a_browser_is_dated_by_its_print_date_not_the_inclusion() -> None:
    pdf = render([
        (30, 20, "20.04.2026, 15:57      Реестр казахстанских товаропроизводителей"),
        *lines_at(30, 50, [
            "Выписка из реестра казахстанских товаропроизводителей",
            f"Поиск по БИН: {ALFA}   Найдено записей: 1",
            "Номер записи   Дата включения   БИН   Наименование   Статус",
            f"11-2026-13912   10.03.2024   {ALFA}   ТОО «Альфа»   Действующая",
        ]),
        (30, 500, "https://ktp.gov.kz/registry/record/11-2026-13912        1/1"),
    ], landscape=True)
    f = fields_of([read(pdf)], DocType.ktp_extract)
    assert f.number is not None and f.number.value == "11-2026-13912"
    assert f.date is not None and f.date.value == date(2026, 4, 20)


def test_a_page_not_headed_by_a_print_time_keeps_the_date_beside_its_record_number() -> None:
    pdf = render(lines_at(30, 40, [
        "Выписка из реестра казахстанских товаропроизводителей",
        "Номер записи в реестре 11-2026-13912 от 10.03.2026",
        f"БИН {ALFA}",
    ]))
    f = fields_of([read(pdf)], DocType.ktp_extract)
    assert f.date is not None and f.date.value == date(2026, 3, 10)


def test_a_kazakh_contract_numbered_before_its_title_word_is_not_numbered_by_its_annex() -> None:
    head = render(lines_at(40, 40, [
        "№ 742 ШАРТ",
        "Актобе қаласы «11» қыркүйек 2024 ж.",
        "«Альфа» ЖШС (бұдан әрі – Тапсырыс беруші) және «Бета» ЖШС (бұдан әрі – Орындаушы)",
        "1. Шарттың мәні",
        "Орындаушы осы шарттың 1-қосымшасында көрсетілген тауарларды береді.",
        f"Тапсырыс беруші БСН {ALFA}   Орындаушы БСН {BETA}",
    ]))
    annex = render(lines_at(40, 40, [
        "Шартқа № 1 қосымша (11.09.2024)",
        "Тауарлардың тізбесі",
    ]))
    f = fields_of([read(head), read(annex).model_copy(update={"page": 2})], DocType.contract)
    assert f.number is not None and f.number.value == "742"
    assert f.date is not None and f.date.value == date(2024, 9, 11)


def test_an_internet_bank_receipt_gives_the_amount_alone_under_its_heading_as_its_total() -> None:
    pdf = render(lines_at(150, 40, [
        "Kaspi Business",
        "Квитанция о переводе",
        "1 487 586,41 ₸",
        "Статус: Исполнен",
        "Платежное поручение № 2375",
        "Дата валютирования 02.05.2025",
        f"БИН отправителя {ALFA}",
        f"БИН получателя {BETA}",
        "Назначение платежа Оплата за услуги по договору № 178 от 19.02.2025",
        "Квитанция 3868091185",
    ]))
    total = fields_of([read(pdf)], DocType.payment_order).total
    assert total is not None and (total.amount, total.currency) == (Decimal("1487586.41"), "KZT")


def test_two_amounts_alone_at_the_head_give_no_total_by_position() -> None:
    pdf = render(lines_at(150, 40, [
        "Квитанция о переводе",
        "1 487 586,41 ₸",
        "12 000,00 ₸",
        "Платежное поручение № 2375 от 02.05.2025",
    ]))
    assert fields_of([read(pdf)], DocType.payment_order).total is None


def test_a_trainees_iin_in_brackets_after_the_full_name_is_no_party_of_the_certificate() -> None:
    issuer = make_bin("84121534476")
    trainee = make_bin("82090535598")
    pdf = render(lines_at(40, 40, [
        "СЕРТИФИКАТ",
        "№ LP-88661",
        f"Настоящим подтверждается, что Касымов Данияр Александрович (ИИН {trainee}) прошел(а) обучение",
        "по программе «Производственная система» в объеме 48 академических часов.",
        f"ИП «Академия производительности», ИИН {issuer}",
        "Дата выдачи: 3 февраля 2026 года",
    ]))
    parties = fields_of([read(pdf)], DocType.training_certificate).parties
    assert [p.bin for p in parties] == [issuer]


def test_an_entrepreneurs_iin_in_brackets_after_the_name_stays_a_party() -> None:
    owner = make_bin("84121534476")
    pdf = render(lines_at(40, 40, [
        "ДОГОВОР № 15",
        "г. Алматы 10.02.2026",
        f"ИП Касымов Данияр Александрович (ИИН {owner}), именуемый в дальнейшем «Исполнитель»",
    ]))
    parties = fields_of([read(pdf)], DocType.contract).parties
    assert [p.bin for p in parties] == [owner]


def test_a_cost_report_signed_with_a_date_in_words_is_dated_so_not_by_its_payments_column() -> None:
    pdf = render(lines_at(40, 40, [
        "Отчет о понесенных затратах",
        f"Заявитель: ТОО «Альфа», БИН {ALFA}. Исполнитель: ТОО «Бета», БИН {BETA}.",
        "№ Платежный документ Дата Назначение Сумма, тенге",
        "1 № 707 16.01.2025 Оплата за поставку оборудования по договору № 892 55.616.543,84",
        "Итого затрат 55.616.543,84",
        "Руководитель Омаров А. Е. 8 февраля 2026 года",
    ]))
    f = fields_of([read(pdf)], DocType.applicant_report)
    assert f.date is not None and f.date.value == date(2026, 2, 8)


def test_on_a_scanned_receipt_the_tenge_sign_read_as_a_letter_still_marks_the_headline_amount() -> None:
    pdf = render(lines_at(150, 40, [
        "Kaspi Business",
        "Квитанция о переводе",
        "444 554,48 т",
        "Статус: Исполнен",
        "Платежное поручение № 110",
        "Дата валютирования 23.03.2026",
    ]))
    total = fields_of([read(pdf, PageSource.ocr)], DocType.payment_order).total
    assert total is not None and (total.amount, total.currency) == (Decimal("444554.48"), "KZT")


def test_a_printed_amount_followed_by_a_letter_is_no_headline_total() -> None:
    pdf = render(lines_at(150, 40, [
        "Квитанция о переводе",
        "444 554,48 т",
        "Платежное поручение № 110 от 23.03.2026",
    ]))
    assert fields_of([read(pdf)], DocType.payment_order).total is None


def test_a_kazakh_act_grid_gives_the_number_and_date_under_their_labels_not_the_contracts() -> None:
    pdf = render([
        *lines_at(40, 40, [
            f"Тапсырыс беруші «Альфа» ЖШС, БСН {ALFA}",
            f"Орындаушы «Бета» ЖШС, БСН {BETA}",
            "Шарт № ДП-2025/95, 2025 ж. 19 мамыр",
        ]),
        (40, 90, "Құжат номірі"), (160, 90, "Жалған күш"), (280, 90, "Есепті кезең"),
        (40, 103, "875/06"), (160, 103, "27.06.2025"), (280, 103, "22.05.2025 - 27.06.2025"),
        (40, 130, "ОРЫНДАЛҒАН ЖҰМЫСТАР (КӨРСЕТІЛГЕН ҚЫЗМЕТТЕР) АКТІСІ"),
        (40, 143, "Жиыны 1.465.658,19"),
    ])
    f = fields_of([read(pdf, PageSource.ocr)], DocType.act)
    assert f.number is not None and f.number.value == "875/06"
    assert f.date is not None and f.date.value == date(2025, 6, 27)


def test_a_scanned_register_search_table_gives_the_record_number_under_its_damaged_header() -> None:
    pdf = render([
        (30, 20, "21.02.2026, 10:53 Реестр казахстанских товаропроизводителей"),
        (30, 50, "Выписка из реестра казахстанских товаропроизводителей"),
        (30, 63, f"Поиск по БИН: {ALFA} Найдено записей: 1"),
        (30, 80, "Номер иси"), (130, 80, "Дата включения"), (230, 80, "БИН"),
        (30, 93, "18-2026-49711"), (130, 93, "26.05.2025"), (230, 93, ALFA),
    ], landscape=True)
    f = fields_of([read(pdf, PageSource.ocr)], DocType.ktp_extract)
    assert f.number is not None and f.number.value == "18-2026-49711"
    assert f.date is not None and f.date.value == date(2026, 2, 21)
