"""Authorization walk: every route the application serves — read from `app.routes` and the OpenAPI
document, so routes added later are walked too — called by another applicant (B) against applicant
A's package, documents, files and findings.

B must get 401/403/404 on anything addressed by A's identifiers and never see A's data anywhere; an
applicant is refused every officer-only route; without a token every private route refuses. Each
request is well-formed: the same request by someone allowed (A, or an officer) is not refused by
validation, so B's refusal is the authorization's doing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import Mount

from intake.db.session import Database
from intake.db.tables import User
from intake.service.app import create_app
from intake.service.security import hash_password
from intake.settings import Settings
from tests.conftest import make_pdf
from tests.intake.service.test_api import APPLICANT_BIN, CONTRACT, FORM, login, upload, wait_done

PUBLIC = {("POST", "/auth/token"), ("GET", "/openapi.json"), ("GET", "/docs"),
          ("GET", "/docs/oauth2-redirect"), ("GET", "/redoc"), ("GET", "/"), ("GET", "/login"),
          ("POST", "/login"), ("POST", "/logout"), ("GET", "/language"), ("GET", "/healthz"),
          ("GET", "/readyz"), ("GET", "/metrics"), ("GET", "/account/{token}"), ("POST", "/account/{token}")}
"""Routes anyone may call (still walked: they must not show A's data either)."""
SESSION_COOKIE = "intake_session"
PARAM = re.compile(r"\{([^}:]+)(?::[^}]*)?\}")
A_EMAIL = "ann@example.kz"
SECRET_TEXT = "Секретная-строка-Анны-4711"


def flat_routes(app: FastAPI) -> list[Any]:
    """Every endpoint route object, included routers unfolded (static mounts left out)."""

    def walk(routes: list[Any]) -> Iterator[Any]:
        for r in routes:
            if hasattr(r, "original_router"):  # FastAPI's included-router wrapper
                yield from walk(r.original_router.routes)
            elif isinstance(r, Mount):
                continue
            else:
                yield r

    return list(walk(list(app.router.routes)))


def full_spec(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document of every API route, the ones hidden from the public document included."""
    from fastapi.openapi.utils import get_openapi
    from fastapi.routing import APIRoute

    api = [r for r in flat_routes(app) if isinstance(r, APIRoute)]
    hidden = [r for r in api if not r.include_in_schema]
    for r in hidden:
        r.include_in_schema = True
    try:
        return get_openapi(title="walk", version="0", routes=api)
    finally:
        for r in hidden:
            r.include_in_schema = False


def endpoints(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path) of every endpoint, HEAD left out."""
    return sorted({(m, r.path) for r in flat_routes(app) for m in (getattr(r, "methods", None) or ())
                   if m != "HEAD"})


class Example:
    """Values for parameters and bodies, taken from A's package where the name says what is meant."""

    def __init__(self, spec: dict[str, Any], known: dict[str, list[Any]]) -> None:
        self.spec = spec
        self.known = known

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.spec["components"]["schemas"][name]
        if "anyOf" in schema:
            options = [s for s in schema["anyOf"] if s.get("type") != "null"]
            return self.resolve(options[0]) if options else {}
        if "allOf" in schema:
            return self.resolve(schema["allOf"][0])
        return schema

    def value(self, name: str, schema: dict[str, Any] | None) -> Any:
        schema = self.resolve(schema or {})
        candidates = [*self.candidates(name), *self.known["any"]]
        if "enum" in schema:
            return schema["enum"][0]
        if "const" in schema:
            return schema["const"]
        kind = schema.get("type", "string")
        if kind == "integer":
            low = schema.get("minimum", schema.get("exclusiveMinimum", 0))
            return max(int(low), 1) if name in ("page", "quarter") else int(low)
        if kind == "number":
            return 1
        if kind == "boolean":
            return True
        if kind == "array":
            return [self.value(name, schema.get("items"))]
        if kind == "object":
            return self.body(schema)
        if schema.get("format") == "date":
            return "2026-03-01"
        pattern = schema.get("pattern")
        for c in candidates:
            if isinstance(c, str) and (pattern is None or re.search(pattern, c)):
                return c
        if pattern and (alt := re.fullmatch(r"\^\(?([\w|-]+)\)?\$", pattern)):
            return alt.group(1).split("|")[0]
        return "x" * max(1, schema.get("minLength", 1))

    def candidates(self, name: str) -> list[Any]:
        n = name.lower()
        for key, values in self.known.items():
            if key in n:
                return values
        return []

    def body(self, schema: dict[str, Any]) -> dict[str, Any]:
        schema = self.resolve(schema)
        props = schema.get("properties", {})
        return {k: self.value(k, v) for k, v in props.items()}


def build_request(method: str, path: str, op: dict[str, Any] | None, ex: Example) -> dict[str, Any]:
    """URL, query, body of a well-formed request aimed at A's things."""
    url = PARAM.sub(lambda m: str(ex.value(m.group(1), _param_schema(op, m.group(1)))), path)
    req: dict[str, Any] = {"method": method, "url": url}
    if op is None:
        return req
    query = {p["name"]: ex.value(p["name"], p.get("schema")) for p in op.get("parameters", [])
             if p["in"] == "query" and (p.get("required") or ex.candidates(p["name"]))}
    if query:
        req["params"] = query
    content = (op.get("requestBody") or {}).get("content", {})
    if "application/json" in content:
        req["json"] = ex.body(content["application/json"]["schema"])
    elif "multipart/form-data" in content or "application/x-www-form-urlencoded" in content:
        media = next(m for m in ("multipart/form-data", "application/x-www-form-urlencoded") if m in content)
        fields = ex.body(content[media]["schema"])
        files = [("files", ("Добавка.pdf", make_pdf(CONTRACT[:2]), "application/pdf"))] \
            if "files" in fields else None
        data = {k: v for k, v in fields.items() if k != "files" and not isinstance(v, list)}
        data.update({k: FORM[k] for k in FORM if k in fields})
        req["data"] = data
        if files:
            req["files"] = files
    return req


def _param_schema(op: dict[str, Any] | None, name: str) -> dict[str, Any] | None:
    for p in (op or {}).get("parameters", []):
        if p["name"] == name and p["in"] == "path":
            return dict(p.get("schema") or {})
    return None


def is_validation_error(r: Any) -> bool:
    """FastAPI's own request validation (a list of errors), as opposed to a route's decision."""
    if r.status_code != 422:
        return False
    try:
        return isinstance(r.json().get("errors"), list)
    except ValueError:
        return False


@pytest.fixture()
def app_and_users(tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    settings = Settings(data_dir=tmp_path / "var", workers=1, uploads_per_minute=0)
    db = Database(settings.db_url)
    with db.session() as s:
        for email, role in ((A_EMAIL, "applicant"), ("bob@example.kz", "applicant"),
                            ("olga@example.kz", "officer")):
            s.add(User(email=email, password_hash=hash_password("secret-123"), role=role))
    db.dispose()
    with TestClient(create_app(settings)) as client:
        tokens = {who: login(client, f"{who}@example.kz")["Authorization"].split()[1]
                  for who in ("ann", "bob", "olga")}
        yield client, tokens


def as_user(token: str | None) -> dict[str, Any]:
    if token is None:
        return {}
    return {"headers": {"Authorization": f"Bearer {token}"}, "cookies": {SESSION_COOKIE: token}}


def call(client: TestClient, req: dict[str, Any], token: str | None) -> Any:
    client.cookies.clear()
    auth = as_user(token)
    if "cookies" in auth:
        client.cookies.update(auth.pop("cookies"))
    return client.request(**req, **auth, follow_redirects=False)


def test_every_route_keeps_applicants_apart(app_and_users: tuple[TestClient, dict[str, str]]) -> None:
    client, tok = app_and_users
    ann = {"Authorization": f"Bearer {tok['ann']}"}
    pid = upload(client, ann, [("Договор.pdf", make_pdf([*CONTRACT, SECRET_TEXT], pages=2))])
    assert wait_done(client, ann, pid)["status"] == "done"
    report = client.get(f"/packages/{pid}/report", headers=ann).json()
    from intake.service.review import finding_key

    known: dict[str, list[Any]] = {
        "package": [pid], "doc": [d["id"] for d in report["documents"]],
        "file": ["Договор.pdf"], "key": [finding_key(f) for f in report["findings"]],
        "name": ["Договор.pdf", "number"], "index": [0], "page": [1], "year": [2026], "quarter": [1],
        "bin": [APPLICANT_BIN], "any": [pid],
    }
    public_spec = client.get("/openapi.json").json()
    spec = full_spec(client.app)  # type: ignore[arg-type]
    ex = Example(spec, known)
    # signing out revokes B's token: those routes are walked last, so every other route meets a live B
    routes = sorted(endpoints(client.app), key=lambda r: r[1] in ("/logout", "/auth/logout"))  # type: ignore[arg-type]
    in_schema = {(m.upper(), p) for p, ops in public_spec["paths"].items() for m in ops}
    served = {(m, PARAM.sub(lambda g: "{" + g.group(1) + "}", p)) for m, p in routes}
    assert in_schema <= served, f"documented but not served: {in_schema - served}"
    assert len(routes) >= 20

    leaks = [pid, A_EMAIL, SECRET_TEXT, "77/2025", report["files"][0]["sha256"]]
    walked: list[str] = []
    for method, path in routes:
        op = spec["paths"].get(PARAM.sub(lambda g: "{" + g.group(1) + "}", path), {}).get(method.lower())
        req = build_request(method, path, op, ex)
        addressed = bool(PARAM.search(path))
        r = call(client, req, tok["bob"])
        label = f"{method} {req['url']} → {r.status_code}"
        walked.append(label)
        body = r.content.decode("utf-8", "replace")
        assert not is_validation_error(r), f"{label}: request not well-formed, nothing proven: {body[:300]}"
        if addressed:
            assert r.status_code in (401, 403, 404), f"{label}: B reached A's resource: {body[:300]}"
        else:
            assert r.status_code < 500, label
        for secret in leaks[1:]:  # A's id itself may be echoed back to whoever sent it
            assert secret not in body, f"{label}: A's data leaked ({secret!r})"
        if not addressed and (method, path) not in PUBLIC:
            assert pid not in body, f"{label}: A's package listed to B"
        if (method, path) not in PUBLIC:
            anon = call(client, req, None)
            assert anon.status_code in (401, 403, 303, 307), f"{method} {path}, no token: {anon.status_code}"
            if anon.status_code in (303, 307):
                assert anon.headers["location"].startswith("/login")

    # A's package is untouched by B's walk
    after = client.get(f"/packages/{pid}", headers=ann).json()
    assert after["status"] == "done"
    assert client.get(f"/packages/{pid}/report", headers=ann).json() == report
    audit = client.get(f"/packages/{pid}/audit", headers=ann)
    if audit.status_code == 200:
        assert all(e.get("user") in (A_EMAIL, None) for e in audit.json()), audit.json()

    # controls: the same requests by A (or, where A is refused, by an officer) are well-formed
    officer_only = []
    for method, path in routes:
        if (method, path) in PUBLIC or not PARAM.search(path):
            continue
        op = spec["paths"].get(PARAM.sub(lambda g: "{" + g.group(1) + "}", path), {}).get(method.lower())
        req = build_request(method, path, op, ex)
        r = call(client, req, tok["ann"])
        if r.status_code == 403:
            officer_only.append(f"{method} {path}")
            r = call(client, req, tok["olga"])
        assert not is_validation_error(r), f"{method} {path}: the control is malformed: {r.text[:300]}"
        assert r.status_code != 404, f"{method} {path}: the control got 404: {r.text[:300]}"
    assert any("/decision" in r for r in officer_only), officer_only
    print(f"walked {len(walked)} routes:", *walked, sep="\n  ")
    print("officer-only (applicant refused):", *officer_only, sep="\n  ")
    assert APPLICANT_BIN  # the applicant's BIN is the caller's own form value, not a secret of A
