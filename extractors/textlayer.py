"""Read a PDF page's text layer (pdfium, character boxes → words) and judge whether it can be trusted.

A layer is judged on three kinds of evidence (`judge_layer`):

- its words: the share of tokens that look like Russian / Kazakh / Latin words or numbers (one script
  per word, vowels where a word needs them, no symbol soup, no letter–digit mash) — an old bad OCR
  layer scores low;
- its glyphs: characters that map to no Unicode (unmapped CIDs, private-use codes) mean the layer
  cannot be read at all;
- its coverage: on a page that is a scanned image, the share of the image's ink that lies under the
  layer's words — a layer over only part of the page is kept for that part and the rest is OCRed
  (`mixed`).

A born-digital page (no page-sized image) with a readable layer is never rendered or OCRed.
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass, field

import numpy as np

from extractors.lines import group_lines
from extractors.pdfium_lock import PDFIUM
from models.pages import Word

_CYR = "А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
_LETTER = re.compile(rf"[A-Za-z{_CYR}]")
_CYR_WORD = re.compile(rf"^[{_CYR}]+(?:-[{_CYR}]+)*$")
_LAT_WORD = re.compile(r"^[A-Za-z]+(?:-[A-Za-z]+)*$")
_NUMBER = re.compile(r"^[№#]?[\d][\d.,/:\-–]*[%]?$")
_CODE = re.compile(rf"^[A-Z{_CYR}]{{1,6}}[-/]?\d[\dA-Z\-/.]*$")  # KZ-2025-0421, РН-00001440, A12
_ALNUM = re.compile(r"^(?:\d+[A-Za-z]{1,3}|[A-Za-z]{2,}\d{1,4})$")  # 3D, Raise3D
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$|^[\w-]+(?:\.[\w-]+)*\.(?:kz|ru|com|org|gov)$")
_VOWELS = set("АЕЁИОУЫЭЮЯӘӨҰҮІаеёиоуыэюяәөұүіAEIOUYaeiouy")
_STRIP = "«»\"'()[],.;:!?…“”„"
_UNMAPPED = {0, 0xFFFD, 0xFFFE, 0xFFFF}


def _clamp(v: float) -> float:
    return 0.0 if v < 0 else 1.0 if v > 1 else v


@dataclass
class Layer:
    """A page's text layer and what the page carries besides it."""

    words: tuple[Word, ...]
    chars: int = 0
    unmapped: int = 0
    image_area: float = 0.0
    """Share of the page covered by the largest image (a scanned page is ~1)."""
    size: tuple[float, float] = (595.0, 842.0)
    image_dpi: float | None = None
    """The largest image's own resolution on the page: its pixels per inch of the page it covers (a phone
    photo placed on a page of 72 dpi measures 72); None when the page has no image."""
    notes: list[str] = field(default_factory=list)
    hidden: float = 0.0
    """Share of the glyphs drawn invisible (text render mode 3) on a scanned page: a text layer another
    program's OCR laid over the scan (a scanner's or a phone app's "searchable PDF"); 0 on other pages."""


def read_layer(pdf_bytes: bytes, page_index: int) -> Layer:
    """The page's text layer as words (boxes as page fractions, confidence 1) plus glyph statistics."""
    with PDFIUM:
        return _read_layer(pdf_bytes, page_index)


def _read_layer(pdf_bytes: bytes, page_index: int) -> Layer:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        page = pdf[page_index]
        try:
            # the visible box, MediaBox and CropBox inherited from the page tree included (`get_cropbox`
            # falls back to US Letter when the page's own dictionary has no box, as fpdf's pages have)
            left, bottom, right, top = page.get_bbox()
            rotation = page.get_rotation() % 360
            width, height = right - left, top - bottom
            image_area, image_dpi = _largest_image(page, raw, (left, bottom, width, height))
            textpage = page.get_textpage()
            try:
                turn = _text_turn(textpage, raw)
                # text that reads sideways or upside down once the page is shown (`/Rotate` and the
                # glyphs' own turn together) on a page drawn, not scanned: read in the text's own frame
                reframe = (turn - rotation) % 360 != 0 and image_area < SCANNED_IMAGE
                chars, unmapped, items = _words(textpage, raw, turn if reframe else 0, turn)
                hidden = _hidden_share(textpage, raw) if image_area >= SCANNED_IMAGE else 0.0
            finally:
                textpage.close()
        finally:
            page.close()
    finally:
        pdf.close()
    if reframe:
        left, bottom, right, top = _turn_box((left, bottom, right, top), turn)
        width, height, rotation = right - left, top - bottom, 0
    words = []
    for text, (x0, y0, x1, y1) in items:
        # PDF space (origin bottom-left) → fractions of the unrotated page, origin top-left
        fx0, fx1 = (x0 - left) / width, (x1 - left) / width
        fy0, fy1 = (top - y1) / height, (top - y0) / height
        box = _rotate_box((fx0, fy0, fx1, fy1), rotation)
        words.append((text, tuple(_clamp(v) for v in box), 1.0))
    size = (height, width) if rotation in (90, 270) else (width, height)
    return Layer(group_lines(words), chars, unmapped, image_area, size,  # type: ignore[arg-type]
                 image_dpi=image_dpi, hidden=hidden)


def _hidden_share(textpage, raw) -> float:
    """Share of the page's glyphs (spaces aside) whose text object is drawn invisible."""
    tp = textpage.raw
    seen = hidden = 0
    for i in range(raw.FPDFText_CountChars(tp)):
        if raw.FPDFText_GetUnicode(tp, i) in _SPACES:
            continue
        obj = raw.FPDFText_GetTextObject(tp, i)
        if not obj:
            continue
        seen += 1
        hidden += raw.FPDFTextObj_GetTextRenderMode(obj) == raw.FPDF_TEXTRENDERMODE_INVISIBLE
    return hidden / seen if seen else 0.0


_SPACES = frozenset({32, 9, 10, 13, 0xA0})
"""Code points of the glyphs that are white space, not ink."""
_BREAKS = _SPACES | {0x2028, 0x2029}
"""White space and the line and paragraph separators: what parts words."""


SCANNED_IMAGE = 0.5
"""Share of the page under one image from which a page is a scan: its layer's boxes stay on the image, and
its invisible glyphs are counted (`Layer.hidden`)."""


def _text_turn(textpage, raw) -> int:
    """The turn (0, 90, 180, 270 degrees counter-clockwise in PDF space) of most of the page's glyphs:
    a page turned 90° in a merged PDF keeps its text drawn sideways."""
    tp = textpage.raw
    votes = [0, 0, 0, 0]
    for i in range(raw.FPDFText_CountChars(tp)):
        angle = raw.FPDFText_GetCharAngle(tp, i)
        if angle < 0 or raw.FPDFText_GetUnicode(tp, i) in _SPACES:
            continue
        votes[round(-math.degrees(angle) / 90) % 4] += 1  # pdfium measures the angle clockwise
    best = max(range(4), key=lambda k: votes[k])
    return best * 90 if votes[best] > 0 else 0


ASLANT_DEGREES = 12.0
"""A glyph turned further than this from the page's lines is no part of them: a round stamp's lettering, a
diagonal «КОПИЯ» / «ОБРАЗЕЦ» watermark, a column header set vertically (which would read one letter a
word)."""


def _aslant(angle: float, turn: int) -> bool:
    """Is a glyph at pdfium's `angle` (radians, clockwise; negative when unknown) turned away from the
    page's lines, which run at `turn` degrees counter-clockwise?"""
    if angle < 0:
        return False
    off = (-math.degrees(angle) - turn) % 360
    return min(off, 360 - off) > ASLANT_DEGREES


def _turn_box(b: tuple[float, float, float, float], turn: int) -> tuple[float, float, float, float]:
    """A PDF-space box (left, bottom, right, top) turned back by `turn` degrees, so that text drawn at
    that angle runs left to right."""
    x0, y0, x1, y1 = b
    if turn == 90:  # (x, y) → (y, −x)
        return (y0, -x1, y1, -x0)
    if turn == 180:  # (x, y) → (−x, −y)
        return (-x1, -y1, -x0, -y0)
    if turn == 270:  # (x, y) → (−y, x)
        return (-y1, x0, -y0, x1)
    return b


def _rotate_box(b: tuple[float, float, float, float], rotation: int) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = b
    if rotation == 90:  # page shown turned clockwise
        return (1 - y1, x0, 1 - y0, x1)
    if rotation == 180:
        return (1 - x1, 1 - y1, 1 - x0, 1 - y0)
    if rotation == 270:
        return (y0, 1 - x1, y1, 1 - x0)
    return b


def _largest_image(page, raw, box: tuple[float, float, float, float]) -> tuple[float, float | None]:
    """Share of the page the largest image covers, and that image's resolution on the page (pixels per
    inch of its placement, the larger of the two axes, as OCRmyPDF's page dpi)."""
    left, bottom, width, height = box
    best, dpi = 0.0, None
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        try:
            x0, y0, x1, y1 = obj.get_bounds()
        except Exception:
            continue
        w = max(0.0, min(x1, left + width) - max(x0, left))
        h = max(0.0, min(y1, bottom + height) - max(y0, bottom))
        share = w * h / (width * height)
        if share > best:
            best, dpi = share, _image_dpi(obj, x1 - x0, y1 - y0)
    return best, dpi


def _image_dpi(obj, placed_w: float, placed_h: float) -> float | None:
    """Pixels per inch of an image object placed `placed_w` × `placed_h` points (its bounds on the page);
    an image placed turned a quarter lies with its pixel rows along the page's height."""
    try:
        px_w, px_h = obj.get_px_size()
        m = obj.get_matrix()
    except Exception:
        return None
    if abs(m.b) + abs(m.c) > abs(m.a) + abs(m.d):
        px_w, px_h = px_h, px_w
    if px_w <= 0 or px_h <= 0 or placed_w <= 0 or placed_h <= 0:
        return None
    return max(px_w / placed_w, px_h / placed_h) * 72.0


def _words(
    textpage, raw, turn: int = 0, lines: int = 0
) -> tuple[int, int, list[tuple[str, tuple[float, float, float, float]]]]:
    """Characters → words, breaking at white space and at gaps wider than a third of the glyph height;
    glyphs turned away from the page's lines, which run at `lines` degrees (`ASLANT_DEGREES`: stamps,
    watermarks), are no part of any word.

    The gap is measured between the glyphs' advance boxes (loose boxes), not their ink: the ink of a
    narrow digit like `1` sits inside a wide advance, and `711` must stay one word. Boxes are turned back
    by `turn` degrees first (text drawn sideways), so that gaps are measured along the text's lines."""
    tp = textpage.raw
    n = raw.FPDFText_CountChars(tp)
    lo, r, b, t = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    refs = (ctypes.byref(lo), ctypes.byref(r), ctypes.byref(b), ctypes.byref(t))
    out: list[tuple[str, tuple[float, float, float, float]]] = []
    cur: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]
    unmapped = 0
    counted = 0
    loose = raw.FS_RECTF()
    advance_end = 0.0

    def flush() -> None:
        if cur:
            out.append(("".join(cur), (box[0], box[1], box[2], box[3])))
            cur.clear()

    for i in range(n):
        code = raw.FPDFText_GetUnicode(tp, i)
        if code in _BREAKS or raw.FPDFText_IsGenerated(tp, i) == 1 \
                or _aslant(raw.FPDFText_GetCharAngle(tp, i), lines):
            flush()
            continue
        counted += 1
        if (
            code in _UNMAPPED
            or 0xE000 <= code <= 0xF8FF
            or code < 32
            or raw.FPDFText_HasUnicodeMapError(tp, i) == 1
        ):
            unmapped += 1
            ch = "\ufffd"
        else:
            ch = chr(code)
        raw.FPDFText_GetCharBox(tp, i, *refs)
        x0, y0, x1, y1 = _turn_box((lo.value, b.value, r.value, t.value), turn)
        if x1 - x0 <= 0 or y1 - y0 <= 0:
            x1, y1 = max(x1, x0 + 0.1), max(y1, y0 + 0.1)
        if raw.FPDFText_GetLooseCharBox(tp, i, ctypes.byref(loose)):
            adv0, _, adv1, _ = _turn_box((loose.left, loose.bottom, loose.right, loose.top), turn)
        else:
            adv0, adv1 = x0, x1
        if cur:
            hgt = max(box[3] - box[1], y1 - y0, 1.0)
            cy, by = (y0 + y1) / 2, (box[1] + box[3]) / 2
            gap = min(x0 - box[2], adv0 - advance_end)
            if gap > hgt * 0.35 or x1 < box[0] or abs(cy - by) > hgt * 0.6:
                flush()
        advance_end = adv1
        if not cur:
            box[:] = [x0, y0, x1, y1]
        else:
            box[:] = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
        cur.append(ch)
    flush()
    return counted, unmapped, out


def read_text_layer(pdf_bytes: bytes, page_index: int) -> tuple[Word, ...]:
    """Words of the page's text layer with boxes as fractions of the page, confidence 1."""
    return read_layer(pdf_bytes, page_index).words


def token_ok(text: str) -> bool | None:
    """Does a layer token look like a word or a number? None for bare punctuation (no evidence)."""
    t = text.strip(_STRIP)
    if not t:
        return None
    if not _LETTER.search(t) and not any(c.isdigit() for c in t):
        return None if len(t) <= 2 else False  # № / – are fine, @#!%~~^^ is symbol soup
    if _NUMBER.match(t) or _CODE.match(t) or _EMAIL.match(t):
        return True
    parts = [p for p in re.split(r"[-/–]", t) if p]
    return bool(parts) and all(_part_ok(p) for p in parts)


def _part_ok(p: str) -> bool:
    if _NUMBER.match(p) or _CODE.match(p) or _ALNUM.match(p):
        return True
    if not (_CYR_WORD.match(p) or _LAT_WORD.match(p)):
        return False  # mixed scripts, letters mashed with symbols
    if p[1:].isupper() or p[1:].islower() or len(p) < 3:
        return p.isupper() or len(p) < 5 or any(c in _VOWELS for c in p)
    return False  # вЫпИска: case flipping inside a word


def layer_quality(words: tuple[Word, ...]) -> float:
    """Share of tokens that look like words of a language (0..1); 0 for an empty or tiny layer.

    Garbled layers (unmapped glyphs, symbol soup or mixed-script mash from a bad old OCR) score low.
    """
    if len(words) < 8:
        return 0.0
    texts = [w.text for w in words]
    if sum("(cid:" in t or "\ufffd" in t for t in texts) > len(texts) * 0.05:
        return 0.0
    votes = [v for v in (token_ok(t) for t in texts) if v is not None]
    if not votes:
        return 0.0
    return sum(votes) / len(votes)


def word_mask(words: tuple[Word, ...], shape: tuple[int, int], pad: float = 0.004) -> np.ndarray:
    """Boolean mask of the page (`shape` = h, w) under the words' boxes, padded by `pad` of the page."""
    h, w = shape
    mask = np.zeros((h, w), bool)
    for wd in words:
        x0, y0, x1, y1 = wd.bbox
        mask[
            max(0, int((y0 - pad) * h)) : min(h, int((y1 + pad) * h) + 1),
            max(0, int((x0 - pad) * w)) : min(w, int((x1 + pad) * w) + 1),
        ] = True
    return mask


def ink_coverage(words: tuple[Word, ...], gray: np.ndarray) -> tuple[float, np.ndarray]:
    """Share of the page's ink (dark connected strokes) lying under the layer's words; and the ink mask."""
    import cv2

    bg = cv2.medianBlur(gray, 31) if min(gray.shape) > 64 else np.full_like(gray, 255)
    ink = (bg.astype(np.int16) - gray.astype(np.int16)) > 60
    total = int(ink.sum())
    if total == 0:
        return 1.0, ink
    covered = int((ink & word_mask(words, gray.shape)).sum())
    return covered / total, ink
