"""Totals of bad scans. Their currency: a currency word read once in the noise of a damaged line marks no
amount, and an amount the document prints elsewhere with its currency keeps that currency. Their tiyn: an
amount OCR split in two keeps them where the amount in words lost its own. The lines are what Tesseract
made of 200 dpi bad scans of an invoice (ЭСФ), a bilingual contract and a payment order."""

from __future__ import annotations

from decimal import Decimal

from extractors.fields import find_total
from extractors.textindex import DocText
from models.vocab import DocType, PageSource
from tests.extractors.ocr_lines import ocr_doc


def doc(*lines: str, source: PageSource = PageSource.ocr) -> DocText:
    return ocr_doc(*lines, file="scan.tif", source=source)


INVOICE = (
    "СЧЕТ-ФАКТУРА № 00059888 от 24.03.2026",
    "Поставщик: ТОО «Евразия Оборудование Казахстан»",
    "евро риноортнаянакяедяая. С. ЖЫ И ер. чак, еле ЖЕК те олады РСЯ Буы ыт ұзатты",
    "[1 | Термопластавтомат НХМ 258 | 2 | 34 976 135,39 | 69 952 270,78 | 12% | 8 394 272,49 |"
    " 78 346 543,27 |",
    "Всего по счету: |69 952 270,78 8 394 272,49 78 346 543,27 |",
    "Руководитель организации:",
)


def test_a_currency_word_read_once_in_noise_is_not_the_invoices_currency() -> None:
    total = find_total(doc(*INVOICE), DocType.invoice)
    assert total is not None and total.amount == Decimal("78346543.27")
    assert total.currency == "KZT"


def test_a_currency_named_twice_still_counts_on_a_scan() -> None:
    lines = (*INVOICE[:2], "Валюта: EUR", *INVOICE[3:], "Все суммы в EUR")
    total = find_total(doc(*lines), DocType.invoice)
    assert total is not None and total.currency == "EUR"


CONTRACT = (
    "ДОГОВОР ПОСТАВКИ № 0087/24",
    "2. Цена. Общая сумма Договора 78 346 543,27 тенге (KZT), в | 2. Price. The total Contract price is",
    "equals 141829.37 EUR at the National Bank rate on the |",
    "date, a change of the EUR/KZT rate does not change the price |",
    "подписания она эквивалентна 141 829,37 евро (EUR);",
    "изменение курса EUR/KZT цену Договора не меняет. |",
    "№ | Наименование | Ед. | Кол-во | Цена без НДС | Сумма с НДС",
    "1 | Термопластавтомат НХМ 258 | шт. | 2 | 34 976 135,39 | 78 346 543,27",
    "78 346 543,27",
)


def test_a_total_printed_elsewhere_with_its_currency_keeps_it() -> None:
    """Read as a paper of no known kind, the table's sum is the total: the price clause prints the same
    amount in tenge, while the euro equivalent is named more often."""
    total = find_total(doc(*CONTRACT), DocType.other)
    assert total is not None and total.amount == Decimal("78346543.27")
    assert total.currency == "KZT"


def test_a_payments_amount_split_by_ocr_keeps_its_tiyn_when_the_words_lost_theirs() -> None:
    """`1635 921.06 тенге` (a space of `1 635 921,06` lost) under its label, the words' `06 тиын` cut to
    `06`: the words confirm the glued head, and the digits' tiyn stay."""
    total = find_total(doc("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 4417", "от 12.03.2026", "Сумма платежа", "Сумма прописью",
                           "1635 921.06 тенге", "Один миллион шестьсот тридцать пять",
                           "тысяч девятьсот двадцать один тенге 06", "КНП 710"), DocType.payment_order)
    assert total is not None and total.amount == Decimal("1635921.06")


def test_a_ruined_total_line_gives_the_gross_its_vat_cell_confirms_without_the_rulings_digits() -> None:
    # label, net and cells damaged: `Всего` read `Әсеғо`, the net's point lost, a ruling before the VAT
    # (`77,940.46`) and the gross (`565 068.35`) read as a leading digit; 77 940,46 is 16/116 of 565 068,35
    text = doc("Счет-фактура № 00062646 от 24 апреля 2026 г.",
               "Әсеғо по счету 748712784 477,940.46) 1565 068.35)",
               "Руководитель")
    total = find_total(text, DocType.invoice)
    assert total is not None and total.amount == Decimal("565068.35")


def test_cells_without_a_vat_pair_give_no_gross() -> None:
    text = doc("Счет-фактура № 00062646 от 24 апреля 2026 г.",
               "Әсеғо по счету 748712784 477,940.46) 1565 168.35)",
               "Руководитель")
    total = find_total(text, DocType.invoice)
    assert total is None or total.amount not in (Decimal("565168.35"), Decimal("1565168.35"))


def test_a_rows_price_at_a_quantity_of_six_is_no_vat_of_its_amount() -> None:
    # 71 523,55 × 6 = 429 141,30: the price is 20/120 of the row's amount, no VAT of it
    text = doc("Счет-фактура № СФ-290 от 05.05.2025",
               "чел. 6 71 523.55 429 141.20 | | 429 111.20 Без БО",
               "Руководитель")
    total = find_total(text, DocType.invoice)
    assert total is None or total.amount != Decimal("429141.20")


def test_a_whole_number_under_a_hundred_read_by_ocr_is_no_total() -> None:
    # a damaged contract's only figure under its requisites: a row `2` summed alone, a `19` after a label
    text = doc("ДОГОВОР № 0526/25", "2. ЦЕНА ДОГОВОРА", "Итого: 19", "Руководитель")
    assert find_total(text, DocType.contract) is None
