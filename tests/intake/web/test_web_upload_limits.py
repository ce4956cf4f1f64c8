"""The upload page checks each file against its own limit, as the service does: a ZIP archive (told by its
first bytes) against the archive limit, any other file against the file limit (Playwright, headless
Chromium)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.intake.web.test_web_pages import CHROMIUM, PHONE, Service, Watched, chromium
from tests.intake.web.test_web_pages import service as service

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


def test_the_upload_page_takes_a_60_mb_archive_and_refuses_a_60_mb_scan(
        service: Service, browser: object, tmp_path: Path) -> None:
    w = Watched(browser, service.url, PHONE, is_mobile=True, has_touch=True)
    page = w.page
    w.login("ann@example.kz")
    page.goto("/app/new")
    assert "до 50 МБ каждый; ZIP-архив — до 300 МБ" in page.inner_text("#drop")
    dropped = page.evaluate_handle("""() => {
        const body = new Uint8Array(60 * 1024 * 1024);
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04]), body], "фото.zip"));
        dt.items.add(new File([new TextEncoder().encode("%PDF-1.4\\n"), body], "скан.pdf"));
        dt.items.add(new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04]), body, body, body, body, body],
                              "большой.zip"));
        return dt;
    }""")
    page.dispatch_event("#drop", "drop", {"dataTransfer": dropped})
    page.wait_for_selector("#file-list li:nth-child(3)")
    items = page.locator("#file-list li")
    assert items.nth(0).get_attribute("class") == "file" and "ZIP" in items.nth(0).inner_text()
    assert "Больше 50 МБ." in items.nth(1).inner_text()
    assert "Больше 300 МБ." in items.nth(2).inner_text()
    assert w.errors == [], w.errors
    w.close()
