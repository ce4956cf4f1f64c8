"""A page marked as its paper's first (`Страница 1 из 1`, OCR's `Страница | из 1`) opens a paper of its
own, however little of its heading and wording a photo kept: an applicant report read as scattered words
after an application in the same file. A page marked as a later one still continues its paper. The page
texts are what Tesseract made of a phone photo of an application and a report merged in one PDF."""

from __future__ import annotations

from extractors.classify import classify
from extractors.split import split_file
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_page

APPLICATION = ("Приложение 1", "к Правилам стимулирования повышения", "производительности труда", "| ЗАЯВКА",
               "на возмещение части затрат субъектов индустриально-инновационной деятельности",
               "№ Сведения о заявителе", "1 | Наименование заявителя", "2 | БИН заявителя",
               "[7 Сумма затрат тенге", "Достоверность представленных сведений подтверждаю.",
               "Руководитель __ Касымов Д.Е.", "Дата: «26» октября 2026 г.", "Страница 1 из 1")
REPORT = ("т pos TET ТЕК УАЛИ ety Se Ts", "A ATE Oa net oe ПИ",
          "= понесенных затратах J ло «Атамекен Фуд» (Бин 100240032957)", "~“Kontparent", "Ne; ра дата.",
          "“724012026” АО «Digital Print Solutions-KZ»", "Титого затрат |",
          "‚ Сумма к возмещению WHF: 2387 BOAT Toe", "й Руковбди тель Касымов Д.Е Главный брате _",
          "Сумма, тенге", "~ 5 969 651-06", "5969 651-06")
NAME = "Заявка на возмещение и др.pdf"


def test_a_report_marked_as_a_first_page_opens_its_own_paper_after_an_application() -> None:
    pages = [ocr_page(*APPLICATION, file=NAME, page=1),
             ocr_page(*REPORT, "Страница 1 из 1", file=NAME, page=2)]
    groups = split_file(pages)
    assert [[p.page for p in g] for g in groups] == [[1], [2]]
    assert classify(groups[1])[0] == DocType.applicant_report


def test_the_first_page_mark_as_ocr_reads_it_opens_a_paper_too() -> None:
    pages = [ocr_page(*APPLICATION, file=NAME, page=1),
             ocr_page(*REPORT, "Страница | из 1", file=NAME, page=2)]
    assert [[p.page for p in g] for g in split_file(pages)] == [[1], [2]]


def test_a_page_marked_as_a_later_one_or_unmarked_continues_its_paper() -> None:
    first = ocr_page(*APPLICATION[:-1], "Страница 1 из 2", file=NAME, page=1)
    later = ocr_page(*REPORT, "Страница 2 из 2", file=NAME, page=2)
    assert [[p.page for p in g] for g in split_file([first, later])] == [[1, 2]]
    unmarked = ocr_page(*REPORT, file=NAME, page=2)
    assert [[p.page for p in g] for g in split_file([first, unmarked])] == [[1, 2]]
    # a page number in a table row (`страница 12 из 40` of a cited report) is no first page's mark
    cited = ocr_page(*REPORT, "отчет, страница 12 из 40", file=NAME, page=2)
    assert [[p.page for p in g] for g in split_file([first, cited])] == [[1, 2]]
