"""Re-check an earlier extraction: a JSON report of `intake check` → frozen models → checklists and rules
again, under another application date, cost type or rules version, without reading any page.

Findings about files and pages (`rejected_file`, `unreadable_document`) and the excluded-equipment hint
(it needs the contract's page text, which the report does not keep) are carried over; the file and page
findings are re-cited for the new cost type's appendix.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from checklists.rates import RateStore
from checklists.rules.eligibility import EXCLUDED_CODE
from intake.findings import refusal_citation
from intake.pipeline import report_of
from models.documents import DateField, Document, Fields, MoneyField, PageRef, Party, TextField
from models.files import FileError, InputFile
from models.findings import Finding
from models.package import PackageRequest
from models.report import SCHEMA, ChecklistMark, ChecklistRef, Conversion, Exclusion, Reimbursement, Report
from models.vocab import CostType, DocType, PageSource, Role, Severity

PAGE_CODES = frozenset({"rejected_file", "unreadable_document"})
CARRIED_CODES = PAGE_CODES | {EXCLUDED_CODE}


def _ev(raw: Mapping[str, Any]) -> dict[str, Any]:
    bbox = raw.get("bbox")
    return {"file": raw.get("file"), "page": raw.get("page"), "bbox": tuple(bbox) if bbox else None,
            "confidence": raw.get("confidence")}


def document_from_json(raw: Mapping[str, Any]) -> Document:
    f = raw.get("fields") or {}
    number, day, total = f.get("number"), f.get("date"), f.get("total")
    return Document(
        id=raw["id"],
        type=DocType(raw["type"]),
        confidence=raw["confidence"],
        pages=tuple(PageRef(file=p["file"], page=p["page"],
                            source=PageSource(p["source"]) if p.get("source") else None)
                    for p in raw["pages"]),
        fields=Fields(
            number=TextField(value=number["value"], **_ev(number)) if number else None,
            date=DateField(value=date.fromisoformat(day["value"]), **_ev(day)) if day else None,
            total=MoneyField(amount=Decimal(str(total["amount"])), currency=total["currency"], **_ev(total))
            if total else None,
            parties=tuple(
                Party(bin=p["bin"], valid=p["valid"], role=Role(p["role"]), position=p.get("position"),
                      name=p.get("name"), **_ev(p))
                for p in f.get("parties") or ()
            ),
        ),
    )


def file_from_json(raw: Mapping[str, Any]) -> InputFile:
    err = raw.get("error")
    return InputFile(name=raw["name"], sha256=raw["sha256"], size=raw.get("size") or 0,
                     media_type=raw.get("media_type"), pages=raw.get("pages"),
                     error=FileError(code=err["code"], message=err["message"]) if err else None)


def finding_from_json(raw: Mapping[str, Any]) -> Finding:
    bbox = raw.get("bbox")
    return Finding(code=raw["code"], severity=Severity(raw["severity"]), message=raw["message"],
                   citation=raw["citation"],
                   doc_type=DocType(raw["doc_type"]) if raw.get("doc_type") else None,
                   documents=tuple(raw.get("documents") or ()), file=raw.get("file"), page=raw.get("page"),
                   bbox=tuple(bbox) if bbox else None)


def recheck(
    report: Mapping[str, Any],
    *,
    application_date: date | None = None,
    cost_type: CostType | None = None,
    flags: frozenset[str] = frozenset(),
    rates: RateStore | None = None,
) -> Report:
    """The report's documents and files checked again (the same request unless overridden)."""
    if report.get("schema") != SCHEMA:
        raise ValueError(f"not an {SCHEMA} report (schema={report.get('schema')!r})")
    pkg = report["package"]
    request = PackageRequest(
        cost_type=cost_type or CostType(pkg["cost_type"]),
        application_date=application_date or date.fromisoformat(pkg["application_date"]),
        applicant_bin=pkg["applicant_bin"],
    )
    files = [file_from_json(f) for f in report["files"]]
    documents = [document_from_json(d) for d in report["documents"]]
    carried = []
    for raw in report["findings"]:
        if raw["code"] not in CARRIED_CODES:
            continue
        f = finding_from_json(raw)
        if f.code in PAGE_CODES:
            f = f.model_copy(update={"citation": refusal_citation(request.cost_type)})
        elif request.cost_type != CostType.process_equipment:
            continue
        carried.append(f)
    return report_of(request, files, documents, carried, flags, rates=rates)


def reimbursement_from_json(raw: Mapping[str, Any]) -> Reimbursement:
    cap = raw["cap"]
    return Reimbursement(
        amount=Decimal(raw["amount"]), currency=raw["currency"],
        eligible_costs=Decimal(raw["eligible_costs"]),
        share=Decimal(raw["share"]), uncapped=Decimal(raw["uncapped"]), cap=Decimal(cap["amount"]),
        cap_id=cap["id"], cap_citation=cap["citation"], cap_reading=cap.get("reading"),
        capped=bool(cap.get("applied")), basis=tuple(raw.get("basis") or ()),
        conversions=tuple(
            Conversion(document=c["document"], amount=Decimal(c["amount"]), currency=c["currency"],
                       day=date.fromisoformat(c["date"]), rate=Decimal(c["rate"]), quant=int(c["quant"]),
                       kzt=Decimal(c["kzt"]))
            for c in raw.get("conversions") or ()
        ),
        incomplete=bool(raw.get("incomplete")),
        exclusions=tuple(
            Exclusion(document=e["document"], amount=Decimal(e["amount"]), currency=e["currency"],
                      code=e["code"])
            for e in raw.get("exclusions") or ()
        ),
    )


def report_from_json(report: Mapping[str, Any]) -> Report:
    """A stored JSON report read back as it is (no rule runs again), e.g. to render it as HTML or PDF."""
    if report.get("schema") != SCHEMA:
        raise ValueError(f"not an {SCHEMA} report (schema={report.get('schema')!r})")
    pkg = report["package"]
    checklist = report["checklist"]
    return Report(
        package=PackageRequest(cost_type=CostType(pkg["cost_type"]),
                               application_date=date.fromisoformat(pkg["application_date"]),
                               applicant_bin=pkg["applicant_bin"]),
        checklist=ChecklistRef(id=checklist["id"], version=checklist["version"]),
        files=tuple(file_from_json(f) for f in report["files"]),
        documents=tuple(document_from_json(d) for d in report["documents"]),
        findings=tuple(finding_from_json(f) for f in report["findings"]),
        marks=tuple(ChecklistMark.model_validate(m) for m in checklist.get("items") or ()),
        reimbursement=(reimbursement_from_json(report["reimbursement"])
                       if report.get("reimbursement") else None),
    )
