"""A photographed bilingual contract whose title OCR lost keeps only a section's heading
(`2. ШАРТТЫҢ БАҒАСЫ / ЦЕНА ДОГОВОРА`): after a register extract in the same file it is a paper of its
own, told by its wording, and its supplementary agreement under a full numbered heading is another."""

from __future__ import annotations

from extractors.split import split_file
from models.pages import Page, Word
from models.vocab import PageSource

EXTRACT = ("ВЫПИСКА", "из реестра казахстанских товаропроизводителей", "№ KZ-2025-10482",
           "г. Астана 12.03.2025", "Наименование товаропроизводителя ТОО «Ертіс Металл»", "БИН 150340012345",
           "Дата включения в реестр 01.02.2025", "Статус Действующий", "Страница 1 из 1")
CONTRACT_BODY = ("тлын в мн ж", "Mee HHO WHT, енуг", "трети, Whe,", "| |",
                 "1, ШАРТТЫҢ мәні 1 ПРЕДМЕТ ДОГОВОРА", "Орындаушы Гани ыр беруші сны",
                 "2. ШАРТТЫҢ БАҒАСЫ / ЦЕНА ДОГОВОРА", "21. қаның жалғы құны 4 500 000 |2 (йым сни",
                 "3. ТАРАПТАРДЫҢ ЖАУАПКЕРШІЛІГІ / ОТВЕТСТВЕННОСТЬ СТОРОН", "өткізіп аланы үшін кіналі")
CONTRACT_END = ("күшіне енеді", "4.2. Договор составлен на казахском и русском языках",
                "5. ТАРАПТАРДЫҢ ДЕРЕКТЕМЕЛЕРІ / РЕКВИЗИТЫ СТОРОН", "Тапсырыс беруші / Заказчик",
                "ТОО «Ертіс Металл»", "БИН: 150340012345")
AGREEMENT = ("г. Павлодар", "ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № 1", "к Договору № 52 от 3 марта 2025 г.",
             "ТОО «Ертіс Металл», именуемое в дальнейшем «Заказчик», с одной стороны, и",
             "заключили настоящее Дополнительное соглашение о нижеследующем:")


def page(lines: tuple[str, ...], number: int) -> Page:
    words = [Word(text=t, bbox=(0.1, 0.1 + i * 0.02, 0.2, 0.11 + i * 0.02), confidence=0.8, line=i)
             for i, line in enumerate(lines) for t in line.split()]
    return Page(file="Scan_0042.pdf", page=number, source=PageSource.ocr, words=tuple(words))


def test_a_contract_under_a_section_heading_opens_after_another_kind() -> None:
    pages = [page(EXTRACT, 1), page(CONTRACT_BODY, 2), page(CONTRACT_END, 3), page(AGREEMENT, 4)]
    assert [[p.page for p in g] for g in split_file(pages)] == [[1], [2, 3], [4]]


def test_a_weak_heading_of_the_running_kind_or_sharing_its_wording_opens_nothing() -> None:
    # the contract's own later page, after its heading page
    contract_head = ("ДОГОВОР № 52", "г. Павлодар 03.03.2025",
                     "ТОО «Ертіс Металл», именуемое в дальнейшем «Заказчик»")
    pages = [page(contract_head, 1), page(CONTRACT_BODY, 2), page(CONTRACT_END, 3)]
    assert [[p.page for p in g] for g in split_file(pages)] == [[1, 2, 3]]
    # a section heading alone, with too little of a contract's wording to read as a page of one
    thin = ("2. ШАРТТЫҢ БАҒАСЫ", "жалғы құны 4 500 000")
    assert [[p.page for p in g] for g in split_file([page(EXTRACT, 1), page(thin, 2)])] == [[1, 2]]
