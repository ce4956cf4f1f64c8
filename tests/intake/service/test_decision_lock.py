"""A decision holds: the package is locked (409) until an officer reopens it, which puts it back in the
queue; operators read and re-check but do not write as applicants; applicants never see officers'
e-mails or internal comments. Embedded and on SeaweedFS + PostgreSQL."""

from __future__ import annotations

from fastapi.testclient import TestClient

from intake.db.tables import User
from intake.service.security import hash_password
from tests.conftest import make_pdf
from tests.intake.service.test_api import CONTRACT, client, login, servers, upload, wait_done  # noqa: F401


def _operator(client: TestClient) -> dict[str, str]:  # noqa: F811
    with client.app.state.ctx.db.session() as s:  # type: ignore[attr-defined]
        s.add(User(email="oleg@example.kz", password_hash=hash_password("secret-123"), role="operator"))
    return login(client, "oleg@example.kz")


def test_decision_locks_until_reopened(client: TestClient) -> None:  # noqa: F811
    ann, olga, oleg = login(client, "ann@example.kz"), login(client, "olga@example.kz"), _operator(client)
    pid = upload(client, ann, [("Договор.pdf", make_pdf(CONTRACT))])
    assert wait_done(client, ann, pid)["status"] == "done"
    more = [("files", ("Акт.pdf", make_pdf(["АКТ № 1"]), "application/pdf"))]
    assert client.post(f"/packages/{pid}/files", headers=oleg, files=more).status_code == 403
    assert client.post(f"/packages/{pid}/files", headers=olga, files=more).status_code == 403
    assert client.post(f"/packages/{pid}/recheck", headers=oleg).status_code == 202
    wait_done(client, ann, pid)
    r = client.post(f"/packages/{pid}/decision", headers=olga,
                    json={"outcome": "rejected", "comment": "Нет акта.",
                          "internal_comment": "звонил, не отвечает"})
    assert r.status_code == 200
    queue = client.get("/officer/queue", headers=olga).json()["items"]
    assert pid not in {i["id"] for i in queue}
    assert client.post(f"/packages/{pid}/files", headers=ann, files=more).status_code == 409
    assert client.post(f"/packages/{pid}/recheck", headers=ann).status_code == 409
    assert client.post(f"/packages/{pid}/withdraw", headers=ann).status_code == 409
    assert client.post(f"/packages/{pid}/reopen", headers=ann, json={}).status_code == 403
    assert client.post(f"/packages/{pid}/reopen", headers=olga, json={"internal_comment": "по жалобе"}
                       ).status_code == 200
    assert client.get(f"/packages/{pid}", headers=ann).json()["status"] == "done"
    assert pid in {i["id"] for i in client.get("/officer/queue", headers=olga).json()["items"]}
    assert client.post(f"/packages/{pid}/files", headers=ann, files=more).status_code == 202
    wait_done(client, ann, pid)
    r = client.post(f"/packages/{pid}/decision", headers=olga, json={"outcome": "approved"})
    assert r.status_code == 200

    trail = client.get(f"/packages/{pid}/audit", headers=ann).json()
    text = str(trail)
    assert "olga@example.kz" not in text and "oleg@example.kz" not in text
    assert "звонил" not in text and "по жалобе" not in text
    assert "Нет акта." in text  # the comment for the applicant
    assert {e["user"] for e in trail if e["action"] == "upload"} == {"ann@example.kz"}
    officer_view = str(client.get(f"/packages/{pid}/audit", headers=olga).json())
    assert "звонил" in officer_view and "olga@example.kz" in officer_view
