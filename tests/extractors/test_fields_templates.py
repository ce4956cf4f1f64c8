"""Field templates: numbers, dates, totals and parties read from hand-made pages with word boxes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extractors.classify import classify
from extractors.fields import clean_number, find_date, find_number, find_total
from extractors.parties import find_parties
from extractors.textindex import DocText
from models.pages import Page, Word
from models.vocab import DocType, PageSource, Role

LINE_H = 0.015


def page(rows: list[list[tuple[float, str]]], file: str = "doc.pdf", number: int = 1) -> Page:
    """A page from rows of (x0, text) cells; each cell's words are laid out from x0 on."""
    words: list[Word] = []
    for i, row in enumerate(rows):
        y0 = 0.05 + i * 0.02
        for x0, cell in row:
            x = x0
            for w in cell.split():
                width = 0.008 * len(w)
                words.append(Word(text=w, bbox=(x, y0, x + width, y0 + LINE_H), confidence=0.95, line=i))
                x += width + 0.006
    return Page(file=file, page=number, source="text_layer", words=tuple(words))


def lines(*texts: str) -> Page:
    return page([[(0.08, t)] for t in texts])


FORM_R1 = page([
    [(0.7, "Приложение 50")],
    [(0.7, "к приказу Министра финансов")],
    [(0.7, "от 20 декабря 2012 года № 562")],
    [(0.05, "Заказчик"), (0.2, "ТОО «Альфа», г. Астана"), (0.75, "ИИН/БИН 061140693728")],
    [(0.05, "Исполнитель"), (0.2, "ТОО «Бета», г. Павлодар"), (0.75, "ИИН/БИН 170240229010")],
    [(0.05, "Договор (контракт)"), (0.2, "№ KZ-2024-3768 от 15.10.2024")],
    [(0.05, "АКТ ВЫПОЛНЕННЫХ РАБОТ"), (0.60, "Номер документа"), (0.78, "Дата составления")],
    [(0.05, "(ОКАЗАННЫХ УСЛУГ)*"), (0.62, "АВР-099150"), (0.80, "04.11.2024")],
    [(0.4, "Итого"), (0.55, "3"), (0.65, "х"), (0.8, "1 544 786,88")],
    [(0.4, "в т.ч. НДС 12%"), (0.8, "165 512,88")],
])


def test_form_r1_number_and_date_stand_under_their_headers_not_in_the_preamble():
    text = DocText([FORM_R1])
    number = find_number(text, DocType.act)
    assert number is not None and number.value == "АВР-099150"
    assert number.page == 1 and number.bbox is not None and number.bbox[0] >= 0.6
    found = find_date(text, number, DocType.act)
    assert found is not None and found.value == date(2024, 11, 4)
    total = find_total(text, DocType.act)
    assert total is not None and (total.amount, total.currency) == (Decimal("1544786.88"), "KZT")


def test_form_r1_parties_by_position_words_on_the_line():
    parties = find_parties(DocText([FORM_R1]), None, DocType.act)
    assert [(p.bin, p.role, p.position) for p in parties] == [
        ("061140693728", Role.applicant, "customer"),
        ("170240229010", Role.executor, "executor"),
    ]


def test_free_form_act_date_skips_the_contract_reference():
    text = DocText([lines(
        "АКТ № 864",
        "оказанных услуг (выполненных работ)",
        "к Договору № KZ-2023-3283 от «26» июня 2023 г.",
        "г. Тараз «26» июня 2025 г.",
    )])
    number = find_number(text, DocType.act)
    assert number is not None and number.value == "864"
    found = find_date(text, number, DocType.act)
    assert found is not None and found.value == date(2025, 6, 26)


def test_preamble_clause_gives_each_bin_its_own_position():
    text = DocText([lines(
        "АКТ № АПП-7",
        "приема-передачи товара (оборудования)",
        "АО «Снаб», именуемое в дальнейшем «Поставщик», в лице Директора, БИН/ИИН",
        "140340896291, с одной стороны, и АО «Литье», именуемое в дальнейшем",
        "«Покупатель», в лице Директора, БИН/ИИН 191040718442, с другой стороны.",
    )])
    parties = find_parties(text, None, DocType.acceptance_certificate)
    assert [(p.bin, p.position, p.role) for p in parties] == [
        ("140340896291", "supplier", Role.executor),
        ("191040718442", "buyer", Role.applicant),
    ]


def test_person_iins_are_not_parties():
    esf = DocText([lines(
        "Раздел B. Реквизиты поставщика",
        "7. ИИН/БИН 170240229010",
        "Раздел L. Сведения об ЭЦП",
        "Подписано ЭЦП Абдрахманов Канат Кайратович, ИИН 970308339774",
    )])
    assert [p.bin for p in find_parties(esf, None, DocType.invoice)] == ["170240229010"]
    poa = DocText([lines(
        "ДОВЕРЕННОСТЬ № 42",
        "г. Актобе «01» апреля 2023 г.",
        "ТОО «Эко» (БИН/ИИН 171040437793) уполномочивает Иванова И. И. (удостоверение личности",
        "№ 288282701, выдано МВД 26.11.2016, ИИН 880719381700) представлять интересы",
    )])
    number = find_number(poa, DocType.power_of_attorney)
    assert number is not None and number.value == "42"
    found = find_date(poa, number, DocType.power_of_attorney)
    assert found is not None and found.value == date(2023, 4, 1)
    parties = find_parties(poa, None, DocType.power_of_attorney)
    assert [(p.bin, p.role, p.position) for p in parties] == [("171040437793", Role.applicant, "principal")]


def test_order_counts_only_the_letterhead_bin():
    text = DocText([lines(
        "ТОО «Альфа»",
        "БИН 061140693728, г. Костанай",
        "ПРИКАЗ № 302-П",
        "г. Костанай «15» октября 2024 г.",
        "№ Ф.И.О. работника Должность ИИН",
        "1 Иванов Иван Иванович инженер 711003380580",
    )])
    parties = find_parties(text, None, DocType.order)
    assert [(p.bin, p.role, p.position) for p in parties] == [("061140693728", Role.applicant, "employer")]
    number = find_number(text, DocType.order)
    assert number is not None and number.value == "302-П"
    found = find_date(text, number, DocType.order)
    assert found is not None and found.value == date(2024, 10, 15)


def test_kinds_without_a_field_never_read_one():
    text = DocText([lines(
        "Заявка на получение меры государственного стимулирования",
        "4. БИН/ИИН заявителя: 061140693728.",
        "Сумма затрат, заявленных к возмещению: 1 544 786,88 тенге.",
        "Дата заполнения заявки: «13» июля 2025 г.",
    )])
    assert find_number(text, DocType.application) is None
    assert find_total(text, DocType.application) is None
    found = find_date(text, None, DocType.application)
    assert found is not None and found.value == date(2025, 7, 13)


def test_payment_order_amount_under_the_sum_header():
    text = DocText([page([
        [(0.3, "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 2019")],
        [(0.45, "08.11.2024")],
        [(0.05, "Отправитель денег:"), (0.5, "ИИК"), (0.85, "Сумма")],
        [(0.05, "ТОО «Альфа»"), (0.5, "KZ18914327571143HVW4"), (0.82, "1 544 786-88")],
    ])])
    number = find_number(text, DocType.payment_order)
    assert number is not None and number.value == "2019"
    found = find_date(text, number, DocType.payment_order)
    assert found is not None and found.value == date(2024, 11, 8)
    total = find_total(text, DocType.payment_order)
    assert total is not None and total.amount == Decimal("1544786.88")


@pytest.mark.parametrize(("total_line", "words", "amount"), [
    ("Итого 1 1 х 30 231 108,95 3 239 047,39",
     ("на сумму (прописью), в KZT: Тридцать миллионов двести тридцать одна тысяча сто восемь",
      "тенге 95 тиын"), "30231108.95"),
    # the total's first thousands space lost (`4538 775,71`), then the VAT column
    ("Итого 1 1 х 4538 775,71 486 297,40",
     ("Всего отпущено на сумму (прописью), в KZT: Четыре миллиона пятьсот тридцать восемь тысяч",
      "семьсот семьдесят пять тенге 71 тиын"), "4538775.71"),
])
def test_waybill_total_is_the_amount_the_words_confirm(total_line: str, words: tuple[str, ...],
                                                         amount: str) -> None:
    total = find_total(DocText([lines(total_line, *words)]), DocType.waybill)
    assert total is not None and total.amount == Decimal(amount)


def test_an_attorneys_iin_is_not_a_party_even_when_the_photo_cut_the_words():
    text = DocText([lines(
        "ДОВЕРЕННОСТЬ № 58",
        "арищество с ограниченной ответственностью «EcoLine» (БИН/ИИН 091240458290, адрес: 0508",
        "ава, настоящей доверенностью уполномочивает Серикова Данияра Кайратовича (удостоверение личнос",
        "300782, выдано МВД Республики Казахстан 16 мая 2021 года, ИИН 970112324037) представлять инте]",
    )])
    assert [p.bin for p in find_parties(text, "091240458290", DocType.power_of_attorney)] == ["091240458290"]


def test_a_supplier_label_with_a_misread_letter_still_names_the_executor():
    text = DocText([lines("ЭЛЕКТРОННЫЙ СЧЕТ-ФАКТУРА", "Раздел В. Реквизиты поставшика",
                          "7. ИИН/БИН 190540693538", "8. Поставшик",
                          "Акционерное общество «Станкосервис»")])
    (party,) = find_parties(text, None, DocType.invoice)
    assert party.role == Role.executor and party.position == "supplier"


def test_party_name_drops_the_bin_label_before_the_number():
    text = DocText([lines("АКТ ВЗАИМОЗАЧЕТА № 1712",
                          "Товарищество с ограниченной ответственностью «Арман Агро» (БИН/ИИН 121140557481) "
                          "в лице Директора")])
    (party,) = find_parties(text, None, DocType.settlement_document)
    assert party.name == "Товарищество с ограниченной ответственностью «Арман Агро»"


def test_priority_goods_blank_number_keeps_its_spaces():
    text = DocText([lines("СЕРТИФИКАТ О ПРОИСХОЖДЕНИИ ТОВАРА", "Бланк № KZ 7 1 00 045386",
                          "сертификате, соответствуют действительности. Дата выдачи: 25.09.2024.")])
    number = find_number(text, DocType.priority_goods)
    assert number is not None and number.value == "KZ 7 1 00 045386"
    found = find_date(text, number, DocType.priority_goods)
    assert found is not None and found.value == date(2024, 9, 25)


def test_ocr_reading_of_kz_prefix_is_repaired():
    assert clean_number("К7-2023-3283") == "KZ-2023-3283"
    assert clean_number("KZ-2023-3283.") == "KZ-2023-3283"
    assert clean_number("АВР-099150") == "АВР-099150"
    assert clean_number("К2 7 1 00 046642") == "KZ 7 1 00 046642"
    assert clean_number("К7.-2025-0380") == "KZ-2025-0380"


def test_classify_titles_under_a_letterhead_or_split_over_lines():
    ktp = lines("АО «QazIndustry»", "ВЫПИСКА ИЗ РЕЕСТРА КАЗАХСТАНСКИХ ТОВАРОПРОИЗВОДИТЕЛЕЙ",
                "№ KZ-2026-76149")
    assert classify([ktp])[0] == DocType.ktp_extract
    act = lines("АКТ № 864", "оказанных услуг (выполненных работ)", "к Договору № 12 от 01.02.2025")
    assert classify([act])[0] == DocType.act
    transfer = lines("АКТ № АПП-727", "приема-передачи товара (оборудования)", "г. Кызылорда")
    assert classify([transfer])[0] == DocType.acceptance_certificate


def test_kazakh_headings_read_without_their_marks_still_classify():
    """OCR lost the marks of Ұ and Қ (`БУЙРЫК` for `БҰЙРЫҚ`); the body names a contract (`Шарт`)."""
    order = lines("Иванов Алексей Кайратович жеке кэсшкер", "БУЙРЫК № 896-к",
                  "Қызметкерлерді оқуға жіберу туралы",
                  "ұйымымен 20.02.2025 № ДП-2025/221 Шарт негізінде БҰЙЫРАМЫН:")
    assert classify([order])[0] == DocType.order
    assert classify([lines("БҰЙРЫҚ № 896-к", "Қызметкерлерді оқуға жіберу туралы")])[0] == DocType.order


def test_text_layer_digits_are_not_overridden_by_an_amount_in_words_split_by_its_label():
    """An online-banking print: the words phrase broken by the `Сумма прописью` label reads 1 466 500. The
    printed amount is 1 466 518,00 on a text layer and on a scan alike: a phrase no currency word closes
    (`… пятьсот` cut off its `восемнадцать тенге`) repairs no OCR'd digits."""
    layer = lines("Сумма 1 466 518,00 KZT", "Один миллион четыреста шестьдесят шесть тысяч пятьсот",
                  "Сумма прописью", "восемнадцать тенге 00 тиын")
    scanned = layer.model_copy(update={"source": PageSource.ocr})
    for p in (layer, scanned):
        total = find_total(DocText([p]), DocType.payment_order)
        assert total is not None and total.amount == Decimal("1466518.00")


def test_a_payment_total_label_read_in_latin_look_alikes_is_still_the_label():
    scanned = lines("Платежное поручение № 651 от 02.06.2025", "K6e 19", "Cymma 3 056 626,45 KZT",
                    "Сумма прописью Три миллиона пятьдесят шесть тысяч шестьсот двадцать шесть тенге 45 тиын",
                    ).model_copy(update={"source": PageSource.ocr})
    total = find_total(DocText([scanned]), DocType.payment_order)
    assert total is not None and total.amount == Decimal("3056626.45")


def test_a_certificate_whose_heading_ocr_lost_is_known_by_its_wording():
    cert = lines("Дата выдачи: 18.12.2023", "ИП Абдрахманов С.С.", "№ 79327",
                 "Настоящий сертификат подтверждает, что", "Исмаилова Динара Александровна",
                 "прошла обучение (профессиональная подготовка) по программе")
    assert classify([cert])[0] == DocType.training_certificate


def test_a_total_whose_first_thousands_space_ocr_lost_keeps_its_head() -> None:
    from decimal import Decimal

    from extractors.fields import _glued_head

    text = "Всего по счету: 1858 185,00 1858 185,00"
    start = text.index("185,00")
    assert _glued_head(text, Decimal("185.00"), start, start + 6) == (Decimal("1858185.00"), start - 5)
    two_groups = "Итого по документу 9 795 548,81 1175 465,85 10971 014,66"
    s5 = two_groups.rindex("014,66")
    assert _glued_head(two_groups, Decimal("14.66"), s5, len(two_groups)) == (Decimal("10971014.66"), s5 - 6)
    dated = "от 14.07.2023 861 682,09"
    s2 = dated.index("861")
    assert _glued_head(dated, Decimal("861682.09"), s2, len(dated)) == (Decimal("861682.09"), s2)


def test_document_date_found_by_position_when_ocr_reads_it_in_another_block() -> None:
    """A register extract prints its date over the number; OCR put the date line first."""
    from extractors.textindex import DocText
    from models.pages import Page, Word
    from models.vocab import DocType, PageSource

    def word(text: str, x: float, y: float, line: int) -> Word:
        return Word(text=text, bbox=(x, y, x + 0.08, y + 0.01), confidence=0.9, line=line)

    words = (
        word("2026", 0.34, 0.19, 0), word("жылғы", 0.39, 0.19, 0), word("24.10.2026", 0.56, 0.19, 0),
        word("ВЫПИСКА", 0.3, 0.15, 1), word("ИЗ", 0.4, 0.15, 1), word("РЕЕСТРА", 0.45, 0.15, 1),
        word("№", 0.42, 0.23, 2), word("К7-2026-29367", 0.46, 0.23, 2),
        word("Наименование", 0.1, 0.27, 3), word("товаропроизводителя", 0.3, 0.27, 3),
        word("Адрес", 0.1, 0.30, 4), word("улица", 0.2, 0.30, 4),
        word("Телефон", 0.1, 0.33, 5), word("87172", 0.2, 0.33, 5),
        word("Регион", 0.1, 0.36, 6), word("Астана", 0.2, 0.36, 6),
    )
    text = DocText([Page(file="k.png", page=1, source=PageSource.ocr, words=words)])
    number = find_number(text, DocType.ktp_extract)
    assert number is not None and number.value == "KZ-2026-29367"
    found = find_date(text, number, DocType.ktp_extract)
    assert found is not None and found.value == date(2026, 10, 24)


def test_a_twelve_digit_serial_number_is_not_a_party() -> None:
    text = DocText([lines("ТЕХНИЧЕСКИЙ ПАСПОРТ", "Заводской (серийный) номер 514202396059",
                          "Изготовитель ТОО «Альфа», БИН 061140693728")])
    assert [p.bin for p in find_parties(text, None, DocType.technical_passport)] == ["061140693728"]


def test_a_zero_vat_column_is_never_the_total() -> None:
    text = DocText([lines("СЧЕТ-ФАКТУРА № 644 от 22.04.2025",
                          "Итого по документу 6 313 719,18 0,00 6313 719,1")])
    found = find_total(text, DocType.invoice)
    assert found is not None and found.amount == Decimal("6313719.18")
