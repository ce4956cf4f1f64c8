"""The officer's review page in a real browser: keyboard navigation through the findings, the page
viewer drawing the box of every field and finding read on the page, the applicant's cap use and the
decision letter link. Screenshots: var/test-artifacts/screenshots/review-*.png."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from intake.web.render import money
from tests.intake.web.test_web_pages import CHROMIUM, DESKTOP, SHOTS, Service, Watched, chromium
from tests.intake.web.test_web_pages import service as service
from tests.review_support import GeneratedPackage, generated_package

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed")


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> GeneratedPackage:
    return generated_package(tmp_path_factory.mktemp("gen"))


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as b:
        yield b


def _marks_expected(report: dict, file: str, page: int) -> int:
    """Boxes the report places on one page: fields, parties, findings."""
    n = 0
    here = lambda v: bool(v) and v.get("bbox") and v.get("file") == file and v.get("page") == page  # noqa: E731
    for d in report["documents"]:
        f = d["fields"]
        n += sum(1 for name in ("number", "date", "total") if here(f.get(name)))
        n += sum(1 for p in f["parties"] if here(p))
    return n + sum(1 for f in report["findings"] if here(f))


def test_keyboard_viewer_marks_caps_and_letter(service: Service, browser: object,
                                               package: GeneratedPackage) -> None:
    pid = service.upload("ann@example.kz", package, package.without_payment())
    headers = {"Authorization": f"Bearer {service.token('olga@example.kz')}"}
    report = httpx.get(f"{service.url}/packages/{pid}/report", headers=headers).json()
    w = Watched(browser, service.url, DESKTOP)
    w.login("olga@example.kz")
    page = w.page
    page.goto(f"/review/packages/{pid}")
    findings = page.locator("#findings article.finding")
    assert findings.count() == len(report["findings"]) >= 1

    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.dataset.key") == findings.nth(0).get_attribute("data-key")
    assert "current" in (findings.nth(0).get_attribute("class") or "")
    if findings.count() > 1:
        page.keyboard.press("j")
        page.keyboard.press("k")
        first = findings.nth(0).get_attribute("data-key")
        assert page.evaluate("document.activeElement.dataset.key") == first
    page.keyboard.press("c")
    assert page.evaluate("document.activeElement.name") == "comment"
    page.keyboard.press("Escape")
    page.locator("body").click(position={"x": 5, "y": 300})

    # the contract's first page, with the box of every field and party read on it
    contract = next(d for d in report["documents"] if d["type"] == "contract")
    file, page_no = contract["pages"][0]["file"], contract["pages"][0]["page"]
    expected = _marks_expected(report, file, page_no)
    assert expected >= 3
    page.locator(f"#doc-{contract['id']} a.show-page").first.click()
    page.wait_for_selector("#viewer[data-loaded='1']")
    page.wait_for_selector(f"#viewer[data-marks='{expected}']", state="attached")
    assert page.locator("#overlay .mark-box").count() == expected
    page.uncheck("#show-marks")
    assert page.locator("#overlay .mark-box").count() == 0
    page.check("#show-marks")
    page.wait_for_selector(f"#viewer[data-marks='{expected}']", state="attached")
    assert page.locator("#overlay .mark-box").count() == expected
    page.locator("#viewer").screenshot(path=str(SHOTS / "review-viewer-marks.png"))

    # the applicant's caps for the year: this package is awaiting a decision
    row = page.locator("#caps tr.used")
    assert row.count() == 1
    computed = (report.get("reimbursement") or {}).get("amount")
    assert row.locator("td").nth(4).inner_text() == (money(computed) if computed else "0,00")
    assert page.locator("#letter").count() == 0
    page.select_option("select[name=outcome]", "rejected")
    page.click("form[data-url$='/decision'] button[type=submit]")
    page.wait_for_selector("#letter")
    href = page.get_attribute("#letter", "href")
    assert href and href.startswith(f"/packages/{pid}/decision-letter.pdf")
    letter = page.request.get(href)
    assert letter.status == 200 and letter.body().startswith(b"%PDF")
    w.shot("review-after-decision")
    assert w.errors == [], w.errors
    w.close()
