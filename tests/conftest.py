"""Shared fixtures: the report schema, small real documents built on the fly."""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCHEMA_PATH = SHARED / "contract" / "report.schema.json"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@pytest.fixture(scope="session")
def report_schema() -> dict:
    if not SCHEMA_PATH.exists():
        pytest.skip(f"contract schema not found at {SCHEMA_PATH}")
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def validate_report(report_schema):
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(report_schema)

    def check(report: dict) -> None:
        errors = sorted(validator.iter_errors(report), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)

    return check


def dejavu_canvas(pagesize: tuple[float, float] | None = None, *, encrypt: str | None = None
                  ) -> tuple[io.BytesIO, Canvas]:
    """A reportlab canvas drawing into a buffer (A4 unless `pagesize`), with the DejaVu font registered so
    that Cyrillic and Kazakh letters print, and `invariant` so that one drawing always gives one file."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    buf = io.BytesIO()
    return buf, canvas.Canvas(buf, pagesize=pagesize or A4, invariant=1, encrypt=encrypt)


def make_pdf(lines: list[str], *, encrypt: str | None = None, pages: int = 1) -> bytes:
    """A born-digital A4 PDF with Cyrillic text lines on each page."""
    buf, c = dejavu_canvas(encrypt=encrypt)
    for _ in range(pages):
        c.setFont("DejaVu", 11)
        y = 800
        for line in lines:
            c.drawString(50, y, line)
            y -= 18
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture()
def fork_readers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Page readers forked from this process, so that a fault injected here (a patched function) is
    theirs too; threads left by earlier tests would otherwise start them from a fork server."""
    import multiprocessing

    from extractors import sandbox

    monkeypatch.setattr(sandbox, "default_context", lambda: multiprocessing.get_context("fork"))


def born_digital_archive(out: Path, seed: int, application_date: date,
                         plan: list[tuple[str, str]]) -> Path:
    """An archive folder of flat born-digital packages (scenario, cost type each) and the generator's
    manifest.jsonl, as an operator's batch run reads it."""
    from fixtures.generate import generate_package

    renderings = {"*": "born_digital", "photo": "born_digital"}
    for i, (scenario, cost_type) in enumerate(plan):
        generate_package(seed, scenario, cost_type, application_date, out, renderings, index=i,
                         packaging="flat")
    return out

