"""Scans as a scanner's or a phone app's software saves them: a "searchable PDF", the scan under an
invisible text layer of its own OCR.

`make_searchable(pkg_dir)` runs OCRmyPDF with no clean-up over every PDF of a generated package that has no
text layer, members of its ZIPs included, in place: an invisible layer of Tesseract's reading of the pixels
as they are, the kind of layer scanning software lays under a scan with its own OCR engine. The truth is
unchanged: the papers are the same.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pypdfium2 as pdfium

LANGUAGES = "rus+kaz+eng"


def _has_text(data: bytes) -> bool:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return True  # a corrupt file stays as it is
    try:
        for page in pdf:
            textpage = page.get_textpage()
            try:
                if textpage.get_text_range().strip():
                    return True
            finally:
                textpage.close()
                page.close()
        return False
    finally:
        pdf.close()


def searchable(data: bytes) -> bytes:
    """The PDF with an OCR text layer laid over its scanned pages; any other file, or a PDF with text,
    as it is."""
    if not data.startswith(b"%PDF") or _has_text(data):
        return data
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf"
        src.write_bytes(data)
        done = subprocess.run(
            [sys.executable, "-m", "ocrmypdf", "-q", "-l", LANGUAGES, "--output-type", "pdf", "--optimize",
             "0", "--jobs", "1", str(src), str(out)],
            capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"}, check=False)
        return out.read_bytes() if done.returncode == 0 else data


def make_searchable(pkg_dir: Path) -> int:
    """Give every scanned PDF of the package (ZIP members too) its OCR layer; how many files changed."""
    changed = 0
    for path in sorted((pkg_dir / "files").rglob("*")):
        if path.suffix.lower() == ".pdf":
            data = path.read_bytes()
            new = searchable(data)
            if new != data:
                path.write_bytes(new)
                changed += 1
        elif path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
            out = io.BytesIO()
            try:
                with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
                    for info in zin.infolist():
                        data = zin.read(info)
                        if info.filename.lower().endswith(".pdf"):
                            new = searchable(data)
                            changed += new != data
                            data = new
                        zout.writestr(info, data)
            except (zipfile.BadZipFile, RuntimeError, ValueError):
                continue  # an archive planted as broken stays broken
            path.write_bytes(out.getvalue())
    return changed
