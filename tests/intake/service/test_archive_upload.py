"""Uploads over real HTTP (uvicorn on loopback): a ZIP archive is taken up to the archive limit, any other
file only up to the file limit (413 with its message), and an upload is answered only once stored."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from intake.limits import MB
from intake.service.app import create_app
from tests.intake.test_archive_limit import not_an_archive, photo_archive
from tests.live import serve
from tests.review_support import PASSWORD, make_settings

FORM = {"cost_type": "digital_equipment", "application_date": "2026-03-01", "applicant_bin": "940140000385"}


class HeldQueue:
    """Takes packages and keeps them queued: what is checked here is the upload, not the reading."""

    def __init__(self) -> None:
        self.submitted: list[str] = []

    def submit(self, package_id: str) -> None:
        self.submitted.append(package_id)


@pytest.fixture()
def service(tmp_path: Path) -> Iterator[tuple[str, dict[str, str], HeldQueue]]:
    app = create_app(make_settings(tmp_path / "var", max_archive_mb=100, sweep_seconds=3600))
    with serve(app) as base:
        queue = HeldQueue()
        app.state.worker = queue
        r = httpx.post(f"{base}/auth/token", data={"username": "ann@example.kz", "password": PASSWORD})
        yield base, {"Authorization": f"Bearer {r.json()['access_token']}"}, queue


def _upload(base: str, auth: dict[str, str], name: str, data: bytes) -> httpx.Response:
    return httpx.post(f"{base}/packages", headers=auth, data=FORM, timeout=120,
                      files=[("files", (name, data, "application/octet-stream"))])


def test_a_60_mb_zip_is_taken_and_answered_once_stored(
        service: tuple[str, dict[str, str], HeldQueue]) -> None:
    base, auth, queue = service
    archive = photo_archive(15)
    assert 55 * MB < len(archive) < 100 * MB
    r = _upload(base, auth, "Документы на возмещение.zip", archive)
    assert r.status_code == 201, r.text
    pid = r.json()["id"]
    assert queue.submitted == [pid]  # handed to processing once stored and committed, not before
    (stored,) = httpx.get(f"{base}/packages/{pid}", headers=auth).json()["files"]
    assert stored["size"] == len(archive) and stored["sha256"] == hashlib.sha256(archive).hexdigest()
    original = httpx.get(f"{base}/packages/{pid}/files/{quote('Документы на возмещение.zip', safe='')}",
                         headers=auth, timeout=60)
    assert original.status_code == 200 and original.content == archive


def test_a_60_mb_file_that_is_no_archive_is_413_and_nothing_is_kept(
        service: tuple[str, dict[str, str], HeldQueue]) -> None:
    base, auth, queue = service
    r = _upload(base, auth, "scan.zip", not_an_archive(60 * MB))  # named as an archive, but it is none
    assert r.status_code == 413
    assert r.json() == {"code": "too_large", "detail": "Файл «scan.zip» больше 50 МБ."}
    assert queue.submitted == []
    assert httpx.get(f"{base}/packages", headers=auth).json()["items"] == []
    # the archive limit, too, answers 413 with its own message; an archive under it named `.pdf` is taken
    large = photo_archive(27)
    assert len(large) > 100 * MB
    r = _upload(base, auth, "photos.zip", large)
    assert r.status_code == 413
    assert r.json() == {"code": "too_large", "detail": "Архив «photos.zip» больше 100 МБ."}
    kk = httpx.post(f"{base}/packages", headers={**auth, "Accept-Language": "kk"}, data=FORM, timeout=120,
                    files=[("files", ("photos.zip", large, "application/zip"))])
    assert kk.status_code == 413 and kk.json()["detail"] == "«photos.zip» архиві 100 МБ-тан үлкен."
    assert queue.submitted == []
    assert _upload(base, auth, "photos.pdf", photo_archive(15)).status_code == 201


def test_the_viewer_shows_members_of_a_large_archive_each_bounded_by_the_file_limit(
        service: tuple[str, dict[str, str], HeldQueue]) -> None:
    base, auth, _ = service
    archive = photo_archive(3, extra={"Сканы/Договор.pdf": not_an_archive(52 * MB)})
    assert len(archive) > 55 * MB
    r = _upload(base, auth, "docs.zip", archive)
    assert r.status_code == 201, r.text
    pid = r.json()["id"]

    def page(member: str) -> httpx.Response:
        return httpx.get(f"{base}/packages/{pid}/page", headers=auth, timeout=120,
                         params={"file": f"docs.zip/Сканы/{member}", "page": 1})

    shown = page("IMG_0002.jpg")
    assert shown.status_code == 200 and shown.headers["content-type"] == "image/png"
    refused = page("Договор.pdf")
    assert refused.status_code == 404 and refused.json()["detail"] == "Файл в архиве слишком велик."
