"""Papers merged in one scanned file whose headings OCR damaged: the report whose `ОТЧЕТ` carries a speck
of a mark or was lost over its subtitle, the З-2 waybill whose first and short words were misread, and a
bill after an ЭСФ whose own heading a scan lost — each opens a paper of its own and is typed right; a
bill's requisite row `Договор: № …` makes it no contract."""

from __future__ import annotations

from extractors.classify import classify
from extractors.split import split_file
from models.pages import Page
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_page

KTP = ("ВЫПИСКА", "из реестра казахстанских товаропроизводителей", "№ РКТ-2026-37389",
       "г. Астана 29 августа 2026г.", "Наименование товаропроизводителя ТОО «Нур Техно»", "БИН 080340372655")
REPORT_SPECK = ("22 , на", "‚ ОТЧЕТ\"", "«100 Ае", "те хно» (Бин ыы", "_ о понесенных датратак ТОО +",
                "при: — рей")
REPORT_SUBTITLE = ("о понесенных затратах", ">", "Заявитель: ТОО «Ертис Машзавод», БИН/ИИН 040840378813",
                   "и ответственностью «", "Итого")
APPLICATION = ("vе", "wне", "А", "ке! >. .", "Сведения о заявителе", "Наименование заявителя ТОО",
               "На возмещение части затрат субъектов индустриально-инновационной деятельности",
               "Заявитель подтверждает достоверность сведений")
CERTIFICATE = ("АКТ ПРИЕМА-ПЕРЕДАЧИ № 991", "оборудования", "г. Тараз 16.01.2026",
               "Передающая сторона передала, а Принимающая сторона приняла следующее оборудование")
WAYBILL_DAMAGED = ("һе Wн", "бл Иной 14 бенен", "от те fr М И вау он", "Номер тумен» Депеенеенееенен",
                   "ИАКЛАЛИАЯ НА ОТПУСК ЗАПАСОВ ИА СТОРОНУ", "УIМIS ТАL АN, АТМ АТI АУ")
ESF = ("Пата соваоттения обоооста:", "Поставщик:", "БИН и адрес места нахождения поставщика",
       "ИИК поставщика:", "Договор (контракт) на поставку товаров (работ, услуг):",
       "Реквизиты поставщика", "Реквизиты получателя", "Всего по счету 1 047 330,06")
BILL_LOW_TITLE = ("Внимание! Оплата данного счета означает согласие с условиями поставки товара.",
                  "Бенефициар: ИИК Кбе", "АО «ТехМаш Supply-KZ»", "БИН: 200640879761",
                  "Банк бенефициара: БИК Код назначения платежа", "KZ488567F02977B949ZE", "АО «Банк»",
                  "KCJBKZKX 17 710", "Образец платежного поручения", "Счет на оплату № 209 от 17.11.2025")
BILL_REQUISITE = ("Бин 180640969138, ТОО ист онл", "а «таса RОК. Бик КОСА тона зи шли", "-",
                  "г. Тараз, пр. Достык, д. 8. ИИК KZ2509141615232", "Покупатель: ТОО",
                  "Договор: № 955-ОУ/2024 ол 02.12.2024", "№ Наименование Кол-во Цена Сумма",
                  "1 Токарный станок с ЧПУ")


def page(lines: tuple[str, ...], number: int, file: str = "Документы.pdf") -> Page:
    return ocr_page(*lines, file=file, page=number, confidence=0.6)


def split(*pages: Page) -> list[list[int]]:
    return [[p.page for p in g] for g in split_file(list(pages))]


def test_a_report_whose_heading_carries_a_speck_opens_a_paper_after_an_extract() -> None:
    pages = [page(KTP, 1), page(REPORT_SPECK, 2)]
    assert split(*pages) == [[1], [2]]
    assert classify([pages[1]])[0] == DocType.applicant_report


def test_a_report_whose_heading_was_lost_over_its_subtitle_opens_a_paper_after_an_application() -> None:
    pages = [page(APPLICATION, 1), page(REPORT_SUBTITLE, 2)]
    assert split(*pages) == [[1], [2]]
    assert classify([pages[1]])[0] == DocType.applicant_report


def test_a_waybill_whose_heading_ocr_damaged_opens_a_paper_after_a_certificate() -> None:
    pages = [page(CERTIFICATE, 1), page(WAYBILL_DAMAGED, 2)]
    assert split(*pages) == [[1], [2]]
    assert classify([pages[1]])[0] == DocType.waybill


def test_a_bill_after_an_invoice_that_lost_its_heading_is_a_paper_of_its_own() -> None:
    pages = [page(ESF, 1), page(BILL_LOW_TITLE, 2)]
    assert split(*pages) == [[1], [2]]
    assert classify([pages[0]])[0] == DocType.invoice
    assert classify([pages[1]])[0] == DocType.other


def test_a_page_of_the_same_kinds_wording_after_a_headless_invoice_opens_nothing() -> None:
    rest = ("Реквизиты получателя", "Всего по счету 1 047 330,06", "Подпись")
    assert split(page(ESF, 1), page(rest, 2)) == [[1, 2]]


def test_a_bills_contract_requisite_row_is_no_contract_heading() -> None:
    assert classify([page(BILL_REQUISITE, 1, "schet_521.jpg")])[0] != DocType.contract
    own = ("ДОГОВОР № 955-ОУ/2024", "г. Тараз 02.12.2024",
           "Поставщик и Покупатель заключили настоящий договор")
    assert classify([page(own, 1, "Договор.pdf")])[0] == DocType.contract
