"""Report stage: the pipeline's `Report` ↔ the contract's JSON (intake.report/1), through pydantic models.

The `*Out` models below are the JSON as the contract spells it (`../shared/contract/report.schema.json`,
plus the documented extensions: `files[].size`, `findings[].file/page/bbox`, `checklist.items`,
`reimbursement`); `tests/intake/test_report_schema.py` holds their JSON Schema against the contract's.
A report goes out with `to_json` and comes back with `report_from_json`; nothing else builds or reads the
JSON.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from intake import i18n
from models.documents import DateField, Document, Evidence, Fields, MoneyField, PageRef, Party, TextField
from models.files import FileError, InputFile
from models.findings import Finding
from models.message import Message
from models.package import PackageRequest
from models.report import SCHEMA, ChecklistMark, ChecklistRef, Conversion, Exclusion, Reimbursement, Report
from models.vocab import CostType, DocType, PageSource, Role, Severity

MONEY = r"^-?[0-9]+(\.[0-9]{1,2})?$"
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
Unit = Annotated[float, Field(ge=0, le=1)]
BBoxOut = Annotated[tuple[Unit, Unit, Unit, Unit], Field()]
Money = Annotated[str, Field(pattern=MONEY)]


def _none(value: object) -> bool:
    return value is None


def _iso_date(value: object) -> object:
    """Dates are `YYYY-MM-DD` strings in the contract; nothing else (a timestamp, a datetime) is one."""
    if isinstance(value, str) and not ISO_DATE.match(value):
        raise ValueError(f"not a YYYY-MM-DD date: {value!r}")
    if not isinstance(value, str | date):
        raise ValueError(f"not a YYYY-MM-DD date: {value!r}")
    return value


Day = Annotated[date, BeforeValidator(_iso_date)]


def money_str(amount: Decimal) -> str:
    """Decimal → `"5140356.48"` (dot, no grouping, two decimals)."""
    return format(amount.quantize(Decimal("0.01")), "f")


class Out(BaseModel):
    """Read leniently (stored reports carry the service's own additions), written as declared."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class EvidenceOut(Out):
    page: int | None = Field(None, ge=1)
    bbox: BBoxOut | None = None
    confidence: Unit | None = None
    file: str | None = Field(None, exclude_if=_none)

    @staticmethod
    def of(ev: Evidence) -> dict[str, Any]:
        return {"page": ev.page, "bbox": ev.bbox, "confidence": ev.confidence, "file": ev.file}

    def evidence(self) -> dict[str, Any]:
        return {"file": self.file, "page": self.page, "bbox": self.bbox, "confidence": self.confidence}


class TextFieldOut(EvidenceOut):
    value: str = Field(min_length=1)


class DateFieldOut(EvidenceOut):
    value: Day


class MoneyFieldOut(EvidenceOut):
    amount: Money
    currency: str = Field(pattern=r"^[A-Z]{3}$")


class PartyOut(EvidenceOut):
    bin: str = Field(pattern=r"^[0-9]{12}$")
    valid: bool
    role: Role
    position: str | None = None
    name: str | None = None


class FieldsOut(Out):
    number: TextFieldOut | None
    date: DateFieldOut | None
    total: MoneyFieldOut | None
    parties: tuple[PartyOut, ...]

    @classmethod
    def of(cls, f: Fields) -> FieldsOut:
        return cls(
            number=TextFieldOut(value=f.number.value, **EvidenceOut.of(f.number)) if f.number else None,
            date=DateFieldOut(value=f.date.value, **EvidenceOut.of(f.date)) if f.date else None,
            total=MoneyFieldOut(amount=money_str(f.total.amount), currency=f.total.currency,
                                **EvidenceOut.of(f.total)) if f.total else None,
            parties=tuple(PartyOut(bin=p.bin, valid=p.valid, role=p.role, position=p.position, name=p.name,
                                   **EvidenceOut.of(p)) for p in f.parties),
        )

    def fields(self) -> Fields:
        n, d, t = self.number, self.date, self.total
        return Fields(
            number=TextField(value=n.value, **n.evidence()) if n else None,
            date=DateField(value=d.value, **d.evidence()) if d else None,
            total=MoneyField(amount=Decimal(t.amount), currency=t.currency, **t.evidence()) if t else None,
            parties=tuple(Party(bin=p.bin, valid=p.valid, role=p.role, position=p.position, name=p.name,
                                **p.evidence()) for p in self.parties),
        )


class PageRefOut(Out):
    file: str
    page: int = Field(ge=1)
    source: PageSource | None = None


class DocumentOut(Out):
    id: str
    type: DocType
    confidence: Unit
    pages: tuple[PageRefOut, ...] = Field(min_length=1)
    fields: FieldsOut
    continues: str | None = Field(None, exclude_if=_none)
    """Id of the document this one goes on from: the next file of a paper sent one file a page."""

    @classmethod
    def of(cls, d: Document) -> DocumentOut:
        return cls(id=d.id, type=d.type, confidence=d.confidence,
                   pages=tuple(PageRefOut(file=p.file, page=p.page, source=p.source) for p in d.pages),
                   fields=FieldsOut.of(d.fields), continues=d.continues)

    def document(self) -> Document:
        return Document(id=self.id, type=self.type, confidence=self.confidence,
                        pages=tuple(PageRef(file=p.file, page=p.page, source=p.source) for p in self.pages),
                        fields=self.fields.fields(), continues=self.continues)


class FileErrorOut(Out):
    code: str
    message: str = Field(min_length=1)
    message_kk: str | None = Field(None, exclude_if=_none)
    message_text: Message | None = Field(None, exclude_if=_none)

    @classmethod
    def of(cls, e: FileError) -> FileErrorOut:
        kk = i18n.file_error_message(e, "kk")
        return cls(code=e.code, message=e.message, message_kk=kk if kk != e.message else None,
                   message_text=e.text)

    def file_error(self) -> FileError:
        return FileError(code=self.code, message=self.message, text=self.message_text)


class InputFileOut(Out):
    name: str = Field(min_length=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    media_type: str | None = None
    pages: int | None = Field(None, ge=0)
    size: int = 0
    error: FileErrorOut | None

    @classmethod
    def of(cls, f: InputFile) -> InputFileOut:
        return cls(name=f.name, sha256=f.sha256, media_type=f.media_type, pages=f.pages, size=f.size,
                   error=FileErrorOut.of(f.error) if f.error else None)

    def input_file(self) -> InputFile:
        err = self.error.file_error() if self.error else None
        return InputFile(name=self.name, sha256=self.sha256, size=self.size, media_type=self.media_type,
                         pages=self.pages, error=err)


class FindingOut(Out):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    severity: Severity
    message: str = Field(min_length=1)
    message_kk: str | None = Field(None, exclude_if=_none)
    """The message in Kazakh (the contract's `message` stays Russian)."""
    message_text: Message | None = Field(None, exclude_if=_none)
    """The message as catalogue msgid and values: a stored report is rendered again in either language."""
    citation: str
    doc_type: DocType = Field(None, exclude_if=_none)  # type: ignore[assignment]
    """Absent when the finding is about no document type; never null (the contract has no null here)."""
    documents: tuple[str, ...] = ()
    file: str | None = Field(None, exclude_if=_none)
    page: int | None = Field(None, exclude_if=_none)
    bbox: BBoxOut | None = Field(None, exclude_if=_none)

    @classmethod
    def of(cls, f: Finding) -> FindingOut:
        about = {"doc_type": f.doc_type} if f.doc_type is not None else {}
        kk = i18n.render(f.text, "kk") if f.text is not None else None
        return cls(code=f.code, severity=f.severity, message=f.message, message_kk=kk, message_text=f.text,
                   citation=f.citation, documents=f.documents, file=f.file, page=f.page, bbox=f.bbox, **about)

    def finding(self) -> Finding:
        return Finding(code=self.code, severity=self.severity, message=self.message, text=self.message_text,
                       citation=self.citation,
                       doc_type=self.doc_type, documents=self.documents, file=self.file, page=self.page,
                       bbox=self.bbox)


class CapOut(Out):
    id: str
    amount: Money
    citation: str
    reading: str | None = None
    applied: bool = False


class ConversionOut(Out):
    document: str
    amount: Money
    currency: str
    date: Day
    rate: str
    quant: int
    kzt: Money


class ExclusionOut(Out):
    document: str
    amount: Money
    currency: str
    code: str


class ReimbursementOut(Out):
    amount: Money
    currency: str = "KZT"
    eligible_costs: Money
    share: str
    uncapped: Money
    cap: CapOut
    basis: tuple[str, ...] = ()
    conversions: tuple[ConversionOut, ...] = ()
    incomplete: bool = False
    exclusions: tuple[ExclusionOut, ...] = ()

    @classmethod
    def of(cls, r: Reimbursement) -> ReimbursementOut:
        return cls(
            amount=money_str(r.amount), currency=r.currency, eligible_costs=money_str(r.eligible_costs),
            share=format(r.share, "f"), uncapped=money_str(r.uncapped),
            cap=CapOut(id=r.cap_id, amount=money_str(r.cap), citation=r.cap_citation, reading=r.cap_reading,
                       applied=r.capped),
            basis=r.basis,
            conversions=tuple(
                ConversionOut(document=c.document, amount=money_str(c.amount), currency=c.currency,
                              date=c.day, rate=format(c.rate, "f"), quant=c.quant, kzt=money_str(c.kzt))
                for c in r.conversions),
            incomplete=r.incomplete,
            exclusions=tuple(ExclusionOut(document=e.document, amount=money_str(e.amount),
                                          currency=e.currency, code=e.code) for e in r.exclusions),
        )

    def reimbursement(self) -> Reimbursement:
        return Reimbursement(
            amount=Decimal(self.amount), currency=self.currency, eligible_costs=Decimal(self.eligible_costs),
            share=Decimal(self.share), uncapped=Decimal(self.uncapped), cap=Decimal(self.cap.amount),
            cap_id=self.cap.id, cap_citation=self.cap.citation, cap_reading=self.cap.reading,
            capped=self.cap.applied, basis=self.basis,
            conversions=tuple(
                Conversion(document=c.document, amount=Decimal(c.amount), currency=c.currency, day=c.date,
                           rate=Decimal(c.rate), quant=c.quant, kzt=Decimal(c.kzt))
                for c in self.conversions),
            incomplete=self.incomplete,
            exclusions=tuple(Exclusion(document=e.document, amount=Decimal(e.amount), currency=e.currency,
                                       code=e.code) for e in self.exclusions),
        )


class PackageRequestOut(Out):
    cost_type: CostType
    application_date: Day
    applicant_bin: str = Field(pattern=r"^[0-9]{12}$")


class ChecklistOut(Out):
    id: str
    version: str
    items: tuple[ChecklistMark, ...] = ()


class ReportOut(Out):
    """The whole report as the contract's JSON object."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)

    schema_: Literal["intake.report/1"] = Field(alias="schema")
    package: PackageRequestOut
    checklist: ChecklistOut
    complete: bool
    files: tuple[InputFileOut, ...]
    documents: tuple[DocumentOut, ...]
    findings: tuple[FindingOut, ...]
    reimbursement: ReimbursementOut | None = Field(None, exclude_if=_none)

    @classmethod
    def of(cls, report: Report) -> ReportOut:
        p = report.package
        return cls(
            schema_="intake.report/1",
            package=PackageRequestOut(cost_type=p.cost_type, application_date=p.application_date,
                               applicant_bin=p.applicant_bin),
            checklist=ChecklistOut(id=report.checklist.id, version=report.checklist.version,
                                   items=report.marks),
            complete=report.complete,
            files=tuple(InputFileOut.of(f) for f in report.files),
            documents=tuple(DocumentOut.of(d) for d in report.documents),
            findings=tuple(FindingOut.of(f) for f in report.findings),
            reimbursement=ReimbursementOut.of(report.reimbursement) if report.reimbursement else None,
        )

    def report(self) -> Report:
        p = self.package
        return Report(
            package=PackageRequest(cost_type=p.cost_type, application_date=p.application_date,
                                   applicant_bin=p.applicant_bin),
            checklist=ChecklistRef(id=self.checklist.id, version=self.checklist.version),
            files=tuple(f.input_file() for f in self.files),
            documents=tuple(d.document() for d in self.documents),
            findings=tuple(f.finding() for f in self.findings),
            marks=self.checklist.items,
            reimbursement=self.reimbursement.reimbursement() if self.reimbursement else None,
        )


def _dump(model: BaseModel) -> dict[str, Any]:
    return dict(model.model_dump(mode="json", by_alias=True))


def to_json(report: Report) -> dict[str, Any]:
    """The report as the contract's JSON object (extra properties: `checklist.items`, `reimbursement`)."""
    return _dump(ReportOut.of(report))


def document_json(d: Document) -> dict[str, Any]:
    return _dump(DocumentOut.of(d))


def file_json(f: InputFile) -> dict[str, Any]:
    return _dump(InputFileOut.of(f))


def finding_json(f: Finding) -> dict[str, Any]:
    return _dump(FindingOut.of(f))


def reimbursement_json(r: Reimbursement) -> dict[str, Any]:
    """The computed claimable amount with its arithmetic (amounts as decimal strings)."""
    return _dump(ReimbursementOut.of(r))


def parse_report(raw: Any) -> ReportOut:
    """A JSON report (a mapping) validated against the contract's shape; `ValueError` when it is not one."""
    if not isinstance(raw, Mapping) or raw.get("schema") != SCHEMA:
        schema = raw.get("schema") if isinstance(raw, Mapping) else None
        raise ValueError(f"not an {SCHEMA} report (schema={schema!r})")
    return ReportOut.model_validate(raw)


def report_from_json(raw: Any) -> Report:
    """A stored JSON report read back as it is (no rule runs again), e.g. to render it as HTML or PDF."""
    return parse_report(raw).report()


def document_from_json(raw: Any) -> Document:
    return DocumentOut.model_validate(raw).document()


def file_from_json(raw: Any) -> InputFile:
    return InputFileOut.model_validate(raw).input_file()


def finding_from_json(raw: Any) -> Finding:
    return FindingOut.model_validate(raw).finding()
