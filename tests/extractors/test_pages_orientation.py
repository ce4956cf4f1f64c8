"""Up/down of bad scans is decided before the OCR (Tesseract's orientation detection on a half-size
copy when the letters' shape does not tell): a page fed upside down is read once, the right way up; an
upright page is not turned. Real Tesseract on a generated waybill (form З-2, a sparse ruled form whose
up/down the letters' shape leaves open) scanned badly by the fixture generator's own effect."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from extractors import cleanup, ocr, pages
from extractors.pages import PageTask, ReaderConfig
from extractors.raster import render_pdf_page
from fixtures import degrade
from models.pages import Page, Word
from tests.extractors.generated_waybill import generated_waybill

SERIAL = ReaderConfig(workers=1)


@pytest.fixture(scope="module")
def waybill(tmp_path_factory: pytest.TempPathFactory) -> tuple[np.ndarray, dict]:
    """The waybill's page badly scanned (skew, uneven gray, noise, blur) and set upright again, with
    the generator's truth for it."""
    pdf, fields = generated_waybill(tmp_path_factory.mktemp("gen"), 6, "process_equipment")
    page = render_pdf_page(pdf, 0, 300)
    gray = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY) if page.ndim == 3 else page
    scanned, tr = degrade.bad_scan_effect(gray, np.random.default_rng(13), 1)
    upright = np.ascontiguousarray(np.rot90(scanned, k=tr.rotation // 90))  # undo the effect's own turn
    return upright, fields


def _read(img: np.ndarray, monkeypatch: pytest.MonkeyPatch) -> tuple[Page, int]:
    """The page stage's reading of `img` as a JPEG, and how many full-page OCR runs it made."""
    runs = 0
    real = ocr.ocr_words

    def counted(image: np.ndarray, *args: object, **kwargs: object) -> tuple:
        nonlocal runs
        runs += 1
        return real(image, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ocr, "ocr_words", counted)
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 45])
    assert ok
    page = pages.read_page(PageTask("scan.jpg", "x", "image/jpeg", 0, buf.tobytes()), SERIAL)
    return page, runs


def _assert_reads_the_waybill(page: Page, fields: dict) -> None:
    text = page.text
    assert page.error is None, page.error
    for party in fields["parties"]:
        assert party["bin"] in text, (party["bin"], text)
    assert "НАКЛАДНАЯ" in text.upper()
    assert ocr.mean_confidence(page.words) > ocr.DOUBTFUL_CONFIDENCE


@pytest.mark.ocr
def test_an_upside_down_bad_scan_is_read_once_the_right_way_up(
    waybill: tuple[np.ndarray, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    img, fields = waybill
    page, runs = _read(np.ascontiguousarray(cv2.rotate(img, cv2.ROTATE_180)), monkeypatch)
    assert "rotate:180" in page.cleanup and cleanup.OSD_STEP in page.cleanup, page.cleanup
    assert "rotate:180-retry" not in page.cleanup, page.cleanup
    assert runs == 1
    _assert_reads_the_waybill(page, fields)


@pytest.mark.ocr
def test_an_upright_bad_scan_is_not_turned(
    waybill: tuple[np.ndarray, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    img, fields = waybill
    page, runs = _read(img, monkeypatch)
    assert not any(s.startswith("rotate:") for s in page.cleanup), page.cleanup
    assert runs == 1
    _assert_reads_the_waybill(page, fields)


@pytest.mark.ocr
@pytest.mark.parametrize("turn", [None, cv2.ROTATE_180, cv2.ROTATE_90_CLOCKWISE])
def test_orientation_detection_names_the_turn_in_process_and_through_the_binary(
    waybill: tuple[np.ndarray, dict], monkeypatch: pytest.MonkeyPatch, turn: int | None
) -> None:
    img, _ = waybill
    turned = img if turn is None else np.ascontiguousarray(cv2.rotate(img, turn))
    small = cv2.resize(turned, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    undo = {None: 0, cv2.ROTATE_180: 180, cv2.ROTATE_90_CLOCKWISE: 270}[turn]
    found = ocr.orientation(small, 150)
    assert found is not None and found[0] == undo and found[1] >= cleanup.OSD_CONFIDENCE, found
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/usr/bin/tesseract")
    assert not ocr.in_process()
    by_binary = ocr.orientation(small, 150)
    assert by_binary is not None and by_binary[0] == undo, by_binary


def _clean_up_turning(turn: int, label: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fault injection: the clean-up's orientation step (`cleanup.orient`) hands the OCR its image turned by
    `turn` (a cv2 rotation) and records `label` as its own decision, as a line-direction guess fooled by a
    roller's streaks or a photo's blur would."""

    def guessed(
        img: np.ndarray, steps: tuple[str, ...], **kwargs: object
    ) -> tuple[np.ndarray, tuple[str, ...]]:
        cleaned, _ = cleanup.deskew(img)  # the page cleaned up to its orientation, straightened only
        return np.ascontiguousarray(cv2.rotate(cleaned, turn)), (label,)

    monkeypatch.setattr(cleanup, "orient", guessed)


@pytest.mark.ocr
def test_an_upright_page_a_wrong_quarter_turn_guess_turned_is_read_upright(
    waybill: tuple[np.ndarray, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    img, fields = waybill
    _clean_up_turning(cv2.ROTATE_90_CLOCKWISE, "rotate:90", monkeypatch)
    page, runs = _read(img, monkeypatch)
    assert page.cleanup[-1] == "rotate:270-retry", page.cleanup
    assert runs >= 2
    _assert_reads_the_waybill(page, fields)


@pytest.mark.ocr
def test_a_landscape_page_a_right_quarter_turn_guess_set_upright_keeps_its_turn(
    waybill: tuple[np.ndarray, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    img, fields = waybill
    _clean_up_turning(cv2.ROTATE_90_CLOCKWISE, "rotate:90", monkeypatch)  # the guess sets it upright
    page, runs = _read(np.ascontiguousarray(cv2.rotate(img, cv2.ROTATE_90_COUNTERCLOCKWISE)), monkeypatch)
    assert page.cleanup == ("rotate:90",), page.cleanup
    assert runs >= 2, runs  # the other way was read too (Tesseract reads it word by word up the page)
    _assert_reads_the_waybill(page, fields)


@pytest.mark.ocr
def test_a_weak_orientation_answer_does_not_settle_the_page(
    waybill: tuple[np.ndarray, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    img, fields = waybill
    monkeypatch.setattr(cleanup, "upside_down_score", lambda ink: (0.0, 0))  # leave up/down to OSD
    monkeypatch.setattr(ocr, "orientation", lambda small, dpi: (180, cleanup.OSD_SURE - 2.0))  # OSD wrong
    page, _ = _read(img, monkeypatch)
    assert "rotate:180" in page.cleanup and cleanup.OSD_STEP not in page.cleanup, page.cleanup
    assert page.cleanup[-1] == "rotate:180-retry", page.cleanup
    _assert_reads_the_waybill(page, fields)


def test_only_a_quarter_turn_no_orientation_detection_confirmed_is_a_guess() -> None:
    assert cleanup.guessed_quarter_turn(("upscale:2.00", "rotate:90", "deskew:+1.00")) == 90
    assert cleanup.guessed_quarter_turn(("rotate:270",)) == 270
    assert cleanup.guessed_quarter_turn(("rotate:90", cleanup.OSD_STEP)) == 0
    assert cleanup.guessed_quarter_turn(("rotate:180", "deskew:+1.00")) == 0
    assert cleanup.guessed_quarter_turn(()) == 0


def _count_orientation_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Orientation detection still answers; each call is counted."""
    calls: list[int] = []
    real = ocr.orientation

    def counted(small: np.ndarray, dpi: int = 300) -> tuple[int, float] | None:
        calls.append(1)
        return real(small, dpi)

    monkeypatch.setattr(ocr, "orientation", counted)
    return calls


@pytest.mark.ocr
def test_an_upright_page_the_letters_leave_open_is_read_once_without_orientation_detection(
    waybill: tuple[np.ndarray, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    img, fields = waybill
    monkeypatch.setattr(cleanup, "upside_down_score", lambda ink: (0.0, 0))  # the letters do not tell
    monkeypatch.setattr(cleanup, "upside_down_lean", lambda ink: -0.2)  # leaning upright
    calls = _count_orientation_runs(monkeypatch)
    page, runs = _read(img, monkeypatch)
    assert cleanup.READ_STEP in page.cleanup and cleanup.OSD_STEP not in page.cleanup, page.cleanup
    assert not any(s.startswith("rotate:") for s in page.cleanup), page.cleanup
    assert (runs, len(calls)) == (1, 0)
    _assert_reads_the_waybill(page, fields)


@pytest.mark.ocr
def test_an_upside_down_page_leaning_upright_is_turned_by_orientation_detection_after_its_reading(
    waybill: tuple[np.ndarray, dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    img, fields = waybill
    monkeypatch.setattr(cleanup, "upside_down_score", lambda ink: (0.0, 0))
    monkeypatch.setattr(cleanup, "upside_down_lean", lambda ink: -0.2)  # the lean is wrong
    calls = _count_orientation_runs(monkeypatch)
    page, runs = _read(np.ascontiguousarray(cv2.rotate(img, cv2.ROTATE_180)), monkeypatch)
    assert "rotate:180" in page.cleanup and cleanup.OSD_STEP in page.cleanup, page.cleanup
    assert cleanup.READ_STEP not in page.cleanup and "rotate:180-retry" not in page.cleanup, page.cleanup
    assert (runs, len(calls)) == (2, 1)  # the reading upside down, then the one turned
    _assert_reads_the_waybill(page, fields)


def _words(text: str, confidence: float, n: int) -> tuple[Word, ...]:
    return tuple(Word(text=text, bbox=(0.1, 0.1, 0.3, 0.12), confidence=confidence, line=0) for _ in range(n))


def test_only_many_confident_words_settle_up_and_down() -> None:
    assert ocr.reads_upright(_words("кынбадкан", 0.9, 20))  # sure enough by itself
    assert not ocr.reads_upright(_words("накладная", 0.96, 5))  # too few to judge
    assert not ocr.reads_upright(_words("накладная", 0.45, 20))  # read as upside-down text reads
    assert ocr.reads_upright(_words("накладная", 0.7, 20))  # doubtful, but in known words
    assert not ocr.reads_upright(_words("кынбадкан", 0.7, 20))  # doubtful and no known word


def _reading(text: str, n: int, *, standing: bool) -> tuple[Word, ...]:
    """`n` words of `text`, each box standing up the image (taller than wide) or lying across it."""
    box = (0.1, 0.1, 0.102, 0.2) if standing else (0.1, 0.1, 0.3, 0.11)
    return tuple(Word(text=text, bbox=box, confidence=0.5, line=i) for i in range(n))


def _quarter_guess(turned: tuple[Word, ...], as_came: tuple[Word, ...], monkeypatch: pytest.MonkeyPatch
                   ) -> tuple[np.ndarray, tuple[str, ...], tuple[Word, ...]]:
    """`pages._read_quarter_guess` on a portrait page the clean-up turned to landscape, OCR injected: the
    turned image reads `turned`, the page as it came `as_came` (no 180° retry)."""
    image = np.full((300, 500), 255, np.uint8)
    readings = {(300, 500): turned, (500, 300): as_came}
    monkeypatch.setattr(ocr, "ocr_words", lambda img, *a, **k: readings[img.shape[:2]])
    monkeypatch.setattr(ocr, "upside_down_if_better", lambda img, words, *a, **k: (words, False))
    return pages._read_quarter_guess(image, ("rotate:90",), 90, SERIAL)


def test_a_turn_whose_reading_stands_up_the_page_yields_to_the_reading_as_it_came(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Bands of speckle down an upright scan fake a quarter turn; Tesseract then reads the turned image's
    lines word by word up the page, knowing about as many words as the reading as it came."""
    as_came = _reading("накладная", 20, standing=False)
    cleaned, steps, words = _quarter_guess(_reading("накладная", 21, standing=True), as_came, monkeypatch)
    assert steps == ("rotate:90", "rotate:270-retry"), steps
    assert cleaned.shape == (500, 300) and words == as_came


@pytest.mark.parametrize(("standing", "known"), [(False, 20), (True, 10)],
                         ids=["turned-lies-across", "as-came-under-half"])
def test_a_turned_reading_keeps_its_turn_against_a_poorer_reading_as_it_came(
    standing: bool, known: int, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A turned reading lying across wins unless the reading as it came reads as well; one standing up the
    image wins over a reading as it came that knows under half as many words."""
    turned = _reading("накладная", 21, standing=standing)
    _, steps, words = _quarter_guess(turned, _reading("накладная", known, standing=False), monkeypatch)
    assert steps == ("rotate:90",) and words == turned
