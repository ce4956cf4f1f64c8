"""A number OCR damaged on a photo, spelled as the file's name spells it (the generator names files after
the number they hold: `nakladnaya_ЗП-0294.pdf`, `z2_ЗП-0386 + прочие.pdf`)."""

from __future__ import annotations

from extractors.file_names import as_file_names_it, same_number
from models.documents import TextField
from models.pages import Page, Word
from models.vocab import PageSource


def page(file: str, source: PageSource = PageSource.ocr) -> Page:
    return Page(file=file, page=1, source=source,
                words=(Word(text="НАКЛАДНАЯ", bbox=(0.1, 0.1, 0.3, 0.12), confidence=0.8, line=0),))


def read(value: str) -> TextField:
    return TextField(value=value, file="x", page=1, confidence=0.7)


def test_a_prefix_ocr_misread_takes_the_file_names_spelling() -> None:
    fixed = as_file_names_it(read("3N-0294"), [page("Документы.zip/02 Закрывающие/nakladnaya_ЗП-0294.pdf")])
    assert fixed is not None and fixed.value == "ЗП-0294"
    fixed = as_file_names_it(read("31-0386"), [page("z2_ЗП-0386 + прочие.pdf")])
    assert fixed is not None and fixed.value == "ЗП-0386"


def test_other_digits_short_names_and_text_layers_change_nothing() -> None:
    assert not same_number("ЗП-0295", "ЗП-0294")  # a digit off: another paper's number
    kept = as_file_names_it(read("6927"), [page("nakladnaya_2.pdf")])
    assert kept is not None and kept.value == "6927"
    kept = as_file_names_it(read("3N-0294"), [page("nakladnaya_ЗП-0294.pdf", PageSource.text_layer)])
    assert kept is not None and kept.value == "3N-0294"
    assert not same_number("AB-0294", "ЗП-0294")  # both letters off: nothing of the prefix agrees


def test_a_slash_read_as_1_is_the_slash_the_file_name_writes_as_a_dash() -> None:
    fixed = as_file_names_it(read("278107"), [page("Документы.zip/Сканы от бухгалтерии/АВР № 278-07.tif")])
    assert fixed is not None and fixed.value == "278/07"
    assert not same_number("278107", "278-08")
    assert not same_number("2780-7", "278-07")
