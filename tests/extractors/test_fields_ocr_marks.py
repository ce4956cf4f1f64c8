"""Numbers and totals behind OCR-damaged marks: `№` read as a lone `М` after a heading, a table's left
border read as `|` before a label. The lines are what Tesseract made of scans and phone photos."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.fields import find_number, find_total
from extractors.textindex import DocText
from models.pages import Page, Word
from models.vocab import DocType, PageSource
from tests.extractors.ocr_lines import ocr_doc


def doc(*lines: str) -> DocText:
    return ocr_doc(*lines, file="scan.pdf")


@pytest.mark.parametrize(("heading", "doc_type", "number"), [
    ("ДОГОВОР ВОЗМЕЗДНОГО ОКАЗАНИЯ УСЛУГ М KZ-2025-9722", DocType.contract, "KZ-2025-9722"),
    ("ДОГОВОР ВОЗМЕЗДНОГО ОКАЗАНИЯ УСЛУГ М ДП-2024/864", DocType.contract, "ДП-2024/864"),
    ("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ М 2245", DocType.payment_order, "2245"),
])
def test_a_lone_m_after_the_heading_is_the_number_sign(heading: str, doc_type: DocType, number: str) -> None:
    found = find_number(doc(heading, "г. Кызылорда 14.05.2025", "Товарищество с ограниченной"), doc_type)
    assert found is not None and found.value == number


@pytest.mark.parametrize(("line", "number"), [
    ("Ме ОТП-2026-24550", "ОТП-2026-24550"),
    ("Ме К7-2026-66941", "KZ-2026-66941"),
    ("Ме 12-2026-32454", "12-2026-32454"),
])
def test_me_under_a_register_extracts_heading_is_the_number_sign(line: str, number: str) -> None:
    """A phone photo reads the `№` under `ВЫПИСКА ИЗ РЕЕСТРА …` as `Ме`."""
    found = find_number(doc("Отандық тауар өндірушілердің тізілімінен үзінді көшірме",
                            "ВЫПИСКА ИЗ РЕЕСТРА ОТЕЧЕСТВЕННЫХ ТОВАРОПРОИЗВОДИТЕЛЕЙ", line,
                            "Дата выдачи: 07.06.2026", "Наименование производителя"), DocType.ktp_extract)
    assert found is not None and found.value == number


def test_me_as_a_word_is_no_number_sign() -> None:
    found = find_number(doc("ВЫПИСКА ИЗ РЕЕСТРА ОТЕЧЕСТВЕННЫХ ТОВАРОПРОИЗВОДИТЕЛЕЙ", "Меры поддержки 2026",
                            "Наименование производителя"), DocType.ktp_extract)
    assert found is None


def test_a_word_starting_with_m_after_the_heading_is_no_number_sign() -> None:
    found = find_number(doc("ДОГОВОР ПОСТАВКИ МЕЖДУ СТОРОНАМИ", "г. Кызылорда 14.05.2025"), DocType.contract)
    assert found is None


def test_a_payment_amount_behind_the_tables_left_border() -> None:
    """`| Сумма 4 495 793.56 К2Т`: the border read as `|`; the amount in words lost its tiyn."""
    t = find_total(doc("АО «Евразийский Банк»", "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 2281", "от 03.01.2025",
                       "статус Исполнен", "| Сумма 4 495 793.56 К2Т", "| Отправитель денег АО «Алатау»",
                       "Сумма прописью: Четыре миллиона четыреста девяносто пять тысяч семьсот",
                       "девяносто три тенге"),
                   DocType.payment_order)
    assert t is not None and t.amount == Decimal("4495793.56")


def test_a_swift_field_tag_after_the_sum_label_is_not_the_transfers_total() -> None:
    """A phone photo of a transfer application read the values column before the labels: after
    `Сумма` comes the tag `50` of the next field; the amount in words names the amount printed above."""
    t = find_total(doc("AO «First Heartland Jusan Bank»", "ЗАЯВЛЕНИЕ НА ПЕРЕВОД ИНОСТРАННОЙ ВАЛЮТЫ № 2151",
                       "Application for foreign currency transfer, date 2025-03-11",
                       "11.03.2025 / EUR / 44 982,34",
                       "Сорок четыре тысячи девятьсот восемьдесят два евро 34 евроцента",
                       "| 32A Дата валютирования / Валюта / Сумма", "| Сумма прописью",
                       "| 50 Перевододатель", "101040199860, KZ089987U6J8152Z8HP5"),
                   DocType.payment_order)
    assert t is not None and (t.amount, t.currency) == (Decimal("44982.34"), "EUR")


def test_an_applications_total_under_its_label_with_shcha_read_as_sha() -> None:
    """A bad scan of App.1 reads `Общая` as `Обшая`; the declared costs stand on the next line."""
    t = find_total(doc("Приложение 1 к Правилам", "ВАО «Qazindustry»", "ЗАЯВКА",
                       "на возмещение части затрат субъектов индустриально-инновационной деятельности",
                       "7. Обшая сумма затрат", "572,767.68 тенге", "|8. Сумма к возмецению (40 %)",
                       "229,107.07 тенге"), DocType.application)
    assert t is not None and t.amount == Decimal("572767.68")


def test_a_contract_priced_in_roubles_and_paid_in_tenge_at_the_rate_is_in_roubles() -> None:
    """`Оплата производится в тенге по курсу НБ РК` names how the contract is paid; its price is in the
    roubles its amount in words names."""
    t = find_total(doc("ДОГОВОР № 875-ОУ/2024", "2. ЦЕНА ДОГОВОРА",
                       "2.1. Общая стоимость Договора составляет 202 239.77",
                       "(двести две тысячи двести тридцать девять)",
                       "российских рублей, в том числе НДС 12%.", "2.2. Оплата производится в тенге по курсу",
                       "Национального Банка РК на дату платежа."),
                   DocType.contract)
    assert t is not None and (t.amount, t.currency) == (Decimal("202239.77"), "RUB")
    # the clause names the contract's currency where no rate follows
    t = find_total(doc("ДОГОВОР № 12", "2.1. Общая стоимость Договора составляет 15 000,00",
                       "2.2. Оплата производится в евро"), DocType.contract)
    assert t is not None and t.currency == "EUR"


def test_a_currency_code_outweighs_a_dollar_glyph_ocr_made_of_a_smudged_cell() -> None:
    """A scanned act in euro: a smudged row cell read `$605.5)`, the rows' line names `EUR`; the total's
    own line names no currency."""
    t = find_total(doc("АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ) № АВР-039580",
                       "| 3 рее системы всеобщего обслуживания оборудования 1 усл. 5,685.85 $605.5)",
                       "Всего оказано услуг 3, на сумму 14,165.34 EUR", "Итого: 14,165.34",
                       "Всего (с учетом НДС): 14,165.34"), DocType.act)
    assert t is not None and (t.amount, t.currency) == (Decimal("14165.34"), "EUR")


def test_the_form_corners_order_number_read_on_a_line_of_its_own_is_not_the_acts() -> None:
    """A phone photo reads the corner block of form Р-1 line by line; its last line `от 20 декабря 2012
    года № 562` cites the order approving the form."""
    corner = ("Приложение 50", "к приказу Министра финансов", "Республики Казахстан",
              "от 20 декабря 2012 года № 562", "Форма Р-1")
    found = find_number(doc(*corner, "Заказчик ТОО «Альфа»", "Номер документа Дата составления",
                            "243 25.03.2024", "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)"), DocType.act)
    assert found is not None and found.value == "243"
    lost = find_number(doc(*corner, "Заказчик ТОО «Альфа»", "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)"),
                       DocType.act)
    assert lost is None or lost.value != "562"
    damaged = ("Прилюмюение 50", "к прикату Министра финансов", "Республики Камустан",
               "ot 20 жьабря 2012 года № 562", "Форма Р-1")
    lost = find_number(doc(*damaged, "Заказчик ТОО «Альфа»", "АКТ ВЫПОЛНЕННЫХ РАБОТ"), DocType.act)
    assert lost is None or lost.value != "562"
    # a halftone copy splits the month and turns `года` into `тода`
    copied = ("Tetons 22", "4 тому Миевестрд финан.", "Фехлублене Изэдстан", "ot 20 дей ра 2012 тода № 562",
              "Форма 3-2", "Номер докүмента | Дата составлемия", "31-0940")
    lost = find_number(doc(*copied, "НАКЛАДНАЯ НА ОТПУСК ЗАПАСОВ НА СТОРОНУ"), DocType.waybill)
    assert lost is None or lost.value != "562"
    # a Kazakh paper's own number after its date stays its number
    own = find_number(doc("БҰЙРЫҚ", "2025 жылғы 7 қаңтар № 45", "Алматы қ."), DocType.order)
    assert own is not None and own.value == "45"


def test_a_table_border_read_as_a_bar_heads_no_cell_of_the_esf_header() -> None:
    """An ЭСФ's header on a photo: `Регистрационный номер | Номер документа Дата выписки` over
    `ESF-… 997 10.11.2025`; `997` stands at the left edge of its cell, nearer the border `|` than the
    label's words. The border is no header cell, so `997` is the number under `Номер документа`."""
    rows = [
        [("СЧЕТ-ФАКТУРА", (0.40, 0.05, 0.55, 0.06))],
        [("Регистрационный", (0.095, 0.133, 0.18, 0.146)), ("номер", (0.183, 0.135, 0.213, 0.146)),
         ("|", (0.279, 0.15, 0.28, 0.15)), ("Номер", (0.315, 0.134, 0.345, 0.146)),
         ("документа", (0.348, 0.135, 0.398, 0.147)), ("Дата", (0.525, 0.134, 0.547, 0.147)),
         ("выписки", (0.55, 0.136, 0.592, 0.145))],
        [("ESF-040140246794-24166", (0.057, 0.161, 0.172, 0.173)), ("997", (0.259, 0.162, 0.275, 0.173)),
         ("10.11.2025", (0.463, 0.162, 0.509, 0.173))],
        [("Раздел", (0.052, 0.207, 0.088, 0.221)), ("В.", (0.091, 0.207, 0.1, 0.219)),
         ("Реквизиты", (0.104, 0.208, 0.158, 0.219)), ("поставщика", (0.161, 0.21, 0.222, 0.221))],
    ]
    words = tuple(Word(text=t, bbox=b, confidence=0.9, line=i) for i, row in enumerate(rows) for t, b in row)
    found = find_number(DocText([Page(file="ЭСФ.pdf", page=1, source=PageSource.ocr, words=words)]),
                        DocType.invoice)
    assert found is not None and found.value == "997"


def test_an_account_numbers_closing_n_before_the_kbe_is_no_number_mark() -> None:
    """A bill's sample payment block over its title: `KZ14914GV5R3DBY60L7N 17` is an account number and
    the beneficiary's code, not `№ 17`."""
    from extractors.fields import find_number
    from extractors.textindex import DocText
    from tests.extractors.ocr_lines import ocr_page

    page = ocr_page(
        "Внимание! Оплата данного счета означает согласие с условиями поставки товара.",
        "Бенефициар: ИИК кбе",
        "TOO «Digital Print Solutions-KZ» KZ14914GV5R3DBY60L7N 17",
        "BUH: 060140627093",
        "Банк бенефициара: БИК Код назначения платежа",
        "AO «Bereke Bank» BRKEKZKA 859",
        "Счет на оплату № 285 от 10.08.2026",
    )
    number = find_number(DocText([page]))
    assert number is not None and number.value == "285"


@pytest.mark.parametrize("read", ["¥93,202,416.13", "$93,202,416.13", "$ 93 202 416-13"])
def test_a_tenge_sign_read_as_another_currencys_symbol_on_a_scan_is_tenge(read: str) -> None:
    """A halftone copy of an Excel invoice: the `₸` of its currency format read as `¥` or `$`; the
    columns name tenge, no code or word names yuan or dollars (and a BIN read `050$-40484760`)."""
    t = find_total(doc("Счет-фактура № 471 от 12.03.2025", "Поставщик ТОО «Альфа», БИН 050$-40484760",
                       "Стоимость без НДС, тенге Сумма НДС, тенге", f"Итого к оплате: {read}"),
                   DocType.invoice)
    assert t is not None and (t.amount, t.currency) == (Decimal("93202416.13"), "KZT")


def test_a_dollar_sign_of_a_document_naming_dollars_stays_dollars() -> None:
    t = find_total(doc("INVOICE № 12 от 12.03.2025", "Валюта счета: доллары США",
                       "Итого к оплате: $12,345.67", "Оплата в тенге по курсу НБ РК на дату платежа"),
                   DocType.invoice)
    assert t is not None and (t.amount, t.currency) == (Decimal("12345.67"), "USD")
    # a document naming no currency in words or codes keeps its symbol
    t = find_total(doc("INVOICE № 12 от 12.03.2025", "Итого к оплате: $12,345.67"), DocType.invoice)
    assert t is not None and t.currency == "USD"


def test_a_dollar_ocr_made_of_a_digit_after_the_total_does_not_set_its_currency() -> None:
    """`5717506.22` under the total read `$717506.22`: the document names tenge in words."""
    t = find_total(doc("Счет-фактура № 499 от 23.09.2025", "Стоимость с НДС, тенге",
                       "Всего по счету: 53363391.38", "в том числе НДС 12%", "$717506.22"), DocType.invoice)
    assert t is not None and (t.amount, t.currency) == (Decimal("53363391.38"), "KZT")


WORDS = ("на сумму (прописью), в KZT: Девять миллионов девятьсот шестьдесят шесть тысяч двести",
         "шестьдесят шесть тенге 99 тиын")


def test_a_tenge_sign_read_as_a_one_glued_to_the_total_is_dropped_by_the_words() -> None:
    """A halftone copy of form З-2: `₸9,966,266.99` in the total row read `19,966,266.99`."""
    t = find_total(doc("НАКЛАДНАЯ НА ОТПУСК ЗАПАСОВ НА СТОРОНУ", "Итого 1 х 19,966,266.99 Т1,067,814.32)",
                       "Всего отпущено количество запасов (прописью): один", *WORDS), DocType.waybill)
    assert t is not None and t.amount == Decimal("9966266.99")


def test_a_leading_one_the_words_spell_is_kept() -> None:
    t = find_total(doc("НАКЛАДНАЯ НА ОТПУСК ЗАПАСОВ НА СТОРОНУ", "Итого 1 х 19,966,266.99",
                       "на сумму (прописью): Девятнадцать миллионов девятьсот шестьдесят шесть тысяч",
                       "двести шестьдесят шесть тенге 99 тиын"), DocType.waybill)
    assert t is not None and t.amount == Decimal("19966266.99")


def test_a_one_glued_to_the_total_is_dropped_where_its_row_prints_the_rest_after_the_tenge_sign() -> None:
    """The row reads `T32,977,846.72` (`₸` as `T`), the total row `132,977,846.72` (`₸` as `1`)."""
    t = find_total(doc("АКТ ПРИЕМА-ПЕРЕДАЧИ ОБОРУДОВАНИЯ № 167", "№ Наименование Кол-во Сумма с НДС, тенге",
                       "1 Экструзионная линия 1 шт. T32,977,846.72", "Итого 132,977,846.72"),
                   DocType.acceptance_certificate)
    assert t is not None and t.amount == Decimal("32977846.72")
    # a row printing the rest without the sign is no evidence: `112,000.00` over a VAT of `12,000.00`
    t = find_total(doc("АКТ ПРИЕМА-ПЕРЕДАЧИ ОБОРУДОВАНИЯ № 167", "1 Экструзионная линия 1 шт. 100,000.00",
                       "Итого 112,000.00", "в том числе НДС 12,000.00"), DocType.acceptance_certificate)
    assert t is not None and t.amount == Decimal("112000.00")
