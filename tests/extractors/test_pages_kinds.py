"""The kinds of pages applicants send, read with real Tesseract on real rasters: lying text layers
(garbled, partial), born-digital pages, phone photos, EXIF-rotated JPEGs, multi-page TIFFs, stamps over
text, Kazakh letters."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from extractors import ocr, pages, raster, textlayer
from extractors.pages import ReaderConfig, read_pages
from extractors.raster import render_pdf_page
from fixtures import degrade
from intake.files import inspect
from intake.limits import Limits
from models.pages import Word
from models.vocab import PageSource
from tests.conftest import FONT, dejavu_canvas, make_pdf
from tests.extractors.test_pages import LINES

SERIAL = ReaderConfig(workers=1)
KAZAKH = [
    "Қазақстан Республикасы Өнеркәсіп және құрылыс министрлігі",
    "Ұлттық тіркеу нөмірі 940140000385, Үкімет қаулысы",
    "Шарт бойынша қызмет көрсетушінің міндеттері һәм құқықтары",
    "Ғылыми-техникалық сараптама қорытындысы Әуезов ауданы",
]


def _read(name: str, data: bytes):
    return read_pages(list(inspect(name, data, Limits())), SERIAL)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return make_pdf(LINES)


@pytest.fixture(scope="module")
def scan(pdf: bytes) -> np.ndarray:
    return render_pdf_page(pdf, 0, 300)


def _scan_pdf(img: np.ndarray, layer_lines: list[str], layer_start: int = 0, junk: bool = False,
              visible: bool = False) -> bytes:
    """An image-only page (the scan) with a text layer at the lines' true positions: invisible (another
    program's OCR laid over the scan) or drawn (text typed over a pasted picture)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader

    png = io.BytesIO()
    Image.fromarray(img).save(png, "PNG")
    png.seek(0)
    buf, c = dejavu_canvas()
    c.drawImage(ImageReader(png), 0, 0, *A4)
    for i, line in enumerate(layer_lines):
        t = c.beginText(50, 800 - 18 * (layer_start + i))
        t.setTextRenderMode(0 if visible else 3)
        t.setFont("DejaVu", 11)
        t.textLine(line)
        c.drawText(t)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_layer_judgement_of_tokens() -> None:
    good = [
        "ТОО",
        "«Каспий",
        "Пласт»,",
        "БИН",
        "940140000385,",
        "KZ-2025-0421",
        "Қазақстан",
        "e-mail:",
        "office@a.kz",
    ]
    junk = ["Д0Г0ВОР", "Bыпиcкa", "вЫпИска", "@#!%", "чцәтипояоялЛа", "~~^^", "l1|", "ЦчкдзтрНЩ"]
    assert all(textlayer.token_ok(t) is not False for t in good), [
        t for t in good if not textlayer.token_ok(t)
    ]
    assert not any(textlayer.token_ok(t) for t in junk), [t for t in junk if textlayer.token_ok(t)]


@pytest.mark.usefixtures("fork_readers")
def test_born_digital_page_is_never_rendered_or_ocred(pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a, **k):
        raise AssertionError("a born-digital page was rendered or OCRed")

    monkeypatch.setattr(raster, "render_pdf_page", boom)
    monkeypatch.setattr(ocr, "run_tsv", boom)
    (page,) = _read("c.pdf", pdf)
    assert page.source == PageSource.text_layer and page.error is None
    assert "5 140 356,48" in page.text and "Қазақстан" in page.text


def _box_inherited_from_the_page_tree(pdf: bytes) -> bytes:
    """The same PDF with its pages' MediaBox moved up to the page tree, as fpdf writes its pages."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        box = doc.pages[0].obj.MediaBox
        doc.Root.Pages.MediaBox = pikepdf.Array(list(box))
        for page in doc.pages:
            del page.obj["/MediaBox"]
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


def test_a_page_whose_box_is_inherited_from_the_page_tree_keeps_its_words_where_they_are(pdf: bytes) -> None:
    inherited = _box_inherited_from_the_page_tree(pdf)
    own = {w.text: w.bbox for w in textlayer.read_text_layer(pdf, 0)}
    read = {w.text: w.bbox for w in textlayer.read_text_layer(inherited, 0)}
    assert read.keys() == own.keys()
    first = textlayer.read_text_layer(pdf, 0)[0]
    assert first.bbox[1] > 0.03  # drawn 42 pt below an A4 page's top, not clipped to the edge
    for text, box in own.items():
        assert read[text] == pytest.approx(box, abs=1e-4)


def test_unmapped_glyphs_reject_the_layer() -> None:
    words = tuple(
        textlayer.group_lines(
            [("\ufffd\ufffd\ufffd", (0.1, 0.1 + i / 50, 0.2, 0.11 + i / 50), 1.0) for i in range(20)]
        )
    )
    assert textlayer.layer_quality(words) == 0.0


@pytest.mark.ocr
def test_scan_under_an_ocr_layer_reading_only_as_well_as_its_pixels_is_read_from_its_pixels(
    scan: np.ndarray,
) -> None:
    """Another program's OCR is checked against the page stage's own reading of the pixels; a layer that
    reads every word right, as that reading does, does not replace it: the page stage's words carry their
    own confidence (the layer's all stand at 1)."""
    (page,) = _read("ocr-ed.pdf", _scan_pdf(scan, LINES))
    assert page.source == PageSource.ocr, page.cleanup
    assert "ocr-layer" in page.cleanup and "ocr-layer-kept" not in page.cleanup
    assert [w.text for w in page.words] == [w for line in LINES for w in line.split()]
    assert all(w.confidence < 1.0 for w in page.words)


def _words(*texts: str) -> list[Word]:
    return [Word(text=t, bbox=(0.1, 0.1 + i / 50, 0.3, 0.11 + i / 50), confidence=1.0, line=i)
            for i, t in enumerate(texts)]


def test_an_ocr_layer_is_kept_only_when_it_reads_better_than_the_pixels() -> None:
    """More letters in known long words or more sound figures, and no fewer of the other: kept; the same
    counts: the page stage's reading stays; fewer sound figures: never kept, however many words."""
    ours = _words("Исполнитель", "обязуется", "оказать", "940140000385", "04.09.2025")
    assert not pages.layer_reads_better(ours, ours)
    assert pages.layer_reads_better([*ours, *_words("предоставить")], ours)
    assert pages.layer_reads_better([*ours, *_words("971240001315")], ours)
    misread = _words("Исполнитель", "обязуется", "оказать", "940140000386", "04.09.2025", "предоставить")
    assert not pages.layer_reads_better(misread, ours)


def _misread(line: str) -> str:
    """A line as a poor OCR reads it: every word of five letters or more loses a letter or gets a wrong
    one, and the figures' zeros are read as the letter O; the words still look like words."""
    out = []
    for i, word in enumerate(line.split()):
        if sum(c.isalpha() for c in word) >= 5:
            word = word[:2] + word[3:] if i % 2 else word[:2] + "ы" + word[3:]
        out.append(word.replace("0", "O"))
    return " ".join(out)


@pytest.mark.ocr
def test_scan_under_an_ocr_layer_reading_worse_than_its_pixels_is_read_from_the_pixels(
    scan: np.ndarray,
) -> None:
    """A raw OCR layer over a scan whose words look like words (the layer passes as readable) but misspell
    most of the long ones and misread the BINs: the page stage's own reading of the pixels is kept."""
    damaged = [_misread(line) for line in LINES]
    assert textlayer.layer_quality(tuple(textlayer.group_lines(
        [(w, (0.1, 0.1 + i / 50, 0.2, 0.11 + i / 50), 1.0)
         for i, w in enumerate(" ".join(damaged).split())]))) >= SERIAL.min_layer_quality
    (page,) = _read("searchable.pdf", _scan_pdf(scan, damaged))
    assert page.source == PageSource.ocr, page.cleanup
    assert "ocr-layer" in page.cleanup and "ocr-layer-kept" not in page.cleanup
    assert "940140000385" in page.text and "971240001315" in page.text


@pytest.mark.ocr
def test_scan_under_an_ocr_layer_with_every_word_right_and_a_bin_misread_is_read_from_its_pixels(
    scan: np.ndarray,
) -> None:
    """A raw OCR layer that spells every word right but misreads a digit of a BIN (`940140000386`, check
    digit failing) holds fewer sound figures than the page stage's reading of the pixels, which is kept."""
    misread = [line.replace("940140000385", "940140000386") for line in LINES]
    (page,) = _read("searchable-digit.pdf", _scan_pdf(scan, misread))
    assert page.source == PageSource.ocr, page.cleanup
    assert "ocr-layer" in page.cleanup and "ocr-layer-kept" not in page.cleanup
    assert "940140000385" in page.text and "940140000386" not in page.text


@pytest.mark.ocr
def test_scan_under_an_ocr_layer_of_its_first_lines_only_is_read_whole_from_its_pixels(
    scan: np.ndarray,
) -> None:
    """Another program's OCR that covers only the first lines holds fewer words read right than the page
    stage's reading of the whole page, which is kept."""
    (page,) = _read("searchable-part.pdf", _scan_pdf(scan, LINES[:3]))
    assert page.source == PageSource.ocr, page.cleanup
    assert "ocr-layer" in page.cleanup and "ocr-layer-kept" not in page.cleanup
    assert "940140000385" in page.text and "971240001315" in page.text and "5 140 356,48" in page.text


@pytest.mark.ocr
def test_blurred_scan_under_a_partial_ocr_layer_that_reads_better_keeps_it_and_reads_the_rest(
    scan: np.ndarray,
) -> None:
    """A scan blurred past reading under another program's OCR of its first lines: the layer holds more
    words read right than the page stage makes of the blur, so it is kept, and the ink it leaves out is
    read from the pixels as on any partial layer."""
    blurred = cv2.GaussianBlur(scan, (0, 0), 7)
    (page,) = _read("searchable-blurred.pdf", _scan_pdf(blurred, LINES[:3]))
    assert page.source == PageSource.mixed, page.cleanup
    assert "ocr-layer-kept" in page.cleanup
    layer_words = {w.text for w in page.words if w.confidence == 1.0}
    assert {"ДОГОВОР", "KZ-2025-0421", "940140000385,"} <= layer_words
    assert any(w.confidence < 1.0 for w in page.words)  # the rest of the ink, read from the pixels


@pytest.mark.ocr
def test_partial_layer_is_kept_and_the_rest_is_ocred(scan: np.ndarray) -> None:
    """Text typed over a picture of a page that covers only its first lines (not another program's OCR:
    the text is drawn): the typed words are kept, the rest of the picture is read."""
    data = _scan_pdf(scan, LINES[:3], visible=True)
    (page,) = _read("half.pdf", data)
    assert page.source == PageSource.mixed, page.cleanup
    layer_words = [w for w in page.words if w.confidence == 1.0]
    assert {"ДОГОВОР", "940140000385,"} <= {w.text for w in layer_words}
    # lines 4–7 only exist in the pixels
    assert "971240001315" in page.text and "5 140 356,48" in page.text
    # read once: the layer's words are not OCRed a second time
    assert page.text.count("940140000385") == 1
    lines = page.text.splitlines()
    assert lines[0].startswith("ДОГОВОР") and "Исполнитель" in lines[3]


@pytest.mark.ocr
def test_garbled_layer_over_a_scan_is_replaced_by_ocr(scan: np.ndarray) -> None:
    junk = ["Д0Г0ВОР №  KZ-2O25-O42l нa oкaзaниe ycлyг", "г. Aлмaты «O7» янвaря 2O25 г."] + [
        "ТОО «Кacпий Плacт», БИН 94O14OOOO385, имeнyeмoe в дaльнeйшeм 3aкaзчик,"
    ] * 5
    (page,) = _read("old-ocr.pdf", _scan_pdf(scan, junk))
    assert page.source == PageSource.ocr
    assert any(s.startswith("layer-rejected") for s in page.cleanup)
    assert "940140000385" in page.text


@pytest.mark.ocr
def test_phone_photo_on_a_table_is_flattened_and_read(scan: np.ndarray) -> None:
    photo, tr = degrade.phone_photo_effect(scan, np.random.default_rng(3), 1)
    assert photo.ndim == 3 and tr.corners
    _, buf = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, 80])
    (page,) = _read("IMG_20250520_123456.jpg", buf.tobytes())
    assert "perspective" in page.cleanup, page.cleanup
    assert "940140000385" in page.text and "971240001315" in page.text
    assert "KZ-2025-0421" in page.text


@pytest.mark.ocr
def test_exif_rotated_jpeg_is_read_upright(scan: np.ndarray) -> None:
    stored = cv2.rotate(scan, cv2.ROTATE_90_COUNTERCLOCKWISE)  # pixels as the sensor stored them
    exif = Image.Exif()
    exif[0x0112] = 6  # display turned 90° clockwise
    buf = io.BytesIO()
    Image.fromarray(stored).save(buf, "JPEG", quality=85, exif=exif.tobytes())
    (page,) = _read("IMG_0001.jpg", buf.getvalue())
    assert not any(s.startswith("rotate:") for s in page.cleanup), page.cleanup
    assert "940140000385" in page.text
    top = next(w for w in page.words if w.text == "ДОГОВОР")
    assert top.bbox[1] < 0.1


@pytest.mark.ocr
def test_multi_page_tiff_reads_every_frame(scan: np.ndarray) -> None:
    second = cv2.rotate(scan, cv2.ROTATE_180)  # the second sheet went through the feeder upside down
    buf = io.BytesIO()
    Image.fromarray(scan).save(
        buf,
        "TIFF",
        save_all=True,
        append_images=[Image.fromarray(second)],
        compression="tiff_lzw",
        dpi=(300, 300),
    )
    first, other = _read("Скан_0042.tif", buf.getvalue())
    assert (first.page, other.page) == (1, 2)
    assert "rotate:180" in other.cleanup, other.cleanup
    for page in (first, other):
        assert "940140000385" in page.text and "971240001315" in page.text


@pytest.mark.ocr
def test_blue_stamp_over_text_is_dropped_by_colour(scan: np.ndarray) -> None:
    stamped = degrade.stamp(scan, np.random.default_rng(0), where=(0.3, 0.12))
    hsv = cv2.cvtColor(stamped, cv2.COLOR_BGR2HSV)
    assert (hsv[:, :, 1] > 70).mean() > 0.001  # the stamp is there, in colour, over the BIN lines
    _, buf = cv2.imencode(".png", stamped)
    (page,) = _read("stamped.png", buf.tobytes())
    assert "drop-color" in page.cleanup, page.cleanup
    assert "940140000385" in page.text and "971240001315" in page.text


@pytest.mark.ocr
def test_kazakh_letters_are_read() -> None:
    img = render_pdf_page(make_pdf(KAZAKH), 0, 300)
    _, buf = cv2.imencode(".png", img)
    (page,) = _read("kk.png", buf.tobytes())
    text = page.text
    found = [ch for ch in "әғқңөұүһі" if ch in text.lower()]
    assert len(found) >= 8, (found, text)
    assert "Қазақстан" in text and "Өнеркәсіп" in text and "940140000385" in text


def test_reader_version_is_part_of_the_cache_key() -> None:
    assert pages.READER_VERSION in ReaderConfig().fingerprint()


@pytest.mark.ocr
def test_a_page_read_upside_down_is_read_again_turned(scan: np.ndarray) -> None:
    gray = cv2.cvtColor(scan, cv2.COLOR_BGR2GRAY) if scan.ndim == 3 else scan
    upside_down = np.ascontiguousarray(cv2.rotate(gray, cv2.ROTATE_180))
    words, turned = ocr.ocr_upright(upside_down)
    assert turned
    text = " ".join(w.text for w in words)
    assert "Договор" in text or "ДОГОВОР" in text.upper()
    assert ocr.mean_confidence(words) > ocr.DOUBTFUL_CONFIDENCE
    upright, again = ocr.ocr_upright(gray)
    assert not again and len(upright) >= 20


def test_letter_spaced_text_layer_keeps_its_words() -> None:
    """Gaps are measured between advance boxes: letter spacing or a narrow `1` does not split words."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    t = c.beginText(72, 700)
    t.setFont("DejaVuSans", 9)
    t.setCharSpace(1.2)
    t.textLine("Всего с НДС: 508 711,35 тенге")
    c.drawText(t)
    c.save()
    words = [w.text for w in textlayer.read_layer(buf.getvalue(), 0).words]
    assert words == ["Всего", "с", "НДС:", "508", "711,35", "тенге"]


def test_aslant_stamp_and_watermark_letters_are_no_words() -> None:
    """A round stamp's lettering and a diagonal watermark drawn as text over a total leave it readable."""
    import math

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("DejaVuSans", 10)
    c.drawString(72, 700, "Всего с НДС: 2 154 191,76")
    for i, letter in enumerate("ИСПОЛНИТЕЛЬ ТОО «АЛЬФА»"):  # around a circle over the total
        a = math.radians(200 - i * 15)
        c.saveState()
        c.translate(150 + 40 * math.cos(a), 700 + 40 * math.sin(a))
        c.rotate(math.degrees(a) - 90)
        c.drawString(0, 0, letter)
        c.restoreState()
    c.saveState()
    c.translate(100, 640)
    c.rotate(35)
    c.setFont("DejaVuSans", 28)
    c.drawString(0, 0, "ОБРАЗЕЦ")
    c.restoreState()
    c.save()
    words = [w.text for w in textlayer.read_layer(buf.getvalue(), 0).words]
    assert "ОБРАЗЕЦ" not in words
    assert words[words.index("Всего"):][:6] == ["Всего", "с", "НДС:", "2", "154", "191,76"]
    assert len(words) <= 6 + 2  # at most the stamp's letters within 12° of upright besides the line


@pytest.mark.ocr
def test_in_process_tesseract_reads_what_the_binary_reads(
    scan: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The default binary is run as the system library, models kept loaded; the words are the binary's."""
    import shutil

    import pytesseract

    if not ocr.in_process():
        pytest.skip("no libtesseract on this system")
    gray = cv2.cvtColor(scan, cv2.COLOR_BGR2GRAY) if scan.ndim == 3 else scan
    first = ocr.ocr_words(gray)
    assert ocr.ocr_words(gray) == first  # the kept models give the same result again
    binary = shutil.which("tesseract")
    assert binary
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", binary)  # a set binary runs as a process
    assert not ocr.in_process()
    assert ocr.ocr_words(gray) == first
    assert any("940140000385" in w.text for w in first)


@pytest.mark.ocr
def test_in_process_tesseract_stops_at_the_page_time_limit(scan: np.ndarray) -> None:
    if not ocr.in_process():
        pytest.skip("no libtesseract on this system")
    gray = cv2.cvtColor(scan, cv2.COLOR_BGR2GRAY) if scan.ndim == 3 else scan
    with pytest.raises(ocr.TesseractError, match="ran over"):
        ocr.ocr_words(np.ascontiguousarray(np.tile(gray, (2, 2))), timeout=0.001)
    assert ocr.ocr_words(gray)  # the kept handle still works after a stopped run
