"""Operators: users created with the password prompted or on standard input (never an argument), invited
and reset by one-time links, disabled and enabled (CLI and pages); the rates and batch-run pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from checklists.rates import Rate, write_csv
from intake.batch.diff import Diff, FindingRef
from intake.batch.journal import Entry, Journal
from intake.cli import main
from intake.service.app import create_app
from intake.settings import Settings
from tests.review_support import PASSWORD, make_settings

OPERATOR = "oleg@example.kz"


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "var"
    monkeypatch.setenv("INTAKE_DATA_DIR", str(data))
    monkeypatch.setenv("INTAKE_SECRET_KEY", "k" * 40)
    make_settings(data)
    return data


def _cli(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.output


def _token(client: TestClient, email: str, password: str) -> int:
    return client.post("/auth/token", data={"username": email, "password": password}).status_code


def test_users_on_the_command_line(data_dir: Path) -> None:
    code, out = _cli("users", "create", "--email", OPERATOR, "--role", "operator", "--password", "x" * 10)
    assert code == 2 and "--password" in out  # no password on the command line
    code, out = _cli("users", "create", "--email", OPERATOR, "--role", "operator")
    assert code == 2 and "--password-stdin" in out  # not a terminal: no prompt to answer
    code, out = _cli("users", "create", "--email", OPERATOR, "--role", "operator", "--password-stdin",
                     stdin="short\n")
    assert code == 1 and "8" in out
    code, out = _cli("users", "create", "--email", OPERATOR, "--role", "operator", "--password-stdin",
                     stdin="operator-pass-1\n")
    assert code == 0, out
    code, out = _cli("users", "invite", "--email", "new@example.kz", "--role", "officer",
                     "--base-url", "https://intake.example.kz")
    assert code == 0, out
    link = out.strip()
    assert re.fullmatch(r"https://intake\.example\.kz/account/[A-Za-z0-9_-]{40,}", link)
    code, out = _cli("users", "invite", "--email", "ann@example.kz", "--role", "officer")
    assert code == 1  # already a user

    with TestClient(create_app(_settings(data_dir))) as client:
        path = link.split("intake.example.kz", 1)[1]
        page = client.get(path)
        assert page.status_code == 200 and "new@example.kz" in page.text
        bad = client.post(path, data={"password": "new-officer-1", "again": "other-one-1"},
                          follow_redirects=False)
        assert bad.status_code == 422
        done = client.post(path, data={"password": "new-officer-1", "again": "new-officer-1"},
                           follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"] == "/login"
        assert _token(client, "new@example.kz", "new-officer-1") == 200
        assert client.get(path).status_code == 404  # spent
        assert client.post(path, data={"password": "again-again", "again": "again-again"}).status_code == 404

        # disable: no sign-in, and a token issued before stops working
        token = client.post("/auth/token", data={"username": "ann@example.kz", "password": PASSWORD}).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        assert client.get("/packages", headers=headers).status_code == 200
        assert _cli("users", "disable", "--email", "ann@example.kz")[0] == 0
        assert _token(client, "ann@example.kz", PASSWORD) == 401
        assert client.get("/packages", headers=headers).status_code == 401
        assert _cli("users", "disable", "--email", "ann@example.kz", "--enable")[0] == 0
        assert _token(client, "ann@example.kz", PASSWORD) == 200

        # reset: a new password through the link; the old one no longer works
        code, out = _cli("users", "reset", "--email", "ann@example.kz", "--base-url", "http://x")
        assert code == 0
        reset_path = out.strip().removeprefix("http://x")
        assert client.post(reset_path, data={"password": "fresh-pass-9", "again": "fresh-pass-9"},
                           follow_redirects=False).status_code == 303
        assert _token(client, "ann@example.kz", PASSWORD) == 401
        assert _token(client, "ann@example.kz", "fresh-pass-9") == 200
    code, out = _cli("users", "list")
    assert code == 0 and f"{OPERATOR}\toperator\tactive" in out and "new@example.kz\tofficer\tactive" in out


def _settings(data_dir: Path) -> Settings:
    return Settings(data_dir=data_dir, workers=1, secret_key="k" * 40)


@pytest.fixture()
def operator_client(data_dir: Path) -> Iterator[TestClient]:
    assert _cli("users", "create", "--email", OPERATOR, "--role", "operator", "--password-stdin",
                stdin=PASSWORD + "\n")[0] == 0
    with TestClient(create_app(_settings(data_dir))) as client:
        r = client.post("/login", data={"email": OPERATOR, "password": PASSWORD}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/ops/users"
        yield client


def test_users_page_invites_resets_and_disables(operator_client: TestClient) -> None:
    client = operator_client
    page = client.get("/ops/users")
    assert page.status_code == 200 and "ann@example.kz" in page.text
    r = client.post("/ops/users/invite", data={"email": "Zhan@Example.kz", "role": "applicant"})
    assert r.status_code == 200
    link = re.search(r'<code class="link-text">([^<]+)</code>', r.text)
    assert link and "zhan@example.kz" in r.text
    path = "/account/" + link.group(1).rsplit("/account/", 1)[1]
    assert client.post(path, data={"password": "zhan-pass-1", "again": "zhan-pass-1"},
                       follow_redirects=False).status_code == 303
    assert _token(client, "zhan@example.kz", "zhan-pass-1") == 200
    dup = client.post("/ops/users/invite", data={"email": "zhan@example.kz", "role": "applicant"})
    assert dup.status_code == 422 and "Такой пользователь уже есть." in dup.text

    ann_id = re.search(r'<tr data-email="ann@example.kz">.*?/ops/users/(\d+)/reset', page.text, re.S)
    assert ann_id
    uid = ann_id.group(1)
    assert client.post(f"/ops/users/{uid}/disable", follow_redirects=False).status_code == 303
    assert _token(client, "ann@example.kz", PASSWORD) == 401
    assert client.post(f"/ops/users/{uid}/enable", follow_redirects=False).status_code == 303
    assert _token(client, "ann@example.kz", PASSWORD) == 200
    reset = client.post(f"/ops/users/{uid}/reset")
    assert reset.status_code == 200 and "link-text" in reset.text

    # officers and applicants do not reach the operators' pages
    officer = TestClient(client.app)
    officer.post("/login", data={"email": "olga@example.kz", "password": PASSWORD})
    for path in ("/ops/users", "/ops/rates", "/ops/batches"):
        assert officer.get(path).status_code == 403


def test_rates_and_batch_pages(operator_client: TestClient, data_dir: Path) -> None:
    rates = [Rate(day=d, currency="USD", quant=1, rate=Decimal("470.5"))
             for d in (date(2031, 1, 1), date(2031, 1, 2), date(2031, 1, 10), date(2031, 1, 11))]
    (data_dir / "rates.csv").write_text(write_csv(rates), encoding="utf-8")
    page = operator_client.get("/ops/rates").text
    row = re.search(r'<tr data-currency="USD">(.*?)</tr>', page, re.S)
    assert row and "11.01.2031" in row.group(1) and "03.01.2031–09.01.2031" in row.group(1)

    folder = data_dir / "batch" / "archive-2025"
    journal = Journal(folder)
    now = datetime.now(UTC).isoformat()
    flipped = Diff(previous=True, verdict_before=True, verdict_after=False,
                   added=(FindingRef(code="amount_mismatch", severity="error"),))
    journal.record(Entry(package_id="p1", run_key="k1", status="done", complete=False, pages=3,
                         changed=True, diff=flipped.model_dump(mode="json"), finished_at=now))
    journal.record(Entry(package_id="p2", run_key="k2", status="failed", error="no file", finished_at=now))
    running = operator_client.get("/ops/batches").text
    assert 'data-batch="archive-2025"' in running and "идет" in running  # the journal is held open
    journal.close()
    done = operator_client.get("/ops/batches").text
    assert "завершена" in done and "Пакетов: 2; проверено: 1; с ошибкой: 1." in done
    assert "Смена вердикта: 1; изменились замечания: 1." in done and "amount_mismatch" in done
