"""Request and response models of the officers' review API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from models.vocab import DocType, Role


class DocTypeIn(BaseModel):
    type: DocType


class FieldIn(BaseModel):
    value: str = Field(min_length=1, max_length=128, description="number; date as YYYY-MM-DD; total amount")


class RoleIn(BaseModel):
    role: Role


class ResolutionIn(BaseModel):
    resolution: Literal["resolved", "overridden"]
    comment: str = Field(min_length=1, max_length=2000)


class DecisionIn(BaseModel):
    outcome: Literal["approved", "rejected"]
    comment: str = Field(default="", max_length=2000)
    """For the applicant: shown to them with the decision."""
    internal_comment: str = Field(default="", max_length=2000)
    """For officers only; never shown to the applicant."""


class ReopenIn(BaseModel):
    internal_comment: str = Field(default="", max_length=2000)


class ReopenOut(BaseModel):
    id: str
    status: str


class ResolutionOut(BaseModel):
    key: str
    resolution: str
    findings: int


class DecisionOut(BaseModel):
    outcome: str
    amount: str | None
    at: datetime


class AuditOut(BaseModel):
    id: int
    at: datetime
    user: str | None
    action: str
    detail: dict[str, Any]


class QueueItem(BaseModel):
    id: str
    status: str
    cost_type: str
    application_date: date
    created_at: datetime
    open_errors: int
    open_warnings: int
    decision: str | None


class QueueOut(BaseModel):
    items: list[QueueItem]


class WordOut(BaseModel):
    text: str
    bbox: tuple[float, float, float, float]
    confidence: float


class WordsOut(BaseModel):
    file: str
    page: int
    source: str
    words: list[WordOut]
