"""A real PostgreSQL server for tests: a throwaway cluster on a free loopback port."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.servers.ports import free_port


def pg_bin() -> Path | None:
    root = Path("/usr/lib/postgresql")
    found_bins = root.glob("*/bin/initdb") if root.exists() else iter(())
    versions = sorted(found_bins, key=lambda p: int(p.parent.parent.name))
    if versions:
        return versions[-1].parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the `postgres` system user."""
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


class Postgres:
    def __init__(self, root: Path) -> None:
        # the server runs as `postgres` when we are root: give it a directory it can reach
        self.root = Path(tempfile.mkdtemp(prefix="intake-pg-")) if os.geteuid() == 0 else root
        self.port = free_port()
        self.data = self.root / "pgdata"
        self.bin = pg_bin()

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        if self.bin is None:
            raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")
        self.root.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        subprocess.run(_as_postgres([str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U",
                                     "postgres", "-E", "UTF8", "--no-sync"]),
                       check=True, capture_output=True)
        subprocess.run(_as_postgres([
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "pg.log"), "-w", "-t", "60",
            "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start"]), check=True, capture_output=True)
        self.wait_ready()

    def wait_ready(self, timeout: float = 30) -> None:
        import psycopg

        deadline = time.monotonic() + timeout
        while True:
            try:
                psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres").close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self) -> None:
        if self.bin and self.data.exists():
            subprocess.run(_as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                                         "stop"]), capture_output=True)
        if os.geteuid() == 0:
            shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def postgres(root: Path) -> Iterator[Postgres]:
    server = Postgres(root)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def reset(url: str) -> None:
    """Drop every table the migrations made, so the next test migrates a clean database."""
    from intake.db.session import Database
    from intake.db.tables import Base

    db = Database(url, run_migrations=False)
    Base.metadata.drop_all(db.engine)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    db.dispose()
