"""Up/down after the OCR is decided by the words read as well as the confidence: a phone photo read with
low confidence but mostly in known words is not read again nor turned; the same page upside down is
turned, and its parties' BINs read. Real Tesseract on the generator's waybill photographed in dim
evening light by the eighth family's phone effect, the sheet cut out by the clean-up; scored against the
generator's truth."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from extractors import cleanup, lexicon, ocr
from fixtures import degrade
from fixtures.eighth.scans import photo_page
from models.pages import Word
from tests.extractors.generated_waybill import generated_waybill

DIM_LIGHT = 13
"""The effect's draw giving dim light on a dark table: read upright with mean confidence under
`ocr.DOUBTFUL_CONFIDENCE`."""

pytestmark = pytest.mark.skipif(not lexicon.known_words(), reason="no Tesseract word lists installed")


@pytest.fixture(scope="module")
def photo(tmp_path_factory: pytest.TempPathFactory) -> tuple[np.ndarray, dict]:
    """The photographed waybill cleaned up (sheet cut out, upright), and its truth."""
    pdf, fields = generated_waybill(tmp_path_factory.mktemp("gen"), 5, "digital_equipment")
    page = degrade.rasterize(pdf, 200)[0]
    img, _ = photo_page(page, np.random.default_rng(DIM_LIGHT), 1)
    cleaned, steps = cleanup.clean(img, 72.0)
    assert cleanup.SHEET_STEP in steps and not any(s.startswith("rotate") for s in steps)
    return cleaned, fields


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    runs: list[int] = []
    real = ocr.ocr_words

    def counted(image: np.ndarray, *args: object, **kwargs: object) -> tuple[Word, ...]:
        runs.append(1)
        return real(image, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ocr, "ocr_words", counted)
    return runs


def _text(words: tuple[Word, ...]) -> str:
    return " ".join(w.text for w in words)


def test_an_upright_photo_read_unsure_but_in_known_words_is_kept(
    photo: tuple[np.ndarray, dict], monkeypatch: pytest.MonkeyPatch,
) -> None:
    img, fields = photo
    runs = _counting(monkeypatch)
    words, turned = ocr.ocr_upright(img)
    assert not turned and len(runs) == 1
    assert ocr.mean_confidence(words) < ocr.DOUBTFUL_CONFIDENCE  # weak by confidence alone
    for party in fields["parties"]:
        assert party["bin"] in _text(words)


def test_the_same_photo_upside_down_is_turned(
    photo: tuple[np.ndarray, dict], monkeypatch: pytest.MonkeyPatch,
) -> None:
    img, fields = photo
    runs = _counting(monkeypatch)
    words, turned = ocr.ocr_upright(np.ascontiguousarray(cv2.rotate(img, cv2.ROTATE_180)))
    assert turned and len(runs) == 2
    for party in fields["parties"]:
        assert party["bin"] in _text(words)


def test_a_turned_reading_must_win_on_words_and_confidence() -> None:
    def reading(text: str, confidence: float) -> list[Word]:
        return [Word(text=t, bbox=(0, 0, 1, 1), confidence=confidence, line=0) for t in text.split()]

    upright = reading("Товарищество с ограниченной ответственностью покупатель поставщик", 0.45)
    garbage = reading("оеи тте осы ane wee ssis бат", 0.5)
    assert not ocr.turned_reads_better(upright, garbage)  # more confident, but no known long words
    assert ocr.turned_reads_better(garbage, upright[:-1] + reading("поставщик", 0.9))
    # two garbled readings of a blurred upright photo: a few more chance words and a hundredth of
    # confidence do not turn it
    blurred = reading("ыыр Нщп адрес кгт тиии вшщ ззпо ррак ллоч", 0.39)
    chance = ("телефон затрат адрес жамал договор "
              "ршккпщ пщщыыр аасктт ттпрвв ззщшгг ккнплш вввщщш кщшгнп ззхщшщ")
    assert not ocr.turned_reads_better(blurred, reading(chance, 0.40))
    assert ocr.turned_reads_better(blurred, reading(chance, 0.45))  # clearly more confident as well
