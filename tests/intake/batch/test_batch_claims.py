"""`intake batch --stored` against real PostgreSQL takes the service's claim: a package the service is
processing is left to it (recorded `busy`), and the service starts no check of a package the batch
holds — a re-check asked meanwhile is queued once the batch has stored its report."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from intake.batch.stored import StoredSource
from intake.db.tables import Package
from intake.db.tables import Report as ReportRow
from intake.service import worker as worker_mod
from intake.service.context import make_context
from intake.settings import Settings
from tests.conftest import born_digital_archive
from tests.intake.batch.test_batch_service import _store_packages, batch, reports, results
from tests.servers.postgres import postgres, reset

PLAN = [("complete", "staff_competence"), ("invalid_bin", "process_energy_audit")]


@pytest.fixture(scope="module")
def pg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with postgres(tmp_path_factory.mktemp("pg")) as server:
        yield server.url


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return born_digital_archive(tmp_path_factory.mktemp("archive"), 31, date(2025, 10, 6), PLAN)


def test_package_the_service_is_processing_is_left_to_it(pg: str, archive: Path, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", database_url=pg)
    ids = list(_store_packages(settings, archive))
    ctx = make_context(settings)
    holder = f"elsewhere:1:{'x' * 8}"  # a live service worker on another host
    try:
        busy, free = ids
        with ctx.db.session() as s:
            s.execute(update(Package).where(Package.id == busy)
                      .values(status="processing", claimed_by=holder, updated_at=datetime.now(UTC)))
            old = s.get(ReportRow, busy)
            assert old is not None
            old_body = old.body
        env = {"INTAKE_DATA_DIR": str(settings.data_dir), "INTAKE_DATABASE_URL": pg}
        code, output = batch(["--stored", "--out", str(tmp_path / "out")], env)
        got = results(tmp_path / "out")
        assert got[free]["status"] == "done"
        assert got[busy]["status"] == "busy" and "processing" in got[busy]["error"]
        assert code == 1, output  # not every package was checked
        with ctx.db.session() as s:
            row = s.get(Package, busy)
            assert row is not None and (row.status, row.claimed_by) == ("processing", holder)
            report = s.get(ReportRow, busy)
            assert report is not None and report.body == old_body  # the batch saved nothing over it
            done = s.get(Package, free)
            assert done is not None and (done.status, done.claimed_by) == ("done", None)
    finally:
        ctx.db.dispose()
        reset(pg)


def test_service_does_not_start_a_package_the_batch_holds(
    pg: str, archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the batch reads a package, a re-check reaches another service process: it is only marked,
    that process's worker does not take it, and the package is queued after the batch stored its report."""
    settings = Settings(data_dir=tmp_path / "var", database_url=pg)
    ids = list(_store_packages(settings, archive))
    service = make_context(settings)  # another process's engine
    me = worker_mod.worker_id()
    outcomes: dict[str, str] = {}
    seen: dict[str, tuple[str, bool]] = {}
    blobs = StoredSource.blobs

    def recheck_meanwhile(self: StoredSource, row):  # type: ignore[no-untyped-def]
        with service.db.session() as s:
            worker_mod.request_check(s, row.package_id)
        outcomes[row.package_id] = worker_mod.run_claimed(service, row.package_id, me)
        with service.db.session() as s:
            pkg = s.get(Package, row.package_id)
            assert pkg is not None
            seen[row.package_id] = (pkg.status, bool(pkg.rerun))
        return blobs(self, row)

    monkeypatch.setattr(StoredSource, "blobs", recheck_meanwhile)
    try:
        env = {"INTAKE_DATA_DIR": str(settings.data_dir), "INTAKE_DATABASE_URL": pg}
        code, output = batch(["--stored", "--out", str(tmp_path / "out")], env)
        assert code == 0, output
        assert outcomes == {pid: "taken" for pid in ids}  # the service's worker did not start them
        assert seen == {pid: ("processing", True) for pid in ids}  # held by the batch, re-check marked
        got = results(tmp_path / "out")
        with service.db.session() as s:
            for pid in ids:
                assert got[pid]["status"] == "done"
                pkg = s.get(Package, pid)
                report = s.get(ReportRow, pid)
                assert pkg is not None and report is not None
                assert (pkg.status, pkg.rerun, pkg.claimed_by) == ("queued", False, None)  # for the service
                assert report.body == reports(tmp_path / "out")[pid]  # the batch's report was stored
        assert worker_mod.run_claimed(service, ids[0], me) == "done"  # the service then checks it
    finally:
        service.db.dispose()
        reset(pg)
