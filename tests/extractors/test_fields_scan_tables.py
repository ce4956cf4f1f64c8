"""Fields of bad scans and phone photos whose page text holds them in damaged form: a form's label column
read before its value column, a hyphen read as a space, Latin look-alikes in a label, a form's corner
citation with its words damaged, a table border read as a digit, a register prefix misread, `№` read as
`М:`, a report whose total cell OCR emptied. The lines and boxes are what Tesseract made of generated
papers (ninth and eighth families); the expected values are the generator's truth."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from extractors.agreed_totals import agree_totals
from extractors.cost_share import share_of, totals_from_share, whole_of
from extractors.fields import find_date, find_number, find_total
from extractors.file_names import as_file_names_it
from extractors.parties import find_parties
from extractors.roles import resolve_roles
from extractors.textindex import DocText
from models.documents import Document, Fields, MoneyField, PageRef, Party
from models.pages import Page, Word
from models.vocab import DocType, PageSource, Role
from tests.extractors.ocr_lines import ocr_page


def placed(*words: tuple[str, float, float, float, float, int]) -> DocText:
    """A page of words with their own boxes (x0, y0, x1, y1) and reading-order lines."""
    return DocText([Page(file="Счет-фактура № СФ-205 и др.pdf", page=1, source=PageSource.ocr,
                         words=tuple(Word(text=t, bbox=(x0, y0, x1, y1), confidence=0.7, line=ln)
                                     for t, x0, y0, x1, y1, ln in words))])


# An ЭСФ's header as OCR read it: the numbered labels first, each a line, then the value column
# (`СФ 205` — the hyphen lost —, `720. 04. 2026`, `“20.04.2026`) as lines of their own.
ESF_HEAD = (
    ("регистрационный", 0.341, 0.108, 0.42, 0.119, 0), ("номер", 0.424, 0.11, 0.452, 0.119, 0),
    ("ESF-020240398763-20260420-", 0.456, 0.107, 0.607, 0.118, 0),
    ("Alara", 0.504, 0.133, 0.521, 0.138, 1), ("и", 0.526, 0.133, 0.53, 0.136, 1),
    ("время", 0.534, 0.133, 0.559, 0.138, 1), ("согистрации:", 0.563, 0.133, 0.614, 0.138, 1),
    ("20.04.2028", 0.621, 0.133, 0.665, 0.136, 1), ("09:52", 0.668, 0.133, 0.69, 0.136, 1),
    ("1.", 0.05, 0.175, 0.055, 0.183, 2), ("Номер.", 0.061, 0.174, 0.088, 0.19, 2),
    ("учетной", 0.087, 0.176, 0.116, 0.189, 2), ("си!", 0.119, 0.174, 0.131, 0.19, 2),
    ("системы", 0.122, 0.176, 0.154, 0.188, 2),
    ("2.", 0.049, 0.188, 0.058, 0.201, 3), ("Дата", 0.058, 0.193, 0.076, 0.202, 3),
    ("выписки", 0.079, 0.194, 0.112, 0.201, 3),
    ("3.", 0.049, 0.21, 0.055, 0.218, 4), ("Mata", 0.058, 0.21, 0.076, 0.219, 4),
    ("соБершения", 0.079, 0.212, 0.127, 0.219, 4), ("оборота", 0.13, 0.209, 0.162, 0.219, 4),
    (".", 0.409, 0.187, 0.413, 0.189, 5), ("СФ", 0.415, 0.175, 0.423, 0.189, 5),
    ("205", 0.427, 0.175, 0.442, 0.188, 5),
    ("720.", 0.408, 0.187, 0.424, 0.206, 6), ("04.", 0.425, 0.188, 0.436, 0.201, 6),
    ("2026", 0.438, 0.188, 0.457, 0.201, 6),
    ("“20.04.2026", 0.408, 0.204, 0.458, 0.219, 7),
)


def test_an_esf_label_column_read_before_its_value_column_is_paired_by_the_word_boxes() -> None:
    text = placed(*ESF_HEAD)
    number = find_number(text, DocType.invoice)
    assert number is not None and number.value == "СФ-205"
    assert number.bbox is not None and number.bbox[0] >= 0.41  # the value's box, not the label's
    found = find_date(text, number, DocType.invoice)
    assert found is not None and found.value == date(2026, 4, 20)


def test_a_total_label_with_a_latin_letter_among_its_cyrillic_ones() -> None:
    """`Всего c НДС` (a Latin `c`) under a net `Итого` row on a bad scan of a Р-1 act."""
    t = find_total(DocText([ocr_page(
        "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)",
        "Итого 7 7 7 і і і 7 — 6 199 567.51",
        "Всего c НДС 7191 498.31",
        "Сдал (Исполнитель) Прниял (Заказчик)")]), DocType.act)
    assert t is not None and (t.amount, t.currency) == (Decimal("7191498.31"), "KZT")


def test_a_waybill_under_a_form_corner_whose_words_ocr_damaged() -> None:
    """A З-2 photographed: the corner's last line `ол 20 декабря 2012 ғода № 562` cites the order
    approving the form; the waybill's number and date stand under its header table (the date's points
    lost)."""
    text = placed(
        ("ж", 0.70, 0.02, 0.71, 0.03, 0), ("прижазу", 0.72, 0.02, 0.78, 0.03, 0),
        ("Мимистрәа", 0.79, 0.02, 0.86, 0.03, 0), ("фиео»сов", 0.87, 0.02, 0.93, 0.03, 0),
        ("Рестублики", 0.70, 0.035, 0.78, 0.045, 1), ("Казажстам", 0.79, 0.035, 0.86, 0.045, 1),
        ("ол", 0.70, 0.05, 0.71, 0.06, 2), ("20", 0.72, 0.05, 0.73, 0.06, 2),
        ("декабря", 0.74, 0.05, 0.79, 0.06, 2), ("2012", 0.80, 0.05, 0.83, 0.06, 2),
        ("ғода", 0.84, 0.05, 0.87, 0.06, 2), ("№", 0.88, 0.05, 0.89, 0.06, 2),
        ("562", 0.90, 0.05, 0.93, 0.06, 2),
        ("Форма", 0.80, 0.10, 0.85, 0.11, 3), ("3-2", 0.86, 0.10, 0.88, 0.11, 3),
        ("Homep", 0.55, 0.12, 0.60, 0.13, 4), ("документа", 0.61, 0.12, 0.68, 0.13, 4),
        ("Дата", 0.72, 0.12, 0.76, 0.13, 4), ("составления", 0.77, 0.12, 0.86, 0.13, 4),
        ("РН-00073252", 0.56, 0.14, 0.66, 0.15, 5), ("31122024", 0.75, 0.14, 0.82, 0.15, 5),
        ("НАКЛАДНАЯ", 0.30, 0.17, 0.40, 0.18, 6), ("НА", 0.41, 0.17, 0.43, 0.18, 6),
        ("ОТПУСК", 0.44, 0.17, 0.50, 0.18, 6), ("ЗАПАСОВ", 0.51, 0.17, 0.58, 0.18, 6),
    )
    number = find_number(text, DocType.waybill)
    assert number is not None and number.value == "РН-00073252"
    found = find_date(text, number, DocType.waybill)
    assert found is not None and found.value == date(2024, 12, 31)


def test_an_act_under_a_form_corner_read_of_20_декабря_has_no_number_from_it() -> None:
    number = find_number(DocText([ocr_page(
        "| к приказу Мимистра фимансов", "Республики Казахстам", "of 20 декабря 2012 года № 962",
        "Заказчик КЕ", "Исполнитель =")]), DocType.act)
    assert number is None or number.value != "962"


def test_an_annex_heading_ocr_read_as_припожение_numbers_the_annex_not_the_contract() -> None:
    """A contract's scan that starts with its annex: `Припожение № 1 к Договору № К2-2025-8890 от …`."""
    number = find_number(DocText([ocr_page(
        "Припожение № 1 к Договору № К2-2025-8890 от 28.11.2025",
        "г. Тараз «28» ноября 2025 года",
        "Индивидуальный предприниматель Ахметов Сергей Сергеевич, именуемое в дальнейшем «Заказчик», в лице",
        "1.ПРЕДМЕТ ДОГОВОРА")]), DocType.contract)
    assert number is not None and number.value == "KZ-2025-8890"


def test_a_register_extracts_values_read_after_its_labels_with_the_prefix_and_border_misread() -> None:
    """A photographed КТП extract: its number's `Т` read as `1`, and a `1` (the table's border) glued
    before the holder's IIN."""
    text = DocText([ocr_page(
        "ВЫПИСКА", "2026 жылғы 28 мамыр", "из реестра казахстанских товаропроизводителей",
        "Регистрационный номер записи", "Дата включения в реестр", "1П-14/26/856045", "|28.05.2026 -- р",
        "Наименование товаропроизводителя | Индивидуальный предприниматель Ахметов Сергей —",
        "БИН/ИИН 1911107314450 ез", "ОКЭД 18120")])
    number = find_number(text, DocType.ktp_extract)
    assert number is not None and number.value == "ТП-14/26/856045"
    assert [p.bin for p in find_parties(text, None, DocType.ktp_extract)] == ["911107314450"]


def test_a_register_number_whose_п_ocr_read_as_h() -> None:
    number = find_number(DocText([ocr_page(
        "ВЫПИСКА из реестра отечественных товаропроизводителей",
        "Регистрационный номер записи TH-07/26/328930 |")]), DocType.ktp_extract)
    assert number is not None and number.value == "ТП-07/26/328930"


def test_a_register_number_whose_п_ocr_read_as_two_strokes() -> None:
    number = find_number(DocText([ocr_page(
        "ВЫПИСКА из реестра отечественных товаропроизводителей",
        "Регистрационный номер записи TІ1-07/26/904278")]), DocType.ktp_extract)
    assert number is not None and number.value == "ТП-07/26/904278"


def test_a_register_number_with_a_stroke_read_as_kazakh_i_between_its_letters() -> None:
    number = find_number(DocText([ocr_page(
        "ВЫПИСКА из реестра отечественных товаропроизводителей",
        "Регистрационный номер записи TІП-04/26/725145")]), DocType.ktp_extract)
    assert number is not None and number.value == "ТП-04/26/725145"


def test_a_payment_orders_number_sign_read_as_m_question_mark() -> None:
    number = find_number(DocText([ocr_page("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ М? 1500", "Ммм 0256.", "Отправитель денег")]),
                         DocType.payment_order)
    assert number is not None and number.value == "1500"


def test_a_payment_orders_number_sign_read_as_m_colon() -> None:
    number = find_number(DocText([ocr_page("“Нем а", "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ М: 1474 .. 4", "Отырэвитель")]),
                         DocType.payment_order)
    assert number is not None and number.value == "1474"


REPORT = ("Приложение 2", "ОТЧЕТ", "о понесенных затратах ТОО «EcoLine Astana» (БИН 021240124849)",
          "№ Документ Номер Дата Контрагент Сумма, тенге",
          "1 | Договор KZ-2025-7811 13.10.2025 | ТОО «Учебный центр", "Кайдзен Казахстан» ee",
          "2 | Платежное поручение 226 27.11.2025 | ТОО «Учебный центр", "Кайдзен Казахстан»",
          "ИТОГО затрат", "Сумма к возмещению (40 %): 142365.22 тенге.",
          "Руководитель Ким А. С. Главный бухгалтер Тлеубаев Д. Б.", "Дата составления отчета: 24.02.2026")


def test_the_amount_to_reimburse_is_not_the_reports_total() -> None:
    """`ИТОГО затрат` whose cell OCR emptied, `Сумма к возмещению (40 %)` under it: no total is read."""
    assert find_total(DocText([ocr_page(*REPORT)]), DocType.applicant_report) is None


def _doc(doc_id: str, kind: DocType, total: str | None) -> Document:
    money = MoneyField(amount=Decimal(total), currency="KZT") if total else None
    return Document(id=doc_id, type=kind, confidence=0.9, pages=(PageRef(file=f"{doc_id}.jpg", page=1),),
                    fields=Fields(total=money))


def test_a_reports_total_is_the_package_amount_whose_stated_share_is_the_amount_to_reimburse() -> None:
    """40 % of 355 913,04 is 142 365,216: rounded, the 142 365,22 the report states. Dividing alone gives
    355 913,05; the package's payment prints the total."""
    assert share_of("\n".join(REPORT)) == (Decimal("40"), Decimal("142365.22"))
    report = _doc("r", DocType.applicant_report, None)
    payment = _doc("p", DocType.payment_order, "355913.04")
    contract = _doc("c", DocType.contract, "9000000.00")
    out = {d.id: d for d in totals_from_share([report, payment, contract],
                                              {"r": "\n".join(REPORT), "p": "", "c": ""})}
    total = out["r"].fields.total
    assert total is not None and total.amount == Decimal("355913.04") and total.file == "r.jpg"
    assert out["p"].fields.total == payment.fields.total


def test_no_total_is_guessed_from_a_share_nothing_in_the_package_confirms() -> None:
    assert whole_of(Decimal("40"), Decimal("142365.22"), [Decimal("355913.10"), Decimal("1000.00")]) is None
    out = totals_from_share([_doc("r", DocType.applicant_report, None)], {"r": "\n".join(REPORT)})
    assert out[0].fields.total is None


def test_a_total_whose_tenge_sign_ocr_read_as_a_glued_7_is_the_rows_net_plus_vat() -> None:
    """An ЭСФ photographed: every cell of its `Всего по счету` row in a spreadsheet's tenge format, the
    sign read as `7` (or `#`); 7 960 975,50 + 955 317,06 (12 %) = 8 916 292,56."""
    t = find_total(DocText([ocr_page(
        "Счет-фактура № СФ-293 от 11.03.2025",
        "1 76,585,161.45 76.585,161.45} 12% ¥790,219.37 ¥7,375,380.82)",
        "үсл. 1 71,375.814.05] %1.375,814.05| 12% 7165,097.89) 11.540,91 74",
        "|Всего по счету 77,960,975-50] #955.317.06] 78.916.292.56] |",
        "Руководитель организации Ким С.Е. Серикова А. К. |")]), DocType.invoice)
    assert t is not None and t.amount == Decimal("8916292.56")


def test_a_reports_total_row_whose_label_ocr_lost_repeats_its_only_rows_amount() -> None:
    """A report's table of one row on a bad scan: the row's amount at the end of its payments cell, then
    the total row with its `Итого` read as specks (`СС: О ОИ _`)."""
    t = find_total(DocText([ocr_page(
        "Приложение 2", "к Правилам возмещения.", "о понесенных затратах",
        "Заявитель: Индивидуальный предприниматель Ахметов Сергей Сергеевич, БИН/МИН 911107314450",
        "№ | Наименование затрат: | Исполнитель / поставшик - Договор -- Платежные документы. | Сумма",
        "1 повышение компетенций | АО «Учебный центр Кайдзен», БИН Ме KZ-2025-8890 от",
        "работников 7 (230244848: 282028",
        "п/п Ме 644 от 05.01.2026 | 2 140 036,64",
        "СС: О ОИ _ 2 140 036,64",
        "Руководитель Ахметов С. С. Главный бухгалтер Есенов М. С.", "Дата: 10.06.2026")]),
        DocType.applicant_report)
    assert t is not None and t.amount == Decimal("2140036.64")


def test_an_amount_repeated_on_a_line_that_keeps_its_words_is_no_total_of_one_weak_row() -> None:
    t = find_total(DocText([ocr_page(
        "Приложение 2", "ОТЧЕТ", "п/п Ме 644 от 05.01.2026 | 2 140 036,64",
        "оплачено платежным поручением 2 140 036,64")]), DocType.applicant_report)
    assert t is None


LETTER = ("Shenyang Machine Tool Со., Ltd.", "Киви!", "Исх. № 342.26", "ОТ 27.05.2026",
          "Руководителю ГОО «Нар Техно Групи»",
          "Настоящим Shenvang Machine Tool Co.. Lid. подтверждает, что оборудование Токарный станок с ЧПУ",
          "заводской Ne 254905527, произведено нашим предприятием 20.05.2025 и поставлено через официального",
          "дистризыютора ТОО «Станкоимпорт Казахстан». Шеф-монтаж и пусконаладочные работы выполняются",
          "Export Sales Manager")


def test_a_letters_number_whose_slash_ocr_read_as_a_point_before_the_year() -> None:
    number = find_number(DocText([ocr_page(*LETTER)]), DocType.manufacturer_document)
    assert number is not None and number.value == "342/26"


def test_a_number_with_a_point_before_digits_that_are_no_printed_year_keeps_its_point() -> None:
    number = find_number(DocText([ocr_page("Исх. № 342.17", "ОТ 27.05.2026")]), DocType.manufacturer_document)
    assert number is not None and number.value == "342.17"


def test_an_acts_header_table_whose_label_ocr_cut_short_gives_its_number_and_date() -> None:
    """A Р-1 act on a bad scan: `Номер доку Дата` (`документа`, `составления` lost), the number under
    `Номер`, the date a line under the title; the contract's citation `№ ДП-2025/ 745` stands lines away
    from its label."""
    text = placed(
        ("№", 0.10, 0.20, 0.12, 0.21, 0), ("ДП-2025/", 0.13, 0.20, 0.22, 0.21, 0),
        ("745", 0.23, 0.20, 0.26, 0.21, 0), ("от", 0.27, 0.20, 0.29, 0.21, 0),
        ("09.04.2025", 0.30, 0.20, 0.38, 0.21, 0),
        ("Форма", 0.80, 0.22, 0.85, 0.23, 1), ("Ғ-і", 0.86, 0.22, 0.88, 0.23, 1),
        ("Номер", 0.55, 0.25, 0.60, 0.26, 2), ("доку", 0.61, 0.25, 0.65, 0.26, 2),
        ("Дата", 0.72, 0.25, 0.76, 0.26, 2),
        ("287", 0.56, 0.27, 0.59, 0.28, 3),
        ("АКТ", 0.30, 0.29, 0.34, 0.30, 4), ("ВЫПОЛНЕННЫХ", 0.35, 0.29, 0.47, 0.30, 4),
        ("РАБОТ", 0.48, 0.29, 0.54, 0.30, 4),
        ("01.05.2025", 0.72, 0.31, 0.80, 0.32, 5),
    )
    number = find_number(text, DocType.act)
    assert number is not None and number.value == "287"
    found = find_date(text, number, DocType.act)
    assert found is not None and found.value == date(2025, 5, 1)


PAYMENT = ("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 1051", "13.05.2025", "(дата выписки)", "Отправитель денег: ИИК КОд Сумма",
           "ТОО «Qazaq Composite Казахстан» KZ7572299425201SW589 17 — Л еп", "БИН: 190140536518",
           "Бенефициар: VK KBe", "ТОО «Монтажспецстрой-Алматы» KZ75821ES917M3Y6104B 17", "БИН: 100940861095",
           "Сумма прописью:", "Восемьсот тридцать четыре тысячи триста девяносто два тенге 96 тиын",
           "Назначение платежа: Оплата за оказанные услуги по договору № ДП-")


def test_a_payments_amount_in_words_under_its_label_when_a_seal_took_the_digits() -> None:
    t = find_total(DocText([ocr_page(*PAYMENT)]), DocType.payment_order)
    assert t is not None and (t.amount, t.currency) == (Decimal("834392.96"), "KZT")


def test_the_amount_to_reimburse_in_words_is_no_total() -> None:
    t = find_total(DocText([ocr_page("ЗАЯВКА", "Сумма к возмещению прописью:",
                                     "Сто сорок две тысячи триста шестьдесят пять тенге 22 тиын")]),
                   DocType.application)
    assert t is None


def _payment_roles(parties: tuple[Party, ...], applicant: str) -> list[tuple[str, str]]:
    """The parties of a payment order holding `parties`, with the roles the package stage gives them."""
    doc = Document(id="p", type=DocType.payment_order, confidence=0.9,
                   pages=(PageRef(file="ПП.jpg", page=1),), fields=Fields(parties=parties))
    return [(p.bin, p.role.value) for p in resolve_roles([doc], applicant)[0].fields.parties]


def test_a_bank_printouts_one_unlabelled_counterparty_beside_the_applicant_is_the_beneficiary() -> None:
    """A photographed ForteBusiness printout whose label column OCR lost: the sender's and the
    beneficiary's names and BINs read bare (the parties as the page gives them: the applicant by its BIN
    given at upload, the other with no position word)."""
    parties = (Party(bin="140140992872", valid=True, role=Role.applicant, name="TOO «Каспий Пласт»"),
               Party(bin="140540230357", valid=True, role=Role.other, name="TOO «Lean Academy»"))
    assert _payment_roles(parties, "140140992872") == [("140140992872", "applicant"),
                                                       ("140540230357", "executor")]


def test_a_payments_counterparty_with_a_position_word_keeps_its_role() -> None:
    parties = (Party(bin="140140992872", valid=True, role=Role.applicant),
               Party(bin="140540230357", valid=True, role=Role.other, position="carrier"))
    assert _payment_roles(parties, "140140992872")[1] == ("140540230357", "other")


def test_a_vat_certificates_series_and_number_among_the_requisites_is_no_number_of_the_paper() -> None:
    """An ЭСФ whose label `Номер учетной системы` OCR cut to `ной системы` and whose supplier's VAT
    certificate reads `с 25307 № 704` (`серия` damaged, its label on another line)."""
    number = find_number(DocText([ocr_page(
        "Раздел А. Общий раздел (9 Ооо", "1. ной системы --- 02.04.2026", "Раздел В. Реквизиты поставщика",
        "181040100658 „тственностью «Plotter Center»", "с 25307 № 704", "Раздел С. Реквизиты получателя")]),
        DocType.invoice)
    assert number is None or number.value != "704"


def test_a_number_cut_short_at_its_line_end_is_the_one_its_files_name_opens_with_it() -> None:
    page = ocr_page("-2026-8023", "ДОГОВОР ПОСТАВКИ № К2-202 ge февраля 2026 года",
                    "г. Караганда в дальнейшем «Покупатель», в лице", file="Договор № KZ-2026-8023.pdf")
    number = as_file_names_it(find_number(DocText([page]), DocType.contract), [page])
    assert number is not None and number.value == "KZ-2026-8023"
    short = ocr_page("ДОГОВОР № ДП-12 от 01.02.2026", file="Договор ДП-1234.pdf")
    found = as_file_names_it(find_number(DocText([short]), DocType.contract), [short])
    assert found is not None and found.value == "ДП-12"


def test_a_passports_serial_whose_sn_ocr_read_as_9_no_sign() -> None:
    number = find_number(DocText([ocr_page(
        "Nanjing Harsle Machine Tool Со., Ltd.", "ПАСПОРТ", "Технический паспорт изделия",
        "Заводской номер — [9№202595526 ) /оооозә00000250", "Дата изготовления 14.08.2025 |")]),
        DocType.technical_passport)
    assert number is not None and number.value == "SN202595526"


def _total_doc(doc_id: str, kind: DocType, amount: str, confidence: float) -> Document:
    total = MoneyField(amount=Decimal(amount), currency="KZT", confidence=confidence)
    return Document(id=doc_id, type=kind, confidence=0.9, pages=(PageRef(file=f"{doc_id}.pdf", page=1),),
                    fields=Fields(total=total))


def test_a_total_one_digit_off_the_figure_two_other_documents_read_is_that_figure() -> None:
    """A photographed contract reads `700 098,76`; its invoice, payment and report read `700 598,76`."""
    docs = [_total_doc("c", DocType.contract, "700098.76", 0.62),
            _total_doc("i", DocType.invoice, "700598.76", 0.9),
            _total_doc("p", DocType.payment_order, "700598.76", 0.93),
            _total_doc("r", DocType.applicant_report, "700598.76", 0.9)]
    fixed = {d.id: d.fields.total for d in agree_totals(docs)}
    assert all(t is not None and t.amount == Decimal("700598.76") for t in fixed.values())


def test_a_sure_total_or_one_a_single_other_document_disputes_stays_as_read() -> None:
    sure = [_total_doc("c", DocType.contract, "700098.76", 0.99),
            _total_doc("i", DocType.invoice, "700598.76", 0.9),
            _total_doc("p", DocType.payment_order, "700598.76", 0.9)]
    lone = [_total_doc("c", DocType.contract, "700098.76", 0.6),
            _total_doc("i", DocType.invoice, "700598.76", 0.9)]
    for docs in (sure, lone):
        total = agree_totals(docs)[0].fields.total
        assert total is not None and total.amount == Decimal("700098.76")


def test_an_unlabelled_beneficiary_whose_bin_fails_its_check_digit_is_still_the_beneficiary() -> None:
    parties = (Party(bin="911107314450", valid=True, role=Role.applicant),
               Party(bin="230240581984", valid=False, role=Role.other))
    assert _payment_roles(parties, "911107314450") == [("911107314450", "applicant"),
                                                       ("230240581984", "executor")]


def test_a_payments_amount_in_words_wrapped_over_two_lines_under_its_label() -> None:
    """A scanned payment order whose `Сумма` cell is empty: `Сумма прописью:` over `Шесть миллионов …
    восемьдесят два` over `тенге 35 тиын`."""
    t = find_total(DocText([ocr_page(
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 534", "02.04.2025", "Отправитель денег: ИИК КОд",
        "ТОО «EcoLine Astana-2» KZ77965L16SL8BCV6YZN 17", "BUH: 110540428977", "Банк-посредник: БИК",
        "Сумма прописью:", "Шесть миллионов семьсот семьдесят шесть тысяч триста восемьдесят два",
        "тенге 35 тиын", "Дата получения товара (оказания услуг): Код назначения платежа 859")]),
        DocType.payment_order)
    assert t is not None and (t.amount, t.currency) == (Decimal("6776382.35"), "KZT")


def test_an_invoices_supplier_iin_split_in_two_after_its_form_row_label() -> None:
    text = DocText([ocr_page(
        "Счет-фактура № 00055290 от 31 декабря 2025 г.",
        "Поставщик: Индивидуальный предприниматель Омаров Марат Маратович («Инженерный центр Прогресс»)",
        "ИИН и адрес места нахождения поставщика: 660701 346441, 090170, Западно-Казахстанская обл.",
        "Получатель: Товарищество с ограниченной ответственностью «Тау Кен Сервис LTD»",
        "БИН и адрес места нахождения получателя: 210440042355, 010340, г. Астана, пр. Абая, д. 244")])
    assert [(p.bin, p.role.value) for p in find_parties(text, "210440042355", DocType.invoice)] == [
        ("660701346441", "executor"), ("210440042355", "applicant")]


def test_a_reports_cost_column_heading_over_its_first_rows_number_is_no_total() -> None:
    """`Сумма затрат, тенге` heads the table's amount column; OCR reads the first row's number `1 |` right
    after it. The total is the `Итого` row's, even with its digit groups run together (`3352 497,12`)."""
    total = find_total(DocText([ocr_page(
        "ОТЧЕТ о понесенных затратах",
        "Заявитель: ТОО «Best Steel Индастри», БИН/ИИН 080240125845",
        "2 to Наименование затрат Исполнитель / поставщик Договор Платежные документы Сумма затрат, тенге",
        "1 | повышение компетенций работников АО «Lean Academy Kazakhstan",
        "№ 0330/24 от 01.11.2024 | n/n № 1349 от 02.12.2024 3 352 497,12",
        "Итого 3352 497,12")]), DocType.applicant_report)
    assert total is not None and total.amount == Decimal("3352497.12")


def test_a_number_parted_after_its_prefixs_hyphen_is_whole_and_spelled_as_its_file_names_it() -> None:
    page = ocr_page("СЕРТИФИКАТ", "№ 1Р- 31141", "Настоящий сертификат выдан", file="Сертификат LP-31141.tif")
    number = find_number(DocText([page]), DocType.training_certificate)
    assert number is not None and number.value == "1Р-31141"
    named = as_file_names_it(number, [page])
    assert named is not None and named.value == "LP-31141"


def test_an_invoices_contract_row_read_value_first_and_a_bin_after_no_give_no_number() -> None:
    """A scanned счет-фактура whose own number OCR lost: the contract row's value read over its label, and a
    consignee's BIN after `№`, number nothing."""
    number = find_number(DocText([ocr_page(
        "ж + CUET- we:", "2504.07. 2025 %ж", "Дата совершения оборота:", "Поставщик:",
        "БИН и адрес местонахождения поставщика: 130840955821, 140020, Павлодар",
        "№ 0581/25 от 21.04.2025 дер", "Договор (контракт) на поставку товаров (работ, услуг):",
        "Условия оплаты по договору (контракту): безналичный расчет", "2 050410, г. Алматы, ул. Жандосова",
        "Пункт назначения поставляемых Товаров (работ, услуг):",
        "Поставка товаров осуществлена по доверенности:",
        "автотранспорт с", "Способ отправления: ;", "у", "Товарно-транспортная накладна", "22 — днносова.",
        "13084095582 iL ТОО «КазЭнерго Эксперт Казахстан», 140020", "Гру зоотправитель: Vat", "25%",
        "тру зополучатель: № 210140854968, ТОО «Береке Мебель LTD»",
        "Получатель: Товарищество")]), DocType.invoice)
    assert number is None or number.value not in ("0581/25", "210140854968")


def test_an_acts_number_whose_box_rises_into_its_labels_on_a_tight_scan_is_read_under_it() -> None:
    """A Р-1 act's header table on a bad scan: `827/05` on the line under `Номер документа | Дата
    составления`, its box's top 0.003 above the label's bottom."""
    text = placed(
        ("Договор", 0.05, 0.13, 0.1, 0.142, 0), ("(контракт)", 0.105, 0.13, 0.17, 0.142, 0),
        ("№", 0.175, 0.13, 0.185, 0.142, 0), ("К2-2024-3087", 0.19, 0.13, 0.27, 0.142, 0),
        ("Номер", 0.6674, 0.1532, 0.712, 0.1677, 1), ("документа", 0.7155, 0.1559, 0.7795, 0.1686, 1),
        ("|", 0.782, 0.1538, 0.7861, 0.1661, 1), ("Дата", 0.7937, 0.1527, 0.8188, 0.1689, 1),
        ("составления", 0.8229, 0.1557, 0.8989, 0.1684, 1),
        ("827/05", 0.7418, 0.1652, 0.7773, 0.1814, 2), ("|", 0.7827, 0.1668, 0.788, 0.1805, 2),
        ("11.05.2026", 0.8, 0.1668, 0.86, 0.1805, 2), ("|", 0.8986, 0.1657, 0.9042, 0.1816, 2),
        ("AKT", 0.3, 0.2, 0.33, 0.215, 3), ("ВЫПОЛНЕННЫХ", 0.335, 0.2, 0.45, 0.215, 3),
        ("РАБОТ", 0.455, 0.2, 0.5, 0.215, 3))
    number = find_number(text, DocType.act)
    assert number is not None and number.value == "827/05"
