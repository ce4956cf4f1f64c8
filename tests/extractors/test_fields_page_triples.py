"""Totals that make sense: on an OCR'd invoice whose figures hold `net + VAT = gross`, a total read against
that arithmetic (another figure of the row read first, the net, a cell with a glued digit) yields to the
gross, unless the amount in words confirms it. The lines are what Tesseract made of the papers' last rows;
the truth is what the papers print."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.agreed_totals import agree_totals
from extractors.fields import find_total
from extractors.textindex import DocText
from extractors.vat_triples import triples
from models.documents import Document, Fields, MoneyField, PageRef
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_page

HEAD = ("Счет-фактура № 00009396 от 23 декабря 2025 г.",
        "Поставщик: Товарищество с ограниченной ответственностью",
        "Цена (KZT) Стоимость без НДС НДС Всего стоимость реализации", "Юбучение по программе",
        "1 “Программирование и наладка", "чел.")
ROWS = ("3 912 353.50 273? 060-50) 12%", "}", "2 737 060-50]", "328 447.26", "328 447-2", "3 065 507. 76",
        "3065 507-76)", "Руководитель организации Есенова Н.Н. Главный бухгалтер")


def invoice(*lines: str) -> DocText:
    return DocText([ocr_page(*lines, file="schet-faktura_00009396.tif")])


@pytest.mark.parametrize("label", ["{@сего no счету", "Всего по счету"])
def test_the_rows_gross_wins_over_a_figure_read_before_it_after_the_total_label(label: str) -> None:
    found = find_total(invoice(*HEAD, label, *ROWS), DocType.invoice)
    assert found is not None and found.amount == Decimal("3065507.76")


def test_the_amount_in_words_still_wins_over_the_rows_arithmetic() -> None:
    words = "Всего к оплате: три миллиона девятьсот двенадцать тысяч триста пятьдесят три тенге 50 тиын"
    found = find_total(invoice(*HEAD, "Всего по счету", *ROWS[:-1], words, ROWS[-1]), DocType.invoice)
    assert found is not None and found.amount == Decimal("3912353.50")


def test_a_total_of_several_rows_is_not_replaced_by_one_rows_gross() -> None:
    rows = ("1 Обучение 1 000 000,00 12% 120 000,00 1 120 000,00",
            "2 Наладка 500 000,00 12% 60 000,00 560 000,00",
            "Всего по счету", "1 680 000,00", "1 500 000,00 180 000,0O")
    found = find_total(invoice(*HEAD[:3], *rows), DocType.invoice)
    assert found is not None and found.amount == Decimal("1680000.00")


def test_the_gross_of_a_triple_is_found_however_ocr_parted_its_digits() -> None:
    text = invoice(*ROWS).text
    assert [t.gross for t in triples(text)] == [Decimal("3065507.76")]


def test_a_zero_vat_row_counts_only_read_one_way() -> None:
    """`₸1,840,503.00 ₸0.00 ₸1,840,503.00` with each tenge sign read as a `7`: the VAT cell's glued `7`
    shows the sign before the net and the gross too."""
    text = invoice("1 71,840,503.00] 70.00 71.840.503.00").text
    assert {(t.net.amount, t.vat.amount, t.gross) for t in triples(text)} == {
        (Decimal("1840503.00"), Decimal("0.00"), Decimal("1840503.00"))}


def test_a_total_read_as_the_net_yields_to_the_gross_printed_above_it() -> None:
    """The gross cell read first (a column read as a block), the label's amount the net, the VAT under it."""
    found = find_total(invoice(*HEAD[:3], "9 277 844,54", "Всего к оплате: 8 283 789,77",
                               "В том числе НДС 12%: 994 054,77", "Руководитель"), DocType.invoice)
    assert found is not None and found.amount == Decimal("9277844.54")


def test_a_gross_read_with_the_tenge_sign_as_a_seven_yields_to_the_zero_vat_row() -> None:
    found = find_total(invoice(*HEAD[:3], "1 | Обучение | чел. | 2 | 920,251.50",
                               "Всего по счету 71,840,503.00] 70.00 71.840.503.00", "Руководитель"),
                       DocType.invoice)
    assert found is not None and found.amount == Decimal("1840503.00")


def test_a_summed_vat_column_yields_to_the_gross_that_includes_it() -> None:
    """A З-2 waybill's `Сумма с НДС` / `Сумма НДС` columns: the VAT column summed below its rows is the VAT
    the total row's gross includes (12/112 of `4113 108-60`, its head split off, its comma a dash)."""
    found = find_total(invoice(
        "НАКЛАДНАЯ НА ОТПУСК ЗАПАСОВ НА СТОРОНУ",
        "Цена за единицу, в KZT Сумма с НДС, в KZT Сумма НДС, в KZT",
        "949545 шт 1 1 3 895 884-60) 1 895 884-60; 417416-21",
        "2 ART-8417 усл. 1 | 217 224-00 217 224-00) 23 274-00)",
        "2 2 x 4113 108-60] 440 690-21", "Отпуск разрешил Директор"), DocType.waybill)
    assert found is not None and found.amount == Decimal("4113108.60")


def test_a_total_row_whose_label_ocr_lost_gives_its_zero_vat_triples_gross() -> None:
    """`Всего по счету` read `по счету` on a line of its own, every cell of the row behind a tenge sign read
    as a `7` (СФ of a supplier who pays no VAT)."""
    found = find_total(invoice(*HEAD[:3], "2 7920.251.50 71.840.503. НДС то.00 11,840,503.00!", "1 |",
                               "по счету",
                               "1 71,840,503.00] 70.00 71.840.503.00", "Руководитель организации"),
                       DocType.invoice)
    assert found is not None and found.amount == Decimal("1840503.00")


def _package(contract_total: str) -> tuple[list[Document], dict[str, DocText]]:
    text = invoice(*HEAD, "Всего по счету", *ROWS)
    total = find_total(text, DocType.invoice)
    assert total is not None
    invoice_doc = Document(id="i", type=DocType.invoice, confidence=0.9,
                           pages=(PageRef(file="schet-faktura_00009396.tif", page=1),),
                           fields=Fields(total=total))
    agreed = MoneyField(amount=Decimal(contract_total), currency="KZT", confidence=0.93)
    contract = Document(id="c", type=DocType.contract, confidence=0.9,
                        pages=(PageRef(file="dogovor.pdf", page=1),), fields=Fields(total=agreed))
    return [invoice_doc, contract], {"i": text, "c": invoice("Договор")}


@pytest.mark.parametrize(("contract_total", "invoice_total"), [
    ("3912353.50", "3912353.50"),  # another paper reads the label's figure: it stands
    ("3065507.76", "3065507.76"),
    ("4000000.00", "3065507.76"),  # no paper reads the label's figure: the page's arithmetic decides
])
def test_a_label_figure_another_paper_reads_is_not_overruled_by_the_page_arithmetic(
        contract_total: str, invoice_total: str) -> None:
    docs, texts = _package(contract_total)
    total = agree_totals(docs, lambda d: texts[d.id])[0].fields.total
    assert total is not None and total.amount == Decimal(invoice_total)


def test_a_misread_gross_cell_stands_for_the_sum_of_its_net_and_vat() -> None:
    """`Всего по счету` read `no счету`, its gross cell a digit off (`23` for `21`): the net and its 12 %
    VAT to the tiyn make the gross the misread cell stands for."""
    found = find_total(invoice(*HEAD[:3], "шт. 2 19 293 449,11 192934491, 12% 2 315 213.65) 21 60а 663.00}",
                               "no счету 19 293 449.11 2 315 213,89) 23 608 663,00)", "Руководитель"),
                       DocType.invoice)
    assert found is not None and found.amount == Decimal("21608663.00")
