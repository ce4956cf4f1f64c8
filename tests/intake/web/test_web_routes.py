"""The pages over HTTP without a browser: sign-in cookie, redirects, roles, security headers, escaping,
vendored assets and the quarterly form's quarters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from intake.quarterly import quarter_bounds
from intake.service.app import create_app
from intake.web.render import money
from tests.conftest import make_pdf
from tests.review_support import PASSWORD, make_settings, wait_done

APPLICANT_BIN = "940140000385"
CONTRACT = ["ДОГОВОР № 77/2025 купли-продажи оборудования", "г. Астана «15» марта 2025 г.",
            f"ТОО «Каспий», БИН {APPLICANT_BIN}, именуемое в дальнейшем «Покупатель»."]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(tmp_path_factory.mktemp("pages") / "var"))) as c:
        yield c


def sign_in(client: TestClient, email: str) -> None:
    client.cookies.clear()
    r = client.post("/login", data={"email": email, "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 303, r.text


def test_sign_in_sets_a_strict_http_only_cookie_and_pages_need_it(client: TestClient) -> None:
    client.cookies.clear()
    r = client.get("/app/packages", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=%2Fapp%2Fpackages"
    page = client.get("/login?next=%2Fapp%2Fnew")
    assert page.status_code == 200 and 'name="next" value="/app/new"' in page.text
    wrong = client.post("/login", data={"email": "ann@example.kz", "password": "nope"})
    assert wrong.status_code == 401 and "Неверный e-mail или пароль" in wrong.text
    assert "intake_session" not in wrong.headers.get("set-cookie", "")
    ok = client.post("/login", data={"email": "ann@example.kz", "password": PASSWORD, "next": "/app/new"},
                     follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/app/new"
    cookie = ok.headers["set-cookie"].lower()
    assert "intake_session=" in cookie and "httponly" in cookie and "samesite=strict" in cookie
    assert client.get("/packages").status_code == 200  # the JSON API takes the same cookie
    out = client.post("/logout", follow_redirects=False)
    assert out.status_code == 303 and "intake_session=" in out.headers["set-cookie"]
    client.cookies.clear()
    assert client.get("/packages").status_code == 401


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example"])
def test_sign_in_never_redirects_off_site(client: TestClient, target: str) -> None:
    client.cookies.clear()
    r = client.post("/login", data={"email": "olga@example.kz", "password": PASSWORD, "next": target},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/review/queue"


def test_every_page_has_a_strict_csp_and_no_inline_script(client: TestClient) -> None:
    sign_in(client, "olga@example.kz")
    for path in ("/login", "/review/queue", "/app/new", "/app/packages"):
        r = client.get(path)
        assert r.status_code == 200, path
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe" not in csp
        assert r.headers["x-frame-options"] == "DENY"
        assert '<meta name="viewport"' in r.text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", r.text), path
        assert not re.search(r"\son[a-z]+=", r.text), path
        assert " style=" not in r.text, path


def test_vendored_assets_are_all_served(client: TestClient) -> None:
    root = resources.files("intake") / "templates" / "web"
    used = set()
    for tpl in root.iterdir():
        used |= set(re.findall(r"/static/[\w.-]+", Path(str(tpl)).read_text(encoding="utf-8")))
    assert {"/static/app.css", "/static/common.js", "/static/upload.js", "/static/viewer.js"} <= used
    for path in sorted(used):
        r = client.get(path)
        assert r.status_code == 200 and r.content, path
    assert "cdn" not in " ".join(Path(str(t)).read_text(encoding="utf-8") for t in root.iterdir()).lower()


def test_roles_and_escaped_file_names(client: TestClient) -> None:
    sign_in(client, "ann@example.kz")
    assert client.get("/review/queue").status_code == 403
    hostile = "<img src=x onerror=alert(1)>.pdf"
    r = client.post("/packages", data={"cost_type": "digital_equipment", "application_date": "2026-03-01",
                                       "applicant_bin": APPLICANT_BIN},
                    files=[("files", (hostile, make_pdf(CONTRACT), "application/pdf")),
                           ("files", ("сломан.pdf", b"%PDF-1.4 broken", "application/pdf"))])
    assert r.status_code == 201
    pid = r.json()["id"]
    wait_done(client, {}, pid)
    page = client.get(f"/app/packages/{pid}")
    assert page.status_code == 200 and "Пакет не комплектен" in page.text
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in page.text and "<img src=x" not in page.text
    broken = re.search(r"<li>сломан\.pdf .*?</li>", page.text, re.S)
    assert broken is not None and 'class="file-error"' in broken.group()
    sign_in(client, "bob@example.kz")
    for path in (f"/app/packages/{pid}", f"/view/{pid}?file=x.pdf", f"/review/packages/{pid}"):
        assert client.get(path).status_code in (403, 404), path
    assert "Не найдено" in client.get(f"/app/packages/{pid}").text
    sign_in(client, "olga@example.kz")
    review = client.get(f"/review/packages/{pid}")
    assert review.status_code == 200 and "Журнал изменений" in review.text
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in review.text and "<img src=x" not in review.text


def test_quarters_and_money_format() -> None:
    assert quarter_bounds(2026, 1) == (date(2026, 1, 1), date(2026, 3, 31))
    assert quarter_bounds(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))
    with pytest.raises(ValueError):
        quarter_bounds(2026, 5)
    assert money("13522745.43") == "13\u00a0522\u00a0745,43"
    assert money("0.5") == "0,50" and money(None) == "—"
