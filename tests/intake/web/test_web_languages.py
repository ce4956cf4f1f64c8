"""The pages in Kazakh and in Russian in a real browser (Playwright driving Debian's headless Chromium):
the browser's language picks the pages' language, the switcher changes it and it is kept for the user;
queue, package under review, applicant's package and upload form carry no text of the other language.
Screenshots go to var/test-artifacts/screenshots/lang-*.png."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from checklists.names import DOC_TYPE_NAMES
from intake import i18n
from tests.intake.web.test_web_pages import (
    CHROMIUM,
    DESKTOP,
    PHONE,
    SHOTS,
    Service,
    Watched,
    chromium,
)
from tests.intake.web.test_web_pages import service as service
from tests.review_support import GeneratedPackage, generated_package

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed")

CHROME = {
    "queue": ["Пакеты, ожидающие решения", "БИН или наименование",
              "Квартальный отчет (приложение 7, форма 1-КЦИЭ)"],
    "review": ["Проверка пакета", "Журнал изменений", "Перечень документов", "Принять решение"],
    "package": ["Пакет документов", "Добавить недостающий документ", "Перечень документов"],
    "upload": ["Новый пакет документов", "Вид затрат (пункт 12 Правил)", "Отправить на проверку"],
}
"""Texts of each page (their Russian msgids) that must show in the page's language only."""


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> GeneratedPackage:
    return generated_package(tmp_path_factory.mktemp("gen"))


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as b:
        yield b


def _body(page: object) -> str:
    return str(page.inner_text("body"))  # type: ignore[attr-defined]


def _speaks(text: str, lang: i18n.Lang, names: list[str]) -> None:
    other: i18n.Lang = "ru" if lang == "kk" else "kk"
    for msgid in names:
        assert i18n.gettext(lang, msgid) in text, (lang, msgid)
        assert i18n.gettext(other, msgid) not in text, (lang, msgid)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_officer_and_applicant_pages_in_each_language(
    lang: i18n.Lang, service: Service, browser: object, package: GeneratedPackage
) -> None:
    pid = service.upload("ann@example.kz", package, package.without_payment())
    locale = {"kk": "kk-KZ", "ru": "ru-RU"}[lang]

    officer = Watched(browser, service.url, DESKTOP, locale=locale)
    page = officer.page
    page.goto("/login")
    assert page.get_attribute("html", "lang") == lang
    assert page.inner_text("h1") == i18n.gettext(lang, "Вход")
    officer.login("olga@example.kz")
    page.goto("/review/queue")
    _speaks(_body(page), lang, CHROME["queue"])
    assert page.locator(f"#queue a[href='/review/packages/{pid}']").count() == 1
    officer.shot(f"lang-{lang}-queue")

    page.goto(f"/review/packages/{pid}")
    text = _body(page)
    _speaks(text, lang, CHROME["review"])
    assert i18n.gettext(lang, "Пакет не комплектен") == page.inner_text("#verdict")
    # checklist titles and document types in the page's language
    titles = page.locator("table.checklist tbody tr td:first-child").all_inner_texts()
    assert titles and all(t == i18n.gettext(lang, t_ru) for t, t_ru in zip(
        titles, _ru_titles(service, pid), strict=True))
    assert i18n.gettext(lang, DOC_TYPE_NAMES[next(iter(DOC_TYPE_NAMES))]) in text
    # each finding's message in the page's language (the report carries both texts)
    findings = _report(service, pid)["findings"]
    said = {f["message_kk"] if lang == "kk" else f["message"] for f in findings}
    assert findings and all(f.get("message_kk") for f in findings)
    assert set(page.locator("p.msg").all_inner_texts()) == said
    officer.shot(f"lang-{lang}-review")
    assert officer.errors == [], officer.errors
    officer.close()

    applicant = Watched(browser, service.url, PHONE, locale=locale, is_mobile=True, has_touch=True)
    page = applicant.page
    applicant.login("ann@example.kz")
    page.goto(f"/app/packages/{pid}")
    _speaks(_body(page), lang, CHROME["package"])
    assert set(page.locator("p.msg").all_inner_texts()) == said
    applicant.shot(f"lang-{lang}-package")
    page.goto("/app/new")
    _speaks(_body(page), lang, CHROME["upload"])
    # the page script speaks the page's language too
    page.locator("input[name=applicant_bin]").press_sequentially("12345")
    assert page.inner_text("#bin-note") == i18n.gettext(lang, "Введено %(n)s из 12 цифр.") % {"n": 5}
    applicant.shot(f"lang-{lang}-upload")
    assert applicant.errors == [], applicant.errors
    applicant.close()


def _report(service: Service, pid: str) -> dict[str, Any]:
    import httpx

    headers = {"Authorization": f"Bearer {service.token('olga@example.kz')}"}
    report: dict[str, Any] = httpx.get(f"{service.url}/packages/{pid}/report", headers=headers).json()
    return report


def _ru_titles(service: Service, pid: str) -> list[str]:
    return [item["title"] for item in _report(service, pid)["checklist"]["items"]]


def test_the_switcher_keeps_the_users_language(service: Service, browser: object,
                                               package: GeneratedPackage) -> None:
    w = Watched(browser, service.url, DESKTOP, locale="ru-RU")
    w.login("bob@example.kz")
    page = w.page
    assert page.inner_text("h1") == "Мои пакеты"
    page.click(".lang-switch a[hreflang=kk]")
    page.wait_for_load_state()
    assert page.url.endswith("/app/packages") and page.inner_text("h1") == "Менің топтамаларым"
    w.shot("lang-switch-kk")
    w.close()
    # another browser that asks for Russian: the user's own choice wins once signed in
    again = Watched(browser, service.url, DESKTOP, locale="ru-RU")
    again.page.goto("/login")
    assert again.page.inner_text("h1") == "Вход"
    again.login("bob@example.kz")
    assert again.page.inner_text("h1") == "Менің топтамаларым"
    again.page.click(".lang-switch a[hreflang=ru]")
    again.page.wait_for_load_state()
    assert again.page.inner_text("h1") == "Мои пакеты"
    again.close()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_operator_pages_in_each_language(lang: i18n.Lang, service: Service, browser: object) -> None:
    from intake.db.session import Database
    from intake.db.tables import User
    from intake.service.security import hash_password
    from tests.review_support import PASSWORD

    email = f"oper-{lang}@example.kz"
    db = Database(service.settings.db_url)
    with db.session() as s:
        s.add(User(email=email, password_hash=hash_password(PASSWORD), role="operator"))
    db.dispose()
    w = Watched(browser, service.url, DESKTOP, locale={"kk": "kk-KZ", "ru": "ru-RU"}[lang])
    w.login(email)
    page = w.page
    assert page.url.endswith("/ops/users")
    _speaks(_body(page), lang, ["Пользователи", "Пригласить", "Сбросить пароль"])
    page.fill("input[name=email]", f"invited-{lang}@example.kz")
    page.select_option("select[name=role]", "officer")
    page.click("form[action='/ops/users/invite'] button[type=submit]")
    page.wait_for_selector("#one-time-link")
    link = page.inner_text("#one-time-link code")
    assert "/account/" in link
    w.shot(f"lang-{lang}-ops-users")
    page.goto("/ops/rates")
    _speaks(_body(page), lang, ["Курсы валют НБ РК", "Последняя дата", "Пропуски"])
    assert page.locator("#rates tbody tr[data-currency]").count() >= 1  # the shipped rates
    w.shot(f"lang-{lang}-ops-rates")
    page.goto("/ops/batches")
    _speaks(_body(page), lang, ["Пакетные проверки"])
    w.shot(f"lang-{lang}-ops-batches")
    # the invited person sets a password through the link, in the same language
    page.goto("/account/" + link.rsplit("/account/", 1)[1])
    _speaks(_body(page), lang, ["Новая учетная запись", "Пароль еще раз"])
    page.fill("input[name=password]", "invited-pass-1")
    page.fill("input[name=again]", "invited-pass-1")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/login")
    assert w.errors == [], w.errors
    w.close()
