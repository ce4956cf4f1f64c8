"""Document numbers on phone photos: a BIN is never read as the number after the `N` that ends `BIN`,
and a `No` OCR read in Cyrillic look-alikes (`Ref. Мо. 281/26`) still marks the number. The page texts
are Tesseract's readings of generated bilingual contracts and manufacturers' letters; the expected
numbers are the generator's. A contract whose head a bad scan lost has the number its own annex cites; a
signing date under lines of smudges is still the document's date."""

from __future__ import annotations

from datetime import date

from extractors.fields import find_date, find_number
from extractors.textindex import DocText
from models.pages import Page
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_page as lines_page


def ocr_page(*lines: str) -> Page:
    return lines_page(*lines, file="фото.jpg")


def number_of(doc_type: DocType, *lines: str) -> str | None:
    found = find_number(DocText([ocr_page(*lines)]), doc_type)
    return None if found is None else found.value


def test_the_bin_after_BIN_is_not_the_contracts_number() -> None:
    assert number_of(
        DocType.contract,
        "CONTRACT No, 72-0 У/2025",
        "Усть-Каменогорск, June 11, 2025",
        "3DLabKazakhstan A.S., registered under No, HRB 125516 in",
        "Германия, hereinafter the “Seller”, and Акционерное общество",
        "«Сырдария Керамика Индастри» (BIN 170540690847), hereinafter",
        "the “Buyer”, have concluded this Contract:",
        "KOHTPAKT Ne 72-OY/2025",
        "г, Усть-Каменогорск, 11 июня 2025 г.",
    ) == "72-OY/2025"


def test_a_letters_ref_no_read_in_cyrillic_look_alikes() -> None:
    assert number_of(
        DocType.manufacturer_document,
        "Ningbo Haixiong Plastic Machinery Co., Ltd.", "Китай",
        "Ref. Мо. 59/26 Date: 2026-05-17",
        "ПИСЬМО ПРОИЗВОДИТЕЛЯ / MANUFACTURER'S LETTER",
    ) == "59/26"


def test_a_contract_whose_head_a_bad_scan_lost_has_the_number_its_annex_cites() -> None:
    text = DocText([ocr_page(
        "Казахстан», именуемое «Покупатель», и", "Индивидуальный предприниматель",
        "«Поставщик», заключили настоящий", "Договор.",
        "2. Цена Договора: 81 090 598,84",
        "Приложение № 1", "к Договору № 0691/24 от 16 сентября 2024 г.", "СПЕЦИФИКАЦИЯ",
        "Итого по спецификации: 81 090 598,84",
    )])
    number = find_number(text, DocType.contract)
    assert number is not None and number.value == "0691/24"
    found = find_date(text, number, DocType.contract)
    assert found is not None and found.value == date(2024, 9, 16)


def test_an_act_citing_its_contract_never_takes_that_number() -> None:
    assert number_of(
        DocType.act, "Исполнитель ТОО «Бета»", "Приложение № 1",
        "к Договору № 0691/24 от 16 сентября 2024 г.",
    ) is None


def test_a_reports_signing_date_under_lines_of_smudges_is_its_date() -> None:
    """Reading order put the payments' table first and six lines OCR made of smudges after the date."""
    text = DocText([ocr_page(
        "№ Документ", "1 Платежное поручение", "Руководитель Ч леубаев Г.Е.",
        "ОТЧЕТ о понесенных затратах", "Акционерное общество «Сарыарка Энерға», БИНУЯИИ 100940391626",
        "Номер Дата Сумма, КАТ", "1268 22.09,2025", "Итого затрат", "7913847.74", "7913847.74",
        "17.03.2026", "beh baba ehaemhh hea паев", "в", "аа авы аль", "ььх", "льва", "а",
    )])
    found = find_date(text, None, DocType.applicant_report)
    assert found is not None and found.value == date(2026, 3, 17)


def test_a_payments_date_beside_its_label_with_its_points_lost() -> None:
    text = DocText([ocr_page(
        "Платежное поручение № 2418", "Дата документа 08 09 2025 Статус. исполнено баном",
        "Отправитель ТОО «Ертис Машзавод»", "Сумма 403 164.76 /!",
    )])
    found = find_date(text, find_number(text, DocType.payment_order), DocType.payment_order)
    assert found is not None and found.value == date(2025, 9, 8)


def test_a_header_tables_value_row_whose_label_row_ocr_lost_gives_the_number_and_date() -> None:
    text = DocText([ocr_page(
        "oT 20 деяабра 2012 года № 562", "Форма P-1",
        "Бинлиин 210640314380", "[декор isotpanti и 2 ваоупога өз 23.02.2024 |",
        "АВР-031455 30.12.2025", "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)*",
    )])
    number = find_number(text, DocType.act)
    assert number is not None and number.value == "АВР-031455"
    found = find_date(text, number, DocType.act)
    assert found is not None and found.value == date(2025, 12, 30)


def test_a_value_row_gives_way_to_the_title_number() -> None:
    assert number_of(DocType.act, "АВР-031455 30.12.2025", "АКТ ВЫПОЛНЕННЫХ РАБОТ № 77 от 30.12.2025") == "77"


def test_a_german_registers_hrb_whose_r_ocr_misread() -> None:
    for read in ("HEB125516", "HBB105909", "НЕВ 125516"):
        assert number_of(DocType.foreign_registration, "Handelsregister", f"Registration No. {read}") == \
            "HRB" + read[3:]
    assert number_of(DocType.foreign_registration, "Registration No. HRA 73512") == "HRA 73512"


def test_a_register_extracts_otp_whose_p_ocr_read_as_two_strokes() -> None:
    assert number_of(DocType.ktp_extract, "ВЫПИСКА ИЗ РЕЕСТРА ОТЕЧЕСТВЕННЫХ ТОВАРОПРОИЗВОДИТЕЛЕЙ",
                     "Номер реестровой записи: OTTІ-2026-51737") == "ОТП-2026-51737"
    assert number_of(DocType.ktp_extract, "Номер реестровой записи: ОТП-2026-51737") == "ОТП-2026-51737"


def test_an_esfs_own_number_right_of_its_registration_number() -> None:
    assert number_of(
        DocType.invoice, "СЧЕТ-ФАКТУРА", "(электронный счет-фактура, печатная форма)",
        "/ Регистрационный номер /", "/ ESF-760913365927-34017 / СФ-48", "Номер документа |", "| 06.10.2025",
    ) == "СФ-48"


def test_an_esfs_value_row_after_its_registration_number_whose_labels_ocr_lost() -> None:
    assert number_of(
        DocType.invoice, "СЧЕТ-ФАКТУРА", "(электронный счет-фактура. печатная форма)", "Дата выписки",
        "Е5Ғ-070840136335-78631 | 88 10.09 2025", "Раздел В. Реквизиты поставщика",
    ) == "88"
