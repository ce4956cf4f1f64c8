"""A paper photographed page by page, one file a page (`Договор стр 1.jpg`, `Договор стр 2.jpg`): a middle
page with no heading is the previous file's paper, not an unknown one; a file that is not the next of
the series, or a page with a heading of its own, is typed by what it reads."""

from __future__ import annotations

from extractors.file_series import follows, series_page
from extractors.split import assemble
from models.pages import Page, Word
from models.vocab import DocType, PageSource


def _page(file: str, *lines: str) -> Page:
    words = [Word(text=t, bbox=(0.1, 0.1 + i * 0.02, 0.2, 0.11 + i * 0.02), confidence=0.8, line=i)
             for i, line in enumerate(lines) for t in line.split()]
    return Page(file=file, page=1, source=PageSource.ocr, words=tuple(words))


HEAD = ("ДОГОВОР ПОСТАВКИ № 158", "г. Алматы 16 марта 2026 г.",
        "ТОО «Альфа», именуемое в дальнейшем «Покупатель», в лице директора, и ТОО «Бета»,",
        "именуемое в дальнейшем «Поставщик», заключили настоящий договор о нижеследующем:",
        "1. Предмет договора", "1.1. Поставщик обязуется поставить оборудование.")
MIDDLE = ("4.2. Покупатель вправе требовать замены товара ненадлежащего качества в течение",
          "гарантийного срока, указанного в пункте 4.1 настоящего раздела.",
          "5. Порядок приемки", "5.1. Приемка товара по количеству и качеству производится",
          "на складе Покупателя в присутствии представителей обеих сторон.")
BILL = ("СЧЕТ НА ОПЛАТУ № 44 от 20 марта 2026 г.", "Поставщик: ТОО «Бета»", "Покупатель: ТОО «Альфа»",
        "Всего наименований 1, на сумму 1 000 000,00 KZT")


def test_series_names() -> None:
    assert series_page("Договор поставки 158 стр 2.jpg") == ("/договор поставки 158", "jpg", 2)
    assert series_page("a.zip/Сканы/Акт-3.tif") == ("a.zip/Сканы/акт", "tif", 3)
    assert series_page("Договор (2).jpg") == ("/договор", "jpg", 2)
    assert series_page("СФ_00098511.pdf") is None  # the paper's own number, not a page
    assert series_page("Платежка 440.pdf") is None
    assert follows("Договор стр 1.jpg", "Договор стр 2.jpg")
    assert not follows("Договор стр 1.jpg", "Договор стр 3.jpg")
    assert not follows("Договор стр 1.jpg", "Договор стр 2.png")
    assert not follows("a/Договор стр 1.jpg", "b/Договор стр 2.jpg")


def test_a_middle_page_in_a_file_of_its_own_continues_the_paper_of_the_file_before() -> None:
    docs = assemble([_page("Договор стр 1.jpg", *HEAD), _page("Договор стр 2.jpg", *MIDDLE)])
    assert [d.type for d in docs] == [DocType.contract, DocType.contract]


def test_the_same_page_not_next_in_a_series_is_typed_by_itself() -> None:
    docs = assemble([_page("Договор стр 1.jpg", *HEAD), _page("Скан 7.jpg", *MIDDLE)])
    assert [d.type for d in docs] == [DocType.contract, DocType.other]


def test_a_next_file_with_a_heading_of_its_own_is_its_own_paper() -> None:
    docs = assemble([_page("Скан 1.jpg", *HEAD), _page("Скан 2.jpg", *BILL)])
    assert docs[0].type == DocType.contract
    assert docs[1].type != DocType.contract


def test_the_next_page_file_names_the_document_it_goes_on_from() -> None:
    docs = assemble([_page("Договор стр 1.jpg", *HEAD), _page("Договор стр 2.jpg", *MIDDLE),
                     _page("Договор стр 3.jpg", *MIDDLE)])
    assert [d.continues for d in docs] == [None, docs[0].id, docs[0].id]



RUNNING_HEAD = "Договор № KZ-2024-7823 от 20.11.2024"
"""The running head a contract typed in a word processor prints atop every page."""


def test_a_next_page_file_under_the_papers_running_head_continues_it() -> None:
    first = _page("Договор KZ-2024-7823 стр 1.jpg", RUNNING_HEAD, "ДОГОВОР № KZ-2024-7823", *HEAD[1:])
    docs = assemble([first, _page("Договор KZ-2024-7823 стр 2.jpg", RUNNING_HEAD, *MIDDLE),
                     _page("Договор KZ-2024-7823 стр 3.jpg", RUNNING_HEAD, *MIDDLE)])
    assert [d.type for d in docs] == [DocType.contract] * 3
    assert [d.continues for d in docs] == [None, docs[0].id, docs[0].id]


def test_a_next_file_heading_another_number_of_the_same_kind_is_its_own_paper() -> None:
    first = _page("Договор стр 1.jpg", RUNNING_HEAD, "ДОГОВОР № KZ-2024-7823", *HEAD[1:])
    other = _page("Договор стр 2.jpg", "Договор № KZ-2024-9001 от 02.12.2024", "ДОГОВОР № KZ-2024-9001",
                  *HEAD[1:])
    docs = assemble([first, other])
    assert [d.type for d in docs] == [DocType.contract, DocType.contract]
    assert docs[1].continues is None
