"""Settings read once from the environment (`INTAKE_*`), passed down as a frozen value.

This is the only module that reads `INTAKE_*`: every limit, reader option and address is a field here,
validated when the process starts (`load_settings`: a malformed value is a `ConfigError`, exit 2).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from extractors.pages import ReaderConfig
from intake.errors import ConfigError
from intake.limits import MB, Limits

RATES_FILE = "rates.csv"


class Settings(BaseSettings):
    """Embedded defaults: everything under `./var` (SQLite, object store, cache); no server needed."""

    model_config = SettingsConfigDict(env_prefix="INTAKE_", frozen=True)

    data_dir: Path = Path("var")
    cache_dir: Path | None = None
    """Page and field cache; default `<data_dir>/cache`."""
    workers: int = Field(0, ge=0)
    """Parallel page readers; 0 = one per core."""
    languages: str = Field("rus+kaz+eng", pattern=r"^[a-z_]+(\+[a-z_]+)*$")
    page_seconds: float = Field(180.0, gt=0)
    """A page whose OCR runs longer is stopped and reported unreadable; the rest of the package goes on."""
    database_url: str | None = None
    """SQLAlchemy URL; default SQLite at `<data_dir>/intake.db`. PostgreSQL:
    `postgresql+psycopg://user:pass@host/db`."""
    storage_url: str | None = None
    """`s3://ACCESS:SECRET@host:9000/bucket` for MinIO/S3; default a local directory `<data_dir>/objects`."""
    secret_key: str | None = None
    """Signs access tokens. Unset: a random key is made once and kept in `<data_dir>/secret.key`."""
    token_minutes: int = Field(60, gt=0)
    max_file_mb: int = Field(50, gt=0)
    max_package_mb: int = Field(300, gt=0)
    max_files: int = Field(200, gt=0)
    max_archive_mb: int = Field(300, gt=0)
    """A ZIP archive as uploaded, in place of `max_file_mb` (which still bounds each of its members); it
    counts against `max_package_mb` too, so no more than that is ever taken (`archive_mb`)."""
    max_archive_members: int = Field(500, gt=0)
    """Members per archive, nested archives included."""
    max_archive_unpacked_mb: int = Field(500, gt=0)
    """Unpacked bytes per archive, nested archives included."""
    max_archive_ratio: float = Field(200.0, gt=0)
    """Unpacked / packed ratio of an archive."""
    max_archive_depth: int = Field(3, gt=0)
    max_image_megapixels: float = Field(80, gt=0)
    """Pixels per image frame (decompression bombs)."""
    max_pages_per_file: int = Field(300, gt=0)
    """Pages per document (PDF pages, TIFF frames)."""
    parse_seconds: float = Field(60.0, gt=0)
    """Seconds to open a file and count its pages (then it is refused)."""
    page_memory_mb: int = Field(3072, ge=0)
    """Address space a reader process may add; 0: no limit."""
    broker_url: str | None = None
    """`redis://host:6379/0`: process packages on Celery workers; unset: in the service process."""
    task_visibility_seconds: int = Field(3600, gt=0)
    """How long a taken task may run before the broker gives it to another worker (worker lost)."""
    processing_threads: int = Field(1, gt=0)
    """Packages processed at once by the in-process worker (each reads its pages in parallel)."""
    uploads_per_minute: int = Field(20, ge=0)
    """Upload requests (new packages, added files) one user may make in any 60 s; 0: no limit."""
    processing_retries: int = Field(4, ge=0)
    """Retries of a package whose object store or database is unreachable while it is processed."""
    retry_seconds: float = Field(2.0, ge=0)
    """First pause between those retries; each next pause doubles (capped at 60 s)."""
    log_format: Literal["text", "json"] = "text"
    """`json`: one JSON object per log line (time, level, logger, message) for log collectors."""
    lang: Literal["ru", "kk"] = "ru"
    """Language of the CLI's text, HTML and PDF reports when `--lang` is not given."""
    public_url: str = "http://127.0.0.1:8000"
    """The service's address as users reach it (one-time links of `intake users invite|reset`)."""
    nbk_rates_url: str = "https://nationalbank.kz/rss/get_rates.cfm"
    """The National Bank's daily rates feed (`?fdate=DD.MM.YYYY` is added), fetched daily into the rates
    store (Celery beat, or a thread of the embedded service); empty: no daily fetch."""
    max_body_kb: int = Field(64, gt=0)
    """Request bodies of every route but the uploads (which take the package limit plus 1 MB)."""
    viewer_megapixels: float = Field(8.0, gt=0)
    """Pixels of a page image for viewing (larger pages are rendered at a lower resolution)."""
    viewer_renders: int = Field(4, gt=0)
    """Page images rendered at once by the service (each in a contained reader process)."""
    viewer_renders_per_user: int = Field(2, gt=0)
    """Page images rendered at once for one user; beyond it 429 with Retry-After."""
    viewer_memory_mb: int = Field(1024, ge=0)
    """Memory a page-image reader process may add (address space)."""
    viewer_seconds: float = Field(30.0, gt=0)
    """A page image that takes longer to render is refused."""
    login_failures_per_address: int = Field(20, gt=0)
    """Failed sign-ins from one address in 15 minutes before 429."""
    login_failures_per_account: int = Field(10, gt=0)
    """Failed sign-ins to one account in 15 minutes before 429."""
    rechecks_per_minute: int = Field(10, ge=0)
    """Re-check requests one user may make in any 60 s; 0: no limit."""
    cookie_secure: bool | None = None
    """The session cookie's `Secure` flag: unset follows the request's scheme; `true` behind a TLS proxy."""
    s3_access_key: str | None = None
    s3_secret_key: str | None = None
    """Credentials of `intake batch s3://host:port/bucket/prefix` (kept out of the command line)."""
    s3_credentials_file: Path | None = None
    """Or a file holding `ACCESS:SECRET` for it."""
    claim_seconds: float = Field(600.0, gt=0)
    """A package `processing` without progress for this long is taken over by another worker (and put
    back to `queued` by the sweeper)."""
    sweep_seconds: float = Field(900.0, gt=0)
    """A package `queued` this long without being taken is sent again (Celery) or taken again by the
    in-process worker; the sweep runs every quarter of this."""

    @property
    def archive_mb(self) -> int:
        """The archive limit in force: an archive larger than the package limit could never be taken."""
        return min(self.max_archive_mb, self.max_package_mb)

    @property
    def cache_path(self) -> Path:
        return self.cache_dir or self.data_dir / "cache"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'intake.db'}"

    @property
    def objects_path(self) -> Path:
        return self.data_dir / "objects"

    @property
    def rates_path(self) -> Path:
        """Imported NBK rates (`intake rates import`), read by every entry point."""
        return self.data_dir / RATES_FILE

    def limits(self) -> Limits:
        """What a package may contain (uploads, the CLI, batches and workers alike)."""
        return Limits(
            max_file_bytes=self.max_file_mb * MB,
            max_package_bytes=self.max_package_mb * MB,
            max_archive_bytes=self.archive_mb * MB,
            max_archive_members=self.max_archive_members,
            max_archive_unpacked_bytes=self.max_archive_unpacked_mb * MB,
            max_archive_ratio=self.max_archive_ratio,
            max_archive_depth=self.max_archive_depth,
            max_image_pixels=int(self.max_image_megapixels * 1_000_000),
            max_pages_per_file=self.max_pages_per_file,
            parse_seconds=self.parse_seconds,
            memory_mb=self.page_memory_mb,
        )

    def reader(self, workers: int | None = None) -> ReaderConfig:
        """How pages are read; `workers` overrides `INTAKE_WORKERS` (a batch reads one page at a time)."""
        return ReaderConfig(languages=self.languages, workers=self.workers if workers is None else workers,
                            page_seconds=self.page_seconds, page_memory_mb=self.page_memory_mb)

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


def load_settings(**overrides: object) -> Settings:
    """The process's settings from the environment; a malformed `INTAKE_*` value is a `ConfigError`
    naming the variable and what it must be."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"INTAKE_{'_'.join(str(p) for p in err['loc']).upper()}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(problems) from None
