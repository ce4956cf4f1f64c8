"""Report stage: the pipeline's results → the contract's JSON (intake.report/1)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from models.documents import Document, Evidence, Party
from models.files import InputFile
from models.findings import Finding
from models.report import SCHEMA, Reimbursement, Report


def money_str(amount: Decimal) -> str:
    """Decimal → `"5140356.48"` (dot, no grouping, two decimals)."""
    return format(amount.quantize(Decimal("0.01")), "f")


def _evidence(ev: Evidence) -> dict[str, Any]:
    out: dict[str, Any] = {"page": ev.page, "bbox": list(ev.bbox) if ev.bbox else None,
                           "confidence": ev.confidence}
    if ev.file is not None:
        out["file"] = ev.file
    return out


def _party(p: Party) -> dict[str, Any]:
    return {"bin": p.bin, "valid": p.valid, "role": p.role.value, "position": p.position, "name": p.name,
            **_evidence(p)}


def document_json(d: Document) -> dict[str, Any]:
    f = d.fields
    return {
        "id": d.id,
        "type": d.type.value,
        "confidence": d.confidence,
        "pages": [{"file": p.file, "page": p.page, "source": p.source.value if p.source else None}
                  for p in d.pages],
        "fields": {
            "number": {"value": f.number.value, **_evidence(f.number)} if f.number else None,
            "date": {"value": f.date.value.isoformat(), **_evidence(f.date)} if f.date else None,
            "total": {"amount": money_str(f.total.amount), "currency": f.total.currency,
                      **_evidence(f.total)} if f.total else None,
            "parties": [_party(p) for p in f.parties],
        },
    }


def file_json(f: InputFile) -> dict[str, Any]:
    return {"name": f.name, "sha256": f.sha256, "media_type": f.media_type, "pages": f.pages,
            "size": f.size, "error": f.error.model_dump() if f.error else None}


def finding_json(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {"code": f.code, "severity": f.severity.value, "message": f.message,
                           "citation": f.citation, "documents": list(f.documents)}
    if f.doc_type is not None:
        out["doc_type"] = f.doc_type.value
    if f.file is not None:
        out["file"] = f.file
    if f.page is not None:
        out["page"] = f.page
    if f.bbox is not None:
        out["bbox"] = list(f.bbox)
    return out


def to_json(report: Report) -> dict[str, Any]:
    """The report as the contract's JSON object (extra properties: `checklist.items`, `reimbursement`)."""
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "package": {
            "cost_type": report.package.cost_type.value,
            "application_date": report.package.application_date.isoformat(),
            "applicant_bin": report.package.applicant_bin,
        },
        "checklist": {
            "id": report.checklist.id,
            "version": report.checklist.version,
            "items": [m.model_dump(mode="json") for m in report.marks],
        },
        "complete": report.complete,
        "files": [file_json(f) for f in report.files],
        "documents": [document_json(d) for d in report.documents],
        "findings": [finding_json(f) for f in report.findings],
    }
    if report.reimbursement is not None:
        out["reimbursement"] = reimbursement_json(report.reimbursement)
    return out


def reimbursement_json(r: Reimbursement) -> dict[str, Any]:
    """The computed claimable amount with its arithmetic (amounts as decimal strings)."""
    return {
        "amount": money_str(r.amount),
        "currency": r.currency,
        "eligible_costs": money_str(r.eligible_costs),
        "share": format(r.share, "f"),
        "uncapped": money_str(r.uncapped),
        "cap": {"id": r.cap_id, "amount": money_str(r.cap), "citation": r.cap_citation,
                "reading": r.cap_reading, "applied": r.capped},
        "basis": list(r.basis),
        "conversions": [
            {"document": c.document, "amount": money_str(c.amount), "currency": c.currency,
             "date": c.day.isoformat(), "rate": format(c.rate, "f"), "quant": c.quant,
             "kzt": money_str(c.kzt)}
            for c in r.conversions
        ],
        "incomplete": r.incomplete,
        "exclusions": [
            {"document": e.document, "amount": money_str(e.amount), "currency": e.currency, "code": e.code}
            for e in r.exclusions
        ],
    }
