"""Camera pictures of equipment are photos; a short letter or a blank scan is not."""

from __future__ import annotations

from extractors.classify import classify
from models.pages import Page, Word
from models.vocab import DocType, PageSource


def page(*lines: str) -> Page:
    words = [Word(text=t, bbox=(0.1, 0.1 + i * 0.02, 0.2, 0.11 + i * 0.02), confidence=0.6, line=i)
             for i, line in enumerate(lines) for t in line.split()]
    return Page(file="IMG_1.jpg", page=1, source=PageSource.ocr, words=tuple(words))


def test_nameplate_photo_is_a_photo() -> None:
    kind, confidence, _ = classify([page('г = ар "ыны 25 ара 2»', "| Nanjing Harsie Machine Too",
                                         "MODEL PBA-135/3100", "S/N 238349113 2022")], calibrated=False)
    assert kind == DocType.photo and 0.4 <= confidence < 0.9


def test_symbol_soup_from_a_camera_picture_is_a_photo() -> None:
    kind, _, _ = classify([page("47. “ТАС а ---т--- лы", "С “жз Se а", "д - ”215,-.-”а/Й 4. а ih",
                                "= RE ees Oe", "4 ”", "- 7 i. a <", "2 “”%”%” ы“")])
    assert kind == DocType.photo


def test_a_short_plain_letter_is_not_a_photo() -> None:
    kind, _, _ = classify([page("Уважаемые коллеги", "Направляем вам копии документов по договору поставки",
                                "С уважением директор")])
    assert kind == DocType.other
