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


def _bins(*lines: str, boxes: dict[str, tuple[float, float, float, float]] | None = None) -> set[str]:
    from models.pages import Word
    words = []
    for i, line in enumerate(lines):
        x = 0.05
        for t in line.split():
            box = (boxes or {}).get(t) or (x, 0.05 + i * 0.012, x + 0.01 * len(t), 0.058 + i * 0.012)
            words.append(Word(text=t, bbox=box, confidence=1.0, line=i))
            x = box[2] + 0.006
    page = Page(file="ПП.pdf", page=1, source=PageSource.text_layer, words=tuple(words))
    return {p.bin for p in find_parties(DocText([page]))}


def test_a_banks_bin_under_its_name_wrapped_in_a_printouts_header_is_no_party() -> None:
    """`АО «Народный Банк` / `Казахстана»` / `БИН 940740572683`, centred in the header's right block."""
    found = _bins(
        "Дата документа 06.11.2024 АО «Народный Банк",
        "Дата исполнения 06.11.2024 Казахстана»",
        "БИН 940740572683",
        f"Отправитель ТОО «Альфа» ИИН/БИН {SENDER}",
        boxes={"АО": (0.745, 0.05, 0.763, 0.058), "«Народный": (0.769, 0.05, 0.845, 0.058),
               "Банк": (0.852, 0.05, 0.883, 0.058), "Казахстана»": (0.773, 0.062, 0.856, 0.070),
               "БИН": (0.756, 0.074, 0.779, 0.082), "940740572683": (0.785, 0.074, 0.873, 0.082)})
    assert "940740572683" not in found and SENDER in found


def test_people_by_post_and_full_name_are_no_parties() -> None:
    """A director's IIN in brackets under the post, a trainee's after the post, a trainees' list row."""
    found = _bins(
        "Председатель Правления ____________ Касымов А. М.",
        "(ИИН 770219317778)",
        "Ахметов Данияр Нурланович",
        "мастер участка, ИИН 821112353013",
        "1 Исмаилова Карлыгаш Сериковна начальник цеха 940403499755",
        f"ТОО «Альфа», БИН {SENDER}",
    )
    assert found == {SENDER}
