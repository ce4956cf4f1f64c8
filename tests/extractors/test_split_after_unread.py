"""A photographed file whose first paper OCR made nothing of (symbol soup, read unsure): a page after it
whose own wording reads as a whole paper (a bill for payment) is a paper of its own, not a second page of
the soup; the soup is typed by the file's name. The lines are what Tesseract read from a phone photo of
an act of completed work and of the bill after it."""

from __future__ import annotations

from extractors.split import NAMED_ONLY, assemble, split_file
from models.pages import Page
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_page

SOUP = ("ев ыы", "Янус dam ot", "» ears у м. ж кА", "жж ұғу жалғы уу) ae № 59", "Aenea ЗИ", "Де ея ty",
        "жанмен #7", "BA шамға Ay 4. LP ay rib adie Жуа Яфас ілу СЯ ВЕЕТ", "Жұлыы аравия, SAVY, бдения",
        "қ Ж 777. н", "құма ИРУ FOI і", "ішін? 6 жін ҰТА", "масы ULI. Аф НХ", "майың | | | ; ) р 42,5%")
BILL = ("Внимание! Оплата данного счета означает согласие с условиями поставки товара",
        "Бенефициар: 1171,5 Кбе", "АО «5ара Тгаіпіпа» KZ07821528D42KGWNVK6 17", "BUH: 060540794080",
        "Банк бенефициара: . БИК", "Код назначения", "платежа", "АО «Вапк ВВК» KINCKZKA 859",
        "Счет на оплату № 589 от 28 августа 2024 г.", "БИН 060540794080, АО «Sapa Training», 100350",
        "Договор: № 917 от 28.08.2024", "Итого: 4 696 938-40", "Всего к оплате: Четыре миллиона шестьсот "
        "девяносто шесть тысяч девятьсот тридцать восемь тенге 40 тиын")
FILE = "Документы на возмещение.zip/Заявитель/Акт выполненных работ Р-1.pdf"


def page(lines: tuple[str, ...], number: int, confidence: float) -> Page:
    return ocr_page(*lines, file=FILE, page=number, confidence=confidence)


def test_a_bill_after_a_page_read_as_soup_is_a_paper_of_its_own() -> None:
    pages = [page(SOUP, 1, 0.41), page(BILL, 2, 0.9)]
    assert [[p.page for p in g] for g in split_file(pages)] == [[1], [2]]
    act, bill = assemble(pages)
    assert (act.type, act.confidence) == (DocType.act, NAMED_ONLY)
    assert bill.type == DocType.other and bill.confidence >= 0.9


def test_a_page_after_soup_read_surely_or_reading_too_little_stays_with_it() -> None:
    # the first page read surely (a clean scan of a picture): its reading is no soup of a lost paper
    assert [[p.page for p in g] for g in split_file([page(SOUP, 1, 0.92), page(BILL, 2, 0.9)])] == [[1, 2]]
    # the page after the soup reads no whole paper (one label of a bill)
    thin = ("Код назначения", "платежа", "Итого: 4 696 938-40")
    assert [[p.page for p in g] for g in split_file([page(SOUP, 1, 0.41), page(thin, 2, 0.9)])] == [[1, 2]]
