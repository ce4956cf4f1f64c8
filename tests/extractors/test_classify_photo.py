"""Camera pictures of equipment are photos; a short letter or a blank scan is not."""

from __future__ import annotations

from extractors.classify import classify
from models.pages import Page, Word
from models.vocab import DocType, PageSource


def page(*lines: str) -> Page:
    words = [Word(text=t, bbox=(0.1, 0.1 + i * 0.02, 0.2, 0.11 + i * 0.02), confidence=0.6, line=i)
             for i, line in enumerate(lines) for t in line.split()]
    return Page(file="IMG_1.jpg", page=1, source=PageSource.ocr, words=tuple(words))


def test_nameplate_photo_is_a_photo() -> None:
    kind, confidence, _ = classify([page('г = ар "ыны 25 ара 2»', "| Nanjing Harsie Machine Too",
                                         "MODEL PBA-135/3100", "S/N 238349113 2022")], calibrated=False)
    assert kind == DocType.photo and 0.4 <= confidence < 0.9


def test_symbol_soup_from_a_camera_picture_is_a_photo() -> None:
    kind, _, _ = classify([page("47. “ТАС а ---т--- лы", "С “жз Se а", "д - ”215,-.-”а/Й 4. а ih",
                                "= RE ees Oe", "4 ”", "- 7 i. a <", "2 “”%”%” ы“")])
    assert kind == DocType.photo


def test_a_short_plain_letter_is_not_a_photo() -> None:
    kind, _, _ = classify([page("Уважаемые коллеги", "Направляем вам копии документов по договору поставки",
                                "С уважением директор")])
    assert kind == DocType.other


def test_a_badly_read_photo_of_a_document_is_not_a_picture() -> None:
    """A phone photo of an application: junk before the heading, half the tokens broken, but a score of
    words — a document, typed by its heading once the junk before it is set aside."""
    kind, _, _ = classify([page(
        "Помломемие 1 x Правилам", "Заявители № № «Quatndusiry»", "Haw ЗАЯВКА",
        "| ма части затрат промыхшленно-инновационных субъектов", "тесны | т \\", "\\Бин/иин |", "Дата oo |",
        "затрат = 120280, Қызылорда. пр. Республики, 245", "Vicnome | Абдрахманов Асхат",
        "Б dagital_equipment", "| (поставщик) Ъолатович", "141240852952", "225",
        "ұинцество с ограниченной ответстиениостью «3D Lab Kazakhstan=, BMH", "Дм 284 662,09",
        "\\", "\\", "1",
        "№ KZ-2025-7096 от 17.07.2025 \\", "\\K2849654X24838400921, AO «ForeBanks, БИК", "\\",
        "Достоверность представленных сведений подтверждаю", "Директор ________ Абдрахманов А. Б.",
        "Дата: 17.07.2025 ; ‚ ‚ ‚ . , :", "| | | | ; ; ; ;", "= = — — ~ ~")])
    assert kind == DocType.application


def test_a_heading_read_in_latin_look_alikes_still_counts() -> None:
    """`AKT ВЫПОЛНЕННЫХ РАБОТ`: OCR took the Cyrillic А, К, Т for Latin letters."""
    kind, _, _ = classify([page("Форма Р-1", "Договор (контракт) № 177 oF 28.10.2024",
                                "AKT ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)* Номер документа Дата составления",
                                "Итого 4 х 4 707 677,18", "Сдал (Исполнитель) Принял (Заказчик)")])
    assert kind == DocType.act


def test_payments_listed_in_a_table_do_not_make_a_payment_order() -> None:
    """A report whose heading was lost lists its payment orders row by row."""
    kind, _, _ = classify([page("Приложение 2 к Правилам", "о понесенных затратах",
                                "№ Документ Номер Дата Контрагент (БИН) Сумма, тенге",
                                "1 Платежное поручение 992 06.11.2024 981002461252 941 535,44",
                                "2 Платежное поручение 995 20.01.2025 981002461252 3 766 141,74",
                                "Итого затрат 4707 677,18")])
    assert kind == DocType.applicant_report


NAMEPLATE = ("НР Іпс.", "Широкоформатный плоттер-принтер со", "сканированием и копированием",
             "Модель / Model DesignJet T950 MFP", "Зав. № / S/N 259733582", "Дата изготовления | 27.02.2025",
             "Страна США", "Made for Kazakhstan market", "EAC")
"""What OCR reads on a clean phone photo of a printer's nameplate."""


def _ocr(file: str, *lines: str) -> Page:
    words = [Word(text=t, bbox=(0.1, 0.1 + i * 0.05, 0.2, 0.12 + i * 0.05), confidence=0.9, line=i)
             for i, line in enumerate(lines) for t in line.split()]
    return Page(file=file, page=1, source=PageSource.ocr, words=tuple(words))


def test_a_nameplate_read_cleanly_from_a_photo_is_a_photo_of_the_equipment() -> None:
    kind, confidence, _ = classify([_ocr("IMG_825.jpg", *NAMEPLATE)])
    assert kind == DocType.photo and confidence >= 0.5


def test_the_same_words_on_a_passports_pdf_page_are_no_photo() -> None:
    kind, _, _ = classify([_ocr("Паспорт.pdf", "ПАСПОРТ", *NAMEPLATE)])
    assert kind != DocType.photo
