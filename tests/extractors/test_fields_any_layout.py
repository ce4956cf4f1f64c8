"""Fields read whatever the layout: born-digital PDFs rendered here (truth known by construction) and
read back through the text layer, then through the type-agnostic detectors, `other` included."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from checklists.rules.bins import MISMATCH_CODE, MISREAD_CODE, bins
from extractors.bin import bin_check_digit, is_structured, is_valid_bin
from extractors.fields import extract_fields, find_total
from extractors.textindex import DocText, column_order
from extractors.textlayer import read_text_layer
from models.documents import Document, Fields, PageRef, Party
from models.package import PackageRequest
from models.pages import Page
from models.vocab import CostType, DocType, PageSource, Role
from tests.conftest import dejavu_canvas

Row = tuple[float, float, str]
"""(x, y) in points from the page's top-left corner, and the text drawn there."""


def render(rows: list[Row], size: float = 9.5, landscape: bool = False) -> bytes:
    """A born-digital PDF page with each text drawn where the row says."""
    from reportlab.lib.pagesizes import A4

    width, height = (A4[1], A4[0]) if landscape else A4
    buf, c = dejavu_canvas((width, height))
    c.setFont("DejaVu", size)
    for x, y, text in rows:
        c.drawString(x, height - y, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def lines_at(x: float, top: float, texts: list[str], step: float = 13) -> list[Row]:
    return [(x, top + i * step, t) for i, t in enumerate(texts)]


def read(pdf: bytes, source: PageSource = PageSource.text_layer) -> Page:
    return Page(file="doc.pdf", page=1, source=source, words=read_text_layer(pdf, 0))


def fields_of(pages: list[Page], doc_type: DocType = DocType.other,
              applicant_bin: str | None = None) -> Fields:
    doc = Document(id="d1", type=doc_type, confidence=0.99,
                   pages=tuple(PageRef(file=p.file, page=p.page) for p in pages))
    return extract_fields(doc, pages, applicant_bin).fields


def make_bin(head11: str) -> str:
    """A BIN/IIN with its check digit, from the first eleven digits (a head whose check is 10 twice
    moves its serial on by one)."""
    while (check := bin_check_digit(head11)) is None:
        head11 = f"{int(head11) + 1:011d}"
    return head11 + str(check)


ALFA = make_bin("18044094207")   # 2018-04, resident legal entity
BETA = make_bin("20084046735")   # 2020-08
GAMMA = make_bin("15034012345")
CARRIER = make_bin("11014055551")
CONSIGNEE = make_bin("09064022223")


def test_bins_of_the_examples_have_the_structure_of_a_bin() -> None:
    for value in (ALFA, BETA, GAMMA, CARRIER, CONSIGNEE):
        assert is_valid_bin(value) and is_structured(value)


# --- a paper of no listed kind gets its fields -------------------------------------------------------

def test_a_russian_bill_typed_other_gets_number_date_total_in_roubles_and_parties() -> None:
    inn = make_bin("50010073225")  # a 12-digit Russian INN of an entrepreneur: check digit right, no BIN
    assert is_valid_bin(inn) and not is_structured(inn)
    pdf = render([
        *lines_at(40, 60, [
            "ООО «Ромашка»  ИНН " + inn + "  КПП 770101001",
            "Банк получателя: ПАО Сбербанк  БИК 044525225",
        ]),
        (40, 110, "Счет на оплату № 1284 от 12 марта 2025 г."),
        *lines_at(40, 140, [
            "Поставщик: ООО «Ромашка», ИНН " + inn,
            "Покупатель: ТОО «Альфа», БИН " + ALFA,
        ]),
        *lines_at(40, 190, [
            "№   Товары (работы, услуги)            Кол-во   Ед.   Цена        Сумма",
            "1   Станок токарный 16К20                1     шт.   950 000,00   950 000,00",
            "2   Доставка                             1     усл.  170 000,00   170 000,00",
        ]),
        (330, 240, "Итого:       1 120 000,00"),
        (330, 253, "В том числе НДС:   186 666,67"),
        (330, 266, "Всего к оплате:   1 120 000,00"),
        (40, 290, "Всего наименований 2, на сумму 1 120 000,00 руб."),
        (40, 303, "Один миллион сто двадцать тысяч российских рублей 00 копеек"),
        (40, 340, "Руководитель ____________ Иванов И. И."),
    ])
    fields = fields_of([read(pdf)], DocType.other, applicant_bin=ALFA)
    assert fields.number is not None and fields.number.value == "1284"
    assert fields.date is not None and fields.date.value == date(2025, 3, 12)
    assert fields.total is not None
    assert (fields.total.amount, fields.total.currency) == (Decimal("1120000.00"), "RUB")
    assert {(p.bin, p.role) for p in fields.parties} == {(ALFA, Role.applicant)}  # the INN is no party


def test_the_number_and_date_stand_under_a_header_table_label() -> None:
    pdf = render([
        (300, 40, "Приложение 26 к приказу Министра финансов РК от 20 декабря 2012 года № 562"),
        (40, 70, "Организация (индивидуальный предприниматель)  ТОО «Бета»   ИИН/БИН " + BETA),
        (360, 95, "Номер документа     Дата составления"),
        (372, 110, "ЗП-0572              14.05.2025"),
        (40, 130, "НАКЛАДНАЯ НА ОТПУСК ЗАПАСОВ НА СТОРОНУ"),
    ])
    fields = fields_of([read(pdf)])
    assert fields.number is not None and fields.number.value == "ЗП-0572"
    assert fields.date is not None and fields.date.value == date(2025, 5, 14)


def test_a_letter_is_numbered_and_dated_on_its_first_lines() -> None:
    pdf = render([
        (40, 50, "ТОО «Бета»  БИН " + BETA),
        (40, 75, "Исх. № 01-12/345 от 15.03.2025"),
        (330, 75, "Директору ТОО «Альфа»"),
        (40, 120, "Настоящим сообщаем, что оборудование, поставленное по договору № 7 от 01.02.2025,"),
        (40, 133, "изготовлено в 2024 году."),
    ])
    fields = fields_of([read(pdf)])
    assert fields.number is not None and fields.number.value == "01-12/345"
    assert fields.date is not None and fields.date.value == date(2025, 3, 15)


def test_a_kazakh_title_number_after_the_date_and_a_kazakh_total() -> None:
    pdf = render([
        (230, 50, "АНЫҚТАМА"),
        (40, 75, "2025 жылғы 7 қаңтар                                   № 45-к"),
        (40, 110, "«Альфа» ЖШС (БСН " + ALFA + ") көрсетілген қызметтер үшін:"),
        (40, 130, "1   Монтаж жұмыстары                        400 000,00"),
        (40, 143, "2   Іске қосу жұмыстары                     100 000,00"),
        (40, 163, "Барлығы:                                    500 000,00 теңге"),
    ])
    fields = fields_of([read(pdf)])
    assert fields.number is not None and fields.number.value == "45-к"
    assert fields.date is not None and fields.date.value == date(2025, 1, 7)
    assert fields.total is not None
    assert (fields.total.amount, fields.total.currency) == (Decimal("500000.00"), "KZT")


# --- totals that make sense ------------------------------------------------------------------------

def test_a_total_line_gives_its_largest_cell_never_a_quantity_or_a_fragment() -> None:
    pdf = render([
        (40, 50, "Счет-фактура № 77 от 03.06.2025"),
        (40, 80, "Наименование            Кол-во    Цена             Стоимость с НДС"),
        (40, 93, "Оборудование              1,00    19 522 000,00    21 864 640,00"),
        (40, 113, "Итого                     1,00      162,00         21 864 640,00"),
    ], landscape=True)
    total = find_total(DocText([read(pdf)]), DocType.other)
    assert total is not None and total.amount == Decimal("21864640.00")


def test_a_table_total_cell_whose_head_ocr_glued_is_read_whole_when_sizing_the_cells() -> None:
    pdf = render([
        (40, 50, "СЧЕТ-ФАКТУРА № 164 от 02.03.2026"),
        (40, 80, "Итого по документу   2 673 292,26   427 726,76   3101 019,02"),
    ], landscape=True)
    total = find_total(DocText([read(pdf, PageSource.ocr)]), DocType.invoice)
    assert total is not None and total.amount == Decimal("3101019.02")


def test_on_an_ocr_page_the_amount_in_words_wins_over_digits_that_disagree() -> None:
    rows = [
        (40, 50, "Счет на оплату № 9 от 02.02.2025"),
        (40, 80, "Всего к оплате: 1 884 167,00"),
        (40, 93, "(Один миллион двести тридцать четыре тысячи пятьсот шестьдесят семь тенге 00 тиын)"),
    ]
    ocr = read(render(rows), PageSource.ocr)
    total = find_total(DocText([ocr]), DocType.other)
    assert total is not None and total.amount == Decimal("1234567")
    printed = read(render(rows))  # a text layer's digits are exact: they stay
    total = find_total(DocText([printed]), DocType.other)
    assert total is not None and total.amount == Decimal("1884167.00")


# --- two columns -----------------------------------------------------------------------------------

RU = [
    "ДОГОВОР ПОСТАВКИ № 15-EU",
    "г. Алматы                    10 марта 2025 г.",
    "ТОО «Бета», БИН " + BETA + ", именуемое в",
    "дальнейшем «Поставщик», в лице директора",
    "Ахметова А. А., и ТОО «Альфа», БИН " + ALFA + ",",
    "далее – «Покупатель», в лице директора",
    "Сериковой С. С., заключили настоящий договор:",
    "1. Общая стоимость договора составляет",
    "250 000,00 (двести пятьдесят тысяч) евро 00",
    "центов. Валюта договора – евро (EUR).",
    "2. Оплата производится в течение десяти дней",
    "с даты поставки оборудования на склад.",
]
EN = [
    "SUPPLY CONTRACT No 15-EU",
    "Almaty                     10 March 2025",
    "Beta LLP, BIN " + BETA + ", hereinafter the",
    "Supplier, represented by its director",
    "A. Akhmetov, and Alfa LLP, BIN " + ALFA + ",",
    "hereinafter the Buyer, represented by its",
    "director S. Serikova, have concluded this contract:",
    "1. The total price of the contract is",
    "EUR 250,000.00 (two hundred fifty thousand",
    "euro). The currency of the contract is EUR.",
    "2. Payment is made within ten days of the",
    "delivery of the equipment to the warehouse.",
]


def test_a_bilingual_contract_is_read_column_by_column_and_its_fields_come_from_one_column() -> None:
    pdf = render(lines_at(40, 60, RU) + lines_at(310, 60, EN), size=9)
    page = read(pdf)
    text = DocText([page]).text
    assert "в лице директора\nАхметова А. А." in text  # the Russian sentence is not interleaved
    assert text.index("ДОГОВОР ПОСТАВКИ") < text.index("SUPPLY CONTRACT") > text.index("с даты поставки")
    fields = fields_of([page], DocType.contract)
    assert fields.number is not None and fields.number.value == "15-EU"
    assert fields.date is not None and fields.date.value == date(2025, 3, 10)
    assert fields.total is not None
    assert (fields.total.amount, fields.total.currency) == (Decimal("250000.00"), "EUR")
    roles = {p.bin: p.role for p in fields.parties}
    assert roles == {BETA: Role.executor, ALFA: Role.applicant}  # the buyer, named second, is the applicant
    assert fields.total.bbox is not None and fields.total.bbox[2] < 0.5  # from the Russian column


def test_a_table_is_not_taken_for_two_columns() -> None:
    rows = [(40, 60 + 13 * i, f"{i + 1}   Позиция номер {i + 1}") for i in range(8)]
    rows += [(330, 60 + 13 * i, f"{i + 1},00   {1000 * (i + 1):,}.00".replace(",", " ")) for i in range(8)]
    page = read(render(rows))
    assert column_order(page.words) == list(page.words)


# (top, [(left, text)]) in points: the З-2 form's party and goods tables, a clear gap at x≈262
WAYBILL_TABLE = [
    (185, [(48, "Организация-отправитель"), (163, "Организация-получатель"), (274, "Ответственный за"),
           (352, "Транспортная организация"), (490, "Товарно-")]),
    (195, [(275, "поставку (Ф.И.О.)"), (481, "транспортная")]),
    (205, [(471, "накладная (номер,")]),
    (226, [(45, "ТОО «Бета», БИН"), (158, "ТОО «Альфа», БИН"), (272, "Абдрахманов Д. С."),
           (351, "ТОО «Транзит Сервис Групп», № 2605 от 25.04.2025")]),
    (236, [(45, BETA), (158, ALFA), (352, "БИН 030740877623")]),
    (254, [(47, "№ Наименование, характеристика товара"), (208, "Номенкл."), (268, "Ед. подлеж. отпущено"),
           (383, "Цена за"), (436, "Сумма с НДС, в"), (503, "Сумма НДС,")]),
    (264, [(209, "номер"), (266, "изм. отпуску"), (369, "единицу, в KZT"), (457, "KZT"), (516, "в KZT")]),
    (285, [(45, "1 Листогибочный пресс гидравл."), (207, "11.988.41"), (269, "шт."), (321, "1"), (360, "1"),
           (380, "1 985 032,68"), (448, "2 223 236,60"), (508, "238 203,92")]),
    (308, [(62, "Итого"), (360, "1"), (448, "2 223 236,60"), (508, "238 203,92")]),
    (327, [(43, "Всего отпущено количество запасов (прописью): один на"),
           (264, "сумму (прописью), в KZT два"), (380, "миллиона двести двадцать три тысячи")]),
    (352, [(42, "Отпуск разрешил ____ / ____"), (298, "По доверенности № ____ от «__» ____ 20__ года")]),
    (368, [(43, "Главный бухгалтер ____ / Иванов Н. С."), (298, "Запасы получил ____ / Жумабеков С. М.")]),
]


def test_a_form_table_whose_cells_start_anywhere_is_not_taken_for_two_columns() -> None:
    # wordy cells on both sides of a clear gap, but the right side's lines start wherever a column has a
    # cell: a table, read row by row, so that the total row keeps its label
    page = read(render([(x, top, text) for top, cells in WAYBILL_TABLE for x, text in cells], size=6.5))
    assert column_order(page.words) == list(page.words)
    fields = fields_of([page], DocType.waybill)
    assert fields.total is not None and fields.total.amount == Decimal("2223236.60")


# --- parties by wording ----------------------------------------------------------------------------

def test_carriers_and_consignees_are_third_parties_and_the_customer_is_the_applicant() -> None:
    pdf = render([
        (40, 50, "ТОВАРНО-ТРАНСПОРТНАЯ НАКЛАДНАЯ № 6441 от 12.02.2025"),
        *lines_at(40, 80, [
            "Грузоотправитель: ТОО «Бета», БИН " + BETA,
            "Перевозчик: ТОО «Алтын Дала», БИН " + CARRIER,
            "Грузополучатель: ТОО «Склад-Сервис», БИН " + CONSIGNEE,
            "Заказчик (плательщик): ТОО «Альфа», БИН " + ALFA,
        ], step=18),
    ])
    roles = {p.bin: p.role for p in fields_of([read(pdf)], DocType.waybill).parties}
    assert roles[CARRIER] == Role.other
    assert roles[CONSIGNEE] == Role.other
    assert roles[ALFA] == Role.applicant
    assert roles[BETA] == Role.executor


def test_a_contract_naming_the_executor_first_still_makes_the_customer_the_applicant() -> None:
    pdf = render([
        (40, 50, "ДОГОВОР № 12-М"),
        (40, 65, "г. Астана   «05» мая 2025 г."),
        *lines_at(40, 90, [
            "ТОО «Бета» (БИН " + BETA + "), далее – «Исполнитель», в лице директора Ахметова А. А.,",
            "с одной стороны, и ТОО «Альфа» (БИН " + ALFA + "), далее – «Заказчик», в лице директора",
            "Сериковой С. С., с другой стороны, заключили настоящий договор о нижеследующем:",
        ]),
    ])
    roles = {p.bin: p.role for p in fields_of([read(pdf)], DocType.contract).parties}
    assert roles == {BETA: Role.executor, ALFA: Role.applicant}


# --- identifiers by structure ----------------------------------------------------------------------

def test_a_twelve_digit_egov_number_that_passes_the_check_digit_is_no_party() -> None:
    egov = make_bin("85664662136")
    assert is_valid_bin(egov) and not is_structured(egov)
    pdf = render([
        (40, 40, "eGov · Номер документа: " + egov),
        (40, 70, "ВЫПИСКА из реестра отечественных товаропроизводителей"),
        (40, 90, "Номер реестровой записи 18-2024-57933"),
        (40, 103, "Дата выдачи выписки 26.02.2026"),
        (40, 116, "Наименование товаропроизводителя ТОО «Альфа»"),
        (40, 129, "БИН/ИИН " + ALFA),
    ])
    fields = fields_of([read(pdf)], DocType.ktp_extract)
    assert fields.number is not None and fields.number.value == "18-2024-57933"
    assert [p.bin for p in fields.parties] == [ALFA]


def test_iin_structure_needs_a_birth_date_and_a_century_digit() -> None:
    assert is_structured(make_bin("85052430012"))      # born 1985-05-24, a man of the 20th century (3)
    assert not is_structured(make_bin("85063130012"))  # 31 June
    assert not is_structured(make_bin("85052470012"))  # century digit 7


def doc_with(party_bin: str, confidence: float) -> Document:
    party = Party(bin=party_bin, valid=is_valid_bin(party_bin), role=Role.applicant, position="customer",
                  file="act.pdf", page=1, bbox=(0.1, 0.1, 0.3, 0.12), confidence=confidence)
    executor = Party(bin=BETA, valid=True, role=Role.executor, position="executor")
    return Document(id="a", type=DocType.act, confidence=0.99, pages=(PageRef(file="act.pdf", page=1),),
                    fields=Fields(parties=(party, executor)))


def one_digit_off(value: str, position: int) -> str:
    return value[:position] + str((int(value[position]) + 1) % 10) + value[position + 1:]


def test_an_unsure_reading_one_digit_off_the_applicants_bin_is_a_misreading_not_another_applicant() -> None:
    request = PackageRequest(cost_type=CostType.digital_equipment, application_date=date(2026, 3, 1),
                             applicant_bin=ALFA)
    for position in (3, 10):  # the 11th digit weighs 11 in the first pass: the reading may stay valid
        misread = one_digit_off(ALFA, position)
        codes = [f.code for f in bins(request, [doc_with(misread, confidence=0.55)])]
        assert MISREAD_CODE in codes and MISMATCH_CODE not in codes and "invalid_bin" not in codes
    sure = [f.code for f in bins(request, [doc_with(one_digit_off(ALFA, 3), confidence=0.97)])]
    assert MISREAD_CODE not in sure and ("invalid_bin" in sure or MISMATCH_CODE in sure)
