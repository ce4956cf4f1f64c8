"""Totals of bank printouts, foreign-currency transfers and the reimbursement application, and a landscape
form the PDF shows turned: real layouts written out by hand, rendered here and read back through the
text layer; the truth is the amount the form prints in its sum field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extractors.amount_words import find_amounts_in_words
from extractors.currency import settle_currencies
from extractors.fields import extract_fields
from extractors.money import detect_currency
from extractors.pages import ReaderConfig, read_pages
from intake.files import inspect
from intake.limits import Limits
from models.documents import Document, PageRef
from models.vocab import DocType
from tests.conftest import dejavu_canvas
from tests.extractors.test_fields_any_layout import fields_of, lines_at, make_bin, read, render

ALFA = make_bin("18044094207")
BETA = make_bin("20084046735")


def test_a_bank_printout_in_two_columns_gives_the_sum_right_of_the_senders_bank() -> None:
    pdf = render([
        (45, 40, "Bereke Business"), (400, 40, "Статус: Исполнен 22.05.2025"),
        *lines_at(45, 80, ["Платежное поручение № 441", "от 2025-05-22"]),
        *lines_at(45, 120, [
            "Отправитель: ТОО «Альфа»",
            f"ИИН/БИН отправителя: {ALFA}",
            "Счет отправителя: KZ24914TY4B3JB7E96P2",
            "Банк отправителя: АО «Bereke Bank», БИК BRKEKZKA",
            "КОд: 17",
            "Бенефициар: ТОО «Бета»",
            f"ИИН/БИН бенефициара: {BETA}",
        ]),
        *lines_at(330, 120, [
            "Счет бенефициара: KZ297227N5347092YNNT",
            "Банк бенефициара: АО «Kaspi Bank», БИК CASPKZKA",
            "Кбе: 17",
            "Сумма: 4 293 604.90 KZT",
            "КНП: 859",
            "Назначение платежа: Оплата по договору № 79 от 03.03.2025,",
            "в т.ч. НДС 12%",
        ]),
    ])
    total = fields_of([read(pdf)], DocType.payment_order).total
    assert total is not None and (total.amount, total.currency) == (Decimal("4293604.90"), "KZT")


@pytest.mark.parametrize(("amount", "words", "code"), [
    ("5 169,35", "Пять тысяч сто шестьдесят девять евро 35 евроцентов", "EUR"),
    ("5 169,35", "Пять тысяч сто шестьдесят девять долларов США 35 центов", "USD"),
])
def test_a_foreign_currency_transfer_gives_the_amount_and_currency_of_field_32a(
        amount: str, words: str, code: str) -> None:
    pdf = render(lines_at(45, 60, [
        "АО «Банк ЦентрКредит»",
        "ЗАЯВЛЕНИЕ НА ПЕРЕВОД ИНОСТРАННОЙ ВАЛЮТЫ № 1105",
        f"32A Дата валютирования / Валюта / Сумма   24.02.2025 / {code} / {amount}",
        f"Сумма прописью   {words}",
        f"50 Перевододатель   ТОО «Альфа», БИН {ALFA}",
        "59 Бенефициар   LeanConsultingGroup GmbH, Reg. No. HRB 183346",
        "70 Назначение платежа   Оплата по договору № ДП-2024/872 от 26.12.2024, без НДС",
    ], step=16))
    total = fields_of([read(pdf)], DocType.payment_order).total
    assert total is not None and (total.amount, total.currency) == (Decimal("5169.35"), code)


@pytest.mark.parametrize(("text", "value", "code"), [
    ("Пять тысяч сто шестьдесят девять евро 35 евроцентов", "5169.35", "EUR"),
    ("Пять тысяч сто шестьдесят девять долларов США 35 центов", "5169.35", "USD"),
    ("Сто тысяч российских рублей 00 копеек", "100000.00", "RUB"),
])
def test_amounts_in_words_in_foreign_currencies_keep_their_cents(text: str, value: str, code: str) -> None:
    assert [v for v, _, _ in find_amounts_in_words(text)] == [Decimal(value)]
    assert detect_currency(text) == code


def test_the_application_total_is_its_declared_costs_not_the_amount_to_reimburse() -> None:
    pdf = render(lines_at(45, 60, [
        "ЗАЯВКА на возмещение части затрат",
        f"1. Наименование заявителя   ТОО «Альфа»    2. БИН/ИИН   {ALFA}",
        "7. Общая сумма затрат   3 128 406,00 тенге",
        "8. Сумма к возмещению (40 %)   1 251 362,40 тенге",
    ], step=16))
    total = fields_of([read(pdf)], DocType.application).total
    assert total is not None and (total.amount, total.currency) == (Decimal("3128406.00"), "KZT")


def test_an_application_without_its_total_line_has_no_total() -> None:
    pdf = render(lines_at(45, 60, [
        "ЗАЯВКА на возмещение части затрат",
        "8. Уплаченные налоги за три года   2023 г. — 28 928 006,53 тенге; 2024 г. — 52 775 812,49 тенге",
        "Сумма затрат, заявленных к возмещению: 9 758 029,10 тенге.",
        "Итого: 9 758 029,10 тенге",
    ], step=16))
    assert fields_of([read(pdf)], DocType.application).total is None


def _landscape_shown_turned(rows: list[tuple[float, float, str]]) -> bytes:
    """A landscape page of horizontal text whose PDF page is shown turned (`/Rotate 90`)."""
    from reportlab.lib.pagesizes import A4

    width, height = A4[1], A4[0]
    buf, c = dejavu_canvas((width, height))
    c.setPageRotation(90)
    c.setFont("DejaVu", 9.5)
    for x, y, text in rows:
        c.drawString(x, height - y, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_landscape_invoice_the_pdf_shows_turned_is_read_along_its_lines() -> None:
    pdf = _landscape_shown_turned([
        (300, 40, "Счет-фактура № 00088989 от 07.07.2025"),
        (45, 70, f"Поставщик: ИП Ким Г. К., БИН/ИИН {BETA}"),
        (45, 84, f"Получатель: ТОО «Альфа», БИН/ИИН {ALFA}"),
        (45, 110, "№"), (70, 110, "Наименование"), (500, 110, "Стоимость без НДС"), (620, 110, "НДС"),
        (700, 110, "Всего с НДС"),
        (45, 124, "1"), (70, 124, "Обучение персонала"), (500, 124, "210.933,44"), (620, 124, "25.312,01"),
        (700, 124, "236.245,45"),
        (45, 138, "2"), (70, 138, "Шеф-наладка"), (500, 138, "2.464.564,16"), (620, 138, "295.747,70"),
        (700, 138, "2.760.311,86"),
        (45, 152, "Всего по счету"), (500, 152, "2.675.497,60"), (620, 152, "321.059,71"),
        (700, 152, "2.996.557,31"),
    ])
    pages = read_pages(list(inspect("sf.pdf", pdf, Limits())), ReaderConfig(workers=1))
    assert pages[0].text.splitlines()[0].strip() == "Счет-фактура № 00088989 от 07.07.2025"
    fields = fields_of(list(pages), DocType.invoice)
    assert fields.number is not None and fields.number.value == "00088989"
    assert fields.total is not None and fields.total.amount == Decimal("2996557.31")


def test_a_report_of_costs_with_tiyn_after_a_dash_gives_its_total() -> None:
    pdf = render([
        (120, 40, "ОТЧЕТ о понесенных затратах"),
        (45, 60, f"ТОО «Альфа», БИН/ИИН {ALFA}"),
        (45, 80, "№"), (70, 80, "Документ"), (250, 80, "Номер"), (320, 80, "Дата"), (450, 80, "Сумма, KZT"),
        (45, 94, "1"), (70, 94, "Платежное поручение"), (250, 94, "2214"), (320, 94, "22.09.2025"),
        (450, 94, "1732908-00"),
        (45, 108, "2"), (70, 108, "Платежное поручение"), (250, 108, "2228"), (320, 108, "06.11.2025"),
        (450, 108, "2599362-00"),
        (320, 122, "Итого затрат"), (450, 122, "4332270-00"),
    ])
    total = fields_of([read(pdf)], DocType.applicant_report).total
    assert total is not None and (total.amount, total.currency) == (Decimal("4332270.00"), "KZT")


def test_an_acceptance_certificate_dated_with_the_month_in_digits() -> None:
    pdf = render([
        (150, 40, "АКТ приема-передачи оборудования № 185"),
        (45, 60, "г. Уральск"), (420, 60, "«23» 12 2024 г."),
        (45, 80, f"ТОО «Бета» (БИН {BETA}), именуемое «Поставщик», передал, а ТОО «Альфа» (БИН {ALFA}),"),
        (45, 94, "именуемое «Покупатель», принял следующее оборудование:"),
        (45, 114, "1"), (70, 114, "3D-принтер промышленный P2-1000"), (420, 114, "16 228 419,97"),
        (360, 128, "Итого"), (420, 128, "16 228 419,97"),
    ])
    fields = fields_of([read(pdf)], DocType.acceptance_certificate)
    assert fields.date is not None and fields.date.value == date(2024, 12, 23)


def _doc(doc_id: str, doc_type: DocType, pdf: bytes) -> tuple[Document, str]:
    page = read(pdf)
    doc = Document(id=doc_id, type=doc_type, confidence=0.99, pages=(PageRef(file="doc.pdf", page=1),))
    return extract_fields(doc, [page]), page.text


def test_a_foreign_suppliers_certificate_without_a_currency_takes_the_contracts_currency() -> None:
    act, act_text = _doc("a", DocType.acceptance_certificate, render([
        (150, 40, "АКТ приема-передачи оборудования № 532"),
        (45, 60, "г. Мюнхен"), (420, 60, "«03» 03 2026 г."),
        (45, 80, f"DigitalPrintSolutions LLC, именуемое «Поставщик», передал, а ТОО «Альфа» (БИН {ALFA})"),
        (45, 94, "принял следующее оборудование:"),
        (45, 114, "1"), (70, 114, "3D-принтер промышленный F430"), (420, 114, "9082-85"),
        (360, 128, "Итого"), (420, 128, "9082-85"),
    ]))
    contract, contract_text = _doc("c", DocType.contract, render(lines_at(45, 60, [
        "ДОГОВОР ПОСТАВКИ № DP-2026/11",
        "г. Алматы «10» 01 2026 г.",
        "Общая стоимость Договора составляет 9 082,85 (девять тысяч восемьдесят два) евро 85 евроцентов.",
        "Валюта договора – евро.",
    ], step=16)))
    other, other_text = _doc("o", DocType.acceptance_certificate, render([
        (150, 40, "АКТ приема-передачи оборудования № 533"),
        (360, 128, "Итого"), (420, 128, "1200-00"),
    ]))
    assert act.fields.total is not None and act.fields.total.currency == "KZT"  # nothing on it says
    settled = {d.id: d for d in settle_currencies([act, contract, other],
                                                  {"a": act_text, "c": contract_text, "o": other_text})}
    for doc_id, want in (("a", ("9082.85", "EUR")), ("c", ("9082.85", "EUR")), ("o", ("1200.00", "KZT"))):
        total = settled[doc_id].fields.total
        assert total is not None and (str(total.amount), total.currency) == want, doc_id


def test_an_itinerary_receipt_gives_the_first_flights_date_and_the_fare() -> None:
    pdf = render([
        (45, 40, "МАРШРУТНАЯ КВИТАНЦИЯ ЭЛЕКТРОННОГО БИЛЕТА / ITINERARY RECEIPT"),
        *lines_at(45, 60, [
            "Перевозчик: АО «Эйр Астана»",
            "Номер билета / Ticket number: 465 5227554406",
            "Дата оформления: 14.04.2025",
            "Пассажир: ОМАРОВА МАДИНА СЕРИКОВНА",
        ]),
        (45, 120, "Рейс"), (110, 120, "Откуда"), (220, 120, "Куда"), (320, 120, "Дата"), (400, 120, "Класс"),
        (45, 134, "KC 909"), (110, 134, "Павлодар"), (220, 134, "Алматы"), (320, 134, "21.04.2025"),
        (400, 134, "Y"),
        (45, 148, "KC 976"), (110, 148, "Алматы"), (220, 148, "Павлодар"), (320, 148, "15.05.2025"),
        (400, 148, "Y"),
        (45, 175, "Тариф / Fare: KZT 81702.00"),
    ])
    fields = fields_of([read(pdf)], DocType.travel_document)
    assert fields.date is not None and fields.date.value == date(2025, 4, 21)
    total = fields.total
    assert total is not None and (total.amount, total.currency) == (Decimal("81702.00"), "KZT")


def test_the_classic_payment_forms_sum_in_digits_stands_when_the_words_are_cut() -> None:
    pdf = render([
        (45, 40, "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 1608"), (400, 40, "Дата «31» 08 2026 г."),
        (45, 60, "Отправитель денег"), (200, 60, "ТОО «Альфа»"), (400, 60, "ИИК"),
        (450, 60, "KZ71551B1DZT74JL86K6"),
        (45, 74, "Бенефициар"), (200, 74, "ТОО «Бета»"), (400, 74, "Кбе"), (450, 74, "17"),
        (45, 88, "Сумма цифрами"), (200, 88, "3 223 855,22"), (400, 88, "КНП"), (450, 88, "859"),
        (45, 102, "Сумма прописью"), (200, 102, "Три миллиона двести двадцать три тысячи восемьсот"),
        (45, 116, "Назначение платежа"), (200, 116, "Оплата по договору № 914 от 11.02.2026, в т.ч. НДС 16%"),
    ])
    fields = fields_of([read(pdf)], DocType.payment_order)
    total = fields.total
    assert total is not None and (total.amount, total.currency) == (Decimal("3223855.22"), "KZT")
    assert fields.date is not None and fields.date.value == date(2026, 8, 31)
