"""A Р-1 act whose heading a bad scan lost is still an act: its form's identification (`Приложение 50 к
приказу Министра финансов … № 562`, `Форма Р-1`) heads the page and opens the act merged after an invoice,
and its form's fixed column wording reads as an act; a company name ending in `-KZ` is no `СТ-KZ`
certificate of origin; and the order approving the form numbers and dates the form, not the act."""

from __future__ import annotations

from extractors.classify import page_scores
from extractors.fields import find_date, find_number
from extractors.split import assemble
from extractors.textindex import DocText
from models.pages import Page, Word
from models.vocab import DocType, PageSource

INVOICE = ("СЧЕТ-ФАКТУРА № СФ-490 от 26.05.2025", "Дата совершения оборота: 26.05.2025",
           "Поставщик: Индивидуальный предприниматель Есенов",
           "БИН и адрес местонахождения поставщика: 720725333147")
# lines as Tesseract read them from a bad scan of a Р-1 act: its heading `АКТ ОКАЗАННЫХ УСЛУГ` lost
ACT_FORM_HEAD = ("“", "№", "ғ",
                 "иложение 50 к.лриказу Министра финансов Республики Казахстан от 20 декабря 2012 года № 562 "
                 "| ФәрмаР-1",
                 "| ee : ЕР _ | Товаришество с ограниченной ее 0 «Шыгыс Литье Казахстан»",
                 "| Договор (контракт) | М- К2-2025-8374 от 30.08.2025",
                 "+ Дата составления |", "Итого: %")
ACT_TABLE = ("Заказчик", "Товарищество с ограниченной ответственностью «Каспий Пласт-К2», 110180",
             "Исполнитель", "| Договор (контракт) | Ne KZ-2024-9729 от 12.02.2024",
             "Бе Номер по порядку Наименование работ (услуг) а разрезе их Дата выполнения (Сведения об",
             "подвидов в соответствии с техническои работ (оказания",
             "Внедрение системы всеобщего обслуживания", "Всего с НДС Ты",
             "Сведения об использовании запасов, полученных от заказчика: —")


def page(lines: tuple[str, ...], number: int = 1, file: str = "Документы.pdf") -> Page:
    words = [Word(text=t, bbox=(0.1, 0.1 + i * 0.02, 0.2, 0.11 + i * 0.02), confidence=0.85, line=i)
             for i, line in enumerate(lines) for t in line.split()]
    return Page(file=file, page=number, source=PageSource.ocr, words=tuple(words))


def test_the_form_identification_opens_the_act_merged_after_an_invoice() -> None:
    docs = assemble([page(INVOICE), page(ACT_FORM_HEAD, 2)])
    assert [(d.type, len(d.pages)) for d in docs] == [(DocType.invoice, 1), (DocType.act, 1)]


def test_the_act_forms_column_wording_reads_as_an_act_not_a_certificate_of_origin() -> None:
    scores = page_scores(page(ACT_TABLE))
    assert max(scores, key=lambda k: scores[k]) == DocType.act
    assert DocType.priority_goods not in scores


def test_the_order_approving_the_form_neither_numbers_nor_dates_the_act() -> None:
    text = DocText([page(ACT_FORM_HEAD)])
    number = find_number(text, DocType.act)
    assert number is None or number.value != "562"
    date = find_date(text, number)
    assert date is None or date.value.year != 2012


# an internet bank's receipt as Tesseract read a bad scan of it: its heading `Квитанция о платеже` damaged
RECEIPT = ("Kaspi Business", "Сформиров", "Статус: Исполнен“; |", "Квитанция о теі № 1661", "Плательщик",
           "ИИН/БИН", "Получать", "БИК", "КБе", "Сумма", "Сумма прописью", "Детали платежа т ra")


def test_a_bank_receipt_whose_heading_a_scan_damaged_reads_as_a_payment() -> None:
    (doc,) = assemble([page(RECEIPT, file="Документы.pdf")])
    assert doc.type == DocType.payment_order


# the register's record as Tesseract read a bad scan of the portal's extract, its heading lost, merged after
# the applicant's report
REPORT = ("Приложение 2", "ОТЧЕТ", "о понесенных затратах ИП «Ким» (ИИН 960918475513)",
          "№ Документ Номер Дата Контрагент Сумма, тенге", "ИТОГО затрат 1 238 000,00",
          "Сумма к возмещению (40 %): 495 200,00 тенге.")
REGISTER_RECORD = ("Регистрационный номер записи", "Дата включения в реестр", "| TN-16/26/278854 : :",
                   "20.04.2026", "Срок действия | до 19.04.2027",
                   "Наименование товаропроизводителя | Индивидуальный предприниматель Ким Асель Маратовна",
                   "БИН/ИИН _ 960918475513 ООВ |", "Производимая продукция",
                   "Выписка сформирована 20 апреля 2026 г. и действительна при проверке по коду документа на",
                   "портале.", "Код документа: 260415839002 Дата получения: 20.04.2026")


def test_a_register_record_whose_heading_a_scan_lost_opens_the_extract_after_the_report() -> None:
    docs = assemble([page(REPORT, file="Scan_5386.pdf"), page(REGISTER_RECORD, 2, file="Scan_5386.pdf")])
    assert [d.type for d in docs] == [DocType.applicant_report, DocType.ktp_extract]


def test_a_bilingual_contract_heading_whose_first_letter_a_scan_lost_is_a_contract_heading() -> None:
    (doc,) = assemble([page(("15 гг гм ar / ғ em д A я лм /aAr", "ОГОВОР № 0449/25 / CONTRACT No. 0149/25",
                             "г. Павлодар / Павлодар 13.08.2025 / 13 August 2025",
                             "(«Поставщик») заключили настоящий Договор:"), file="Договор № 014925.pdf")])
    assert doc.type == DocType.contract
