"""A contract's later pages that name other papers in their clauses — the shipping documents the seller
sends (`счет (счет-фактура, счет-проформа)`, `Счет-фактуру с описанием товаров`, `Технический паспорт`) —
go on with the contract: a sentence carried over from the page before is no heading, and a headless page
of numbered clauses is the running contract's, whatever papers it lists."""

from __future__ import annotations

from extractors.classify import title_scores
from extractors.split import split_file
from models.vocab import DocType
from tests.extractors.ocr_lines import ocr_page

FIRST = ("ДОГОВОР № 24022311 от 12.04.2024",
         "ОАО «Альфа», именуемое в дальнейшем Продавец, и ТОО «Бета», именуемое в дальнейшем Покупатель,",
         "договорились о нижеследующем:", "1. ПРЕДМЕТ ДОГОВОРА",
         "1.1. Продавец обязуется продать в собственность Покупателя, а Покупатель обязуется оплатить товар.",
         "2.1. Валюта договора — российские рубли.")
CARRIED = ("- при отгрузке железнодорожным транспортом: железнодорожную накладную, товарную",
           "накладную, сертификат (паспорт) качества, сертификат происхождения, счет (счет-фактура,",
           "счет-проформа), копию декларации на товар.", "7. ПОРЯДОК РАСЧЕТОВ",
           "7.1. Устанавливается порядок расчетов за товар - 100% предоплата в безналичном порядке.",
           "Предъявление счета, оплата, сверка и расчеты по договору производятся в валюте Договора.",
           "7.2. В день осуществления каждого платежа Покупатель предоставляет копию платежного поручения.")
LISTED = ("отправлены электронной почтой ПРОДАВЦОМ в течение 10 (десяти) дней после отгрузки.",
          "8.6. Оригиналы всех отгрузочных документов должны быть отправлены ПРОДАВЦОМ в течение 10",
          "(десяти) дней после каждой отгрузки товара экспресс - почтой напрямую по адресу,",
          "указанному ПОКУПАТЕЛЕМ.",
          "8.7. ПРОДАВЕЦ должен также сообщить ПОКУПАТЕЛЮ номер авианакладной для отслеживания.",
          "8.8. Все расходы за отправку посылок и документов другой стороне несет отправитель.",
          "9. Документация", "9.1. С товаром Продавец поставляет чертежи и документацию, а именно:",
          "- Счет-фактуру с описанием товаров, указанием количества товаров, цены единицы товара, общей",
          "суммы, продавца, покупателя, получателя.", "- Технический паспорт",
          "- Инструкция по эксплуатации и монтажу", "10. Упаковка и маркировка.",
          "10.1. Товар должен быть упакован и маркирован в соответствии со стандартами.")


def _split(*pages: tuple[str, ...]) -> list[list[int]]:
    return [[p.page for p in g] for g in split_file([ocr_page(*lines, page=i + 1)
                                                      for i, lines in enumerate(pages)])]


def test_a_sentence_carried_over_that_names_an_invoice_is_no_heading() -> None:
    assert DocType.invoice not in title_scores(ocr_page(*CARRIED))
    assert _split(FIRST, CARRIED) == [[1, 2]]


def test_a_headless_page_of_clauses_listing_papers_goes_on_with_the_contract() -> None:
    assert _split(FIRST, LISTED) == [[1, 2]]
    assert _split(FIRST, CARRIED, LISTED) == [[1, 2, 3]]


def test_an_invoice_after_the_contract_still_opens_a_paper() -> None:
    invoice = ("Счет-фактура № 00045 от 20.04.2024",
               "Поставщик: ОАО «Альфа»", "Получатель: ТОО «Бета»",
               "Договор (контракт) на поставку товаров: № 24022311 от 12.04.2024",
               "Всего по счету: 1 000 000,00")
    assert _split(FIRST, invoice) == [[1], [2]]
    # a heading line that opens in small letters but is short (OCR junk before the title) still counts
    assert DocType.invoice in title_scores(ocr_page("ee счет-фактура № 00045 от 20.04.2024", *invoice[1:]))
