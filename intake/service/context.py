"""What the service's routes and tasks share: settings, database, storage, pipeline configuration."""

from __future__ import annotations

from dataclasses import dataclass

from intake.db.session import Database
from intake.pipeline import PipelineConfig
from intake.run import run_config
from intake.settings import Settings
from intake.storage import Storage, make_storage
from intake.storage.s3 import S3Storage


@dataclass(frozen=True)
class ServiceContext:
    settings: Settings
    db: Database
    storage: Storage
    pipeline: PipelineConfig


def make_context(settings: Settings) -> ServiceContext:
    """Storage, database and pipeline of one process (the service, a Celery worker, a batch over stored
    packages); every report any of them saves gets the officers' corrections applied again."""
    from intake.service.review import install_reapply_hook

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    storage = make_storage(settings.storage_url, local_root=str(settings.objects_path))
    if isinstance(storage, S3Storage):
        storage.ensure_bucket()
    db = Database(settings.db_url)
    install_reapply_hook(db, settings.rates_path)
    return ServiceContext(settings=settings, db=db, storage=storage, pipeline=run_config(settings))
