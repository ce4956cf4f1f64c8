"""`intake batch --celery`: packages checked by the service's Celery workers, results on a reply list.

The batch puts each package's files in the service's object store (content-addressed, so stored
packages and files already there are not sent again) and sends `intake.batch_package` with the names,
keys and request. A worker runs `work.run_package` (the same code as `--jobs`) and pushes the outcome
as JSON on the Redis list `intake:batch:<batch id>:replies`. Replies outlive the batch process: a batch
interrupted while workers were busy collects them when run again. Tasks are acknowledged late, as the
service's are: a killed worker's package goes to another worker.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from intake.batch.work import Outcome, run_package
from intake.celery_app import make_celery
from intake.service.context import ServiceContext
from intake.settings import Settings
from intake.storage import make_storage
from models.package import PackageRequest

log = logging.getLogger(__name__)

TASK = "intake.batch_package"
REPLY_TTL_SECONDS = 7 * 24 * 3600


def reply_list(batch_id: str) -> str:
    return f"intake:batch:{batch_id}:replies"


def _redis(url: str):  # type: ignore[no-untyped-def]
    import redis

    if not url.startswith(("redis://", "rediss://")):
        raise ValueError("intake batch --celery needs a Redis broker (INTAKE_BROKER_URL=redis://…)")
    return redis.Redis.from_url(url)


def run_job(ctx: ServiceContext, job: dict[str, Any]) -> Outcome:
    """Worker side: fetch the originals, check the package, push the outcome to the reply list."""
    package_id, key = str(job["package_id"]), str(job["run_key"])
    try:
        blobs = [(str(name), ctx.storage.get(str(k))) for name, k in job["files"]]
    except Exception as exc:
        outcome = Outcome(
            package_id=package_id,
            run_key=key,
            status="failed",
            error=f"originals unavailable: {type(exc).__name__}: {exc}"[:500],
        )
    else:
        request = PackageRequest.model_validate(job["request"])
        outcome = run_package(package_id, key, blobs, request, ctx.pipeline)
    client = _redis(str(ctx.settings.broker_url))
    client.rpush(job["reply"], outcome.model_dump_json())
    client.expire(job["reply"], REPLY_TTL_SECONDS)
    return outcome


def reply_failure(settings: Settings, job: dict[str, Any], exc: BaseException) -> None:
    """Tell the batch a package could not be checked on this worker at all."""
    outcome = Outcome(
        package_id=str(job["package_id"]),
        run_key=str(job["run_key"]),
        status="failed",
        error=f"worker not ready: {type(exc).__name__}: {exc}"[:500],
    )
    client = _redis(str(settings.broker_url))
    client.rpush(job["reply"], outcome.model_dump_json())
    client.expire(job["reply"], REPLY_TTL_SECONDS)


class CeleryClient:
    """Batch side: store originals, send tasks, collect replies."""

    def __init__(self, settings: Settings, batch_id: str) -> None:
        if not settings.broker_url:
            raise ValueError("intake batch --celery needs INTAKE_BROKER_URL (the service's Celery broker)")
        self.redis = _redis(settings.broker_url)
        self.app = make_celery(settings)
        self.storage = make_storage(settings.storage_url, local_root=str(settings.objects_path))
        self.reply = reply_list(batch_id)

    def put_files(self, blobs: Sequence[tuple[str, bytes]]) -> list[tuple[str, str]]:
        """Originals into the object store; (name, key) pairs for the task."""
        from intake.storage.base import sha256

        out = []
        for name, data in blobs:
            key = sha256(data)
            if not self.storage.exists(key):
                key = self.storage.put(data).key
            out.append((name, key))
        return out

    def submit(
        self, package_id: str, run_key: str, files: Sequence[tuple[str, str]], request: PackageRequest
    ) -> None:
        job = {
            "package_id": package_id,
            "run_key": run_key,
            "files": [list(f) for f in files],
            "request": request.model_dump(mode="json"),
            "reply": self.reply,
        }
        self.app.send_task(TASK, args=[job])

    def next_outcome(self, timeout: float) -> Outcome | None:
        item = self.redis.blpop([self.reply], timeout=max(1, int(timeout)))
        if item is None:
            return None
        return Outcome.model_validate_json(item[1])

    def pending(self) -> list[Outcome]:
        """Replies already waiting (left by workers while no batch was listening)."""
        out = []
        while (raw := self.redis.lpop(self.reply)) is not None:
            out.append(Outcome.model_validate_json(raw))
        return out

    def close(self) -> None:
        self.app.close()
        self.redis.close()
