"""The pages in a real browser: Playwright driving Debian's headless Chromium against the service on a
loopback port (embedded SQLite + local store). Screenshots go to var/test-artifacts/screenshots/."""

from __future__ import annotations

import random
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from checklists.names import COST_TYPE_NAMES
from extractors.bin import is_valid_bin
from intake.db.session import Database
from intake.db.tables import Report
from intake.recheck import recheck
from intake.report import to_json
from intake.service.indexing import index_report
from models.vocab import CostType
from tests.review_support import (
    PASSWORD,
    PAYMENT_FILE,
    GeneratedPackage,
    Service,
    generated_package,
    live_service,
)

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[3] / "var" / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed")
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> GeneratedPackage:
    # one scanned document: its OCR keeps the package in progress long enough for the page to show it
    return generated_package(tmp_path_factory.mktemp("gen"), scanned=("technical_passport",))


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with live_service(tmp_path_factory.mktemp("web") / "var") as running:
        yield running


@contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium, headless, through Playwright: one per test module."""
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)
    with chromium() as b:
        yield b


class Watched:
    """A browser page that records console errors (CSP violations, script errors)."""

    def __init__(self, browser: object, base: str, viewport: dict[str, int], **extra: object) -> None:
        extra.setdefault("locale", "ru-RU")
        self.context = browser.new_context(viewport=viewport, base_url=base,  # type: ignore[attr-defined]
                                           **extra)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def login(self, email: str) -> None:
        self.page.goto("/login")
        self.page.fill("input[name=email]", email)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_load_state()

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()


def watch_progress(page: object, timeout: float = 60) -> list[tuple[str, str]]:
    """(pages done, pages total) as the progress box shows them, until the page shows the report."""
    seen: list[tuple[str, str]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if page.locator("#verdict").count():  # type: ignore[attr-defined]
                return seen
            shown = (page.inner_text("#done", timeout=200), page.inner_text("#total", timeout=200))  # type: ignore[attr-defined]
            if not seen or seen[-1] != shown:
                seen.append(shown)
        except sync_api.Error:
            pass  # the page reloaded itself between two looks
        time.sleep(0.05)
    raise AssertionError(f"no report after {timeout} s; progress seen: {seen}")


def test_applicant_uploads_watches_progress_and_completes_the_package(
    service: Service, browser: object, package: GeneratedPackage, tmp_path: Path
) -> None:
    w = Watched(browser, service.url, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = w.page
    w.login("ann@example.kz")
    assert page.url.endswith("/app/packages")
    csp = page.request.get("/app/new").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp

    page.goto("/app/new")
    rng = random.Random(7)
    samples = [package.applicant_bin, "940140000385", "123456789021", *(
        "".join(rng.choice("0123456789") for _ in range(12)) for _ in range(300))]
    in_browser = page.evaluate("(bins) => bins.map((b) => binCheck.problem(b) === '')", samples)
    assert in_browser == [is_valid_bin(b) for b in samples]
    assert 10 < sum(in_browser) < 290  # both outcomes are exercised
    page.select_option("select[name=cost_type]", label=COST_TYPE_NAMES[CostType(package.cost_type)])
    assert page.inner_text("#cost-note") == COST_TYPE_NAMES[CostType(package.cost_type)]
    page.fill("input[name=application_date]", package.application_date)
    binbox = page.locator("input[name=applicant_bin]")
    binbox.press_sequentially(package.applicant_bin[:5])
    assert page.inner_text("#bin-note") == "Введено 5 из 12 цифр."
    wrong = package.applicant_bin[:11] + str((int(package.applicant_bin[11]) + 1) % 10)
    binbox.fill("")
    binbox.press_sequentially(wrong)
    assert "Контрольная цифра не сходится" in page.inner_text("#bin-note")
    assert binbox.get_attribute("aria-invalid") == "true"
    binbox.fill(package.applicant_bin)
    binbox.dispatch_event("input")
    assert page.inner_text("#bin-note") == "БИН/ИИН верный."

    dropped = page.evaluate_handle("""() => {
        const dt = new DataTransfer();
        dt.items.add(new File(["%PDF-1.4 dropped"], "перетащен.pdf", {type: "application/pdf"}));
        dt.items.add(new File([""], "пустой.pdf", {type: "application/pdf"}));
        return dt;
    }""")
    page.dispatch_event("#drop", "drop", {"dataTransfer": dropped})
    page.wait_for_selector("#file-list li:nth-child(2)")
    items = page.locator("#file-list li")
    assert "перетащен.pdf" in items.nth(0).inner_text() and "PDF" in items.nth(0).inner_text()
    assert "Файл пустой" in items.nth(1).inner_text()
    for _ in range(2):
        items.nth(0).locator("button").click()
    assert items.count() == 0
    for name, data in [*package.without_payment(), ("<b>заметки</b>.txt", b"just some notes")]:
        (tmp_path / name.replace("/", "_")).write_bytes(data)
    page.set_input_files("#files", [str(tmp_path / n.replace("/", "_")) for n, _ in package.without_payment()]
                         + [str(tmp_path / "<b>заметки<_b>.txt")])
    page.wait_for_selector("#file-list li.bad-file")
    bad = page.locator("#file-list li.bad-file")
    assert bad.count() == 1 and "<b>заметки<_b>.txt" in bad.inner_text()
    assert "Не PDF, JPEG, PNG, TIFF или ZIP" in bad.inner_text()
    assert page.locator("#file-list li:not(.bad-file)").count() == len(package.without_payment())
    w.shot("01-applicant-upload-phone")

    page.click("#send")
    page.wait_for_url(re.compile(r"/app/packages/[0-9a-f-]{36}$"))
    pid = page.url.rsplit("/", 1)[-1]
    page.wait_for_selector("#progress-box, #verdict")
    if page.locator("#progress-box").count():  # usually the package is still being read here
        w.shot("02-applicant-progress-phone")
    seen = watch_progress(page)
    assert any(total.isdigit() and int(total) >= 10 for _, total in seen), seen
    assert page.inner_text("#verdict") == "Пакет не комплектен"
    missing = page.locator("article.finding[data-code=missing_document]")
    assert missing.count() == 1 and "платеж" in missing.inner_text().lower()
    assert page.locator("tr.mark-missing").count() == 1
    w.shot("03-applicant-report-missing-phone")

    pdf = page.request.get(f"/packages/{pid}/report.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    (tmp_path / PAYMENT_FILE).write_bytes(package.files[PAYMENT_FILE])
    page.set_input_files("#add-files input[type=file]", str(tmp_path / PAYMENT_FILE))
    with page.expect_navigation():  # the page reloads itself once the files are stored
        page.click("#add-files button[type=submit]")
    watch_progress(page)
    assert page.inner_text("#verdict") == "Пакет комплектен"
    assert page.locator("article.finding[data-code=missing_document]").count() == 0
    assert page.locator("tr.mark-missing").count() == 0
    assert page.inner_text("#reimbursement").endswith("₸")
    w.shot("04-applicant-report-complete-phone")

    page.click("table.checklist a >> nth=0")
    page.wait_for_url(re.compile(r"/view/"))
    page.wait_for_selector("#viewer[data-loaded='1']")
    w.shot("05-applicant-page-viewer-phone")
    assert w.errors == []
    w.close()


def _misread_invoice_total(service: Service, package_id: str) -> str:
    """Make the stored reading of the invoice total lose a digit group, as OCR sometimes does."""
    db = Database(service.settings.db_url, run_migrations=False)
    try:
        with db.session() as s:
            stored = s.get(Report, package_id)
            assert stored is not None
            body = dict(stored.body)
            invoice = next(d for d in body["documents"] if d["type"] == "invoice")
            right = str(invoice["fields"]["total"]["amount"])
            invoice["fields"]["total"]["amount"] = "1352274.54"
            stored.body = to_json(recheck(body))
            index_report(s, package_id, stored.body)
        return right
    finally:
        db.dispose()


def test_officer_corrects_a_misread_total_and_resolves_a_finding(
    service: Service, browser: object, package: GeneratedPackage
) -> None:
    pid = service.upload("ann@example.kz", package, package.without_payment())
    right = _misread_invoice_total(service, pid)
    w = Watched(browser, service.url, DESKTOP)
    page = w.page
    w.login("olga@example.kz")
    assert page.url.endswith("/review/queue")
    page.select_option("select[name=severity]", "error")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"severity=error"))
    link = page.locator(f"#queue a[href='/review/packages/{pid}']")
    assert link.count() == 1
    w.shot("06-officer-queue")

    link.click()
    page.wait_for_selector("#findings")
    mismatch = page.locator("article.finding[data-code=amount_mismatch]")
    assert mismatch.count() >= 1 and "1 352 274,54" in mismatch.first.inner_text()
    mismatch.first.locator("a.show-page").click()
    page.wait_for_selector("#viewer[data-loaded='1']")
    assert page.inner_text("#viewer-title").startswith("Счет-фактура")
    invoice = page.locator("section.doc", has=page.locator("select.doc-type option[value=invoice][selected]"))
    total = invoice.locator("form[data-field=total]")
    assert total.locator("input[name=value]").input_value() == "1352274.54"
    total.locator("a.show-page").click()
    page.wait_for_selector("#viewer[data-loaded='1']")
    assert page.locator("#evidence-box").is_visible()
    page.check("#show-words")
    page.wait_for_selector("#overlay .word")
    assert page.locator("#overlay .word").count() > 20
    w.shot("07-officer-review-misread-total")
    page.locator("#viewer").screenshot(path=str(SHOTS / "07b-officer-viewer-evidence-and-words.png"))
    large = page.locator("#viewer-large")
    assert "box=" in (large.get_attribute("href") or "")

    total.locator("input[name=value]").fill(right)
    with page.expect_navigation():
        total.locator("button[type=submit]").click()
    row = page.locator("#audit tr[data-action=correct_field]")
    expect(row).to_have_count(1)
    assert page.locator("article.finding[data-code=amount_mismatch]").count() == 0
    assert row.locator(".old").inner_text() == "1352274.54" and row.locator(".new").inner_text() == right
    assert "olga@example.kz" in row.inner_text()

    finding = page.locator("article.finding[data-code=missing_document]").first
    finding.locator("select[name=resolution]").select_option("overridden")
    finding.locator("input[name=comment]").fill("Оплата аккредитивом, документ банка в деле")
    with page.expect_navigation():
        finding.locator("button[type=submit]").click()
    entry = page.locator("#audit tr[data-action=resolve_finding]")
    expect(entry).to_have_count(1)
    assert "отклонено сотрудником" in entry.inner_text()
    resolved = page.locator("article.finding[data-code=missing_document].resolved")
    assert resolved.count() == 1 and "Оплата аккредитивом" in resolved.inner_text()
    assert "Оплата аккредитивом" in entry.inner_text()
    w.shot("08-officer-review-after-corrections")

    page.goto("/review/queue?severity=error")
    assert page.locator(f"#queue a[href='/review/packages/{pid}']").count() == 0
    xlsx = page.request.get("/reports/quarterly.xlsx?year=2026&quarter=1")
    assert xlsx.status == 200 and xlsx.body().startswith(b"PK")
    assert w.errors == []
    w.close()


def test_applicant_cannot_open_another_applicants_package(
    service: Service, browser: object, package: GeneratedPackage
) -> None:
    hostile = "<img src=x onerror=alert(1)>.pdf"
    bobs = service.upload("bob@example.kz", package, [(hostile, package.files[PAYMENT_FILE])])
    anns = service.upload("ann@example.kz", package, [(PAYMENT_FILE, package.files[PAYMENT_FILE])])
    w = Watched(browser, service.url, PHONE, is_mobile=True)
    page = w.page
    w.login("bob@example.kz")
    page.goto(f"/app/packages/{bobs}")
    page.wait_for_selector("#verdict")
    assert hostile in page.inner_text("ul.files")
    assert page.locator("ul.files img").count() == 0

    for path in (f"/app/packages/{anns}", f"/view/{anns}?file={PAYMENT_FILE}&page=1"):
        resp = page.goto(path)
        assert resp is not None and resp.status == 404
        assert page.inner_text("h1") == "Не найдено"
    w.shot("09-applicant-other-package-404-phone")
    assert page.request.get(f"/packages/{anns}").status == 404
    assert page.request.get(f"/packages/{anns}/report").status == 404
    resp = page.goto("/review/queue")
    assert resp is not None and resp.status == 403
    assert page.request.get("/officer/queue").status == 403
    page.goto("/app/packages")
    assert page.locator(f"a[href='/app/packages/{anns}']").count() == 0
    assert page.locator(f"a[href='/app/packages/{bobs}']").count() == 1
    w.shot("10-applicant-packages-phone")
    w.close()


def test_applicant_withdraws_a_package_after_confirming(
    service: Service, browser: object, package: GeneratedPackage
) -> None:
    pid = service.upload("ann@example.kz", package, [(PAYMENT_FILE, package.files[PAYMENT_FILE])])
    w = Watched(browser, service.url, PHONE, is_mobile=True)
    page = w.page
    w.login("ann@example.kz")
    page.goto(f"/app/packages/{pid}")
    page.wait_for_selector("#verdict")
    asked: list[str] = []

    def dismiss(dialog: object) -> None:
        asked.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    page.once("dialog", dismiss)
    page.click("#withdraw button[type=submit]")
    assert asked and "Отозвать пакет?" in asked[0]
    assert page.request.get(f"/packages/{pid}").status == 200  # dismissed: nothing deleted
    page.once("dialog", lambda d: d.accept())
    page.click("#withdraw button[type=submit]")
    page.wait_for_url(re.compile(r"/app/packages$"))
    assert page.request.get(f"/packages/{pid}").status == 404
    assert page.locator(f"a[href='/app/packages/{pid}']").count() == 0
    assert w.errors == []
    w.close()


def test_officer_decides_with_an_internal_comment_and_reopens(
    service: Service, browser: object, package: GeneratedPackage
) -> None:
    pid = service.upload("ann@example.kz", package, [(PAYMENT_FILE, package.files[PAYMENT_FILE])])
    w = Watched(browser, service.url, DESKTOP)
    page = w.page
    w.login("olga@example.kz")
    page.goto(f"/review/packages/{pid}")
    assert page.locator("#reopen").count() == 0  # nothing to reopen before a decision
    form = page.locator(f"form[data-url='/packages/{pid}/decision']")
    form.locator("select[name=outcome]").select_option("rejected")
    form.locator("input[name=comment]").fill("Нет акта приема-передачи.")
    form.locator("input[name=internal_comment]").fill("звонил заявителю, не отвечает")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#decision")
    assert page.inner_text("#decision") == "отклонено"
    page.fill("#reopen input[name=internal_comment]", "по жалобе заявителя")
    page.click("#reopen button[type=submit]")
    page.wait_for_selector("#reopen", state="detached")
    assert page.locator("#decision").count() == 0
    queue = page.request.get("/officer/queue").json()["items"]
    assert pid in {i["id"] for i in queue}
    officer_view = str(page.request.get(f"/packages/{pid}/audit").json())
    assert "звонил заявителю" in officer_view and "по жалобе" in officer_view
    w.close()
    headers = {"Authorization": f"Bearer {service.token('ann@example.kz')}"}
    seen = httpx.get(f"{service.url}/packages/{pid}/audit", headers=headers).text
    assert "Нет акта приема-передачи." in seen
    assert "звонил" not in seen and "по жалобе" not in seen
    assert w.errors == []
