"""Request and response models of the HTTP API (what OpenAPI clients are generated from)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel

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
    created_at: datetime
    updated_at: datetime
    files: list[FileOut]


class PackageList(BaseModel):
    items: list[PackageOut]
    total: int
    offset: int
    limit: int


class ErrorOut(BaseModel):
    code: str
    """Machine-readable: a product error's code (`storage_unavailable`, …) or the status's (`not_found`)."""
    detail: str | list[dict[str, Any]]
