"""Project a stored report into queryable rows: pages, documents, fields, findings.

The report JSON stays the record; the rows serve queues, filters and officers' corrections. Officers'
resolutions of findings survive a re-check when the same finding comes back.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from intake.db.tables import DocumentRow, FieldRow, FindingRow, PageRow


def _finding_key(f: dict[str, Any] | FindingRow) -> tuple[Any, ...]:
    if isinstance(f, FindingRow):
        return (f.code, f.doc_type, f.file, tuple(f.documents or ()))
    return (f["code"], f.get("doc_type"), f.get("file"), tuple(f.get("documents") or ()))


def _field_rows(fields: dict[str, Any]) -> list[FieldRow]:
    rows = []
    for name in ("number", "date"):
        v = fields.get(name)
        if v:
            rows.append(FieldRow(name=name, value=str(v["value"]), file=v.get("file"), page=v.get("page"),
                                 bbox=v.get("bbox"), confidence=v.get("confidence")))
    total = fields.get("total")
    if total:
        rows.append(FieldRow(name="total", value=str(total["amount"]), extra={"currency": total["currency"]},
                             file=total.get("file"), page=total.get("page"), bbox=total.get("bbox"),
                             confidence=total.get("confidence")))
    for p in fields.get("parties") or []:
        rows.append(FieldRow(name="party", value=p["bin"],
                             extra={k: p.get(k) for k in ("valid", "role", "position", "name")},
                             file=p.get("file"), page=p.get("page"), bbox=p.get("bbox"),
                             confidence=p.get("confidence")))
    return rows


def index_report(session: Session, package_id: str, body: dict[str, Any]) -> None:
    kept = {_finding_key(f): (f.resolution, f.comment)
            for f in session.scalars(select(FindingRow).where(FindingRow.package_id == package_id))
            if f.resolution}
    for table in (PageRow, FindingRow, DocumentRow):
        session.execute(delete(table).where(table.package_id == package_id))
    doc_of_page: dict[tuple[str, int], str] = {}
    for d in body.get("documents", []):
        row = DocumentRow(package_id=package_id, doc_id=d["id"], type=d["type"], confidence=d["confidence"])
        row.fields = _field_rows(d.get("fields") or {})
        session.add(row)
        for p in d["pages"]:
            doc_of_page[(p["file"], p["page"])] = d["id"]
            session.add(PageRow(package_id=package_id, file=p["file"], page=p["page"], source=p.get("source"),
                                document_id=d["id"]))
    for f in body.get("findings", []):
        resolution, comment = kept.get(_finding_key(f), (None, None))
        session.add(FindingRow(package_id=package_id, code=f["code"], severity=f["severity"],
                               message=f["message"], citation=f["citation"], doc_type=f.get("doc_type"),
                               documents=list(f.get("documents") or []), file=f.get("file"),
                               page=f.get("page"), resolution=resolution, comment=comment))
