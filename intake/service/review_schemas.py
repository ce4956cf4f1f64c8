"""Request and response models of the officers' review API."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from intake.service.schemas import Timestamp
from models.vocab import CostType, DocType, Role


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


class PaymentIn(BaseModel):
    amount: str = Field(max_length=40)
    """`13 522 745,43` or `13522745.43` (KZT)."""
    date: date


class PaymentOut(BaseModel):
    amount: str
    date: date
    paid: str
    """All payments recorded for the package so far (KZT)."""


class ResolutionOut(BaseModel):
    key: str
    resolution: str
    findings: int


class DecisionOut(BaseModel):
    outcome: str
    amount: str | None
    at: Timestamp


class AuditOut(BaseModel):
    id: int
    at: Timestamp
    user: str | None
    action: str
    detail: dict[str, Any]


class QueueItem(BaseModel):
    """A package awaiting a decision."""

    id: str
    status: Literal["queued", "processing", "done", "failed"]
    cost_type: CostType
    application_date: date
    applicant_bin: str
    company: str | None = Field(description="the applicant's name as read from the documents")
    created_at: Timestamp
    complete: bool | None
    open_errors: int = Field(description="errors not resolved or overridden")
    open_warnings: int


class QueueOut(BaseModel):
    """One page of the queue; `total` counts every package matching the filters."""

    items: list[QueueItem]
    total: int
    offset: int
    limit: int


class WordOut(BaseModel):
    text: str
    bbox: tuple[float, float, float, float]
    confidence: float


class WordsOut(BaseModel):
    file: str
    page: int
    source: str
    words: list[WordOut]


class CapPackage(BaseModel):
    id: str
    cost_type: CostType
    application_date: date
    status: Literal["queued", "processing", "done", "failed"]
    decision: Literal["approved", "rejected"] | None
    computed: str | None = Field(description="reimbursement computed by the check (KZT)")
    granted: str | None = Field(description="amount granted by an approval (KZT)")


class CapUse(BaseModel):
    """One cap in one calendar year for one applicant (amounts in KZT, decimal strings)."""

    cap_id: str
    citation: str
    cost_types: list[CostType]
    cap: str
    granted: str = Field(description="approved packages of the year")
    pending: str = Field(description="computed amounts of packages awaiting a decision")
    remaining: str = Field(description="cap − granted (never below zero)")
    over_with_pending: bool = Field(description="granted + pending exceeds the cap")
    packages: list[CapPackage]


class CapUseOut(BaseModel):
    applicant_bin: str
    year: int
    caps: list[CapUse]
