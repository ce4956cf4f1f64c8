"""Numbers and dates of bad scans and phone photos whose marks OCR damaged. The lines are what Tesseract
made of such pages; the truth is what the papers print."""

from __future__ import annotations

from extractors.fields import find_number
from extractors.textindex import DocText
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_page


def test_a_passports_serial_whose_sn_a_bad_scan_read_as_5m() -> None:
    number = find_number(DocText([ocr_page(
        "Haitian international", "ПАСПОРТ", "Термопластавтомат МА 2500/1000", "1. ОБЩИЕ СВЕДЕНИЯ",
        "Модель МА 2500/1000", "Заводской (серийный) номер 5М202594828", "Дата изготовления 23.09.2025")]),
        DocType.technical_passport)
    assert number is not None and number.value == "SN202594828"


def test_a_serial_printed_with_an_sm_prefix_stays_as_printed() -> None:
    number = find_number(DocText([ocr_page(
        "ПАСПОРТ", "Заводской номер SM2024158431", "Дата изготовления 23.09.2025")]),
        DocType.technical_passport)
    assert number is not None and number.value == "SM2024158431"


def test_the_order_cited_in_a_forms_corner_after_a_margins_specks_is_no_number() -> None:
    """The corner's last line opens with specks read as a word; the number is the header table's."""
    number = find_number(DocText([ocr_page(
        "аланы Приложение 26", "к приказу Министра финансов", "Республики Казахстан",
        "ыбымыны от 20 декабря 2012 года № 562",
        "ey Организация (индивидуальный предприниматель) ТОО «ИндустрияСнаб-2» Форма 3-2",
        "ee Чо р документа Дата составления", "735 19 февраля 2026 г.",
        "НАКЛАДНАЯ НА ОТПУСК ЗАПАСОВ НА С ОРОНУ")]), DocType.waybill)
    assert number is not None and number.value == "735"


def test_an_iin_whose_first_digits_a_bad_scan_read_as_a_hash_is_no_number() -> None:
    """A contract whose heading the scan lost: the `#` after `ИИН` is the IIN's damaged head, not `№`."""
    number = find_number(DocText([ocr_page(
        "г. Астама", "Поставки оборудования", "«10% mom 2025 г.",
        "Акционерное общество «Есо те Astana». в ug Председателя Правление",
        "Устава, именуемое е aameriiney «Покупатель», с одиюй стороны, и Индивидуальный",
        "предпризюсеатель Исмаилов Домияр Кайратович (<30 Lab Kazakintan>) (ИИН",
        "#0319337097;. действующий из осшжаним узедомясмыин о ночале деятельности &")]), DocType.contract)
    assert number is None or number.value != "0319337097"
