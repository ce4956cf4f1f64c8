"""The database layer on SQLite (the default) and on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError

from intake.db.session import Database
from intake.db.tables import AuditEntry, Package, PackageFile, Report, User
from tests.servers.postgres import postgres, reset


@pytest.fixture(scope="module")
def pg_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with postgres(tmp_path_factory.mktemp("pg")) as server:
        yield server.url


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'intake.db'}"
    else:
        url = request.getfixturevalue("pg_url")
    database = Database(url)
    yield database
    database.dispose()
    if request.param == "postgresql":
        reset(url)


def test_migrations_create_every_table(db: Database) -> None:
    tables = set(inspect(db.engine).get_table_names())
    assert {"users", "packages", "package_files", "reports", "audit_log", "alembic_version", "pages",
            "documents", "fields", "findings"} <= tables


def test_package_with_files_report_and_audit_round_trips(db: Database) -> None:
    with db.session() as s:
        user = User(email="a@example.kz", password_hash="x", role="applicant")
        s.add(user)
        s.flush()
        pkg = Package(id="p-1", owner_id=user.id, cost_type="digital_equipment",
                      application_date=date(2026, 5, 12), applicant_bin="940140000385")
        pkg.files = [PackageFile(position=0, name="Договор.pdf", sha256="a" * 64, size=10),
                     PackageFile(position=1, name="docs.zip/ПП.pdf", sha256="b" * 64, size=20)]
        pkg.report = Report(body={"schema": "intake.report/1", "complete": True})
        s.add(pkg)
        s.add(AuditEntry(user_id=user.id, action="upload", package_id="p-1", detail={"files": 2}))
    with db.session() as s:
        got = s.get(Package, "p-1")
        assert got is not None and got.status == "queued"
        assert [f.name for f in got.files] == ["Договор.pdf", "docs.zip/ПП.pdf"]
        assert got.report is not None and got.report.body["complete"] is True
        assert got.application_date == date(2026, 5, 12)
        (entry,) = s.scalars(select(AuditEntry)).all()
        assert entry.detail == {"files": 2}


def test_unique_email_and_file_names(db: Database) -> None:
    with db.session() as s:
        s.add(User(email="dup@example.kz", password_hash="x", role="officer"))
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(User(email="dup@example.kz", password_hash="y", role="officer"))
