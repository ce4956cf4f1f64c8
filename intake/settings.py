"""Settings read once from the environment (`INTAKE_*`), passed down as a frozen value."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Embedded defaults: everything under `./var` (SQLite, object store, cache); no server needed."""

    model_config = SettingsConfigDict(env_prefix="INTAKE_", frozen=True)

    data_dir: Path = Path("var")
    cache_dir: Path | None = None
    """Page and field cache; default `<data_dir>/cache`."""
    workers: int = 0
    """Parallel page readers; 0 = one per core."""
    languages: str = "rus+kaz+eng"
    page_seconds: float = 180.0
    """A page whose OCR runs longer is stopped and reported unreadable; the rest of the package goes on."""
    database_url: str | None = None
    """SQLAlchemy URL; default SQLite at `<data_dir>/intake.db`. PostgreSQL:
    `postgresql+psycopg://user:pass@host/db`."""
    storage_url: str | None = None
    """`s3://ACCESS:SECRET@host:9000/bucket` for MinIO/S3; default a local directory `<data_dir>/objects`."""
    secret_key: str | None = None
    """Signs access tokens. Unset: a random key is made once and kept in `<data_dir>/secret.key`."""
    token_minutes: int = 60
    max_file_mb: int = 50
    max_package_mb: int = 300
    max_files: int = 200
    broker_url: str | None = None
    """`redis://host:6379/0`: process packages on Celery workers; unset: in the service process."""
    task_visibility_seconds: int = 3600
    """How long a taken task may run before the broker gives it to another worker (worker lost)."""
    processing_threads: int = 1
    """Packages processed at once by the in-process worker (each reads its pages in parallel)."""
    uploads_per_minute: int = 20
    """Upload requests (new packages, added files) one user may make in any 60 s; 0: no limit."""
    processing_retries: int = 4
    """Retries of a package whose object store or database is unreachable while it is processed."""
    retry_seconds: float = 2.0
    """First pause between those retries; each next pause doubles (capped at 60 s)."""
    max_body_kb: int = 64
    """Request bodies of every route but the uploads (which take the package limit plus 1 MB)."""
    viewer_megapixels: float = 8.0
    """Pixels of a page image for viewing (larger pages are rendered at a lower resolution)."""
    viewer_renders: int = 4
    """Page images rendered at once by the service (each in a contained reader process)."""
    viewer_renders_per_user: int = 2
    """Page images rendered at once for one user; beyond it 429 with Retry-After."""
    viewer_memory_mb: int = 1024
    """Memory a page-image reader process may add (address space)."""
    viewer_seconds: float = 30.0
    """A page image that takes longer to render is refused."""
    login_failures_per_address: int = 20
    """Failed sign-ins from one address in 15 minutes before 429."""
    login_failures_per_account: int = 10
    """Failed sign-ins to one account in 15 minutes before 429."""
    rechecks_per_minute: int = 10
    """Re-check requests one user may make in any 60 s; 0: no limit."""
    cookie_secure: bool | None = None
    """The session cookie's `Secure` flag: unset follows the request's scheme; `true` behind a TLS proxy."""
    s3_access_key: str | None = None
    s3_secret_key: str | None = None
    """Credentials of `intake batch s3://host:port/bucket/prefix` (kept out of the command line)."""
    s3_credentials_file: Path | None = None
    """Or a file holding `ACCESS:SECRET` for it."""
    claim_seconds: float = 600.0
    """A package `processing` without progress for this long is taken over by another worker."""
    sweep_seconds: float = 900.0
    """Celery mode: a package `queued` this long without being taken is sent to the broker again."""

    @property
    def cache_path(self) -> Path:
        return self.cache_dir or self.data_dir / "cache"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'intake.db'}"

    @property
    def objects_path(self) -> Path:
        return self.data_dir / "objects"

    def signing_key(self) -> str:
        """The configured secret, or the installation's own random one (never a built-in default)."""
        if self.secret_key:
            if len(self.secret_key) < 32:
                raise ValueError("INTAKE_SECRET_KEY must be at least 32 characters")
            return self.secret_key
        path = self.data_dir / "secret.key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            try:  # created readable by its owner only, never for a moment by anyone else
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                return path.read_text().strip()
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(48))
        return path.read_text().strip()
