"""Project a stored report into queryable rows: pages, documents, fields, findings.

The report JSON stays the record; the rows serve queues, filters and officers' corrections. Officers'
resolutions of findings survive a re-check when the same finding comes back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from intake.db.tables import DocumentRow, FieldRow, FindingRow, PageRow
from intake.report import EvidenceOut, FieldsOut, FindingOut, parse_report


def _finding_key(f: FindingOut | FindingRow) -> tuple[Any, ...]:
    doc_type = f.doc_type.value if isinstance(f, FindingOut) and f.doc_type else f.doc_type
    return (f.code, doc_type, f.file, tuple(f.documents or ()))


def _evidence(v: EvidenceOut) -> dict[str, Any]:
    return {"file": v.file, "page": v.page, "bbox": list(v.bbox) if v.bbox else None,
            "confidence": v.confidence}


def _field_rows(fields: FieldsOut) -> list[FieldRow]:
    rows = []
    if fields.number:
        rows.append(FieldRow(name="number", value=fields.number.value, **_evidence(fields.number)))
    if fields.date:
        rows.append(FieldRow(name="date", value=fields.date.value.isoformat(), **_evidence(fields.date)))
    total = fields.total
    if total:
        rows.append(FieldRow(name="total", value=total.amount, extra={"currency": total.currency},
                             **_evidence(total)))
    for p in fields.parties:
        rows.append(FieldRow(name="party", value=p.bin,
                             extra={"valid": p.valid, "role": p.role.value, "position": p.position,
                                    "name": p.name},
                             **_evidence(p)))
    return rows


def index_report(session: Session, package_id: str, body: dict[str, Any]) -> None:
    """Rows of the stored report JSON `body`, read through the report's models (`intake.report`)."""
    report = parse_report(body)
    kept = {_finding_key(f): (f.resolution, f.comment)
            for f in session.scalars(select(FindingRow).where(FindingRow.package_id == package_id))
            if f.resolution}
    for table in (PageRow, FindingRow, DocumentRow):
        session.execute(delete(table).where(table.package_id == package_id))
    for d in report.documents:
        row = DocumentRow(package_id=package_id, doc_id=d.id, type=d.type.value, confidence=d.confidence)
        row.fields = _field_rows(d.fields)
        session.add(row)
        for p in d.pages:
            session.add(PageRow(package_id=package_id, file=p.file, page=p.page,
                                source=p.source.value if p.source else None, document_id=d.id))
    for f in report.findings:
        resolution, comment = kept.get(_finding_key(f), (None, None))
        session.add(FindingRow(package_id=package_id, code=f.code, severity=f.severity.value,
                               message=f.message, citation=f.citation,
                               doc_type=f.doc_type.value if f.doc_type else None,
                               documents=list(f.documents), file=f.file, page=f.page,
                               resolution=resolution, comment=comment))
