"""Hostile and broken files: each is refused or flagged on its own, with a message a person understands,
and the rest of the package is read. Parsers that crash, hang or blow up memory are contained.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from extractors import pages as pages_mod
from extractors.pages import ReaderConfig, read_pages
from extractors.sandbox import Failure, run_contained
from intake import files as files_mod
from intake.files import active_content, inspect, load_blobs, load_package
from intake.limits import Limits
from intake.pipeline import PipelineConfig, check_files
from models.package import PackageRequest
from models.vocab import CostType
from tests.conftest import make_pdf

LINES = ["ДОГОВОР № 15 от 07.01.2025", "Заказчик: ТОО «Каспий», БИН 940140000385"]
ONE_WORKER = ReaderConfig(workers=1)


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _tiff(frames: list[tuple[int, int]]) -> bytes:
    images = [Image.new("1", size, 1) for size in frames]
    buf = io.BytesIO()
    images[0].save(buf, "TIFF", save_all=True, append_images=images[1:], compression="group4")
    return buf.getvalue()


def _errors(files: tuple) -> dict[str, str | None]:
    return {f.meta.name: (f.meta.error.code if f.meta.error else None) for f in files}


# --- contained readers -------------------------------------------------------------------------------


@pytest.fixture()
def fork_readers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Readers forked from this process, so that a fault injected here (a patched reader) is theirs too;
    earlier tests may have left threads behind, which would otherwise start them from a fork server."""
    import multiprocessing

    from extractors import sandbox

    monkeypatch.setattr(sandbox, "default_context", lambda: multiprocessing.get_context("fork"))


def _crashy(x: int) -> int:
    if x == 1:
        os.abort()
    if x == 2:
        time.sleep(60)
    if x == 3:
        return len(bytearray(4 * 1024**3))
    return x * 10


def test_sandbox_pins_crash_hang_and_memory_to_their_item() -> None:
    started = time.monotonic()
    out = {o.index: o.value for o in run_contained(_crashy, [0, 1, 2, 3, 4, 5], workers=2, seconds=4,
                                                   memory_mb=512)}
    assert time.monotonic() - started < 30
    assert out[0] == 0 and out[4] == 40 and out[5] == 50
    assert isinstance(out[1], Failure) and out[1].kind == "crash" and "SIGABRT" in out[1].reason
    assert isinstance(out[2], Failure) and out[2].kind == "timeout"
    assert isinstance(out[3], Failure) and "MemoryError" in out[3].reason


@pytest.mark.usefixtures("fork_readers")
def test_a_page_reader_that_crashes_or_hogs_memory_costs_one_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fault injection: the reader of one page aborts (as a pdfium segfault would), another allocates
    past the memory limit; both pages are reported unreadable, every other page is read."""
    real = pages_mod._read

    def faulty(task: pages_mod.PageTask, config: ReaderConfig):  # type: ignore[no-untyped-def]
        if task.file == "crash.pdf" and task.index == 0:
            os.abort()
        if task.file == "hog.pdf":
            np.ones(3 * 1024**3, dtype=np.uint8)
        return real(task, config)

    monkeypatch.setattr(pages_mod, "_read", faulty)
    loaded = load_blobs([("crash.pdf", make_pdf(LINES, pages=2)), ("hog.pdf", make_pdf(LINES[:1])),
                         ("good.pdf", make_pdf(LINES))])
    got = read_pages(loaded, ReaderConfig(workers=1, page_memory_mb=1024))
    by_key = {(p.file, p.page): p for p in got}
    assert len(got) == 4
    assert "SIGABRT" in (by_key[("crash.pdf", 1)].error or "")
    assert "MemoryError" in (by_key[("hog.pdf", 1)].error or "")
    assert by_key[("crash.pdf", 2)].error is None and "ДОГОВОР" in by_key[("crash.pdf", 2)].text
    assert by_key[("good.pdf", 1)].error is None and "940140000385" in by_key[("good.pdf", 1)].text


@pytest.mark.usefixtures("fork_readers")
def test_a_hung_page_reader_is_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pages_mod._read

    def hang(task: pages_mod.PageTask, config: ReaderConfig):  # type: ignore[no-untyped-def]
        if task.file == "hang.pdf":
            time.sleep(120)
        return real(task, config)

    monkeypatch.setattr(pages_mod, "_read", hang)
    loaded = load_blobs([("hang.pdf", make_pdf(LINES)), ("good.pdf", make_pdf(LINES))])
    started = time.monotonic()
    got = read_pages(loaded, ReaderConfig(workers=2, reader_seconds=8))  # slack for a loaded machine
    assert time.monotonic() - started < 60
    assert "8 s" in (got[0].error or "") and got[1].error is None


@pytest.mark.usefixtures("fork_readers")
def test_a_parser_crash_while_counting_pages_refuses_that_file_only(monkeypatch: pytest.MonkeyPatch) -> None:
    real = files_mod.count_pages

    def faulty(media: str, data: bytes, limits: Limits) -> int:
        if b"BOOM" in data:
            os.abort()
        return real(media, data, limits)

    monkeypatch.setattr(files_mod, "count_pages", faulty)
    poisoned = make_pdf(LINES) + b"%BOOM\n"
    files = load_blobs([("a.pdf", make_pdf(LINES)), ("poison.pdf", poisoned), ("b.pdf", make_pdf(LINES))])
    assert _errors(files) == {"a.pdf": None, "poison.pdf": "reader_failed", "b.pdf": None}
    (bad,) = [f for f in files if f.meta.error]
    assert "сбой" in bad.meta.error.message  # type: ignore[union-attr]


# --- PDFs that lie or carry scripts ------------------------------------------------------------------


def test_pdf_lying_about_its_page_count_is_believed_only_as_far_as_pages_open() -> None:
    data = make_pdf(LINES, pages=2).replace(b"/Count 2", b"/Count 9", 1)
    (f,) = inspect("lie.pdf", data, Limits())
    assert f.meta.error is None and f.meta.pages == 2
    pages = read_pages([f], ONE_WORKER)
    assert [p.error for p in pages] == [None, None]


def test_pages_per_document_limit() -> None:
    (f,) = inspect("long.pdf", make_pdf(LINES, pages=5), Limits(max_pages_per_file=3))
    assert f.meta.error is not None and f.meta.error.code == "too_large"
    assert "не более 3" in f.meta.error.message


JS_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
4 0 obj << /S /JavaScript /JS (app.alert('x');) >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def test_pdf_with_scripts_is_refused_never_run() -> None:
    assert active_content(JS_PDF) == "/JavaScript"
    escaped = JS_PDF.replace(b"/JavaScript", b"/Java#53cript")
    assert active_content(escaped) == "/JavaScript"
    assert active_content(JS_PDF.replace(b"/S /JavaScript /JS (app.alert('x');)", b"/S /Launch /F (x.exe)"))
    assert active_content(make_pdf(LINES)) is None
    files = load_blobs([("script.pdf", escaped), ("ok.pdf", make_pdf(LINES))])
    assert _errors(files) == {"script.pdf": "active_content", "ok.pdf": None}
    assert "JavaScript" in files[0].meta.error.message  # type: ignore[union-attr]


# --- images --------------------------------------------------------------------------------------------


def test_multi_frame_images_are_bounded_frame_by_frame() -> None:
    (ok,) = inspect("scan.tif", _tiff([(100, 100)] * 3), Limits())
    assert ok.meta.error is None and ok.meta.pages == 3
    (many,) = inspect("many.tif", _tiff([(50, 50)] * 6), Limits(max_pages_per_file=5))
    assert many.meta.error is not None and many.meta.error.code == "too_large"
    # a small first frame hiding a huge second one
    (bomb,) = inspect("bomb.tif", _tiff([(100, 100), (9000, 9000)]), Limits(max_image_pixels=50_000_000))
    assert bomb.meta.error is not None and bomb.meta.error.code == "image_too_large"


def test_truncated_image_is_corrupt_or_its_page_unreadable() -> None:
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(1).integers(0, 255, (300, 300), np.uint8)).save(buf, "PNG")
    png = buf.getvalue()
    (f,) = inspect("cut.png", png[: len(png) // 2], Limits())
    assert f.meta.error is not None and f.meta.error.code == "corrupt"


# --- archives ------------------------------------------------------------------------------------------


def test_zip_bomb_by_ratio_alone() -> None:
    bomb = _zip({"zeros.pdf": b"\0" * (30 * 1024 * 1024)})
    limits = Limits(max_archive_unpacked_bytes=10**12)  # only the ratio can stop it
    (only,) = inspect("ratio.zip", bomb, limits)
    assert only.meta.error is not None and only.meta.error.code == "archive_bomb"


def test_nested_archives_share_one_budget() -> None:
    """Each inner archive is under the limit alone; together they are not."""
    inner = _zip({"a.pdf": make_pdf(LINES), "pad.bin": b"\0" * 400_000})
    outer = _zip({f"part{i}.zip": inner for i in range(5)}, zipfile.ZIP_STORED)
    limits = Limits(max_archive_unpacked_bytes=1_500_000)
    out = list(inspect("outer.zip", outer, limits))
    codes = [f.meta.error.code if f.meta.error else None for f in out]
    assert "archive_bomb" in codes
    assert sum(len(f.data) for f in out) <= 1_500_000
    assert any(c is None for c in codes)  # what fitted before the budget ran out is read
    members = _zip({f"m{i}.zip": _zip({f"x{j}.pdf": b"%PDF-1.4" for j in range(4)}) for i in range(4)})
    (*_, last) = inspect("many.zip", members, Limits(max_archive_members=10))
    assert last.meta.error is not None and last.meta.error.code == "archive_bomb"


def test_hostile_member_names_never_reach_a_path_and_stay_distinct(tmp_path: Path) -> None:
    pdf = make_pdf(LINES)
    evil = _zip({"../../evil.pdf": pdf, "/etc/evil.pdf": pdf, "a\u202egpj.pdf": pdf, "agpj.pdf": pdf,
                 "ctl\x07.pdf": pdf, "x" * 300 + ".pdf": pdf, "..\\..\\win.pdf": pdf})
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "docs.zip").write_bytes(evil)
    cwd = os.getcwd()
    os.chdir(tmp_path / "in")
    try:
        files = load_package([tmp_path / "in" / "docs.zip"])
    finally:
        os.chdir(cwd)
    names = [f.meta.name for f in files]
    assert len(set(names)) == len(names) == 7
    assert "docs.zip/evil.pdf" in names and "docs.zip/etc/evil.pdf" in names
    assert {"docs.zip/agpj.pdf", "docs.zip/agpj (2).pdf"} <= set(names)
    for name in names:
        assert ".." not in name.split("/") and "\u202e" not in name and "\x07" not in name
        assert len(name) <= 270
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["docs.zip", "in"]  # nothing written


# --- a whole package -----------------------------------------------------------------------------------


def test_a_package_of_every_hostile_kind_still_reads_its_good_file() -> None:
    good = make_pdf(["ДОГОВОР № 77/2025 купли-продажи", "ТОО «Каспий», БИН 940140000385"])
    bomb = io.BytesIO()
    Image.new("1", (12000, 12000)).save(bomb, "PNG")
    package = [
        ("Договор.pdf", good),
        ("empty.pdf", b""),
        ("truncated.pdf", good[: len(good) // 3]),
        ("secret.pdf", make_pdf(LINES, encrypt="pw")),
        ("photo.jpg", make_pdf(LINES)),  # a PDF behind an image extension: read as a PDF
        ("notes.pdf", b"just text, not a PDF at all"),
        ("bomb.zip", _zip({"zeros.pdf": b"\0" * (40 * 1024 * 1024)})),
        ("bomb.png", bomb.getvalue()),
        ("script.pdf", JS_PDF),
        ("lie.pdf", make_pdf(LINES, pages=2).replace(b"/Count 2", b"/Count 9", 1)),
    ]
    files = load_blobs(package)
    assert _errors(files) == {
        "Договор.pdf": None, "empty.pdf": "empty", "truncated.pdf": "corrupt", "secret.pdf": "encrypted",
        "photo.jpg": None, "notes.pdf": "unsupported_type", "bomb.zip": "archive_bomb",
        "bomb.png": "image_too_large", "script.pdf": "active_content", "lie.pdf": None,
    }
    request = PackageRequest(cost_type=CostType.digital_equipment, application_date=date(2026, 3, 1),
                             applicant_bin="940140000385")
    report = check_files(files, request, PipelineConfig(reader=ReaderConfig(workers=2)))
    rejected = {f.file: f.message for f in report.findings if f.code == "rejected_file"}
    assert set(rejected) == {"empty.pdf", "truncated.pdf", "secret.pdf", "notes.pdf", "bomb.zip",
                             "bomb.png", "script.pdf"}
    for message in rejected.values():
        assert message.startswith("Файл «") and len(message) > 40
    assert any(d.type.value == "contract" for d in report.documents)


def test_a_zip_member_with_a_broken_deflate_stream_is_corrupt() -> None:
    """Found by fuzzing: zlib.error escaped from a damaged member and failed the whole package."""
    good = make_pdf(LINES)
    data = bytearray(_zip({"a.pdf": good, "b.pdf": make_pdf(LINES[:1])}))
    start = data.index(b"a.pdf") + len(b"a.pdf")  # the first member's compressed stream
    data[start:start + 8] = b"\xff" * 8
    files = list(inspect("docs.zip", bytes(data), Limits()))
    assert _errors(tuple(files)) == {"docs.zip/a.pdf": "corrupt", "docs.zip/b.pdf": None}


def test_a_reader_killed_between_items_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    from extractors import sandbox

    spawned: list[int] = []
    real = sandbox._Child.__init__

    def spy(self, *a, **k):  # type: ignore[no-untyped-def]
        real(self, *a, **k)
        spawned.append(self.proc.pid)

    monkeypatch.setattr(sandbox._Child, "__init__", spy)
    outcomes = sandbox.run_contained(_crashy, [0, 4, 5], workers=1, seconds=10, memory_mb=0)
    first = next(outcomes)
    os.kill(spawned[0], signal.SIGKILL)  # the idle reader dies before its next item
    time.sleep(0.2)
    rest = list(outcomes)
    assert first.value == 0 and sorted(o.value for o in rest) == [40, 50]  # type: ignore[type-var]
    assert len(spawned) == 2


def test_limits_come_from_the_environment_through_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from intake.errors import ConfigError
    from intake.settings import load_settings

    defaults = Limits()
    assert (defaults.max_file_bytes, defaults.max_archive_depth, defaults.max_pages_per_file) == (
        50 * 1024 * 1024, 3, 300)
    assert load_settings().limits() == defaults
    monkeypatch.setenv("INTAKE_MAX_FILE_MB", "5")
    monkeypatch.setenv("INTAKE_MAX_ARCHIVE_DEPTH", "1")
    monkeypatch.setenv("INTAKE_MAX_IMAGE_MEGAPIXELS", "0.5")
    monkeypatch.setenv("INTAKE_PAGE_MEMORY_MB", "0")
    settings = load_settings()
    limits = settings.limits()
    assert limits.max_file_bytes == 5 * 1024 * 1024 and limits.max_archive_depth == 1
    assert limits.max_image_pixels == 500_000 and limits.max_pages_per_file == 300
    assert limits.memory_mb == 0 and settings.reader().page_memory_mb == 0
    monkeypatch.setenv("INTAKE_MAX_PAGES_PER_FILE", "lots")  # malformed: refused, never a silent default
    with pytest.raises(ConfigError, match="INTAKE_MAX_PAGES_PER_FILE"):
        load_settings()
    nested = _zip({"inner.zip": _zip({"a.pdf": make_pdf(LINES)})})
    assert [f.meta.error.code for f in inspect("n.zip", nested, limits) if f.meta.error] == ["archive_bomb"]
