"""Reliability against real PostgreSQL and Redis: two service processes never take the same package
(atomic claim), a package whose broker message was lost is sent again, and the upload limit is
counted in Redis across service processes."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy import update

from intake.db.session import Database
from intake.db.tables import AuditEntry, Package, User
from intake.service import worker as worker_mod
from intake.service.app import create_app
from intake.service.context import make_context
from intake.service.security import hash_password
from intake.service.worker import sweep
from intake.settings import Settings
from tests.servers.postgres import postgres, reset
from tests.servers.redis import redis_server

FORM = {"cost_type": "digital_equipment", "application_date": "2026-03-01", "applicant_bin": "940140000385"}


@pytest.fixture(scope="module")
def pg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with postgres(tmp_path_factory.mktemp("pg")) as server:
        yield server.url


@pytest.fixture(scope="module")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


def _package(db: Database, status: str, updated: datetime, claimed_by: str | None = None) -> str:
    pid = str(uuid.uuid4())
    with db.session() as s:
        user = s.query(User).first()
        if user is None:
            user = User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant")
            s.add(user)
            s.flush()
        s.add(Package(id=pid, owner_id=user.id, cost_type="digital_equipment",
                      application_date=date(2026, 3, 1), applicant_bin="940140000385", status=status,
                      updated_at=updated, claimed_by=claimed_by))
    return pid


def test_only_one_process_claims_a_package(pg: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", database_url=pg)
    ctx_a, ctx_b = make_context(settings), make_context(settings)  # two processes' engines
    try:
        now = datetime.now(UTC)
        queued = [_package(ctx_a.db, "queued", now) for _ in range(20)]
        wins: dict[str, list[bool]] = {pid: [] for pid in queued}
        barrier = threading.Barrier(2)
        ids = {id(ctx_a): worker_mod.worker_id(), id(ctx_b): worker_mod.worker_id()}
        me = ids[id(ctx_b)]

        def resume(ctx: object) -> None:
            barrier.wait()
            for pid in queued:
                wins[pid].append(worker_mod.claim(ctx, pid, ids[id(ctx)]))  # type: ignore[arg-type]

        threads = [threading.Thread(target=resume, args=(c,)) for c in (ctx_a, ctx_b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert all(sorted(w) == [False, True] for w in wins.values())

        live = _package(ctx_a.db, "processing", now, claimed_by="elsewhere:1:x")
        assert not worker_mod.claim(ctx_b, live, me)  # another host's worker, recently active
        stale = _package(ctx_a.db, "processing", now - timedelta(hours=1), claimed_by="elsewhere:1:x")
        assert worker_mod.claim(ctx_b, stale, me)  # no progress for an hour: its worker is gone
        dead = _package(ctx_a.db, "processing", now, claimed_by=f"{worker_mod.HOST}:999999:x")
        assert worker_mod.claim(ctx_b, dead, me)  # a process of this host that no longer runs
        running = _package(ctx_a.db, "processing", now, claimed_by=f"{worker_mod.HOST}:1:x")
        assert not worker_mod.claim(ctx_b, running, me)  # a live process of this host (init) holds it
    finally:
        ctx_a.db.dispose()
        ctx_b.db.dispose()
        reset(pg)


def test_sweeper_resends_packages_whose_message_was_lost(pg: str, broker: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", database_url=pg, broker_url=broker, sweep_seconds=600)
    ctx = make_context(settings)
    try:
        now = datetime.now(UTC)
        lost = _package(ctx.db, "queued", now - timedelta(hours=2))
        fresh = _package(ctx.db, "queued", now)
        _package(ctx.db, "done", now - timedelta(hours=2))
        from intake.service.worker import CeleryExecutor

        dispatcher = CeleryExecutor(settings, ctx)
        sent: list[str] = []

        def send(pid: str) -> None:
            sent.append(pid)
            dispatcher.submit(pid)

        assert sweep(ctx, send) == 1 and sent == [lost]
        assert sweep(ctx, send) == 0  # marked: not sent again at once, nor by another process
        client = redis.Redis.from_url(broker)
        messages = client.lrange("intake", 0, -1)
        assert len(messages) == 1 and lost.encode() in messages[0]
        assert fresh not in sent
        dispatcher.close()
    finally:
        ctx.db.dispose()
        reset(pg)


def test_upload_limit_is_shared_by_service_processes(pg: str, broker: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", database_url=pg, broker_url=broker, uploads_per_minute=3,
                        storage_url=None)
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant"))
    db.dispose()
    try:
        with TestClient(create_app(settings)) as a, TestClient(create_app(settings)) as b:
            r = a.post("/auth/token", data={"username": "ann@example.kz", "password": "secret-123"})
            auth = {"Authorization": f"Bearer {r.json()['access_token']}"}
            pdf = b"%PDF-1.4\n" + b"0" * 100
            codes = []
            for c in (a, b, a, b):
                codes.append(c.post("/packages", headers=auth, data=FORM,
                                    files=[("files", ("a.pdf", pdf, "application/pdf"))]).status_code)
            assert codes == [201, 201, 201, 429]
    finally:
        reset(pg)


def test_recheck_while_another_process_runs_the_package_runs_it_once(pg: str, tmp_path: Path) -> None:
    """Process A is reading a package; a re-check sent to process B does not start a second run in B:
    A checks the package once more when its pass ends."""
    from tests.conftest import make_pdf
    from tests.intake.service.test_api import CONTRACT, login, upload, wait_done

    settings = Settings(data_dir=tmp_path / "var", database_url=pg, storage_url=None, workers=1)
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant"))
    db.dispose()
    ctx_a = make_context(settings)
    me_a = worker_mod.worker_id()
    try:
        with TestClient(create_app(settings)) as b:
            ann = login(b, "ann@example.kz")
            pid = upload(b, ann, [("Договор.pdf", make_pdf(CONTRACT))])
            assert wait_done(b, ann, pid)["status"] == "done"
            b.app.state.worker.pending[pid].result(timeout=60)  # type: ignore[attr-defined]
            with ctx_a.db.session() as s:
                s.execute(update(Package).where(Package.id == pid).values(status="queued"))
            assert worker_mod.claim(ctx_a, pid, me_a)  # A is processing it from here on

            assert b.post(f"/packages/{pid}/recheck", headers=ann).status_code == 202
            assert b.app.state.worker.pending[pid].result(timeout=60) == "taken"  # type: ignore[attr-defined]
            with ctx_a.db.session() as s:
                row = s.get(Package, pid)
                assert row is not None
                assert (row.status, row.claimed_by, row.rerun, row.attempts) == ("processing", me_a, True, 1)

            assert worker_mod.process_package(ctx_a, pid) == "done"  # A's pass that was under way
            assert worker_mod.check_again(ctx_a, pid, me_a)  # asked meanwhile: queued once more
            assert worker_mod.run_claimed(ctx_a, pid, me_a) == "done"
            assert not worker_mod.check_again(ctx_a, pid, me_a)
            with ctx_a.db.session() as s:
                row = s.get(Package, pid)
                assert row is not None
                assert (row.status, row.rerun, row.attempts) == ("done", False, 3)
    finally:
        ctx_a.db.dispose()
        reset(pg)


def test_sweeper_resends_packages_whose_worker_died_elsewhere(pg: str, broker: str, tmp_path: Path) -> None:
    """A package left `processing` (a re-check marked) by a worker on another host that stopped making
    progress past `INTAKE_CLAIM_SECONDS` is queued again and sent once, by one sweeping process."""
    settings = Settings(data_dir=tmp_path / "var", database_url=pg, broker_url=broker, sweep_seconds=600,
                        claim_seconds=600)
    ctx_a, ctx_b = make_context(settings), make_context(settings)
    try:
        now = datetime.now(UTC)
        dead = _package(ctx_a.db, "processing", now - timedelta(hours=1), claimed_by="elsewhere:1:x")
        with ctx_a.db.session() as s:  # a re-check was asked for an hour ago
            s.execute(update(Package).where(Package.id == dead)
                      .values(rerun=True, updated_at=now - timedelta(hours=1)))
        live = _package(ctx_a.db, "processing", now - timedelta(seconds=30), claimed_by="elsewhere:2:x")
        from intake.service.worker import CeleryExecutor

        redis.Redis.from_url(broker).delete("intake")  # messages of the earlier tests
        dispatcher = CeleryExecutor(settings, ctx_a)
        sent: list[str] = []

        def send(pid: str) -> None:
            sent.append(pid)
            dispatcher.submit(pid)

        barrier = threading.Barrier(2)
        counts: list[int] = []

        def sweeper(ctx: object) -> None:
            barrier.wait()
            counts.append(sweep(ctx, send))  # type: ignore[arg-type]

        threads = [threading.Thread(target=sweeper, args=(c,)) for c in (ctx_a, ctx_b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(counts) == [0, 1] and sent == [dead]
        assert sweep(ctx_a, send) == 0
        with ctx_a.db.session() as s:
            row = s.get(Package, dead)
            assert row is not None and (row.status, row.rerun) == ("queued", False)
            kept = s.get(Package, live)
            assert kept is not None and (kept.status, kept.claimed_by) == ("processing", "elsewhere:2:x")
        messages = redis.Redis.from_url(broker).lrange("intake", 0, -1)
        assert len(messages) == 1 and dead.encode() in messages[0]
        assert worker_mod.claim(ctx_b, dead, worker_mod.worker_id())  # a worker takes it from the queue
        dispatcher.close()
    finally:
        ctx_a.db.dispose()
        ctx_b.db.dispose()
        reset(pg)


class _SentThenFailed:
    """The broker took the message, then the send reported a failure (a timeout on the reply): a worker
    elsewhere has already claimed the package when the route hears of the failure."""

    def __init__(self, inner: worker_mod.PackageExecutor, settings: Settings, holder: str) -> None:
        self.inner, self.settings, self.holder = inner, settings, holder

    def submit(self, package_id: str) -> None:
        ctx = make_context(self.settings)
        try:
            assert worker_mod.claim(ctx, package_id, self.holder)
        finally:
            ctx.db.dispose()
        raise ConnectionError("timed out waiting for the broker")

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


def test_queue_failure_after_a_worker_took_the_package_keeps_it_processing(pg: str, tmp_path: Path) -> None:
    """A re-check whose send reports a failure after a worker has claimed the package (the broker took the
    message) is under way: it is accepted, and the package stays `processing` with that worker — it must
    not look checked while it runs, or the next re-check would start a second run."""
    from tests.conftest import make_pdf
    from tests.intake.service.test_api import CONTRACT, login, upload, wait_done

    settings = Settings(data_dir=tmp_path / "var", database_url=pg, storage_url=None, workers=1)
    db = Database(settings.db_url)
    with db.session() as s:
        s.add(User(email="ann@example.kz", password_hash=hash_password("secret-123"), role="applicant"))
    db.dispose()
    holder = "elsewhere:1:x"
    try:
        with TestClient(create_app(settings)) as client:
            ann = login(client, "ann@example.kz")
            pid = upload(client, ann, [("Договор.pdf", make_pdf(CONTRACT))])
            assert wait_done(client, ann, pid)["status"] == "done"
            client.app.state.worker.pending[pid].result(timeout=60)  # type: ignore[attr-defined]
            real = client.app.state.worker  # type: ignore[attr-defined]
            client.app.state.worker = _SentThenFailed(real, settings, holder)  # type: ignore[attr-defined]
            accepted = client.post(f"/packages/{pid}/recheck", headers=ann)
            assert accepted.status_code == 202
            client.app.state.worker = real  # type: ignore[attr-defined]
            got = client.get(f"/packages/{pid}", headers=ann).json()
            assert got["status"] == "processing"
            ctx = make_context(settings)
            try:
                with ctx.db.session() as s:
                    row = s.get(Package, pid)
                    assert row is not None and row.claimed_by == holder
                    actions = [a.action for a in s.query(AuditEntry).filter_by(package_id=pid)]
                    assert actions.count("recheck") == 1  # the accepted request stays in the audit
                assert client.post(f"/packages/{pid}/recheck", headers=ann).status_code == 202
                assert real.pending[pid].result(timeout=60) == "taken"  # no second run beside the holder
            finally:
                ctx.db.dispose()
    finally:
        reset(pg)
