"""Sign-in: failures are limited per address and per account (429 with Retry-After), an unknown
e-mail runs the same hash as a wrong password, stored hashes over the parameter bound are refused,
sign-out revokes the token, the sign-in form checks its origin and the cookie's Secure flag is a setting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from intake.db.session import Database
from intake.db.tables import User
from intake.service import security
from intake.service.app import create_app
from intake.service.security import hash_password
from intake.settings import Settings


def make_client(tmp_path: Path, **extra: object) -> TestClient:
    settings = Settings(data_dir=tmp_path / "var", workers=1, login_failures_per_account=5,
                        login_failures_per_address=8, **extra)  # type: ignore[arg-type]
    db = Database(settings.db_url)
    with db.session() as s:
        for email in ("ann@example.kz", "bob@example.kz", "eve@example.kz"):
            s.add(User(email=email, password_hash=hash_password("secret-123"), role="applicant"))
    db.dispose()
    return TestClient(create_app(settings))


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    with make_client(tmp_path) as c:
        yield c


def token(client: TestClient, email: str, password: str = "secret-123") -> tuple[int, dict]:
    r = client.post("/auth/token", data={"username": email, "password": password})
    return r.status_code, {"headers": dict(r.headers), "body": r.json()}


def test_wrong_passwords_meet_429_per_account_and_per_address(client: TestClient) -> None:
    codes = [token(client, "ann@example.kz", "wrong")[0] for _ in range(7)]
    assert codes[:5] == [401] * 5 and codes[5:] == [429, 429]
    code, r = token(client, "ann@example.kz")  # even the right password waits
    assert code == 429 and int(r["headers"]["retry-after"]) > 0
    assert token(client, "bob@example.kz")[0] == 200  # another account from the same address
    for _ in range(3):
        assert token(client, "bob@example.kz", "wrong")[0] == 401
    assert token(client, "eve@example.kz")[0] == 429  # the address is used up: 8 failures
    page = client.post("/login", data={"email": "eve@example.kz", "password": "secret-123"},
                       follow_redirects=False)
    assert page.status_code == 429


def spy_hasher(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The hashes the service verifies against, in order."""
    seen: list[str] = []

    class Spy(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> bool:
            seen.append(str(hash))
            return super().verify(hash, password)

    monkeypatch.setattr(security, "_hasher", Spy(time_cost=security.TIME_COST,
                                                 memory_cost=security.MEMORY_KIB,
                                                 parallelism=security.PARALLELISM))
    return seen


def test_unknown_account_runs_the_same_hash(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = spy_hasher(monkeypatch)
    assert token(client, "nobody@example.kz", "wrong")[0] == 401
    assert token(client, "ann@example.kz", "wrong")[0] == 401
    assert len(calls) == 2
    params = [security.extract_parameters(h) for h in calls]
    assert params[0] == params[1]


def test_hash_over_the_bound_is_refused_without_computing(monkeypatch: pytest.MonkeyPatch) -> None:
    good = hash_password("x")
    greedy = good.replace("m=65536", "m=4194304")  # 4 GiB a try
    seen = spy_hasher(monkeypatch)
    assert security.verify_password(greedy, "x") is False
    assert "m=4194304" not in seen[0]
    assert security.verify_password(good, "x") is True


def test_sign_out_revokes_the_token(client: TestClient) -> None:
    _, r = token(client, "ann@example.kz")
    auth = {"Authorization": f"Bearer {r['body']['access_token']}"}
    assert client.get("/packages", headers=auth).status_code == 200
    assert client.post("/auth/logout", headers=auth).status_code == 204
    assert client.get("/packages", headers=auth).status_code == 401
    # the pages: the cookie of a signed-out session is refused too
    r2 = client.post("/login", data={"email": "bob@example.kz", "password": "secret-123"},
                     follow_redirects=False)
    cookie = r2.cookies.get("intake_session")
    assert cookie and client.get("/packages", cookies={"intake_session": cookie}).status_code == 200
    client.post("/logout", cookies={"intake_session": cookie}, follow_redirects=False)
    client.cookies.clear()
    assert client.get("/packages", cookies={"intake_session": cookie}).status_code == 401


def test_login_form_checks_origin_and_secure_cookie_is_a_setting(tmp_path: Path) -> None:
    with make_client(tmp_path, cookie_secure=True) as client:
        form = {"email": "ann@example.kz", "password": "secret-123"}
        forged = client.post("/login", data=form, headers={"Origin": "https://evil.example"},
                             follow_redirects=False)
        assert forged.status_code == 403 and "intake_session" not in forged.cookies
        ok = client.post("/login", data=form, headers={"Origin": "http://testserver"}, follow_redirects=False)
        assert ok.status_code == 303
        assert "secure" in ok.headers["set-cookie"].lower()
