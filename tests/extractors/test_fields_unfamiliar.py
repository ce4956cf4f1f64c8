"""Fields of layouts the readers were not written against: born-digital pages rendered here (truth known
by construction) and read back through the text layer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from extractors.bin import is_personal
from models.vocab import DocType, Role
from tests.extractors.test_fields_any_layout import fields_of, lines_at, make_bin, read, render

ALFA = make_bin("18044094207")     # 2018-04, resident legal entity
BETA = make_bin("20084046735")     # 2020-08
DIRECTOR = make_bin("73020340012")  # born 1973-02-03, a man of the 20th century


def test_an_officers_own_iin_beside_the_post_is_no_party() -> None:
    assert is_personal(DIRECTOR) and not is_personal(ALFA)
    pdf = render([
        (200, 50, "ЗАЯВКА на возмещение части затрат"),
        *lines_at(40, 80, [
            "1   Наименование заявителя        ТОО «Альфа»",
            "2   БИН/ИИН                       " + ALFA,
            "5   Первый руководитель           Серикова Алия Маратовна, ИИН " + DIRECTOR,
            "6   ФИО главного бухгалтера       Ахметов Б. Б., ИИН " + make_bin("85052430012"),
        ], step=16),
        (40, 180, "Дата подачи: 17 мая 2026 года"),
    ])
    fields = fields_of([read(pdf)], DocType.application, applicant_bin=ALFA)
    assert [(p.bin, p.role) for p in fields.parties] == [(ALFA, Role.applicant)]


def test_an_individual_entrepreneurs_iin_after_its_post_stays_the_applicant() -> None:
    owner = make_bin("85052430012")
    pdf = render([
        (200, 50, "ЗАЯВКА на возмещение части затрат"),
        (40, 80, "Руководитель: ИП «Сериков», ИИН " + owner),
    ])
    fields = fields_of([read(pdf)], DocType.application)
    assert [p.bin for p in fields.parties] == [owner]


def test_an_esf_print_form_takes_the_accounting_number_and_the_supplier_under_its_section() -> None:
    pdf = render([
        (40, 40, "СЧЕТ-ФАКТУРА (электронный)"),
        (40, 60, "Дата совершения оборота: 08.09.2025"),
        (330, 60, "Регистрационный номер"), (470, 60, "Номер учетной системы"), (610, 60, "Дата выписки"),
        (330, 75, "ESF-349178730913-43"), (470, 75, "00039377"), (610, 75, "08.09.2025"),
        (61, 100, "Раздел B. Реквизиты поставщика"), (421, 100, "Раздел C. Реквизиты получателя"),
        (40, 116, "БИН/ИИН: " + BETA), (400, 116, "БИН/ИИН: " + ALFA),
        (40, 130, "Поставщик: ТОО «Бета»"), (400, 130, "Получатель: ТОО «Альфа»"),
        (40, 170, "Всего по счету:   5 325 619,87   639 074,38   5 964 694,25"),
    ], landscape=True)
    fields = fields_of([read(pdf)], DocType.invoice, applicant_bin=ALFA)
    assert fields.number is not None and fields.number.value == "00039377"
    assert {(p.bin, p.role) for p in fields.parties} == {(BETA, Role.executor), (ALFA, Role.applicant)}


def test_running_text_gives_each_party_the_position_word_before_its_name() -> None:
    pdf = render([
        (250, 40, "АКТ № 40"),
        (200, 55, "приема-передачи оборудования"),
        *lines_at(40, 85, [
            "Мы, нижеподписавшиеся, Покупатель — ТОО «Альфа» (БИН " + ALFA + ") и Продавец — ТОО",
            "«Бета» (БИН " + BETA + "), составили настоящий акт о том, что Продавец передал, а",
            "Покупатель принял следующее оборудование:",
        ]),
    ])
    fields = fields_of([read(pdf)], DocType.acceptance_certificate)
    assert {(p.bin, p.role) for p in fields.parties} == {(ALFA, Role.applicant), (BETA, Role.executor)}


def test_a_line_break_after_the_dash_still_introduces_the_name() -> None:
    pdf = render([
        (250, 40, "АКТ № 40"),
        *lines_at(40, 85, [
            "Мы, нижеподписавшиеся, Покупатель — ТОО «Альфа» (БИН " + ALFA + ") и Продавец —",
            "ТОО «Бета» (БИН " + BETA + "), составили настоящий акт о том, что Продавец передал, а",
            "Покупатель принял следующее оборудование:",
        ]),
    ])
    fields = fields_of([read(pdf)], DocType.acceptance_certificate)
    assert {(p.bin, p.role) for p in fields.parties} == {(ALFA, Role.applicant), (BETA, Role.executor)}


def test_a_short_number_at_the_edge_of_its_header_cell_is_read() -> None:
    pdf = render([
        (60, 40, "Организация (индивидуальный предприниматель): ТОО «Бета»   ИИН/БИН " + BETA),
        (565, 80, "Номер документа"), (690, 80, "Дата составления"),
        (150, 92, "НАКЛАДНАЯ НА ОТПУСК ЗАПАСОВ НА СТОРОНУ"),
        (534, 104, "496"), (668, 104, "11.07.2025"),
    ], landscape=True)
    fields = fields_of([read(pdf)], DocType.waybill)
    assert fields.number is not None and fields.number.value == "496"
    assert fields.date is not None and fields.date.value == date(2025, 7, 11)


def test_the_grand_total_with_vat_wins_over_the_net_whatever_its_label() -> None:
    pdf = render([
        (200, 40, "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ) № 474 от 08.09.2025"),
        (40, 80, "1  Шеф-монтаж оборудования        усл.  1   4.890.633,08   4.890.633,08"),
        (40, 100, "Итого                                                  4.890.633,08"),
        (40, 113, "НДС 12%:                                                 586.875,97"),
        (40, 126, "Всего, включая налог:                                 5.477.509,05"),
    ], landscape=True)
    fields = fields_of([read(pdf)], DocType.act)
    assert fields.total is not None and fields.total.amount == Decimal("5477509.05")


def test_a_money_shaped_amount_after_a_seals_stray_letter_is_still_an_amount() -> None:
    pdf = render([
        (60, 40, "НАКЛАДНАЯ НА ОТПУСК ЗАПАСОВ НА СТОРОНУ № 77 от 11.07.2025"),
        (40, 80, "1  Пресс гидравлический  шт.  1   40 124 069,37   44 938 957,69   4 814 888,32"),
        (40, 100, "Итого       П      44 938 957,69   4 814 888,32"),
    ], landscape=True)
    fields = fields_of([read(pdf)], DocType.waybill)
    assert fields.total is not None and fields.total.amount == Decimal("44938957.69")


def test_a_reports_date_printed_alone_under_its_table_is_the_documents_date() -> None:
    pdf = render([
        (230, 40, "ОТЧЕТ"),
        (180, 55, "о фактически понесенных затратах"),
        (40, 80, "Заявитель: ТОО «Альфа», БИН " + ALFA),
        *lines_at(40, 100, [
            "№   Документ об оплате   Дата          Получатель      Сумма, тенге",
            "1   п/п № 246            24.07.2025    ТОО «Бета»      1 192 938,85",
            "2   п/п № 257            06.08.2025    ТОО «Бета»      1 491 173,56",
            "Итого затрат                                          2 684 112,41",
        ]),
        (40, 170, "11 мая 2026 года"),
        (40, 190, "Руководитель ________ Сулейменова А. А."),
    ])
    fields = fields_of([read(pdf)], DocType.applicant_report, applicant_bin=ALFA)
    assert fields.date is not None and fields.date.value == date(2026, 5, 11)


def test_a_column_header_row_does_not_introduce_the_names_under_it() -> None:
    pdf = render([
        (40, 40, "10. РЕКВИЗИТЫ И ПОДПИСИ СТОРОН"),
        (40, 60, "Исполнитель"), (300, 60, "Заказчик"),
        (40, 73, "Индивидуальный предприниматель Серикова"), (300, 73, "ТОО «Альфа»"),
        (40, 86, "ИИН: " + make_bin("66100141606")), (300, 86, "БИН: " + ALFA),
    ])
    roles = {p.bin: p.role for p in fields_of([read(pdf)], DocType.contract).parties}
    assert roles == {make_bin("66100141606"): Role.executor, ALFA: Role.applicant}


def test_an_esf_form_with_the_number_beside_its_label_is_not_read_from_the_next_row() -> None:
    pdf = render([
        (40, 40, "ЭЛЕКТРОННЫЙ СЧЕТ-ФАКТУРА"),
        *lines_at(60, 70, [
            "1. Регистрационный номер            ESF-6184480255-2025-74603804",
            "2. Номер учетной системы            СФ-375",
            "3. Дата выписки                     06.02.2025",
        ], step=14),
    ])
    fields = fields_of([read(pdf)], DocType.invoice)
    assert fields.number is not None and fields.number.value == "СФ-375"


def test_a_kazakh_act_takes_its_own_date_not_the_cited_contracts() -> None:
    pdf = render([
        (150, 40, "ОРЫНДАЛҒАН ЖҰМЫСТАР (КӨРСЕТІЛГЕН ҚЫЗМЕТТЕР)"),
        (230, 55, "АКТІСІ № 454"),
        *lines_at(40, 75, [
            "Орындаушы: «Бета» ЖШС, БСН " + BETA,
            "Тапсырыс беруші: «Альфа» ЖШС, БСН " + ALFA,
            "2024 жылғы 16 сәуір № 925-ОУ/2024 шарт бойынша 2024 жылғы 8 мамыр бастап",
            "2024 жылғы 24 маусым",
            "Жиыны: 9 100 098,29",
        ]),
    ])
    fields = fields_of([read(pdf)], DocType.act)
    assert fields.date is not None and fields.date.value == date(2024, 6, 24)


def test_a_registration_date_wrapped_onto_its_own_line_is_not_the_reports_date() -> None:
    pdf = render([
        (230, 40, "ОТЧЕТ"),
        *lines_at(40, 70, [
            "Заявитель: ИП Сулейменова Ж. Е., БИН/ИИН 840328453421. Дата регистрации:",
            "04.09.2016.",
            "1   Платежное поручение 1559   06.03.2025   4 557 420,15",
            "Итого затрат   4 557 420,15",
            "Руководитель ________ Сулейменова Ж. Е. 04.07.2026",
        ]),
    ])
    fields = fields_of([read(pdf)], DocType.applicant_report)
    assert fields.date is not None and fields.date.value == date(2026, 7, 4)


def test_a_document_number_labelled_in_words_is_no_party_though_shaped_as_a_bin() -> None:
    egov = make_bin("22055521745")  # 2022-05, kind 5: a BIN's structure, and a right check digit
    pdf = render([
        (120, 40, "ВЫПИСКА из реестра отечественных производителей товаров"),
        *lines_at(40, 70, [
            "Реестровый номер записи РКТ-2026-08545",
            "Дата выдачи выписки 25.02.2026",
            "Наименование производителя ТОО «Альфа»",
            "БИН " + ALFA,
            "Номер документа в системе " + egov,
        ]),
    ])
    fields = fields_of([read(pdf)], DocType.ktp_extract)
    assert [p.bin for p in fields.parties] == [ALFA]


def test_a_line_break_before_the_dash_still_introduces_the_name() -> None:
    pdf = render([
        (250, 40, "АКТ № 178"),
        *lines_at(40, 85, [
            "Мы, нижеподписавшиеся, Покупатель — ТОО «Альфа» (БИН " + ALFA + ") и Продавец",
            "— ТОО «Бета» (БИН " + BETA + "), составили настоящий акт о том, что Продавец передал,",
        ]),
    ])
    fields = fields_of([read(pdf)], DocType.acceptance_certificate)
    assert {(p.bin, p.role) for p in fields.parties} == {(ALFA, Role.applicant), (BETA, Role.executor)}


def test_the_suppliers_vat_certificate_number_is_not_the_invoices() -> None:
    pdf = render([
        *lines_at(40, 40, [
            "Раздел B. Реквизиты поставщика",
            "БИН/ИИН: " + BETA,
            "Поставщик: ТОО «Бета»",
            "Свидетельство по НДС: серия 45648 № 3607465",
            "СЧЕТ-ФАКТУРА (электронный)",
            "Дата выписки 12.02.2025",
        ]),
    ], landscape=True)
    fields = fields_of([read(pdf)], DocType.invoice)
    assert fields.number is None or fields.number.value != "3607465"


def test_a_blank_number_whose_kz_prefix_was_misread_keeps_the_prefix() -> None:
    pdf = render([
        (150, 40, "СЕРТИФИКАТ О ПРОИСХОЖДЕНИИ ТОВАРА"),
        (180, 55, "(для внутреннего обращения) форма СТ-KZ"),
        *lines_at(40, 80, [
            "1. Производитель     ТОО «Альфа», БИН " + ALFA,
            "2. Номер сертификата     к 7100 092230",
            "3. Дата выдачи     15.03.2025",
        ], step=16),
    ])
    fields = fields_of([read(pdf)], DocType.priority_goods)
    assert fields.number is not None and "".join(fields.number.value.split()) == "KZ7100092230"


def test_a_banks_name_before_the_beneficiarys_label_does_not_give_the_beneficiary_its_role() -> None:
    pdf = render([
        (40, 40, "Платежное поручение № 534 от 29.09.2023"),
        *lines_at(40, 60, [
            "Отправитель денег ТОО «Альфа»",
            "ИИН/БИН отправителя " + ALFA,
            "Банк отправителя АО «Kaspi Bank», БИК CASPKZKA",
            "Бенефициар Акционерное общество «Бета»",
            "ИИН/БИН бенефициара " + BETA,
            "Сумма 7 620 011,62 KZT",
        ]),
    ])
    roles = {p.bin: p.role for p in fields_of([read(pdf)], DocType.payment_order).parties}
    assert roles == {ALFA: Role.applicant, BETA: Role.executor}


def test_the_iin_of_whoever_wrote_out_an_invoice_is_no_party() -> None:
    """`Выписал: <full name>, ИИН …` under an invoice's table: the accountant's own IIN."""
    writer = make_bin("87100535855")
    assert is_personal(writer)
    pdf = render([
        (200, 40, "СЧЕТ-ФАКТУРА № 00019131 от 22.12.2025"),
        *lines_at(40, 70, [
            "4. БИН/ИИН поставщика " + BETA,
            "5. Наименование поставщика ТОО «Бета»",
            "16. БИН/ИИН получателя " + ALFA,
            "17. Наименование получателя ТОО «Альфа»",
            "Всего по счету 9 263 416,38 1 111 609,97 10 375 026,35",
            "Выписал: Абдрахманов Данияр Болатович, ИИН " + writer,
            "Выписала: Сулейменова С. С., ИИН " + make_bin("82112548019"),
        ], step=14),
    ])
    fields = fields_of([read(pdf)], DocType.invoice, applicant_bin=ALFA)
    assert {(p.bin, p.role) for p in fields.parties} == {(BETA, Role.executor), (ALFA, Role.applicant)}


def test_an_officers_iin_under_a_wrapped_post_cell_is_no_party() -> None:
    """OCR put a form row's label cell `Руководитель` on a line of its own over `<name>, ИИН …`."""
    director = make_bin("87090949615")
    owner = make_bin("86092139209")
    pdf = render([
        (200, 50, "ЗАЯВКА на возмещение части затрат"),
        *lines_at(40, 80, [
            "БИН заявителя",
            ALFA,
            "Руководитель",
            "Абдрахманова Жанар Кайратовна, ИИН " + director,
            "7 Исполнитель (поставщик)",
            "ИП Касымов К.Б., ИИН " + owner,
        ], step=14),
    ])
    fields = fields_of([read(pdf)], DocType.application, applicant_bin=ALFA)
    assert [p.bin for p in fields.parties] == [ALFA, owner]
