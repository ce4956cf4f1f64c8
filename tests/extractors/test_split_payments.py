"""One file holding several payment orders: each page a document with its own fields, whatever bank
printed it and whether or not its heading names a payment order."""

from __future__ import annotations

from decimal import Decimal

from extractors.fields import extract_fields
from extractors.split import assemble
from models.pages import Page
from models.vocab import DocType
from tests.extractors.test_fields_any_layout import lines_at, make_bin, read, render

ALFA = make_bin("18044094207")
BETA = make_bin("20084046735")


def _printout(title: str, number: str, day: str, amount: str) -> bytes:
    return render([
        (40, 40, "Bereke Bank"), (400, 40, "Bereke Business"),
        *lines_at(40, 70, [
            f"{title} {number}",
            f"Дата исполнения: {day}   Исполнен",
            "Отправитель денег                 Бенефициар",
            "ТОО «Альфа»                       ТОО «Бета»",
            f"БИН: {ALFA}                 БИН: {BETA}",
            "КОд: 17                           Кбе: 17",
            f"Сумма перевода {amount} KZT",
            "КНП 710",
            "Назначение платежа Оплата по договору № 15 от 17.10.2025",
        ], step=14),
    ])


def _pages(*pdfs: bytes) -> list[Page]:
    return [read(pdf).model_copy(update={"file": "Платежные поручения.pdf", "page": i})
            for i, pdf in enumerate(pdfs, 1)]


def test_merged_payments_without_a_payment_heading_are_one_document_each_with_its_own_fields() -> None:
    pages = _pages(
        _printout("Платежное поручение №", "1427", "19.12.2024", "4 564 730.67"),
        _printout("Документ №", "1453", "25.12.2024", "9 129 461.34"),
        _printout("Номер документа", "1471", "03.02.2025", "31 953 114.71"),
    )
    docs = assemble(pages)
    assert [(d.type, [r.page for r in d.pages]) for d in docs] == [
        (DocType.payment_order, [1]), (DocType.payment_order, [2]), (DocType.payment_order, [3])]
    read_docs = [extract_fields(d, [p for p in pages if p.page == d.pages[0].page], ALFA) for d in docs]
    assert [d.fields.number.value if d.fields.number else None for d in read_docs] == ["1427", "1453", "1471"]
    assert [d.fields.total.amount if d.fields.total else None for d in read_docs] == [
        Decimal("4564730.67"), Decimal("9129461.34"), Decimal("31953114.71")]


def test_a_payment_orders_second_page_without_the_orders_wording_stays_with_it() -> None:
    second = render([
        *lines_at(40, 60, [
            "Отметки банка",
            "Принято к исполнению 19.12.2024",
            "Подпись операциониста ____________",
        ], step=14),
    ])
    pages = _pages(
        _printout("Платежное поручение №", "1427", "19.12.2024", "4 564 730.67"),
        second,
    )
    assert [[r.page for r in d.pages] for d in assemble(pages)] == [[1, 2]]


def test_a_printout_whose_heading_was_cut_off_after_a_contract_is_a_payment_of_its_own() -> None:
    """A scanned file: a contract's page, then a bank printout whose heading the scan lost. The printout's
    wording (sender, beneficiary, КНП, purpose) reads as a whole payment and nothing of a contract."""
    contract = render([(40, 40, "ДОГОВОР № 15 на оказание услуг"), *lines_at(40, 70, [
        "г. Уральск 17.10.2025",
        "ТОО «Бета», именуемое в дальнейшем «Исполнитель», и ТОО «Альфа», именуемое в дальнейшем",
        "«Заказчик», заключили настоящий Договор о нижеследующем:", "1. ПРЕДМЕТ ДОГОВОРА",
        "1.1. Исполнитель обязуется оказать услуги, а Заказчик принять и оплатить их."], step=14)])
    printout = _printout("Bereke Business", "", "21.10.2025", "1 200 000,00")
    docs = assemble(_pages(contract, printout))
    assert [(d.type, len(d.pages)) for d in docs] == [(DocType.contract, 1), (DocType.payment_order, 1)]
    # a contract's second page with requisites (bank, БИК, Кбе) stays with the contract
    requisites = render([*lines_at(40, 40, [
        "Статья 9. РЕКВИЗИТЫ И ПОДПИСИ СТОРОН", "Исполнитель: ТОО «Бета», БИН " + BETA,
        "ИИК KZ24914TY4B3JB7E96P2, АО «Bereke Bank», БИК BRKEKZKA, Кбе 17",
        "Заказчик: ТОО «Альфа», БИН " + ALFA], step=14)])
    assert [len(d.pages) for d in assemble(_pages(contract, requisites))] == [2]


def test_a_bank_receipt_merged_after_a_payment_order_is_a_payment_of_its_own() -> None:
    """`Квитанция о платеже № 667`, an internet bank's receipt, after a 1C payment order in one PDF."""
    from tests.extractors.ocr_lines import ocr_page

    first = ocr_page("ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 642 01.08.2025", "Отправитель денег ИИК Код",
                     "Бенефициар ИИК Кбе", "Назначение платежа", "Оплата по договору № 880",
                     file="Документы.pdf")
    second = ocr_page("АО Kaspi «Kaspi Business Bank» Сформировано: 19 августа 2025 г.",
                      "Квитанция о платеже № 667", "Статус: Исполнен", "Плательщик АО «Тау Кен Сервис»",
                      "Получатель ТОО «Станкоимпорт Казахстан»", file="Документы.pdf")
    second = second.model_copy(update={"page": 2})
    docs = assemble([first, second])
    assert [d.type for d in docs] == [DocType.payment_order, DocType.payment_order]


def test_a_tax_statement_numbered_before_its_subject_opens_its_own_document() -> None:
    from tests.extractors.ocr_lines import ocr_page

    extract = ocr_page("ВЫПИСКА", "из реестра отечественных товаропроизводителей", "№ ТП-16/26/544067",
                       file="Scan.pdf")
    statement = ocr_page("РГУ «Департамент государственных доходов по г. Усть-Каменогорск»",
                         "БИН 090340423050", "СПРАВКА № 5312935999",
                         "о суммах уплаченных налогов и платежей в бюджет", "17.02.2026", file="Scan.pdf")
    docs = assemble([extract, statement.model_copy(update={"page": 2})])
    assert [d.type for d in docs] == [DocType.ktp_extract, DocType.tax_statement]
