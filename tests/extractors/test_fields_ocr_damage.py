"""Totals and numbers whose digits, labels or amounts in words OCR damaged on phone photos and bad scans.
The lines are what Tesseract made of them; the truth is what the paper prints."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors import amount_words
from extractors.classify import classify
from extractors.fields import find_number, find_total
from extractors.split import split_file
from extractors.textindex import DocText
from models.pages import Page
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_page
from tests.extractors.test_fields_ocr_marks import doc


def test_a_payments_amount_glued_to_its_code_and_written_with_a_dash_is_the_one_its_words_spell() -> None:
    """A photographed payment order reads the requisites row `ИИК | Кбе | Сумма` as one line: the sum
    cell follows the code `17` with no label before it and a dash for the comma; the amount in words
    names the same digits."""
    t = find_total(doc("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 2201", "15.04.2026",
                       "Отправитель денег: ИИК КОд Сумма",
                       "Товаришество с ограниченной ответственностью К7056010ХУ9ХА2303009 | 17 1300 982-11",
                       "ИИН/БИН: 170540905811",
                       "Сумма прописью: Один миллион триста тысяч девятьсот восемьдесят два тенге 11 тиын",
                       "Назначение платежа: Оплата по договору № ДП-2026/911 от 18.02.2026"),
                   DocType.payment_order)
    assert t is not None and (t.amount, t.currency) == (Decimal("1300982.11"), "KZT")


def test_digits_that_only_end_like_the_spelled_amount_inside_a_longer_number_are_not_it() -> None:
    """An account number whose last digits equal the amount in words is no amount: the total is the
    amount the words after `Сумма прописью` spell (line 3), never digits of the account (line 2)."""
    t = find_total(doc("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 2201", "15.04.2026",
                       "ИИК KZ44130098211",
                       "Сумма прописью: Один миллион триста тысяч девятьсот восемьдесят два тенге 11 тиын"),
                   DocType.payment_order)
    assert t is not None and t.amount == Decimal("1300982.11") and t.bbox is not None and t.bbox[1] > 0.1


def test_a_vat_certificates_number_wrapped_onto_its_own_line_is_not_the_invoices() -> None:
    """A photographed ЭСФ lost its title line; the supplier's VAT certificate `свидетельство по` /
    `НДС серия 23546 № 7832014` wrapped after `по` and is no number of the invoice."""
    found = find_number(doc("Дата совершения оборота: 25.03.2024",
                            "Постамцик- Товарищество с ограниченной ответственностью «Учебный центр»",
                            "БИН и адрес места нахождения постамцика: БИН: 160840183712, свидетельство по",
                            "НДС серия 23546 № 7832014",
                            "ИИК посташцика: К73 19147К5613ХВ09974 Банк АО «Bereke Bank»"),
                       DocType.invoice)
    assert found is None


def test_a_number_after_a_line_that_ends_a_citation_of_another_paper_still_counts() -> None:
    """A title's `№` on the line after a line that names a contract is the paper's own number."""
    found = find_number(doc("Приложение к договору поставки", "АКТ № 55 от 01.02.2024"), DocType.act)
    assert found is not None and found.value == "55"


def test_an_identity_cards_number_in_a_power_of_attorney_whose_title_was_lost_is_not_its_number() -> None:
    """A scanned power of attorney lost its title line; the attorney's `удостоверение личности № …` is the
    number of another paper."""
    found = find_number(doc("г Усть Каменогорск «19» июля 2024г.",
                            "Товаришество с ограниченной ответственностью «Береке» уполномочивает Есенова",
                            "Ерлана Сериковича (удостоверение личности № 509422129. выдано МВД",
                            "Республики Казахстан 23 февраля 2021 года. ИИН 820527340808)"),
                       DocType.power_of_attorney)
    assert found is None


def test_a_register_extracts_number_under_a_damaged_label_and_split_after_its_year_is_read_whole() -> None:
    """A phone photo of an eGov register extract reads `записи` as `залиси` and a space into the number
    after its year's hyphen."""
    found = find_number(doc("Отандық тауар өндірушілер тізілімінен үзінді көшірме",
                            "ВЫПИСКА ИЗ РЕЕСТРА ОТЕЧЕСТВЕННЫХ ТОВАРОПРОИЗВОДИТЕЛЕЙ",
                            "Регистрационный номер залиси ОТП-2026- 34744",
                            "Дата формирования выписки 5 жона 2026 г."), DocType.ktp_extract)
    assert found is not None and found.value == "ОТП-2026-34744"


def test_a_number_after_its_year_followed_by_a_count_is_not_joined_to_it() -> None:
    """`РКТ-2026 125 позиций`: a number ending in its year, then a count with no hyphen between, stays as
    printed."""
    found = find_number(doc("ВЫПИСКА ИЗ РЕЕСТРА ОТЕЧЕСТВЕННЫХ ТОВАРОПРОИЗВОДИТЕЛЕЙ",
                            "Регистрационный номер записи РКТ-2026 125 позиций"), DocType.ktp_extract)
    assert found is not None and found.value == "РКТ-2026"


def test_a_payments_sum_that_lost_its_decimal_point_under_words_that_lost_their_tiyn() -> None:
    """A photographed bank printout reads `Сумма 731 771.16 KZT` as `73177116к2Т` and `16 тиын` as `16 Tye`:
    the words give the whole tenge, the two digits after them are the tiyn."""
    t = find_total(doc("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 2344", "от 17.10.2025", "Статус Исполнен", "Сумма 73177116к2Т",
                       "Отправитель денег ТОО «Нур Техно-2»",
                       "Назначение платежа Предоплата за услуги по договору № ДП-2025/711 от 13.10.2025",
                       "Сумма прописью: Семьсот тридцать одна тысяча семьсот семьдесят один тенге 16 Tye"),
                   DocType.payment_order)
    assert t is not None and t.amount == Decimal("731771.16")


def test_a_contracts_slash_read_as_one_is_restored_from_the_annex_that_cites_it() -> None:
    """A scanned contract's heading reads `ДП-2024/673` as `ДП-20241673`; its annex cites it intact."""
    found = find_number(doc("ШАРТ | ДОГОВОР № ДП-20241673", "г. Алматы 29.07.2024",
                            "Товарищество с ограниченной ответственностью «Бета»",
                            "Приложение 1", "к Договору № ДП-2024/673"), DocType.contract)
    assert found is not None and found.value == "ДП-2024/673"


def test_a_number_with_a_one_and_no_cited_slash_spelling_stays_as_read() -> None:
    found = find_number(doc("ДОГОВОР № ДП-20241673", "г. Алматы 29.07.2024", "к Договору № ДП-2024/674"),
                        DocType.contract)
    assert found is not None and found.value == "ДП-20241673"


def _ocr_page(n: int, *lines: str) -> Page:
    return ocr_page(*lines, file="Сертификаты.pdf", page=n)


def _certificate(n: int, mark: str, number: str, name: str) -> Page:
    return _ocr_page(n, "ТОО «Учебный центр Кайдзен-KZ»", "СЕРТИФИКАТ", f"{mark} {number}",
                     "Настоящий сертификат подтверждает, что", name, "начальник цеха, АО «EcoLine Astana»",
                     "прошел обучение (повышение квалификации) по программе",
                     "Дата выдачи: 25.03.2024 Директор Сулейменов А. Б.")


def test_a_scanned_certificate_whose_number_sign_reads_m_guillemet_opens_its_own_document() -> None:
    """Certificates scanned into one PDF: the second one's `№` reads `М»`; it is a paper of its own, with
    its own number."""
    pages = [_certificate(1, "№", "ПК-72520", "Касымов Нурлан Болатович"),
             _certificate(2, "М»", "ПК-72522", "Попов Руслан Нурланович")]
    assert [[p.page for p in g] for g in split_file(pages)] == [[1], [2]]
    found = find_number(DocText([pages[1]]), DocType.training_certificate)
    assert found is not None and found.value == "ПК-72522"


def test_a_photographed_applicant_report_whose_title_was_lost_is_typed_by_its_payments_table() -> None:
    """A landscape photo of App.2 reads no title: only the payments table, its `Итого затрат` and the
    signature are left."""
    page = _ocr_page(1, "№ Документ", ". 030740693200", "Номер Дата Сумма, KZT",
                     "1 Платежное поручение 914 15.06.2026 32 851 028.48", "Итого затрат 32 851 028.48",
                     "Руководител, Бекмуханова А Н. 01.06.2026")
    assert classify([page])[0] == DocType.applicant_report


def test_a_payment_orders_own_heading_is_no_row_of_a_payments_table() -> None:
    page = _ocr_page(1, "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 2344 от 17.10.2025", "Статус Исполнен", "Сумма 731 771.16 KZT",
                     "Итого затрат по смете")
    assert classify([page])[0] != DocType.applicant_report


def test_an_invoice_total_spelled_after_its_damaged_label_wins_over_the_vat_the_line_ends_with() -> None:
    """A bad scan of an invoice: the digits of `Всего к оплате` read `:.8055.330,02:`; the next line's label
    reads `Всего к оплоте`, its amount in words `Ава миллиона …` (Д read as А), and ends with the VAT."""
    t = find_total(doc("Счет-фактура № 00071353 от «06» октября 2025 г:", "Поставшик:",
                       "| Цена, тенге | Сумма бөз НАС,", "77885 11609", "“Toro без SHAG. + 24", "220.213 25",
                       "‚НАС 12%: а", "“сос к оплате: :.8055.330,02:",
                       "Всего к оплоте: Ава миллиона пятьдесят пять тысяч триста тридцать "
                       "тенге 02 тиын, в TH, "
                       "НАС 220 213,23", "Руководитель „Иванов АГА. Главный бухгалтер Абдрахманов А, Е,"),
                   DocType.invoice)
    assert t is not None and (t.amount, t.currency) == (Decimal("2055330.02"), "KZT")


@pytest.mark.parametrize(("words", "amount"), [
    ("Ава миллиона пятьдесят пять тысяч тенге 00 тиын", Decimal("2055000.00")),
    ("Тои тысячи сто тенге", Decimal("3100")),
    # `миллион` follows one: a damaged short word before it is not read as two or three
    ("Ава миллион тенге", Decimal("1000000")),
    # a first letter lost: `Семь`, `Шесть`, `Пять` before the form of a scale that follows five to nine
    ("(( емь миллионов шестьсот пятьдесят тысяча пятьсот девять тенге 47 тиын)", Decimal("7650509.47")),
    ("есть миллионов двести тенге", Decimal("6000200")),
    ("ять тысяч тенге", Decimal("5000")),
    # a short word that is no unit a letter off stays out: `на миллион` is a million
    ("на миллион тенге", Decimal("1000000")),
])
def test_a_damaged_unit_before_a_scale_in_the_form_it_takes(words: str, amount: Decimal) -> None:
    assert amount_words.amount_from_words(words) == amount


def test_a_contract_price_whose_digits_and_first_word_ocr_both_damaged_is_read_from_the_words() -> None:
    digits = Decimal("651509.47")  # `7 651 509,47` with the 7 read as a quote
    words = amount_words.amount_from_words(
        "(( емь миллионов шестьсот пятьдесят тысяча пятьсот девять тенге 47 тиын)")
    assert words == Decimal("7650509.47")  # `одна` (тысяча) lost as well
    assert amount_words.reconcile(digits, words) == Decimal("7651509.47")  # the 7 from the words
