"""The report as sent over the API: the contract's JSON (`intake.report/1`) as pydantic models.

`intake/report.py` builds this JSON from `models.report.Report`; these models describe it for the
OpenAPI document and generated clients. Optional members the contract leaves out when empty are
left out again on output (routes answer with `response_model_exclude_unset`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from models.message import Message
from models.vocab import CostType, DocType, PageSource, Role, Severity

Date = Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
Amount = Field(pattern=r"^-?[0-9]+(\.[0-9]{1,2})?$")
Unit = Field(ge=0, le=1)


class _Wire(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PackageWire(_Wire):
    cost_type: CostType
    application_date: str = Date
    applicant_bin: str = Field(pattern=r"^[0-9]{12}$")


class ChecklistItemWire(_Wire):
    item_id: str
    title: str
    citation: str
    status: Literal["present", "missing", "not_required"]
    documents: list[str] = []


class ChecklistWire(_Wire):
    id: str
    version: str
    items: list[ChecklistItemWire] = []


class FileErrorWire(_Wire):
    code: str
    message: str = Field(min_length=1, description="in Russian")
    message_kk: str | None = Field(default=None, description="the message in Kazakh")
    message_text: Message | None = Field(
        default=None, description="the message as catalogue msgid (`id`) and values (`params`)")


class FileWire(_Wire):
    name: str = Field(min_length=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    media_type: str | None = None
    pages: int | None = Field(default=None, ge=0)
    size: int | None = None
    error: FileErrorWire | None


class PageRefWire(_Wire):
    file: str
    page: int = Field(ge=1)
    source: PageSource | None = None


class EvidenceWire(_Wire):
    file: str | None = None
    page: int | None = Field(default=None, ge=1)
    bbox: list[float] | None = Field(default=None, min_length=4, max_length=4)
    confidence: float | None = Field(default=None, ge=0, le=1)


class TextFieldWire(EvidenceWire):
    value: str = Field(min_length=1)


class DateFieldWire(EvidenceWire):
    value: str = Date


class MoneyFieldWire(EvidenceWire):
    amount: str = Amount
    currency: str = Field(pattern=r"^[A-Z]{3}$")


class PartyWire(EvidenceWire):
    bin: str = Field(pattern=r"^[0-9]{12}$")
    valid: bool
    role: Role
    position: str | None = None
    name: str | None = None


class FieldsWire(_Wire):
    number: TextFieldWire | None
    date: DateFieldWire | None
    total: MoneyFieldWire | None
    parties: list[PartyWire]


class DocumentWire(_Wire):
    id: str
    type: DocType
    confidence: float = Unit
    pages: list[PageRefWire] = Field(min_length=1)
    fields: FieldsWire


class FindingWire(_Wire):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    severity: Severity
    message: str = Field(min_length=1, description="in Russian")
    message_kk: str | None = Field(default=None, description="the message in Kazakh")
    message_text: Message | None = Field(
        default=None, description="the message as catalogue msgid (`id`) and values (`params`)")
    citation: str
    doc_type: DocType | None = Field(default=None, description="absent when the finding names no type")
    documents: list[str] = []
    file: str | None = None
    page: int | None = None
    bbox: list[float] | None = None


class CapWire(_Wire):
    id: str
    amount: str = Amount
    citation: str
    reading: str | None = None
    applied: bool


class ConversionWire(_Wire):
    document: str
    amount: str = Amount
    currency: str
    date: str = Date
    rate: str
    quant: int
    kzt: str = Amount


class ExclusionWire(_Wire):
    """A claimed amount left out of the eligible costs by a limit of p.20, with the finding's code."""

    document: str
    amount: str = Amount
    currency: str
    code: str


class ReimbursementWire(_Wire):
    amount: str = Amount
    currency: str
    eligible_costs: str = Amount
    share: str
    uncapped: str = Amount
    cap: CapWire
    basis: list[str] = []
    conversions: list[ConversionWire] = []
    incomplete: bool = False
    exclusions: list[ExclusionWire] = []


class ReportWire(_Wire):
    """A completeness report, `intake.report/1` (shared/contract/report.schema.json)."""

    schema_: Literal["intake.report/1"] = Field(alias="schema")
    package: PackageWire
    checklist: ChecklistWire
    complete: bool
    files: list[FileWire]
    documents: list[DocumentWire]
    findings: list[FindingWire]
    reimbursement: ReimbursementWire | None = None

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
