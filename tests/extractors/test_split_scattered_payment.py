"""Bank printouts of payments scanned into one file, the last read by a bad scan as scattered words (its
lines out of order): a page after a whole payment order that reads as a payment order at all is the
next payment, not the first one's second page. The lines are what Tesseract read."""

from __future__ import annotations

from extractors.split import split_file
from models.pages import Page
from tests.extractors.ocr_lines import ocr_page

PRINTOUT = ("Kaspi Business", "AQ «Kasni Bank»", "Сформировано: 10 февраля 2025 г.", "Статус: Исполнен",
            "Дата документа", "Дата исполнения", "Референс", "A5985514866", "Плательщик ИП Попов Д.М.",
            "ИИН/БИН 7905233101443 2223", "Банк АО «Банк ЦентрКредит»", "Код 19",
            "Получатель ИП «Lean Academy Kazakhstan»", "ИИН/БИН 770516402364", "KCJBKZKX", "175 704,00 KZT",
            "Сумма прописью Сто семьдесят пять тысяч семьсот четыре тенге 00", "тиын", "КНП 859",
            "Детали платежа Предоплата за услуги по договору № 464-ОУ/2025 от", "03.02.2025, без НДС",
            "Документ сформирован в системе интернет-банкинга и не требует подписи и печати банка.")
SCATTERED = ("Документ Документ", 'сформир подписан"', "% в 4", "Ц", "БИК Банк", "“", "Статус Платёжное АО",
             "«EorteBank» ForteBusines", "документа: x", "Иеполнен поручение 22 %", "19 KCJBKZKX",
             "к тенге 00 тиын 964,00 614 КИТ “", "859 id ЦентрКр ит» AO «Bank", "KZ6285650Z7H6T3MX96M",
             "сч/ф НДС 272, 03.02.2025, № без оказанныб услуги договору Оплата за по Ж",
             "четырнадцать девятьсот Шестьсот тысяч", "№ шестьдесят", "ИП 19 AO",
             "770516402364 «Lean KCJBKZKX «Банк KZ458562784W4 ИП Попов а 27.02,2025", "27.02.2025",
             "790623310443 Е07632329864", "Д.М.", "ЦентрКредит» Y", "Academyggazakhstan» 9865", "W", "1",
             "№", "2249", "Е 4 39", "464-ОУ/2025", "от четыре", "# %% =", "Way # % ж", "жж «FarteBank» АО",
             "941040887340, БИН", "ИСПОЛНЕНО", "27.02.2025 =", "ы)", "%", "Статус Сформировано:",
             "документа: 27 =", "февраля", "38 $ Исполнен 2025 г. ie")
SECOND_PAGE = ("Отметки банка", "Принято к исполнению 27.02.2025", "Подпись операциониста ____________")


def page(lines: tuple[str, ...], number: int) -> Page:
    return ocr_page(*lines, file="Scan_0840.pdf", page=number, confidence=0.8)


def test_a_scattered_payment_after_a_whole_one_is_a_payment_of_its_own() -> None:
    groups = split_file([page(PRINTOUT, 1), page(SCATTERED, 2)])
    assert [[p.page for p in g] for g in groups] == [[1], [2]]


def test_a_page_without_a_payments_wording_stays_with_the_payment() -> None:
    groups = split_file([page(PRINTOUT, 1), page(SECOND_PAGE, 2)])
    assert [[p.page for p in g] for g in groups] == [[1, 2]]
