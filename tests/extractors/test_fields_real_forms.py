"""Fields of real Kazakh form layouts written out by hand (the ЭСФ print form's header with both of its
numbers, a Р-1 act under its order's corner line, bank lines among a party's requisites), rendered here
and read back through the text layer: the truth is what the form prints in the field the reader wants."""

from __future__ import annotations

from models.pages import Page, Word
from models.vocab import DocType, PageSource, Role
from tests.extractors.test_fields_any_layout import fields_of, lines_at, make_bin, read, render

ALFA = make_bin("18044094207")     # 2018-04, resident legal entity (the applicant)
BETA = make_bin("20084046735")     # 2020-08, resident legal entity
OWNER = make_bin("86110240123")    # an entrepreneur's IIN: born 1986-11-02
CORNER = "Приложение 50 к приказу Министра финансов Республики Казахстан от 20 декабря 2012 года № 562"


def _centred(text: str, x0: float, width: float) -> float:
    from reportlab.pdfbase import pdfmetrics

    render([])  # registers the font
    return x0 + (width - pdfmetrics.stringWidth(text, "DejaVu", 9.5)) / 2


def esf_header(number: str) -> list[tuple[float, float, str]]:
    """The ЭСФ print form's head: three 170-point cells from x = 45, headers centred in them, values at
    each cell's left edge (2 points in)."""
    heads = ("Регистрационный номер", "Номер документа", "Дата выписки")
    values = (f"ESF-{BETA}-28960", number, "06.10.2025")
    return [
        (330, 40, "СЧЕТ-ФАКТУРА"),
        (290, 54, "(электронный счет-фактура, печатная форма)"),
        *[(_centred(h, 45 + 170 * i, 170), 80, h) for i, h in enumerate(heads)],
        *[(47 + 170 * i, 97, v) for i, v in enumerate(values)],
    ]


def test_an_esf_header_table_gives_its_document_number_not_the_registration_number() -> None:
    pdf = render([
        *esf_header("80"),
        (45, 125, "Раздел B. Реквизиты поставщика"),
        (45, 139, f"Поставщик: ТОО «Бета»      ИИН/БИН: {BETA}"),
        (45, 167, "Раздел C. Реквизиты получателя"),
        (45, 181, f"Получатель: ТОО «Альфа»      ИИН/БИН: {ALFA}"),
        (45, 230, "Всего по счету:   287 643,62   2 684 673,77"),
    ], landscape=True)
    for doc_type in (DocType.invoice, DocType.other):
        fields = fields_of([read(pdf)], doc_type)
        assert fields.number is not None and fields.number.value == "80", doc_type


def test_an_esf_listing_its_numbers_one_under_another_takes_the_document_number() -> None:
    pdf = render(lines_at(45, 60, [
        "ЭЛЕКТРОННЫЙ СЧЕТ-ФАКТУРА",
        f"Регистрационный номер: ESF-{BETA}-44312",
        "Номер документа: СФ-233",
        "Дата выписки: 06.10.2025",
    ], step=14))
    for doc_type in (DocType.invoice, DocType.other):
        fields = fields_of([read(pdf)], doc_type)
        assert fields.number is not None and fields.number.value == "СФ-233", doc_type


def test_an_entrepreneur_supplying_on_an_esf_is_the_executor() -> None:
    pdf = render([
        *esf_header("СФ-2"),
        (45, 125, "Раздел B. Реквизиты поставщика"),
        (45, 139, f"Поставщик: ИП «ЭнергоАудит Плюс»      ИИН/БИН: {OWNER}"),
        (45, 167, "Раздел C. Реквизиты получателя"),
        (45, 181, f"Получатель: ТОО «Альфа»      ИИН/БИН: {ALFA}"),
    ], landscape=True)
    fields = fields_of([read(pdf)], DocType.invoice, applicant_bin=ALFA)
    assert {(p.bin, p.role) for p in fields.parties} == {(OWNER, Role.executor), (ALFA, Role.applicant)}
    names = {p.bin: p.name for p in fields.parties}
    assert names == {OWNER: "ИП «ЭнергоАудит Плюс»", ALFA: "ТОО «Альфа»"}


def _read_later(page: Page, texts: set[str]) -> Page:
    """The page as OCR may order it: the words `texts` read as a block after every other line."""
    last = max(w.line for w in page.words)
    moved = [w for w in page.words if w.text in texts]
    kept = [w for w in page.words if w.text not in texts]
    later = [Word(text=w.text, bbox=w.bbox, confidence=0.9, line=last + 1) for w in moved]
    return page.model_copy(update={"words": (*kept, *later), "source": PageSource.ocr})


def test_a_suppliers_bin_read_after_the_recipients_name_stays_the_suppliers() -> None:
    pdf = render([
        *esf_header("СФ-836"),
        (45, 125, "Раздел B. Реквизиты поставщика"),
        (45, 139, "Поставщик: ТОО «Бета»"), (300, 139, f"ИИН/БИН: {BETA}"),
        (45, 167, "Раздел C. Реквизиты получателя"),
        (45, 181, "Получатель: ТОО «Альфа»"), (300, 181, f"ИИН/БИН: {ALFA}"),
    ], landscape=True)
    page = _read_later(read(pdf), {BETA})
    assert page.text.rindex(BETA) > page.text.index("Получатель")
    fields = fields_of([page], DocType.invoice, applicant_bin=ALFA)
    assert {(p.bin, p.role) for p in fields.parties} == {(BETA, Role.executor), (ALFA, Role.applicant)}
    assert {p.bin: p.name for p in fields.parties} == {BETA: "ТОО «Бета»", ALFA: "ТОО «Альфа»"}


def test_a_bank_is_never_a_partys_name() -> None:
    pdf = render([
        (250, 40, "ДОГОВОР № 15"),
        *lines_at(40, 70, [
            "Исполнитель: ТОО «Бета»",
            "ИИК KZ12722S000012345678 в АО «Kaspi Bank», БИК CASPKZKA",
            f"БИН {BETA}",
            "АО «Халык Банк»",
            "Заказчик: ТОО «Альфа»",
            "ИИК KZ75601A861000123456",
            "АО «Народный банк Казахстана»",
            f"БИН {ALFA}",
        ]),
    ])
    fields = fields_of([read(pdf)], DocType.contract)
    assert {p.bin: p.name for p in fields.parties} == {BETA: "ТОО «Бета»", ALFA: "ТОО «Альфа»"}


def test_a_name_nearer_another_bin_is_that_bins() -> None:
    pdf = render([
        (120, 40, "ОТЧЕТ О ПОНЕСЕННЫХ ЗАТРАТАХ"),
        *lines_at(40, 70, [
            f"Заявитель: ТОО «Альфа», БИН {ALFA}",
            "Документ      Номер      Дата          Контрагент (БИН)",
            f"Договор       15         15.09.2025    {BETA}",
        ]),
    ])
    fields = fields_of([read(pdf)], DocType.applicant_report)
    assert {p.bin: p.name for p in fields.parties} == {ALFA: "ТОО «Альфа»", BETA: None}


def test_a_written_out_legal_form_keeps_each_party_to_its_own_clause() -> None:
    pdf = render([
        (150, 40, "ДОГОВОР ВОЗМЕЗДНОГО ОКАЗАНИЯ УСЛУГ № 7"),
        *lines_at(40, 70, [
            f"Акционерное общество «Альфа» (БИН {ALFA}), далее «Заказчик», в лице директора",
            "Нургалиевой Д. Н., действующего на основании Устава, и Акционерное общество «Бета",
            f"Групп» (БИН {BETA}), далее «Исполнитель», в лице Касымовой А. С., заключили",
            "настоящий Договор о следующем:",
        ]),
    ])
    fields = fields_of([read(pdf)], DocType.contract)
    assert {(p.bin, p.role) for p in fields.parties} == {(ALFA, Role.applicant), (BETA, Role.executor)}
    names = {p.bin: p.name or "" for p in fields.parties}
    assert names[ALFA] == "Акционерное общество «Альфа»"
    assert names[BETA].startswith("Акционерное общество «Бета")  # the name's first line at least


def test_named_further_as_gives_each_party_its_role_in_every_word_order() -> None:
    """«именуемое далее», «именуемое в дальнейшем», «далее» or a bare «именуемое» before the position."""
    for named in ("именуемое далее", "именуемое в дальнейшем", "далее", "именуемое"):
        pdf = render([
            (150, 40, "ДОГОВОР ПОСТАВКИ № 15"),
            *lines_at(40, 70, [
                f"Товарищество с ограниченной ответственностью «Бета», БИН {BETA}, {named}",
                "«Поставщик», и Товарищество с ограниченной ответственностью «Альфа», БИН",
                f"{ALFA}, {named} «Покупатель», заключили настоящий Договор о следующем:",
            ]),
        ])
        fields = fields_of([read(pdf)], DocType.contract)
        roles = {(p.bin, p.role) for p in fields.parties}
        assert roles == {(ALFA, Role.applicant), (BETA, Role.executor)}, named


def test_an_acts_corner_line_citing_the_order_never_numbers_the_act() -> None:
    rows = [
        (420, 30, CORNER[:48]), (420, 40, CORNER[48:]), (700, 52, "Форма Р-1"),
        (40, 70, f"Заказчик  ТОО «Альфа»  ИИН/БИН {ALFA}"),
        (40, 84, f"Исполнитель  ТОО «Бета»  ИИН/БИН {BETA}"),
        (250, 130, "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)"),
    ]
    one_line = render([(200, 30, CORNER), *rows[2:]], landscape=True)
    for doc_type in (DocType.act, DocType.other):
        assert fields_of([read(one_line)], doc_type).number is None, doc_type
    with_number = render([*rows, (600, 100, "Номер документа"), (700, 100, "Дата составления"),
                          (610, 113, "272"), (705, 113, "14.04.2025")], landscape=True)
    for doc_type in (DocType.act, DocType.other):
        fields = fields_of([read(with_number)], doc_type)
        assert fields.number is not None and fields.number.value == "272", doc_type


def test_a_form_number_after_forma_is_not_the_documents() -> None:
    pdf = render([
        (420, 30, "Форма № 3-2"),
        (200, 60, "НАКЛАДНАЯ № 888"),
        (40, 90, "на отпуск запасов на сторону"),
    ])
    fields = fields_of([read(pdf)], DocType.other)
    assert fields.number is not None and fields.number.value == "888"


def test_a_title_number_whose_sign_ocr_read_as_a_letter_m() -> None:
    pdf = render([
        (100, 40, "ДОГОВОР ВОЗМЕЗДНОГО ОКАЗАНИЯ УСЛУГ М 0788/25"),
        (40, 60, "г. Алматы 6 июня 2025 г."),
    ])
    fields = fields_of([read(pdf, PageSource.ocr)], DocType.contract)
    assert fields.number is not None and fields.number.value == "0788/25"


def test_an_entrepreneur_named_on_the_next_line_of_a_preamble_is_the_executor() -> None:
    pdf = render([
        (150, 40, "ДОГОВОР ВОЗМЕЗДНОГО ОКАЗАНИЯ УСЛУГ № 0949/25"),
        *lines_at(40, 70, [
            f"Акционерное общество «Альфа» (БИН {ALFA}), далее «Заказчик», в лице директора",
            "Касымова Е. К., действующего на основании Устава, и Индивидуальный предприниматель",
            f"Попов Марат Александрович (ИИН {OWNER}), далее «Исполнитель», заключили настоящий",
            "Договор о следующем:",
        ]),
    ])
    fields = fields_of([read(pdf)], DocType.contract)
    assert {(p.bin, p.role) for p in fields.parties} == {(ALFA, Role.applicant), (OWNER, Role.executor)}
    assert {p.bin: p.name for p in fields.parties}[OWNER] == \
        "Индивидуальный предприниматель Попов Марат Александрович"


def test_a_serials_prefix_ocr_read_as_a_dollar_and_a_number_sign_is_sn() -> None:
    rows = [
        (200, 40, "ПАСПОРТ"),
        *lines_at(40, 70, ["Модель BS-320", "Заводской номер $№202357595", "Дата изготовления 13.05.2024"]),
    ]
    fields = fields_of([read(render(rows), PageSource.ocr)], DocType.technical_passport)
    assert fields.number is not None and fields.number.value == "SN202357595"


def test_a_metre_on_an_acts_title_line_is_no_number_sign() -> None:
    pdf = render([(100, 40, "АКТ приемки бетона 120 м 3 класса B25"), (40, 60, "от 14.04.2025")])
    fields = fields_of([read(pdf, PageSource.ocr)], DocType.act)
    assert fields.number is None or fields.number.value != "3"
