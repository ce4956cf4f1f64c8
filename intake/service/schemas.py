"""Request and response models of the HTTP API (what OpenAPI clients are generated from)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel

from intake.service.errors import ErrorOut as ErrorOut


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


Timestamp = Annotated[datetime, AfterValidator(_aware)]
"""A moment in UTC, always sent with its offset (SQLite hands back naive values)."""

Status = Literal["queued", "processing", "done", "failed"]


class Token(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"


class Progress(BaseModel):
    pages_done: int
    pages_total: int


class FileOut(BaseModel):
    name: str
    sha256: str
    size: int


class PackageCreated(BaseModel):
    id: str
    status: Status


class PackageOut(BaseModel):
    id: str
    status: Status
    stage: str | None
    progress: Progress
    cost_type: str
    application_date: date
    applicant_bin: str
    complete: bool | None
    error: str | None
    created_at: Timestamp
    updated_at: Timestamp
    files: list[FileOut]


class PackageList(BaseModel):
    """One page of packages; `total` counts all that match the filters."""

    items: list[PackageOut]
    total: int
    offset: int
    limit: int
