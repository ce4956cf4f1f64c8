"""The officer's queue holds every package awaiting a decision — complete ones, ones whose findings are all
resolved, ones still being read — and leaves out decided ones; paging, filters, sorting and search by the
applicant's BIN or company name (as read from the documents)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from intake.service.app import create_app
from intake.service.review import finding_key
from tests.review_support import (
    GeneratedPackage,
    bearer,
    generated_package,
    make_settings,
    upload_generated,
    wait_done,
)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> GeneratedPackage:
    return generated_package(tmp_path_factory.mktemp("gen"))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(tmp_path_factory.mktemp("svc") / "var"))) as c:
        yield c



def test_queue_holds_every_undecided_package(client: TestClient, package: GeneratedPackage) -> None:
    ann, olga = bearer(client, "ann@example.kz"), bearer(client, "olga@example.kz")
    complete = upload_generated(client, ann, package, list(package.files.items()))
    flagged = upload_generated(client, ann, package, package.without_payment())
    resolved = upload_generated(client, ann, package, package.without_payment(),
                                application_date="2026-03-03")
    decided = upload_generated(client, ann, package, list(package.files.items()))

    # the third package's findings are all resolved by the officer: it still awaits a decision
    report = client.get(f"/packages/{resolved}/report", headers=ann).json()
    for f in report["findings"]:
        if f["severity"] in ("error", "warning"):
            r = client.post(f"/packages/{resolved}/findings/{finding_key(f)}/resolution", headers=olga,
                            json={"resolution": "resolved", "comment": "проверено"})
            assert r.status_code == 200
    assert client.post(f"/packages/{decided}/decision", headers=olga,
                       json={"outcome": "approved"}).status_code == 200

    body = client.get("/officer/queue", headers=olga).json()
    ids = [i["id"] for i in body["items"]]
    assert ids == [complete, flagged, resolved] and body["total"] == 3
    by_id = {i["id"]: i for i in body["items"]}
    assert by_id[complete]["complete"] is True and by_id[complete]["open_errors"] == 0
    assert by_id[resolved]["open_errors"] == by_id[resolved]["open_warnings"] == 0
    assert by_id[flagged]["open_errors"] >= 1
    company = by_id[complete]["company"]
    assert company and by_id[complete]["applicant_bin"] == package.applicant_bin

    # paging
    page2 = client.get("/officer/queue", headers=olga, params={"limit": 2, "offset": 2}).json()
    assert ([i["id"] for i in page2["items"]], page2["total"], page2["offset"]) == ([resolved], 3, 2)
    # sorting
    newest = client.get("/officer/queue", headers=olga, params={"sort": "-created_at"}).json()
    assert [i["id"] for i in newest["items"]] == [resolved, flagged, complete]
    errors_first = client.get("/officer/queue", headers=olga, params={"sort": "-open_errors"}).json()
    assert errors_first["items"][0]["id"] == flagged
    # filters
    assert [i["id"] for i in client.get("/officer/queue", headers=olga,
                                        params={"severity": "error"}).json()["items"]] == [flagged]
    assert client.get("/officer/queue", headers=olga,
                      params={"cost_type": "staff_competence"}).json()["total"] == 0
    assert client.get("/officer/queue", headers=olga, params={"status": "failed"}).json()["total"] == 0
    assert client.get("/officer/queue", headers=olga, params={"until": "2020-01-01"}).json()["total"] == 0
    # search: part of the BIN, part of the company name in another case, a name that is not there
    assert client.get("/officer/queue", headers=olga,
                      params={"q": package.applicant_bin[-5:]}).json()["total"] == 3
    word = max(company.replace("«", " ").replace("»", " ").split(), key=len)
    assert client.get("/officer/queue", headers=olga, params={"q": word.upper()}).json()["total"] == 3
    assert client.get("/officer/queue", headers=olga, params={"q": "Несуществующее"}).json()["total"] == 0
    assert client.get("/officer/queue", headers=olga, params={"q": "000000000000"}).json()["total"] == 0


def test_audit_trail_pages(client: TestClient, package: GeneratedPackage) -> None:
    ann = bearer(client, "ann@example.kz")
    pid = upload_generated(client, ann, package, package.without_payment())
    assert client.post(f"/packages/{pid}/recheck", headers=ann).status_code == 202
    wait_done(client, ann, pid)
    trail = client.get(f"/packages/{pid}/audit", headers=ann).json()
    assert [a["action"] for a in trail] == ["upload", "recheck"]
    newest = client.get(f"/packages/{pid}/audit", headers=ann, params={"order": "newest", "limit": 1}).json()
    assert [a["id"] for a in newest] == [trail[-1]["id"]]
    second = client.get(f"/packages/{pid}/audit", headers=ann, params={"offset": 1}).json()
    assert [a["id"] for a in second] == [trail[1]["id"]]
