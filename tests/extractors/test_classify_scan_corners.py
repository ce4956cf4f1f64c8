"""An applicant's report whose heading a bad scan lost is told by its form's corner: the Rules give the
report as their appendix 2 (`Приложение 2` / `к Правилам возмещения`), the application as appendix 1.
The page texts are Tesseract's readings of the ninth family's bad scans (`Заявка и др.tif`, an
application, its report and a register extract merged into one file); the expected kinds are the truth."""

from __future__ import annotations

from extractors.classify import classify
from extractors.split import split_file
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_page
from tests.extractors.test_fields_scan_tables import LETTER

APPLICATION = ("Приложение 1", "к Правичау возмещения части затрат субьектов индусгриачьно-инновационной",
               "ЗАЯВКА", "на во змешение части затрат", "БИН/НИН і 34087 2956 |",
               "Прошу возместить часть Затрат На шеф-монтаж оборудования согласно прилагаемым документам.",
               "Заявитель подтверждает достоверность представленных сведении и документов.")
REPORT = ("Приложение 2", "к Правилам возмещения", "“0 понесенных затратах",
          "Заявитель: Товарищество с ограниченной ответственностью «KazPack», БИН/ИИН 140340872958",
          "№ Наименование затрат Исполнитель / поставщик “Договор Платежные документы Сумма затрат, тенге",
          "1 шеф-монтаж оборудования TOO «ПромМонтаж Строй-К2», БИН", "020240398763",
          "7 191 498,31", "Итого 7 191 498,31", "Дата: 10.11.2026")


def test_a_report_under_its_form_corner_is_a_report_and_opens_its_own_document() -> None:
    pages = [ocr_page(*APPLICATION, file="Заявка и др.tif"),
             ocr_page(*REPORT, file="Заявка и др.tif").model_copy(update={"page": 2})]
    groups = split_file(pages)
    assert [[p.page for p in g] for g in groups] == [[1], [2]]
    assert [classify(g)[0] for g in groups] == [DocType.application, DocType.applicant_report]


def test_an_application_under_appendix_1_stays_an_application() -> None:
    assert classify([ocr_page(*APPLICATION)])[0] == DocType.application


def test_a_register_extract_whose_heading_the_photo_cut_to_its_last_words_opens_its_own_document() -> None:
    """`анских товаропроизводителей` (the frame cut `Выписка из реестра казахст…`) on the third page of
    a photographed application and report."""
    ktp = ocr_page("анских товаропроизводителей", "№ К2-2026-46554", "21 апреля 2026 г.",
                   "Товарищество с ограниченной |", "ответственностью «Арман Arpo-KZ»", "220240016088",
                   "Действующий", "Страница 1 из 1", file="Заявка на возмещение и др.pdf")
    pages = [ocr_page(*REPORT, file="Заявка на возмещение и др.pdf"), ktp.model_copy(update={"page": 2})]
    groups = split_file(pages)
    assert [[p.page for p in g] for g in groups] == [[1], [2]]
    assert classify(groups[1])[0] == DocType.ktp_extract


def test_a_manufacturers_letter_saying_produced_by_our_enterprise_is_a_manufacturers_document() -> None:
    assert classify([ocr_page(*LETTER, file="letter_34226.tif")])[0] == DocType.manufacturer_document


def test_a_report_whose_payments_table_row_reads_платежное_поручение_is_a_report() -> None:
    """A bad scan of a report: its heading's `о` read as `_©`, a payments row's number lost before
    `Платежное поручение |` (the cell's border read after it) among the head lines."""
    report = ocr_page(
        "Приложение 2", "ОТЧЕТ", "_© понесенных затратах тоо «Qazaq Composite Казахстан» «БИН 10140536518)",
        "М. 22222 Докумет 00 шашы 2 Даа | Контрагент | 1 Сумма, ‘тенге |",
        "; Договор ' ДИ 20257451” 09.04.2025. “кб: “Монтажспешстрой- | 1463047: 361", "j | Алматы» | 4",
        "1 ——=———- --=-—--+-— 1005” тфа 14.04.2025 ‘| Too <Mowtamcneuctpod- 77 77146 384931",
        "Го Платежное поручение |", "Ілатежное поручение. | 1043",
        "г” it итого: затрат | о ИОН КЕШ 2-2 о | 2-2 2. 7 ОИ 22 кə 1463 847-360!",
        "Сумма к возмещению (40 %): 585 538-92 тенге.", "Дата составления отчета: 04.09.2026")
    assert classify([report])[0] == DocType.applicant_report


def test_a_payment_orders_own_heading_still_types_it() -> None:
    order = ocr_page("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ М: 1474 .. 4", "Отправитель денег: ТОО «Нур Техно Групп»",
                     "ИИН/БИН: 061240751227", "Сумма прописью: Один миллион", "Назначение платежа: оплата")
    assert classify([order])[0] == DocType.payment_order


def test_an_application_whose_heading_a_tilted_photo_read_at_a_lines_end_is_an_application() -> None:
    page = ocr_page("к Правилам стимулирования повышения", "на возмеще ЗАЯВКА", "производительности труда",
                    "асти затрат субъектов индустриально-инновационной", "деятельности",
                    "\"Товарищество с ограниченной ответственностью «Тау Кен", "Сервис LTD»", "210440042355",
                    "700 598,76", "ИИК KZ459482277HOEAGCOND, АО «Евразийский Банк»,", "Страница 1 из 1")
    assert classify([page])[0] == DocType.application
