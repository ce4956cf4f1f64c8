"""Papers of training and equipment-supply packages written out by hand as real ones print them (a maker's
passport with its acceptance page, a training certificate naming its trainee, a power of attorney, a
Kazakh act citing its contract, a bilingual `ШАРТ № … / ДОГОВОР № …`, a page turned 90° inside a merged
PDF, an e-ticket and a hotel bill in one file, a foreign trade-register extract), rendered here and read
back through the text layer: the truth is what the paper prints."""

from __future__ import annotations

from datetime import date

from extractors.classify import classify
from extractors.dates import find_dates
from extractors.split import split_file
from extractors.textlayer import read_layer, read_text_layer
from models.pages import Page
from models.vocab import DocType, PageSource, Role
from tests.conftest import dejavu_canvas
from tests.extractors.test_fields_any_layout import Row, fields_of, lines_at, make_bin, read, render

ALFA = make_bin("18044094207")     # the applicant, a resident legal entity
BETA = make_bin("20084046735")     # a training centre, a supplier
TRAINEE = make_bin("96110240123")  # a person's IIN: born 1996-11-02
ATTORNEY = make_bin("81071430123")  # a person's IIN: born 1981-07-14
A4_POINTS = (595.2755737304688, 841.8897705078125)


def page_of(pdf: bytes, number: int = 1, file: str = "doc.pdf") -> Page:
    return Page(file=file, page=number, source=PageSource.text_layer, words=read_text_layer(pdf, 0))


def lines_of(page: Page) -> list[str]:
    out: dict[int, list[str]] = {}
    for w in page.words:
        out.setdefault(w.line, []).append(w.text)
    return [" ".join(ws) for ws in out.values()]


# --- page typing and splitting -----------------------------------------------------------------------

PASSPORT: list[Row] = [
    (200, 60, "ТЕХНИЧЕСКИЙ ПАСПОРТ"),
    *lines_at(45, 90, ["Токарный станок с ЧПУ CK6150", "Заводской номер 252054396",
                       "Дата изготовления 20.11.2024", "Технические характеристики: ..."], step=16),
]
ACCEPTANCE_PAGE: list[Row] = [
    (180, 60, "СВИДЕТЕЛЬСТВО О ПРИЕМКЕ"),
    *lines_at(45, 90, ["Токарный станок с ЧПУ CK6150, заводской номер 252054396, изготовлен и принят в",
                       "соответствии с технической документацией и признан годным к эксплуатации.",
                       "Начальник ОТК ________    М.П."], step=14),
]


def test_a_passports_acceptance_page_stays_in_the_passport_and_is_no_training_certificate() -> None:
    pages = [page_of(render(PASSPORT), 1), page_of(render(ACCEPTANCE_PAGE), 2)]
    groups = split_file(pages)
    assert [[p.page for p in g] for g in groups] == [[1, 2]]
    assert classify(groups[0])[0] == DocType.technical_passport
    assert classify([pages[1]])[0] == DocType.technical_passport


WAYBILL: list[Row] = [
    (45, 50, "НАКЛАДНАЯ НА ОТПУСК ЗАПАСОВ НА СТОРОНУ      473      20.05.2026"),
    (45, 70, "Организация-отправитель   Организация-получатель"),
    (45, 90, "Всего отпущено количество запасов (прописью): два"),
]
BILINGUAL_CONTRACT: list[Row] = [
    (45, 50, "ШАРТ № KZ-2024-8471"),
    (320, 50, "ДОГОВОР № KZ-2024-8471"),
    (45, 64, "Актобе қ.    2024 жылғы 17 маусым"),
    (320, 64, "г. Актобе    «17» июня 2024 г."),
    (45, 90, "Бұдан әрі «Жеткізуші» деп аталатын"),
    (320, 90, "именуемое в дальнейшем «Поставщик»"),
    (45, 110, "1. ШАРТТЫҢ МӘНІ"),
    (320, 110, "1. ПРЕДМЕТ ДОГОВОРА"),
]


def test_a_bilingual_contract_headed_shart_opens_a_contract_after_a_waybill_in_one_file() -> None:
    pages = [page_of(render(WAYBILL, landscape=True), 1), page_of(render(BILINGUAL_CONTRACT), 2)]
    groups = split_file(pages)
    assert [[p.page for p in g] for g in groups] == [[1], [2]]
    assert classify(groups[1])[0] == DocType.contract
    fields = fields_of(groups[1], DocType.contract)
    assert fields.number is not None and fields.number.value == "KZ-2024-8471"
    assert fields.date is not None and fields.date.value == date(2024, 6, 17)


KAZAKH_ACT: list[Row] = [
    (160, 50, "ОРЫНДАЛҒАН ЖҰМЫСТАР (КӨРСЕТІЛГЕН ҚЫЗМЕТТЕР)"),
    (240, 64, "АКТІСІ № 704/07"),
    (45, 84, "Павлодар қ."),
    (420, 84, "2025 жылғы 4 шілде"),
    (45, 104, f"Тапсырыс беруші     «Альфа» жауапкершілігі шектеулі серіктестігі     БСН/ЖСН   {ALFA}"),
    (45, 118, f"Орындаушы           «Бета» жауапкершілігі шектеулі серіктестігі      БСН/ЖСН   {BETA}"),
    (45, 132, "Шарт                № 941-ОУ/2025, 2025 жылғы 10 маусым"),
    (45, 160, "Барлығы ҚҚС-мен     6,096,467.10"),
]


def test_a_kazakh_acts_row_citing_its_contract_does_not_make_it_a_contract() -> None:
    page = page_of(render(KAZAKH_ACT))
    assert classify([page])[0] == DocType.act
    fields = fields_of([page], DocType.act)
    assert fields.number is not None and fields.number.value == "704/07"
    assert fields.date is not None and fields.date.value == date(2025, 7, 4)


def sideways(rows: list[Row], text_turn: int, page_rotation: int) -> bytes:
    """A portrait A4 page (media box 595 × 842) whose text is drawn turned by `text_turn` degrees
    (counter-clockwise) and which carries `/Rotate page_rotation`: what a merged PDF holds when one of
    its pages was turned (its text then reads sideways once the page is shown)."""
    from reportlab.lib.pagesizes import A4

    width, height = A4
    # reportlab takes the size of the page as shown: a page turned by 90° is given landscape
    buf, c = dejavu_canvas((height, width) if page_rotation % 180 else A4)
    c.setPageRotation(page_rotation)
    c.setFont("DejaVu", 9.5)
    frame_height = width if text_turn % 180 else height
    if text_turn == 90:
        c.translate(width, 0)
    elif text_turn == -90:
        c.translate(0, height)
    c.rotate(text_turn)
    for x, y, text in rows:
        c.drawString(x, frame_height - y, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_page_turned_90_degrees_in_a_merged_pdf_is_read_along_its_lines() -> None:
    import pypdfium2 as pdfium

    for text_turn, page_rotation in ((-90, 0), (90, 0), (0, 90), (0, 270)):
        pdf = sideways(KAZAKH_ACT, text_turn, page_rotation)
        doc = pdfium.PdfDocument(pdf)
        assert doc[0].get_mediabox() == (0, 0, *A4_POINTS) and doc[0].get_rotation() == page_rotation
        doc.close()
        page = page_of(pdf)
        lines = lines_of(page)
        assert "АКТІСІ № 704/07" in lines, (text_turn, page_rotation, lines[:4])
        assert lines.index("АКТІСІ № 704/07") < lines.index("Павлодар қ. 2025 жылғы 4 шілде")
        fields = fields_of([page], DocType.act)
        assert fields.number is not None and fields.number.value == "704/07"
        roles = {p.bin: p.role for p in fields.parties}
        assert roles == {ALFA: Role.applicant, BETA: Role.executor}, (text_turn, page_rotation)
        size = read_layer(pdf, 0).size
        assert (size[0] > size[1]) == bool(text_turn), (text_turn, page_rotation, size)


def test_an_upright_page_keeps_its_boxes() -> None:
    pdf = render(KAZAKH_ACT)
    heading = next(w for w in read_text_layer(pdf, 0) if w.text == "АКТІСІ")
    assert heading.bbox[1] < 0.1 and heading.bbox[0] > 0.3


TICKET_AND_HOTEL: tuple[list[Row], ...] = (
    [
        (45, 50, "ЭЛЕКТРОННЫЙ ПРОЕЗДНОЙ ДОКУМЕНТ (БИЛЕТ)"),
        (45, 64, "АО «Пассажирские перевозки»"),
        *lines_at(45, 90, [
            "Номер                 19303293317820",
            "Поезд / вагон         028Т / 05, К (купе)",
            "Отправление           Алматы, 23.07.2025 13:45",
            "Прибытие              Усть-Каменогорск",
            f"Пассажир              Есенов Ержан Кайратович, ИИН {TRAINEE}",
            "Стоимость, тенге      6 115,00",
        ], step=14),
    ],
    [
        (200, 50, "ТОО «Отель Silk Way»"),
        (150, 64, f"БИН {BETA}, 050030, г. Алматы, ул. Жандосова, д. 25"),
        (200, 84, "СЧЕТ № 021558 за проживание"),
        (230, 98, "от 28.03.2025"),
        (45, 120, f"Плательщик: ТОО «Альфа», БИН/ИИН {ALFA}"),
        (45, 134, "Категория   Заезд        Выезд        Ночей   Сумма"),
        (45, 148, "Стандарт    11.03.2025   28.03.2025   17      746 861,00"),
    ],
)


def test_a_railway_ticket_and_a_hotel_bill_in_one_file_are_two_documents_with_their_numbers() -> None:
    pages = [page_of(render(rows), i + 1) for i, rows in enumerate(TICKET_AND_HOTEL)]
    groups = split_file(pages)
    assert [[p.page for p in g] for g in groups] == [[1], [2]]
    assert [classify(g)[0] for g in groups] == [DocType.travel_document, DocType.accommodation_document]
    ticket = fields_of(groups[0], DocType.travel_document)
    assert ticket.number is not None and ticket.number.value == "19303293317820"
    assert TRAINEE not in {p.bin for p in ticket.parties}
    hotel = fields_of(groups[1], DocType.accommodation_document)
    assert hotel.number is not None and hotel.number.value == "021558"


def test_a_flight_itinerary_is_dated_by_its_departure_not_by_its_issue() -> None:
    pdf = render([
        (45, 50, "МАРШРУТНАЯ КВИТАНЦИЯ ЭЛЕКТРОННОГО БИЛЕТА / ITINERARY RECEIPT"),
        *lines_at(45, 70, [
            "Перевозчик: АО «Эйр Астана»",
            "Номер билета / Ticket number: 465 2408945164",
            "Дата оформления: 04.03.2025",
            f"Пассажир: ЖУМАБЕКОВА АЙГЕРИМ СЕРГЕЕВНА ИИН {TRAINEE}",
        ], step=14),
        (45, 140, "Рейс"), (120, 140, "Откуда"), (220, 140, "Куда"), (320, 140, "Дата"), (400, 140, "Класс"),
        (45, 154, "KC 959"), (120, 154, "Уральск"), (220, 154, "Алматы"), (320, 154, "11.03.2025"),
        (400, 154, "Y"),
        (45, 168, "KC 988"), (120, 168, "Алматы"), (220, 168, "Уральск"), (320, 168, "28.03.2025"),
        (400, 168, "Y"),
    ])
    fields = fields_of([read(pdf)], DocType.travel_document)
    assert fields.date is not None and fields.date.value == date(2025, 3, 11)


def test_a_foreign_trade_register_number_is_its_whole_cell_and_never_a_bin() -> None:
    foreign = "201912345678"
    pdf = render(lines_at(45, 50, [
        "EXTRACT FROM THE COMMERCIAL REGISTER / ВЫПИСКА ИЗ ТОРГОВОГО РЕЕСТРА",
        "Registration number / Регистрационный номер   REA MI-1190925",
        f"Company number / Номер компании   {foreign}",
        "Company / Наименование   LeanAcademy LLC",
        "Date of registration / Дата регистрации   30.08.2013",
    ], step=16))
    page = read(pdf)
    assert classify([page])[0] == DocType.foreign_registration
    fields = fields_of([page], DocType.foreign_registration)
    assert fields.number is not None and fields.number.value == "REA MI-1190925"
    assert fields.parties == ()


# --- parties --------------------------------------------------------------------------------------------

def test_a_trainees_iin_on_a_training_certificate_is_no_party() -> None:
    pdf = render([
        (120, 40, "Товарищество с ограниченной ответственностью «Sapa Training»"),
        (240, 54, f"БИН {BETA}"),
        (250, 90, "СЕРТИФИКАТ"),
        (255, 104, "№ LP-79523"),
        (60, 130, f"Настоящий сертификат выдан Нургалиева Наталья Нурлановна (ИИН {TRAINEE})"),
        (60, 144, "в том, что он(а) с 19.06.2025 по 10.07.2025 прошел(ла) обучение"),
        (60, 158, "по программе «Производственная система» в объеме 48 академических часов"),
        (45, 190, "Директор ________ Попов Д. Н."), (380, 190, "Дата выдачи: 10 июля 2025 г."),
    ], landscape=True)
    fields = fields_of([read(pdf)], DocType.training_certificate, applicant_bin=ALFA)
    assert [(p.bin, p.role) for p in fields.parties] == [(BETA, Role.executor)]


def test_a_certificate_issued_to_a_company_keeps_the_company() -> None:
    pdf = render(lines_at(45, 50, [
        "СВИДЕТЕЛЬСТВО № 17",
        f"Настоящее свидетельство выдано ТОО «Альфа» (БИН {ALFA}) в том, что его работники прошли обучение",
    ], step=16))
    fields = fields_of([read(pdf)], DocType.training_certificate, applicant_bin=ALFA)
    assert ALFA in {p.bin for p in fields.parties}


def test_the_representative_a_power_of_attorney_trusts_is_not_the_applicant() -> None:
    pdf = render([
        (220, 50, "ДОВЕРЕННОСТЬ № 13"),
        (45, 70, "г. Алматы"), (400, 70, "6 февраля 2024 г."),
        *lines_at(45, 96, [
            f"Товарищество с ограниченной ответственностью «Альфа» (БИН {ALFA}) в лице директора",
            f"Есенова Серика Болатовича доверяет Исмаилов Айдар Серикович (ИИН {ATTORNEY}) представлять",
            "интересы общества в АО «QazIndustry».",
        ], step=14),
    ])
    fields = fields_of([read(pdf)], DocType.power_of_attorney, applicant_bin=ALFA)
    assert [(p.bin, p.role) for p in fields.parties] == [(ALFA, Role.applicant)]


def test_the_supplier_on_a_purchase_acceptance_act_is_the_executor() -> None:
    pdf = render([
        (130, 50, "АКТ приема-передачи оборудования № 913"),
        (45, 70, "г. Павлодар"), (400, 70, "«06» 05 2026 г."),
        *lines_at(45, 96, [
            f"Акционерное общество «Бета» (БИН {BETA}), именуемое «Поставщик», передал, а",
            f"Товарищество с ограниченной ответственностью «Альфа» (БИН {ALFA}), именуемое",
            "«Покупатель», принял следующее оборудование:",
        ], step=14),
    ])
    fields = fields_of([read(pdf)], DocType.acceptance_certificate, applicant_bin=ALFA)
    assert {p.bin: p.role for p in fields.parties} == {BETA: Role.executor, ALFA: Role.applicant}
    assert fields.number is not None and fields.number.value == "913"
    assert fields.date is not None and fields.date.value == date(2026, 5, 6)


# --- dates ------------------------------------------------------------------------------------------------

def test_a_quoted_day_with_the_month_as_a_number() -> None:
    assert [d.value for d in find_dates("г. Павлодар      «10» 06 2025 г.")] == [date(2025, 6, 10)]
    assert [d.value for d in find_dates('"06" 05 2026г.')] == [date(2026, 5, 6)]
    assert find_dates("«10» 13 2025 г.") == []  # no month 13
    assert find_dates("10 06 2025") == []  # without the quotes three numbers are no date


def test_an_attorneys_iin_wrapped_to_the_next_line_is_no_party() -> None:
    pdf = render([
        (220, 50, "ДОВЕРЕННОСТЬ № 115"),
        *lines_at(45, 80, [
            f"Товарищество с ограниченной ответственностью «Альфа» (БИН {ALFA}) в лице",
            "директора Абдрахмановой Гульнары Болатовны доверяет Касымова Айгерим Нурлановна (ИИН",
            f"{ATTORNEY}) представлять интересы общества в АО «QazIndustry».",
        ], step=14),
    ])
    fields = fields_of([read(pdf)], DocType.power_of_attorney, applicant_bin=ALFA)
    assert [p.bin for p in fields.parties] == [ALFA]


def test_two_railway_tickets_in_one_file_are_two_trips() -> None:
    ticket = TICKET_AND_HOTEL[0]
    second = [(x, y, t.replace("19303293317820", "28019092922390")) for x, y, t in ticket]
    pages = [page_of(render(ticket), 1), page_of(render(second), 2)]
    groups = split_file(pages)
    assert [[p.page for p in g] for g in groups] == [[1], [2]]
    assert all(classify(g)[0] == DocType.travel_document for g in groups)
    numbers = [fields_of(g, DocType.travel_document).number for g in groups]
    assert [n.value if n else None for n in numbers] == ["19303293317820", "28019092922390"]


def transfer_abroad(number: str, day: str) -> list[Row]:
    return [
        (45, 40, "АО «Bank RBK»"),
        (120, 60, f"ЗАЯВЛЕНИЕ НА ПЕРЕВОД ИНОСТРАННОЙ ВАЛЮТЫ № {number}"),
        (150, 74, f"Application for foreign currency transfer, date {day}"),
        (45, 94, f"32A Дата валютирования / Валюта / Сумма {day[8:]}.{day[5:7]}.{day[:4]} / EUR / 50 418,41"),
        (45, 108, f"50 Перевододатель   ТОО «Альфа», БИН {ALFA}"),
        (45, 122, "57 Банк бенефициара (SWIFT)   IRTYKZKA"),
    ]


def test_transfers_abroad_in_one_file_are_one_payment_a_page() -> None:
    pages = [page_of(render(transfer_abroad("976", "2025-01-23")), 1),
             page_of(render(transfer_abroad("983", "2025-04-03")), 2)]
    groups = split_file(pages)
    assert [[p.page for p in g] for g in groups] == [[1], [2]]
    assert all(classify(g)[0] == DocType.payment_order for g in groups)
    second = fields_of(groups[1], DocType.payment_order)
    assert second.number is not None and second.number.value == "983"
    assert second.date is not None and second.date.value == date(2025, 4, 3)


def test_a_statement_of_taxes_paid_after_a_certificate_opens_its_own_document() -> None:
    certificate = [
        (150, 40, "Индивидуальный предприниматель Жумабекова Ольга Кайратовна"),
        (240, 54, f"ИИН {BETA}"), (250, 80, "СЕРТИФИКАТ"), (255, 94, "№ ПК-54001"),
        (60, 120, f"Настоящий сертификат выдан Бекмуханов Бауыржан Сергеевич (ИИН {TRAINEE})"),
        (60, 134, "в том, что он(а) с 02.10.2025 по 27.10.2025 прошел(ла) обучение"),
    ]
    taxes = [
        (150, 40, "СВЕДЕНИЯ ОБ УПЛАЧЕННЫХ НАЛОГАХ"),
        *lines_at(45, 70, [
            f"Налогоплательщик: Индивидуальный предприниматель Сериков Серик Ерланович, ИИН {ALFA}",
            "Дата формирования: 12.02.2026",
            "Год        Уплачено налогов, тенге",
            "2023       25 967 750,09",
        ], step=14),
    ]
    pages = [page_of(render(certificate, landscape=True), 1), page_of(render(taxes), 2)]
    groups = split_file(pages)
    assert [[p.page for p in g] for g in groups] == [[1], [2]]
    assert [classify(g)[0] for g in groups] == [DocType.training_certificate, DocType.tax_statement]


def test_a_photographed_foreign_register_extract_whose_heading_was_lost_is_still_one() -> None:
    from tests.extractors.test_classify_damaged import page as ocr_page

    lost_heading = ocr_page(
        "Date of registranion / Дата регж трации 02.05.2001",
        "[Managing director о Ким Гульнара Сернковна",
        "Apostille / Апостиль.",
    )
    assert classify([lost_heading])[0] == DocType.foreign_registration


def test_a_scanned_bilingual_contract_whose_number_sign_ocr_read_as_ne_is_a_contract() -> None:
    from tests.extractors.test_classify_damaged import page as ocr_page

    scanned = ocr_page(
        "СОМТВАСТ №. 0675/25",  # `CONTRACT` with N and R misread
        "Munich, September 02, 2025",
        "Servicecenter GmbH, registered under No. HRB 214790, hereinafter the “Contractor”, and",
        f"JSC «Kaspiy Plast» (BIN {ALFA}), hereinafter the “Customer”, have concluded this Contract:",
        "1. SUBJECT",
        "KOHTPAKT Ne 0675/25",
        "г. Мюнхен, 2 сентября 2025 г.",
    )
    assert classify([scanned])[0] == DocType.contract


def test_a_head_named_under_the_applications_row_label_is_no_party() -> None:
    head = make_bin("97012030123")  # a person's IIN: born 1997-01-20
    pdf = render(lines_at(45, 50, [
        "ЗАЯВКА",
        "1. Наименование заявителя Акционерное общество «Альфа»",
        f"2. БИН/ИИН {ALFA}",
        "4. Руководитель",
        f"Ахметов Тимур Сергеевич, ИИН {head}",
        "5. Банковские реквизиты",
    ], step=14))
    fields = fields_of([read(pdf)], DocType.application, applicant_bin=ALFA)
    assert [p.bin for p in fields.parties] == [ALFA]
