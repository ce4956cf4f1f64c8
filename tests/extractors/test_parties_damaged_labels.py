"""A scan or photo reads a position word with a letter changed (`Бейефициар`, `Зоказчик`): the BIN under
it still takes the role the word gives; a text layer's word is exact and is never guessed at."""

from __future__ import annotations

from extractors.parties import find_parties
from extractors.textindex import DocText
from models.pages import Page
from models.vocab import PageSource, Role
from tests.extractors.ocr_lines import ocr_page

SENDER = "150540530103"
BENEFICIARY = "180640673238"
LINES = (
    "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 1175",
    "Отправитель денег: ИИК КОд Сумма",
    "ТОО «Самрук Металл» KZ959140VW75SNV2NT7K 17 1492584.44",
    f"БИН: {SENDER}",
    "Бейефициар: ИИК КБе",
    "ТОО «ProLean Solutions-KZ» KZ985516918W9J7U87GN 17",
    f"БИН: {BENEFICIARY}",
)


def _roles(page: Page) -> dict[str, Role]:
    return {p.bin: p.role for p in find_parties(DocText([page]))}


def test_a_beneficiary_word_read_one_letter_off_still_makes_its_bin_the_executor() -> None:
    roles = _roles(ocr_page(*LINES))
    assert roles[SENDER] == Role.applicant
    assert roles[BENEFICIARY] == Role.executor


def test_a_text_layer_word_one_letter_off_is_not_taken_for_the_position() -> None:
    page = ocr_page(*LINES).model_copy(update={"source": PageSource.text_layer})
    assert _roles(page)[BENEFICIARY] != Role.executor
