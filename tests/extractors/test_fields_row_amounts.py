"""The grand total of a photographed or badly scanned document, never a row's amount. The page texts are
what Tesseract made of generated acts, invoices, cost reports and applications on phone photos and bad
scans (a column read as a block under its label, a total row lost, a label OCR damaged, an amount in
words OCR damaged); the expected totals are the generator's."""

from __future__ import annotations

from decimal import Decimal

from extractors.fields import find_total, in_vat_sum
from extractors.textindex import DocText
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_page


def total_of(doc_type: DocType, *lines: str) -> Decimal | None:
    t = find_total(DocText([ocr_page(*lines)]), doc_type)
    return None if t is None else t.amount


def test_a_row_amount_under_the_total_label_is_not_the_total() -> None:
    """`Итого затрат` read before the column of its cells: the first is a payment's amount, the last the
    sum of the rows above it."""
    assert total_of(
        DocType.applicant_report,
        "ОТЧЕТ о понесенных затратах",
        "Акционерное общество «Сарыарка Энерго-К7.», БИН/ИИН 020740543856",
        "ГА № | Документ | | Номер Дата Сумма, KZT",
        "І | Платежное поручение 2101 03.07.2025",
        "| 2 | Платежное поручение", "|", "2115 15.09.2025",
        "| | Итого затрат", "1.115.469,28", "1.673.203,92", "2.788.673,20",
        "Руководитель Нургалиева М. Б. 25.06.2026",
    ) == Decimal("2788673.20")


def test_a_column_header_over_rows_whose_total_row_was_lost_sums_them() -> None:
    assert total_of(
        DocType.acceptance_certificate,
        "АКТ приема-передачи оборудования № АПП-895",
        "г. Усть-Каменогорск «25» июля 2025 г.",
        "Ne Нанменование |", "142 |Ж-озмер/неебсал UE Pro", "Заводской №",
        "2 Достана оборудования ДО Салада Покупателя — 1",
        "Сумма с НДС ЕЕ", "14.097,90,", "480.79.", "Po № dca",
        "Касъымова ОМ | _ Попов Д. Б.",
    ) == Decimal("14578.69")


def test_a_total_word_over_a_column_that_does_not_add_up_is_not_summed() -> None:
    """Under `Итого` the column's figures are no rows of a lost total: their sum is never invented."""
    assert total_of(
        DocType.act,
        "АКТ выполненных работ № 15 от 07.01.2025",
        "Итого", "1 200,00", "3 400,00", "Сдал (Исполнитель)",
    ) != Decimal("4600.00")


def test_the_total_line_lines_away_from_its_label_is_the_gross_of_its_vat_run() -> None:
    """`Всего по счету:` with its cells three lines further (`net | 12% VAT gross`), the item row's
    net left on a line of its own above."""
    assert total_of(
        DocType.invoice,
        "серия 58517 № 3403405",
        "Раздел С. Данные по товарам, работам, услугам _",
        "№ Наименование | | Ед. изм. |Кол-во Цена за ед. Стоимость без НДС ндс. Стоимость с НДС",
        "1 Обучение по программе «Промзводственная система и", "| чел. 3",
        "Руководитель: Сулейменова К. С. Главный бухгалтер. Абдрахманова А. М.",
        "8", "311 541.00", "|", "Всего по счету:", "Ставка Сумма [13", "__",
        "934 623,00 | 12% 112 154,76 1.046.777.76",
        "934. 623.00] 112.154,76 1.046.777,76",
    ) == Decimal("1046777.76")


def test_an_item_rows_amount_under_an_emptied_label_gives_way_to_the_vat_line_below() -> None:
    """`Всего по счету:` whose cells OCR put lines away: the numbered row under it is no total, the
    `net VAT gross` line further down is."""
    assert total_of(
        DocType.invoice,
        "СЧЕТ-ФАКТУРА № 918 от 06.09.2024",
        "№ Наименование | | Ед. изм. |Кол-во Цена за ед. Стоимость без НДС ндс. Стоимость с НДС",
        "Всего по счету:", "Ставка Сумма [13",
        "1 Обучение по программе «Производственная система» чел. 3 | 311 541.00",
        "|", "934 623,00 | 12% 112 154,76 1.046.777.76",
    ) == Decimal("1046777.76")


def test_an_item_rows_vat_run_never_outranks_the_labelled_total() -> None:
    assert total_of(
        DocType.invoice,
        "СЧЕТ-ФАКТУРА № 77 от 03.03.2025",
        "1 Станок токарный шт 1 1 000 000,00 12% 120 000,00 1 120 000,00",
        "2 Пусконаладка усл 1 500 000,00 12% 60 000,00 560 000,00",
        "Всего по счету: 1 680 000,00",
    ) == Decimal("1680000.00")


def test_a_single_row_and_a_line_of_figures_under_it() -> None:
    """The total row's label lost: a line of figures only repeating the one row's cost is the total."""
    assert total_of(
        DocType.invoice,
        "Номер учетной системы СФ-265", "Дата выписки 24.02.2025",
        "№ |Наименование Ед. Кол-во | Цена за ед.",
        "Обучение персонала Заказч", "чел.",
        "134 085.84 1072 686.72| Без НДС 0.00 1072 686.72",
        "1072 686.72 0.00 1072 686.72",
    ) == Decimal("1072686.72")


def test_vat_arithmetic_keeps_digits_that_damaged_words_would_change() -> None:
    """The words lost `один` (`девяносто Gann`) and read 28 511 090; net + VAT = the digits read."""
    assert total_of(
        DocType.other,
        "Счет на оплату № 116 от 18 апреля 2026 г.",
        "1 Токарный станок с ЧПУ DMTG СКЕ61567",
        "24578526 - 79 24578526 - 79",
        "Итого: 24578526-79", "В том числе НДС: 3932564-29", "всего к оплате: 28511091-08",
        "Всего к оплате: Двадцать восемь миллиомов пятьсот одинмадцать тысяч девяносто Gann тенге GB тиым",
    ) == Decimal("28511091.08")


def test_net_plus_vat_is_gross() -> None:
    page = [Decimal("24578526.79"), Decimal("3932564.29"), Decimal("28511091.08")]
    assert in_vat_sum(Decimal("28511091.08"), page)
    assert in_vat_sum(Decimal("24578526.79"), page)
    assert not in_vat_sum(Decimal("28511090.08"), page)


def test_the_applications_costs_under_a_damaged_field_name() -> None:
    assert total_of(
        DocType.application,
        "ЗАЯВКА", "6. Вид затрат оказание услуг: монтаж технологического оборудования",
        "7. Общая сумма wt pat 7 403 274.59 тенге",
        "В. Сумма к возмещению (40 %) 2961 309.84 тенге",
    ) == Decimal("7403274.59")


def test_the_cost_reports_total_row_under_a_damaged_label() -> None:
    assert total_of(
        DocType.applicant_report,
        "ОТЧЕТ о понесенных затратах",
        "Номер Дата Сумма, К2Т 1",
        "2247 21.04 2026 570221822]", "2221 21 05 2026 19957763751",
        "о во затрат 28511091.08|",
        "Руководитель _ __ Исмаилов Д.М 02.07.2026",
    ) == Decimal("28511091.08")


def test_the_amount_whose_included_vat_the_next_line_states_is_the_total() -> None:
    """The `Итого` of an act's cost column lost and its amount's head parted by a stray comma
    (`5, 358,690.28`): the line after states its included VAT (12/112 of it), so it is the total."""
    assert total_of(
        DocType.act,
        "Номер документа Дата составления", "АВР-068557 10.09.2025",
        "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)",
        "№ Наименование работ (услуг)",
        "1 Консультационные услуги по внедрению системы 5% на производств",
        "Ю 09.2025 усл. 1 SZ R28", "Стоимость", "5, 358,690.28", "5,358.690.28",
        "в том числе НДС: 574.145.39",
        "Сдал (Исполнитель) Жумабеков С.Е. Принял (Заказчик) | 0 Касымов А. А.",
    ) == Decimal("5358690.28")


def test_an_amount_the_vat_line_does_not_fit_is_not_taken() -> None:
    assert total_of(
        DocType.act,
        "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)",
        "Стоимость", "5, 358,690.28", "в том числе НДС: 600 000,00",
    ) is None


def test_one_dollar_sign_ocr_made_of_5s_does_not_make_an_invoice_dollars() -> None:
    t = find_total(DocText([ocr_page(
        "СЧЕТ-ФАКТУРА", "(электронный счет-фактура. печатная форма)",
        "№ Наименование товаров, работ, услуг 1 Цена без НДС Ставка НДС Сумма НДС Стоимость с НДС",
        "і | консультационные услуги по вмедремию системы 55 ма п $ 4 784 544.89 4 784 544,89 12% "
        "574 145.39 5 358 690.28",
        "Всего по счету 574 145.39 5 358 690.28",
    )]), DocType.invoice)
    assert t is not None and (t.amount, t.currency) == (Decimal("5358690.28"), "KZT")


def test_dollar_signs_marking_several_amounts_make_them_dollars() -> None:
    t = find_total(DocText([ocr_page(
        "INVOICE № 15", "1 Scanner $ 12 000.00", "2 Delivery $ 500.00", "Total $ 12 500.00",
    )]), DocType.invoice)
    assert t is not None and (t.amount, t.currency) == (Decimal("12500.00"), "USD")


def test_a_dollar_sign_ocr_made_of_a_smudge_after_the_total_makes_no_dollars() -> None:
    t = find_total(DocText([ocr_page(
        "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)",
        "Итого без НДС 8 239 737,54", "Итого x x x x 9 228 506,05", "в том числе НДС: 988 768,51",
        "Исполнитель ТОО «Lean Consulting $68 Дата подписания (принятия) работ",
    )]), DocType.act)
    assert t is not None and (t.amount, t.currency) == (Decimal("9228506.05"), "KZT")


def test_the_quantity_total_read_into_the_amount_is_dropped_by_the_words() -> None:
    """`Итого 2 159 402 763.27`: the quantity column's total `2` read as the amount's first group; the
    amount in words spells 159 402 763,27."""
    assert total_of(
        DocType.waybill,
        "НАКЛАДНАЯ НА ОТПУСК ЗАПАСОВ НА СТОРОНУ",
        "1 |Экструзионная линия для производства | ART-9979",
        "шт. 2 2 71 161 947.89 159 402 763.27 | 17078 867.49",
        "Итого 2 159 402 763.27| 17078 867.49",
        "Всего отпущено количество запасов (прописью): два на сумму (прописью), в KZT сто пятьдесят девять "
        "миллионов четыреста две тысячи семьсот шестьдесят три тенге 27 тиын",
    ) == Decimal("159402763.27")


def test_a_total_whose_tail_the_vat_in_words_repeats_is_kept() -> None:
    assert total_of(
        DocType.act,
        "АКТ ВЫПОЛНЕННЫХ РАБОТ № 5 от 07.01.2025",
        "Итого 112 000,00",
        "в том числе НДС двенадцать тысяч тенге 00 тиын",
    ) == Decimal("112000.00")


def test_a_thousands_group_is_no_glued_cell_where_damaged_words_lost_their_head() -> None:
    """`Двести (7 ефсемь оч пятьсот восемьдесят пять`: the words read 585; `Итого | 258 585.00` is whole
    (the rows add up to it)."""
    assert total_of(
        DocType.waybill,
        "НАКЛАДНАЯ НА ОТПУСК ЗАПАСОВ НА СТОРОНУ",
        "1 Расходные материалы для обучения персонала 2 60 881.00 121 762.00",
        "2 Раздаточные материалы (печатные) 61 2 243.00 136 823.00",
        "Итого | 258 585.00",
        "Всего отпущено на сумму: Двести (7 ефсемь оч пятьсот восемьдесят пять тен О0 тиын",
    ) == Decimal("258585.00")


def test_a_bank_printouts_sum_after_a_colon_read_as_a_point_with_its_points_mixed() -> None:
    assert total_of(
        DocType.payment_order,
        "Bereke Busmess Статус Vicnonnen 06.06.2025", "Платежное поручение № 1184", "от 2025-06-06",
        "Счет отправителя. K29191419H575R2633T4 кбе: 19",
        "Банк отправителя: АО «Бегеке Bank», БИК BRKEKZKA Сумма. 8,154.850.98 KZ1",
        "код: 19 | КНП: 711",
    ) == Decimal("8154850.98")


def test_a_net_total_whose_gross_cell_ocr_lost_adds_its_vat() -> None:
    """`Итого без НДС:` / `НДС 12%:` over their values, the `Всего к оплате` cell read `Всего к om 26`: the
    rows' sum is the net; with the VAT at 12 % of it under it, their sum is the total (the words' tail,
    `… семьдесят семь тенге 53 тиын`, is its tail)."""
    assert total_of(
        DocType.invoice,
        "Счет-фактура № 55 от 24 февраля 2025 г.",
        "1 Листогибочный пресс гидравлический РВА-", "1135/3100",
        "шт. 1|19 880 694,22 19 880 694,22",
        "Итого без НДС:", "НДС 12%:", "19 880 694,22", "7", "2 385 683,31", "Всего к om 26",
        "семьдесят семь тенге 53 тиын, вт.ч. НДС 2 385 683,31", "Руководитель",
    ) == Decimal("22266377.53")


def test_a_vat_exempt_net_total_stays() -> None:
    assert total_of(
        DocType.invoice, "Счет-фактура № 5 от 24 февраля 2025 г.",
        "1 Обучение персонала чел. 3 100 000,00 300 000,00",
        "Итого без НДС: 300 000,00", "НДС: без НДС",
    ) == Decimal("300000.00")


def test_a_line_of_border_marks_above_a_net_row_makes_it_no_grand_total() -> None:
    """`_ |` over `Итого без НДС:| 3814 967.73`: the label's line is its own, so the net row is known for
    one and the grand total (`Барлығы / Всего`) is read; before, `3814` of the glued net was."""
    assert total_of(
        DocType.act,
        "ОРЫНДАЛҒАН ЖҰМЫСТАР (КӨРСЕТІЛГЕН ҚЫЗМЕТТЕР) АКТІСІ № 453",
        "1 |Внедрение инструментов Six Sigma (DMAIC) на усл. 1| 3814 967,73| 3814 967,73",
        "линии розлива", "_ |", "Итого без НДС:| 3814 967.73", "ККС / НДС 12%:| 45779613", "02",
        "Барлығы / Всего:| 4 272 763,86", "Борлығы: 4 272 763,86 теңге.",
    ) == Decimal("4272763.86")


def test_words_that_lost_a_word_to_ocr_never_change_the_digits() -> None:
    """`… сорок asa тенге 85 тиын`: `два` damaged, the phrase stops at `сорок` (1 793 040); the digits
    `1 793 042.85` stand."""
    t = find_total(DocText([ocr_page(
        "Платежное поручение № 68", "Дата исполнения 20.01.2025 16:26", "Сумма 1 793 042.85 КИТ",
        "Сумма прописью Олин миллион семьсот девяносто три тысячи сорок asa тенге 85 тиын",
    )]), DocType.payment_order)
    assert t is not None and t.amount == Decimal("1793042.85")
