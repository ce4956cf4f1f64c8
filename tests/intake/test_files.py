"""Files stage: type from content, ZIP members, per-file errors that never stop the package."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
from PIL import Image

from extractors.sniff import sniff
from intake.files import display_name, inspect, load_package
from intake.limits import Limits
from tests.conftest import make_pdf

LINES = ["ДОГОВОР № 15 от 07.01.2025", "Заказчик: ТОО «Каспий», БИН 940140000385"]


def _png(w: int = 200, h: int = 100) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.full((h, w), 255, np.uint8)).save(buf, "PNG")
    return buf.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_type_comes_from_content_not_extension(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(_png())
    (tmp_path / "contract.jpg").write_bytes(make_pdf(LINES))
    files = {f.meta.name: f.meta for f in load_package([tmp_path])}
    assert files["scan.pdf"].media_type == "image/png"
    assert files["contract.jpg"].media_type == "application/pdf"
    assert files["contract.jpg"].pages == 1
    assert all(f.error is None for f in files.values())


def test_zip_members_are_named_inside_the_archive_and_recursive(tmp_path: Path) -> None:
    inner = _zip({"deep.pdf": make_pdf(LINES)})
    (tmp_path / "docs.zip").write_bytes(_zip({"Платежи/ПП-12.pdf": make_pdf(LINES, pages=2),
                                             "more.zip": inner}))
    files = {f.meta.name: f.meta for f in load_package([tmp_path / "docs.zip"])}
    assert set(files) == {"docs.zip/Платежи/ПП-12.pdf", "docs.zip/more.zip/deep.pdf"}
    assert files["docs.zip/Платежи/ПП-12.pdf"].pages == 2


def test_bad_files_get_errors_and_the_rest_is_read(tmp_path: Path) -> None:
    good = make_pdf(LINES)
    (tmp_path / "docs.zip").write_bytes(_zip({"ok.pdf": good, "broken.pdf": good[: len(good) // 3]}))
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"0" * 64)
    docx = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"})
    (tmp_path / "letter.docx").write_bytes(docx)
    (tmp_path / "secret.pdf").write_bytes(make_pdf(LINES, encrypt="pw"))
    files = {f.meta.name: f.meta for f in load_package([tmp_path])}
    assert files["docs.zip/ok.pdf"].error is None
    assert files["docs.zip/broken.pdf"].error.code == "corrupt"
    assert files["empty.pdf"].error.code == "empty"
    assert files["letter.docx"].error.code == "unsupported_type"
    assert "PDF" in files["letter.docx"].error.message
    assert files["old.doc"].error.code == "unsupported_type"
    assert files["secret.pdf"].error.code == "encrypted"
    assert len(files) == 6
    for meta in files.values():
        if meta.error:
            assert meta.error.message.endswith(".") and len(meta.error.message) > 20


def test_zip_bomb_by_ratio_is_refused_without_unpacking() -> None:
    bomb = _zip({"zeros.pdf": b"\0" * (40 * 1024 * 1024)})
    assert len(bomb) < 100_000
    (only,) = list(inspect("bomb.zip", bomb, Limits(max_archive_unpacked_bytes=10 * 1024 * 1024)))
    assert only.meta.error is not None and only.meta.error.code == "archive_bomb"
    assert only.data == b""


def test_nesting_depth_is_bounded() -> None:
    data = make_pdf(LINES)
    for _ in range(5):
        data = _zip({"x.zip" if data[:2] == b"PK" else "a.pdf": data})
    out = list(inspect("top.zip", data, Limits(max_archive_depth=3)))
    assert [f.meta.error.code for f in out if f.meta.error] == ["archive_bomb"]


def test_hostile_member_names_are_made_safe() -> None:
    assert display_name("../../etc/passwd") == "etc/passwd"
    assert display_name("/abs/path.pdf") == "abs/path.pdf"
    assert display_name("evil\u202egpj.pdf") == "evilgpj.pdf"
    assert display_name("a\x00b\x07.pdf") == "ab.pdf"
    assert len(display_name("x" * 1000 + ".pdf")) <= 256


def test_sniff_known_signatures() -> None:
    assert sniff(b"%PDF-1.7\n") == "application/pdf"
    assert sniff(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert sniff(b"II*\x00rest") == "image/tiff"
    assert sniff(b"hello") is None


def test_pdf_claiming_a_huge_page_renders_within_bounds() -> None:
    """A MediaBox of 14400 × 14400 pt (200 × 200 inches) would be 3.7 gigapixels at 300 dpi."""
    from reportlab.pdfgen import canvas

    from extractors.raster import MAX_RENDER_PIXELS, render_pdf_page

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(14400, 14400), invariant=1)
    c.drawString(100, 100, "tiny text on a huge page")
    c.showPage()
    c.save()
    img = render_pdf_page(buf.getvalue(), 0, 300)
    assert img.shape[0] * img.shape[1] <= MAX_RENDER_PIXELS


def test_decompression_bomb_image_is_refused() -> None:
    bomb = io.BytesIO()
    Image.new("1", (12000, 12000)).save(bomb, "PNG")  # 144 megapixels in a few kilobytes
    assert len(bomb.getvalue()) < 100_000
    (only,) = list(inspect("bomb.png", bomb.getvalue(), Limits(max_image_pixels=80_000_000)))
    assert only.meta.error is not None and only.meta.error.code == "image_too_large"
