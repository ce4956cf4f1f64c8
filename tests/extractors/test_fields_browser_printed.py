"""Documents as a web browser prints them (internet-bank printouts and account statements, a classic
payment form with its sum beside the amount in words, acceptance acts naming their sides by what they
do, requisites in two columns, certificates naming their trainee): written out by hand, rendered and
read back through the text layer; the truth is what each paper prints in its fields."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extractors.classify import classify, title_scores
from extractors.split import assemble
from models.pages import Page, Word
from models.vocab import DocType, PageSource, Role
from tests.extractors.test_fields_any_layout import fields_of, lines_at, make_bin, read, render

ALFA = make_bin("18044094207")   # the applicant
BETA = make_bin("20084046735")   # the executor
BANK = make_bin("97074075577")   # a bank
DIRECTOR = make_bin("89062439468")   # a person's IIN: born 1989-06-24
TRAINEE = make_bin("82022334751")    # born 1982-02-23
OTHER_DIRECTOR = make_bin("80010434435")


def _roles(pages: list[Page], doc_type: DocType) -> list[tuple[str, Role]]:
    return [(p.bin, p.role) for p in fields_of(pages, doc_type, ALFA).parties]


def test_a_classic_payment_form_gives_the_sum_printed_right_of_the_amount_in_words() -> None:
    pdf = render([
        *lines_at(40, 40, [
            "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 2285 Дата: 02.02.2026",
            "Отправитель денег ИИК Код",
            "ТОО «Альфа»",
            f"ИИН/БИН {ALFA} KZ46722N148LNS7DN9XL 17",
            "Бенефициар ИИК Кбе",
            "ТОО «Бета»",
            f"ИИН/БИН {BETA} KZ727222U7U82V415W26 17",
        ]),
        (40, 140, "Сумма прописью: Один миллион семьсот девяносто"), (330, 140, "Сумма 1 799 406,00"),
        (40, 153, "девять тысяч четыреста шесть тенге 00 тиын"),
        (40, 166, "Назначение платежа: Оплата по договору № 90 от 10.12.2025, в т.ч. НДС 12%"),
    ])
    total = fields_of([read(pdf)], DocType.payment_order).total
    assert total is not None and (total.amount, total.currency) == (Decimal("1799406.00"), "KZT")


def test_an_internet_bank_receipt_gives_its_headline_amount_and_no_party_for_the_banks_bin() -> None:
    pdf = render(lines_at(40, 40, [
        "ForteBank Интернет-банкинг для бизнеса",
        "Платежное поручение № 2123 от 30 мая 2025 г.",
        "Статус: Исполнен",
        "4.875.348,85 KZT",
        "Плательщик Получатель",
        "ТОО «Альфа» ТОО «Бета»",
        f"ИИН/БИН: {ALFA} ИИН/БИН: {BETA}",
        "Банк получателя АО «Kaspi Bank», БИК CASPKZKA",
        f"БИН банка получателя {BANK}",
        "КНП 711",
        "Назначение платежа Предоплата по договору № 718 от 26.05.2025, без НДС",
        "Четыре миллиона восемьсот семьдесят пять тысяч триста сорок восемь",
        "Сумма прописью",
        "тенге 85 тиын",
    ]))
    fields = fields_of([read(pdf)], DocType.payment_order, ALFA)
    assert fields.total is not None and (fields.total.amount, fields.total.currency) == (
        Decimal("4875348.85"), "KZT")
    assert [(p.bin, p.role) for p in fields.parties] == [(ALFA, Role.applicant), (BETA, Role.executor)]


STATEMENT = [
    "ВЫПИСКА ПО СЧЕТУ KZ70722955WTC7ZYFYRG",
    f"Клиент: ТОО «Альфа», ИИН/БИН {ALFA}",
    "Банк: АО «Kaspi Bank»",
    "Период: 07.11.2026 – 18.11.2026; валюта: KZT",
    "Входящий остаток: 12.408.679,00",
    "Дата № док. Корреспондент БИН/ИИН корр. Дебет Кредит КНП Назначение платежа",
    "07.11.2026 3207 — — 252.834,58 840 Комиссия банка за перевод",
    f"12.11.2026 1530 ТОО «Бета» {BETA} 1.632.625,20 859 Оплата по договору № 220 от 19.01.2026",
    "18.11.2026 8285 — — 203.518,37 851 Оплата за электроэнергию",
    "Исходящий остаток: 10.077.949,99",
]


def test_an_account_statement_is_the_payment_of_its_row_that_names_a_counterparty() -> None:
    page = read(render(lines_at(40, 40, STATEMENT, step=14), size=8))
    fields = fields_of([page], DocType.payment_order, ALFA)
    assert fields.number is not None and fields.number.value == "1530"
    assert fields.date is not None and fields.date.value == date(2026, 11, 12)
    assert fields.total is not None and (fields.total.amount, fields.total.currency) == (
        Decimal("1632625.20"), "KZT")
    assert [(p.bin, p.role) for p in fields.parties] == [(ALFA, Role.applicant), (BETA, Role.executor)]


def test_a_scanned_account_statements_row_read_with_the_tables_rules_gives_the_payment() -> None:
    rows = [line.replace("12.11.2026 1530 ТОО «Бета» ", "12.11.2026| 1530 | ТОО «Бета» |")
            .replace(" 1.632.625,20", " |1 632 625.20") for line in STATEMENT]
    page = read(render(lines_at(40, 40, rows, step=14), size=8), PageSource.ocr)
    fields = fields_of([page], DocType.payment_order, ALFA)
    assert (fields.number and fields.number.value, fields.date and fields.date.value) == (
        "1530", date(2026, 11, 12))
    assert fields.total is not None and fields.total.amount == Decimal("1632625.20")
    assert [(p.bin, p.role) for p in fields.parties] == [(ALFA, Role.applicant), (BETA, Role.executor)]


def test_a_photographed_statements_row_whose_counterparty_wraps_gives_the_payment() -> None:
    """The counterparty's name wrapped in its cell: the BIN and the amount stand two lines under the row's
    date and number (`29.12.2025| 1549 | ТОО «ТехноСервис` / `Азия»` / `|210240125735 |4 174 008.86 859`)."""
    rows = []
    for line in STATEMENT:
        if line.startswith("12.11.2026"):
            rows += ["12.11.2026| 1530 | ТОО «Бета", "Сервис»",
                     f"|{BETA} |1 632 625.20 859 | Оплата по договору"]
        else:
            rows.append(line)
    page = read(render(lines_at(40, 40, rows, step=14), size=8), PageSource.ocr)
    fields = fields_of([page], DocType.payment_order, ALFA)
    assert (fields.number and fields.number.value, fields.date and fields.date.value) == (
        "1530", date(2026, 11, 12))
    assert fields.total is not None and fields.total.amount == Decimal("1632625.20")
    assert (BETA, Role.executor) in [(p.bin, p.role) for p in fields.parties]


def _misprinted(bin_: str) -> str:
    """`bin_` with its check digit changed: still shaped as a BIN, failing the check."""
    return bin_[:-1] + str((int(bin_[-1]) + 2) % 10)


def test_a_statements_row_naming_its_counterparty_by_a_misprinted_bin_is_still_the_payment() -> None:
    wrong = _misprinted(BETA)
    rows = [line.replace(BETA, wrong) for line in STATEMENT]
    fields = fields_of([read(render(lines_at(40, 40, rows, step=14), size=8))], DocType.payment_order, ALFA)
    assert (fields.number and fields.number.value, fields.date and fields.date.value) == (
        "1530", date(2026, 11, 12))
    assert fields.total is not None and fields.total.amount == Decimal("1632625.20")
    assert [(p.bin, p.valid) for p in fields.parties if p.bin == wrong] == [(wrong, False)]


def test_a_statements_row_with_a_valid_bin_wins_over_an_earlier_row_with_a_misprinted_one() -> None:
    earlier = f"08.11.2026 4410 ТОО «Гамма» {_misprinted(BANK)} 55.000,00 859 Оплата услуг"
    rows = [*STATEMENT[:7], earlier, *STATEMENT[7:]]
    fields = fields_of([read(render(lines_at(40, 40, rows, step=14), size=8))], DocType.payment_order, ALFA)
    assert fields.number is not None and fields.number.value == "1530"
    assert fields.total is not None and fields.total.amount == Decimal("1632625.20")


def test_account_statements_merged_in_one_file_are_one_payment_each() -> None:
    second = [line.replace("1530", "1498").replace("12.11.2026", "22.01.2026") for line in STATEMENT]
    pages = [read(render(lines_at(40, 40, rows, step=14), size=8)).model_copy(
        update={"file": "Выписки.pdf", "page": i}) for i, rows in enumerate((STATEMENT, second), 1)]
    docs = assemble(pages)
    assert [(d.type, [r.page for r in d.pages]) for d in docs] == [
        (DocType.payment_order, [1]), (DocType.payment_order, [2])]


def test_an_acceptance_acts_transferring_side_is_the_executor_and_its_receiving_side_the_applicant() -> None:
    pdf = render(lines_at(40, 40, [
        "АКТ ПРИЕМА-ПЕРЕДАЧИ ОБОРУДОВАНИЯ № 511",
        "г. Тараз «18» мая 2026 г.",
        f"Товарищество с ограниченной ответственностью «Бета» (БИН {BETA}), именуемое",
        "«Передающая сторона», передало, а Товарищество с ограниченной ответственностью «Альфа»",
        f"(БИН {ALFA}), именуемое «Принимающая сторона», приняло следующее оборудование:",
        "Всего к оплате: 16 501 175,28",
    ]))
    parties = fields_of([read(pdf)], DocType.acceptance_certificate).parties
    assert [(p.bin, p.role) for p in parties] == [(BETA, Role.executor), (ALFA, Role.applicant)]


def test_a_directors_iin_wrapped_under_the_post_in_a_column_of_requisites_is_no_party() -> None:
    pdf = render([
        (40, 40, "ДОГОВОР ВОЗМЕЗДНОГО ОКАЗАНИЯ УСЛУГ № 109"),
        (40, 60, "Заказчик"), (330, 60, "Исполнитель"),
        (40, 73, "ТОО «Альфа»"), (330, 73, "ТОО «Бета»"),
        (40, 86, f"БИН: {ALFA}"), (330, 86, f"БИН: {BETA}"),
        (40, 99, "Кбе: 17"), (330, 99, "Руководитель: Жумабеков Марат Нурланович, ИИН"),
        (40, 112, "Руководитель: Ахметов Асхат Серикович, ИИН"), (330, 112, OTHER_DIRECTOR),
        (40, 125, DIRECTOR),
        (40, 140, "Директор ____________ Ахметов А. С."), (330, 140, "Директор ____________ Жумабеков М. Н."),
    ])
    assert _roles([read(pdf)], DocType.contract) == [(ALFA, Role.applicant), (BETA, Role.executor)]


def test_a_directors_iin_wrapped_beside_the_other_columns_signature_is_no_party() -> None:
    pdf = render([
        (40, 40, "ДОГОВОР ВОЗМЕЗДНОГО ОКАЗАНИЯ ОБРАЗОВАТЕЛЬНЫХ УСЛУГ № 323"),
        (40, 60, "Заказчик"), (290, 60, "Исполнитель"),
        (40, 73, f"ТОО «Альфа», БИН {ALFA}"), (290, 73, f"ТОО «Бета», БИН {BETA}"),
        (40, 86, "Кбе: 17"), (290, 86, "Кбе: 17"),
        (290, 99, "Руководитель: Тлеубаева Ольга Кайратовна, ИИН"),
        (40, 112, "Председатель Правления ____________"), (236, 112, "Касымов Р."), (290, 112, DIRECTOR),
        (40, 125, "С."),
    ])
    assert _roles([read(pdf)], DocType.contract) == [(ALFA, Role.applicant), (BETA, Role.executor)]


def test_a_directors_iin_on_the_line_under_a_post_and_name_closing_the_line_above_is_no_party() -> None:
    pdf = render([
        (40, 40, "ДОГОВОР ПОСТАВКИ № 824"),
        (40, 60, "Покупатель"), (330, 60, "Поставщик"),
        (40, 73, f"ТОО «Альфа», БИН {ALFA}"), (330, 73, f"ТОО «Бета», БИН {BETA}"),
        (40, 86, "Кбе: 17"), (330, 86, "Руководитель: Бекмуханова Алия Болатовна,"),
        (40, 99, "М.П."), (330, 99, f"ИИН {DIRECTOR}"),
    ])
    assert _roles([read(pdf)], DocType.contract) == [(ALFA, Role.applicant), (BETA, Role.executor)]


def test_the_trainee_a_certificate_names_on_the_line_above_the_iin_is_no_party() -> None:
    pdf = render(lines_at(40, 40, [
        "Товарищество с ограниченной ответственностью «Бета»",
        f"БИН {BETA}",
        "СЕРТИФИКАТ",
        "№ ПК-86194",
        "Настоящий сертификат подтверждает, что",
        "Ахметов Ерлан Маратович",
        f"ИИН {TRAINEE}",
        "прошел(ла) обучение по программе «Бережливое производство» в объеме 72 академических часов",
        "Дата выдачи: 2026-01-13",
    ]))
    parties = fields_of([read(pdf)], DocType.training_certificate).parties
    assert [p.bin for p in parties] == [BETA]


@pytest.mark.parametrize("heading", ["С Е Р ТИ Ф ИКАТ", "СЕРТ ИФИ КАТ", "СЕ Р ТИФИКАТ"])
def test_a_letter_spaced_certificate_heading_opens_the_next_certificate(heading: str) -> None:
    def certificate(heading: str, number: str) -> list[str]:
        return ["Товарищество с ограниченной ответственностью «Бета»", f"БИН {BETA}", heading, f"№ {number}",
                "Настоящий сертификат подтверждает, что", "Ахметов Ерлан Маратович",
                "прошел(ла) обучение по программе «Бережливое производство» в объеме 72 академических часов"]

    pages = [read(render(lines_at(40, 40, rows))).model_copy(update={"file": "Сертификаты.pdf", "page": i})
             for i, rows in enumerate((certificate("СЕРТИФИКАТ", "ПК-86195"),
                                       certificate(heading, "ПК-86193")), 1)]
    docs = assemble(pages)
    assert [(d.type, [r.page for r in d.pages]) for d in docs] == [
        (DocType.training_certificate, [1]), (DocType.training_certificate, [2])]


def test_an_act_whose_heading_its_number_breaks_is_not_part_of_the_invoice_before_it() -> None:
    invoice = lines_at(40, 40, [
        "Счет-фактура № 00099069 от «10» февраля 2026 г.",
        f"Поставщик: ТОО «Бета», БИН {BETA}",
        f"Получатель: ТОО «Альфа», БИН {ALFA}",
        "Грузоотправитель: ТОО «Бета» Грузополучатель: ТОО «Альфа»",
        "Всего по счету: 6 694 122,50",
    ])
    act = lines_at(40, 40, [
        "Акт № 596 от 10.02.2026",
        "выполненных работ (оказанных услуг)",
        f"Исполнитель: ТОО «Бета», БИН {BETA}",
        f"Заказчик: ТОО «Альфа», БИН {ALFA}",
        "Всего к оплате: 6 694 122,50",
        "Вышеперечисленные услуги выполнены полностью и в срок. Заказчик претензий по объему не имеет.",
    ])
    pages = [read(render(rows)).model_copy(update={"file": "ESF + прочие.pdf", "page": i})
             for i, rows in enumerate((invoice, act), 1)]
    assert [(d.type, [r.page for r in d.pages]) for d in assemble(pages)] == [
        (DocType.invoice, [1]), (DocType.act, [2])]


def test_a_contract_number_the_heading_wraps_after_a_hyphen_is_read_whole() -> None:
    pdf = render(lines_at(40, 40, [
        "ДОГОВОР ВОЗМЕЗДНОГО ОКАЗАНИЯ УСЛУГ № KZ-2025-",
        "5935",
        "г. Актобе 14 августа 2025 г.",
    ]))
    number = fields_of([read(pdf)], DocType.contract).number
    assert number is not None and number.value == "KZ-2025-5935"


def test_a_contract_number_cut_at_its_columns_edge_is_the_whole_number_the_other_title_prints() -> None:
    """Two columns whose lines the text layer joins: the Russian title's number stops at the gutter after
    its hyphen (the rest wraps under it), the English title beside it prints the number whole."""
    pdf = render([(40, 40, "ДОГОВОР ВОЗМЕЗДНОГО ОКАЗАНИЯ УСЛУГ № 297-"),
                  (300, 40, "CONTRACT No. 297-ОУ/2025"),
                  (40, 53, "ОУ/2025"), (300, 53, "Kostanay, 23.12.2025"),
                  (40, 66, "г. Костанай, 23 декабря 2025 г.")])
    number = fields_of([read(pdf)], DocType.contract).number
    assert number is not None and number.value == "297-ОУ/2025"


def test_a_foreign_registration_number_under_a_bilingual_label_is_read_without_the_label() -> None:
    pdf = render(lines_at(40, 40, [
        "Certificate of Registration / Свидетельство о регистрации",
        "Company / Наименование ProLeanSolutions-KZ LLC",
        "Registration No. / Регистрационный № HRB 632033",
        "Date of registration / Дата регистрации 18.08.2022",
    ]))
    number = fields_of([read(pdf)], DocType.foreign_registration).number
    assert number is not None and number.value == "HRB 632033"


def test_an_applicant_report_whose_subtitle_reads_before_its_heading_is_no_contract() -> None:
    page = read(render(lines_at(40, 40, [
        "заявителя по итогам оказания услуг (выполнения работ) исполнителем",
        "ОТЧЕТ",
        "Приложение 2",
        "к Правилам",
        "Заявитель Акционерное общество «Альфа»",
        f"БИН {ALFA}",
        "Вид затрат Повышение эффективности организации производства",
        "Договор № ДП-2026/476 от 23.02.2026",
        "Контрагент ТОО «Бета»",
        "Результат оказания услуг",
        "Услуги оказаны в полном объеме, акт подписан без замечаний",
        "Подтверждение оплаты, тенге",
        "№ Документ Дата Сумма",
        "1 Платежное поручение № 1432 25.03.2026 4 408 856.92",
        "Итого затрат 4 408 856.92",
        "Руководитель Иванова Н. Б. «11» сентября 2026 г.",
    ])), PageSource.ocr)
    assert classify([page])[0] == DocType.applicant_report
    when = fields_of([page], DocType.applicant_report).date
    assert when is not None and when.value == date(2026, 9, 11)


def test_a_carrier_under_a_wrapped_transport_column_header_is_a_third_party_not_the_recipient() -> None:
    carrier = make_bin("17084040244")
    pdf = render([
        (40, 40, "Форма З-2"),
        (40, 55, f"Организация (индивидуальный предприниматель) ТОО «Бета» ИИН/БИН {BETA}"),
        (40, 70, "НАКЛАДНАЯ НА ОТПУСК ЗАПАСОВ НА СТОРОНУ"),
        (40, 90, "Организация"), (130, 90, "Организация-получатель"), (260, 90, "Ответственный за"),
        (375, 90, "Транспортная"), (465, 90, "Товарно-транспортная"),
        (40, 101, "отправитель"), (260, 101, "поставку (Ф.И.О.)"), (375, 101, "организация"),
        (465, 101, "накладная (номер, дата)"),
        (40, 114, "ТОО «Бета»"), (130, 114, "ТОО «Альфа», БИН"), (260, 114, "Сериков Д. А."),
        (375, 114, "ТОО «Дала», БИН"), (465, 114, "№ 9116 от 18.05.2026"),
        (130, 125, ALFA), (375, 125, carrier),
    ])
    assert _roles([read(pdf)], DocType.waybill) == [
        (BETA, Role.executor), (ALFA, Role.applicant), (carrier, Role.other)]


def _word(text: str, x0: float, y0: float, line: int) -> Word:
    return Word(text=text, bbox=(x0, y0, x0 + 0.012 * len(text), y0 + 0.012), confidence=0.95, line=line)


def test_a_banks_bin_is_no_party_when_ocr_reads_the_label_column_before_the_values() -> None:
    rows = [("Платежное поручение № 1504", ""), ("Отправитель", "ТОО «Альфа»"),
            ("ИИН/БИН отправителя", ALFA), ("Получатель", "ТОО «Бета»"), ("ИИН/БИН получателя", BETA),
            ("Банк получателя", "АО «Kaspi Bank», БИК CASPKZKA"), ("БИН банка получателя", BANK),
            ("КНП", "710")]
    words: list[Word] = []
    for i, (label, _) in enumerate(rows):  # the label column first, as OCR reads such a form
        words += [_word(w, 0.1 + 0.1 * j, 0.1 + 0.02 * i, i) for j, w in enumerate(label.split())]
    for i, (_, value) in enumerate(rows):
        at = len(rows) + i
        words += [_word(w, 0.5 + 0.12 * j, 0.1 + 0.02 * i, at) for j, w in enumerate(value.split())]
    page = Page(file="pp.jpg", page=1, source=PageSource.ocr, words=tuple(words))
    assert _roles([page], DocType.payment_order) == [(ALFA, Role.applicant), (BETA, Role.executor)]


def test_a_scanned_equipment_report_is_typed_and_dated_by_its_signer_not_by_a_payments_date() -> None:
    page = read(render(lines_at(40, 40, [
        "заявителя по приобретенному цифровому оборудованию",
        "ОТЧЕТ",
        "Приложение 2",
        "Заявитель Акционерное общество «Альфа»",
        f"БИН {ALFA}",
        "Договор № ДП-2024/133 от 17.09.2024",
        "Подтверждение оплаты, тенге",
        "№",
        "Документ",
        "Дата",
        "Сумма",
        "Платежное поручение № 1697",
        "16.12.2024",
        "12 821 564,11",
        "Итого затрат",
        "12 821 564,11",
        "Руководитель",
        "Попова А. К. 2026-03-12",
    ])), PageSource.ocr)
    assert classify([page])[0] == DocType.applicant_report
    when = fields_of([page], DocType.applicant_report).date
    assert when is not None and when.value == date(2026, 3, 12)


def test_an_internet_bank_receipts_headline_amount_counts_with_its_currency_code_misread() -> None:
    page = read(render(lines_at(40, 40, [
        "Kaspi Bank Интернет-банкинг для бизнеса",
        "Платежное поручение № 1697 от 2024-12-16",
        "Статус: Исполнен",
        "12 821 564.11 К/Т",
        "Плательщик Получатель",
        f"ИИН/БИН: {ALFA} ИИН/БИН: {BETA}",
        "КНП 710",
        "Сумма прописью | Двенадиать миллионов восемьсот двадцать одна тысяча пятьсот ттын",
    ])), PageSource.ocr)
    total = fields_of([page], DocType.payment_order, ALFA).total
    assert total is not None and total.amount == Decimal("12821564.11")


def test_a_manufacturers_letter_of_confirmation_merged_after_the_application_is_its_own_document() -> None:
    application = lines_at(40, 40, [
        "В АО «QazIndustry»", "от ТОО «Альфа»", "Приложение 1", "ЗАЯВКА", "на возмещение части затрат",
        "1. Наименование заявителя ТОО «Альфа»", f"2. БИН {ALFA}",
        "Прошу возместить часть затрат в соответствии с Правилами.",
        "Директор Ахметов А. С. Дата: 2026-07-20",
    ])
    letter = lines_at(40, 40, [
        "Ningbo Haixiong Plastic Machinery Co., Ltd.", "Китай", "Ref. No. 114/26", "15.05.2026",
        "То: ТОО «Альфа»",
        "ПИСЬМО-ПОДТВЕРЖДЕНИЕ / LETTER OF CONFIRMATION",
        "Настоящим Ningbo Haixiong Plastic Machinery Co., Ltd. подтверждает, что оборудование",
        "Термопластавтомат BS-320, заводской номер 25-6134-C, изготовлено нашим предприятием 22.09.2024",
    ])
    pages = [read(render(rows)).model_copy(update={"file": "Заявка + прочие.pdf", "page": i})
             for i, rows in enumerate((application, letter), 1)]
    assert [(d.type, [r.page for r in d.pages]) for d in assemble(pages)] == [
        (DocType.application, [1]), (DocType.manufacturer_document, [2])]


def test_a_qr_codes_specks_above_a_scanned_register_extracts_heading_leave_it_in_the_head() -> None:
    page = read(render(lines_at(40, 40, [
        "eGov.kz", "Электронное правительство Республики Казахстан", "QR-код",
        "“-------.ч", "+", "i", "%", "%", "Е", "1", "i", "t", "a",
        "Выписка из реестра казахстанских товаропроизводителей",
        "№ 10-2026-41003 от «14» апреля 2026 г.",
        "Наименование производителя ТОО «Альфа»",
        f"БИН {ALFA}",
        "Дата включения в реестр | 30.11.2024",
    ])), PageSource.ocr)
    assert DocType.ktp_extract in title_scores(page)
    assert classify([page])[0] == DocType.ktp_extract


def test_a_bill_titled_under_its_sample_payment_block_is_not_part_of_the_payment_before_it() -> None:
    payment = lines_at(40, 40, [
        "Bereke Bank Интернет-банкинг для бизнеса",
        "Платежное поручение № 2058 от «04» апреля 2025 г.",
        "Статус: Исполнен",
        "1 621 639,04 KZT",
        "Плательщик Получатель",
        f"ИИН/БИН: {ALFA} ИИН/БИН: {BETA}",
        "КНП 859",
        "Назначение платежа Оплата по договору № 11-ОУ/2025 от 27.02.2025, сч/ф № СФ-636",
    ])
    bill = lines_at(40, 40, [
        "Внимание! Оплата данного счета означает согласие с условиями поставки товара.",
        "Бенефициар: ИИК",
        "ТОО «Бета»",
        "KZ268601B81981N15699 17",
        "Кбе",
        f"БИН: {BETA}",
        "Банк бенефициара: БИК Код назначения",
        "АО «Народный Банк Казахстана» HSBKKZKX платежа",
        "859",
        "Счет на оплату № 646 от 27 февраля 2025 г.",
        f"Покупатель: ТОО «Альфа», БИН {ALFA}",
        "Всего к оплате: 1 621 639,04",
    ])
    pages = [read(render(rows), PageSource.ocr).model_copy(update={"file": "ПП 2058.tif", "page": i})
             for i, rows in enumerate((payment, bill), 1)]
    assert [(d.type, [r.page for r in d.pages]) for d in assemble(pages)] == [
        (DocType.payment_order, [1]), (DocType.other, [2])]
