"""Officers' review: corrections of what was read, resolutions of findings, decisions.

A correction changes the stored extraction (a document's type, a field's value, a party's role); the
report is then rebuilt by the re-check machinery (`intake.recheck.recheck`), never by reading pages
again. Corrections live in their own table, so a later re-processing of the package (added files, a
re-check) gets them applied again: `install_reapply_hook` does that whenever any code path stores a
report through the service's own session factory (no other session of the process is touched). Every
change is written to the audit log with who, when, the old and the new value.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from checklists.rates import load_store
from intake.db.session import Database
from intake.db.tables import (
    AuditEntry,
    Correction,
    DocumentRow,
    FieldRow,
    FindingRow,
    Package,
    PageRow,
    Report,
    User,
)
from intake.history import load_history, with_history
from intake.recheck import recheck
from intake.report import FindingOut, money_str, report_from_json, to_json
from intake.service.indexing import index_report
from models.documents import DateField, Document, Evidence, MoneyField, TextField
from models.report import Report as ReportModel
from models.vocab import DocType, Role

log = logging.getLogger(__name__)

FIELDS = ("number", "date", "total")
RESOLUTIONS = ("resolved", "overridden")
_APPLYING = "intake.review.applying"
_WRITTEN = "intake.review.reports_written"
_RATES = "intake.review.rates_path"
"""Session info: the imported NBK rates of the service's run context, for rebuilt reports."""


class ReviewError(ValueError):
    """A correction that cannot be applied (unknown document, bad value); the message is for people."""


def finding_key(f: Mapping[str, Any] | FindingOut | FindingRow) -> str:
    """A stable key of a finding across re-checks: its code, document type, file and documents. A finding
    of the report's JSON (a mapping) is read through its model."""
    if isinstance(f, Mapping):
        f = FindingOut.model_validate(f)
    doc_type = f.doc_type.value if isinstance(f, FindingOut) and f.doc_type else f.doc_type
    parts: list[Any] = [f.code, doc_type, f.file, list(f.documents or ())]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:16]


def parse_amount(text: str) -> Decimal:
    """`13 522 745,43` or `13522745.43` → Decimal; ReviewError unless a positive amount."""
    compact = re.sub(r"[\s\u00a0]", "", text).replace(",", ".")
    try:
        value = Decimal(compact)
    except InvalidOperation:
        raise ReviewError(f"«{text}» — не сумма.") from None
    if not value.is_finite() or value <= 0 or value >= Decimal("1e15"):
        raise ReviewError(f"«{text}» — сумма должна быть положительной.")
    return value


def normalise(kind: str, key: str, value: str) -> str:
    """The value a correction stores, validated; ReviewError with a Russian message otherwise."""
    value = value.strip()
    if kind == "type":
        if value not in DocType.__members__:
            raise ReviewError(f"Неизвестный тип документа «{value}».")
        return value
    if kind == "role":
        if value not in Role.__members__:
            raise ReviewError(f"Неизвестная роль «{value}».")
        return value
    if kind != "field" or key not in FIELDS:
        raise ReviewError(f"Поле «{key}» не исправляется.")
    if key == "date":
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            raise ReviewError(f"«{value}» — не дата (ГГГГ-ММ-ДД).") from None
    if key == "total":
        return money_str(parse_amount(value))
    if not value or len(value) > 128:
        raise ReviewError("Номер документа: от 1 до 128 символов.")
    return value


def _document(report: ReportModel, doc_id: str) -> Document:
    doc = next((d for d in report.documents if d.id == doc_id), None)
    if doc is None:
        raise ReviewError(f"Документа {doc_id} в отчете нет.")
    return doc


def current_value(body: dict[str, Any], c: Correction) -> str | None:
    """What the stored report holds now for the target of a correction (the audit's `old`)."""
    doc = _document(report_from_json(body), c.doc_id)
    if c.kind == "type":
        return doc.type.value
    if c.kind == "role":
        parties = doc.fields.parties
        i = int(c.key)
        if not 0 <= i < len(parties):
            raise ReviewError(f"У документа {c.doc_id} нет стороны № {i + 1}.")
        return parties[i].role.value
    if c.key == "total":
        return money_str(doc.fields.total.amount) if doc.fields.total else None
    if c.key == "date":
        return doc.fields.date.value.isoformat() if doc.fields.date else None
    return doc.fields.number.value if doc.fields.number else None


def _corrected(doc: Document, c: Correction) -> Document:
    """One correction applied to a document (a role of a party it does not have is skipped)."""
    fields = doc.fields
    if c.kind == "type":
        return doc.model_copy(update={"type": DocType(c.value), "confidence": 1.0})
    if c.kind == "role":
        i = int(c.key)
        if not 0 <= i < len(fields.parties):
            return doc
        parties = list(fields.parties)
        parties[i] = parties[i].model_copy(update={"role": Role(c.value)})
        return doc.model_copy(update={"fields": fields.model_copy(update={"parties": tuple(parties)})})
    if c.kind != "field" or c.key not in FIELDS:
        return doc
    old: Evidence | None = getattr(fields, c.key)
    evidence = {"file": old.file, "page": old.page, "bbox": old.bbox} if old else {}
    value: Evidence
    if c.key == "total":
        currency = old.currency if isinstance(old, MoneyField) else "KZT"
        value = MoneyField(amount=Decimal(c.value), currency=currency, confidence=1.0, **evidence)
    elif c.key == "date":
        value = DateField(value=date.fromisoformat(c.value), confidence=1.0, **evidence)
    else:
        value = TextField(value=c.value, confidence=1.0, **evidence)
    return doc.model_copy(update={"fields": fields.model_copy(update={c.key: value})})


def apply_corrections(report: ReportModel, corrections: Iterable[Correction]) -> ReportModel:
    """The report with the corrections applied in order (later ones win).

    A corrected value keeps the evidence (file, page, box) of the value it replaces and gets
    confidence 1.0. A correction whose document is gone (re-split after added files) is skipped.
    """
    documents = list(report.documents)
    for c in corrections:
        i = next((i for i, d in enumerate(documents) if d.id == c.doc_id), None)
        if i is not None:
            documents[i] = _corrected(documents[i], c)
    return report.model_copy(update={"documents": tuple(documents)})


def corrections_of(session: Session, package_id: str) -> list[Correction]:
    return list(session.scalars(select(Correction).where(Correction.package_id == package_id)
                                .order_by(Correction.id)))


def rebuild(session: Session, package_id: str) -> dict[str, Any] | None:
    """Apply the package's corrections to its stored report and re-run checklists and rules."""
    stored = session.get(Report, package_id)
    pkg = session.get(Package, package_id)
    if stored is None or pkg is None:
        return None
    rates = load_store(session.info.get(_RATES))
    corrected = apply_corrections(report_from_json(stored.body), corrections_of(session, package_id))
    report = recheck(corrected, rates=rates)
    body = to_json(with_history(report, load_history(session, package_id, pkg.applicant_bin)))
    session.info[_APPLYING] = True
    try:
        stored.body = body
        pkg.complete = report.complete
        for obj in list(session.identity_map.values()):
            if isinstance(obj, DocumentRow | FieldRow | FindingRow | PageRow) and obj in session:
                session.expunge(obj)  # the rows are deleted and written again below
        index_report(session, package_id, body)
        session.flush()
    finally:
        session.info.pop(_APPLYING, None)
    return body


def audit(session: Session, user: User, action: str, package_id: str, **detail: Any) -> None:
    session.add(AuditEntry(user_id=user.id, action=action, package_id=package_id, detail=detail))


def correct(session: Session, user: User, pkg: Package, doc_id: str, kind: str, key: str,
            value: str) -> dict[str, Any]:
    """Record one correction, rebuild the report, write the audit entry; returns the new report."""
    if pkg.report is None or pkg.status != "done":
        raise ReviewError("Пакет еще не проверен: исправлять пока нечего.")
    c = Correction(package_id=pkg.id, user_id=user.id, doc_id=doc_id, kind=kind, key=key,
                   value=normalise(kind, key, value))
    old = current_value(pkg.report.body, c)
    session.add(c)
    session.flush()
    body = rebuild(session, pkg.id)
    assert body is not None
    audit(session, user, f"correct_{kind}", pkg.id, document=doc_id, key=key or None, old=old, new=c.value)
    log.info("correction package=%s document=%s kind=%s key=%s", pkg.id, doc_id, kind, key)
    return body


def resolve(session: Session, user: User, pkg: Package, key: str, resolution: str, comment: str) -> int:
    """Resolve or override every current finding with this key; returns how many rows changed."""
    rows = [f for f in session.scalars(select(FindingRow).where(FindingRow.package_id == pkg.id))
            if finding_key(f) == key]
    if not rows:
        raise ReviewError("Такого замечания в пакете нет.")
    old = rows[0].resolution
    for f in rows:
        f.resolution, f.comment = resolution, comment
    audit(session, user, "resolve_finding", pkg.id, finding=rows[0].code, key=key, old=old,
          new=resolution, comment=comment)
    return len(rows)


def install_reapply_hook(db: Database, rates_path: Path | None) -> None:
    """Apply stored corrections whenever a report is saved through `db`'s sessions, by any code path
    (re-processing included); sessions of other databases in the process are left alone. Reports are
    rebuilt with the imported NBK rates at `rates_path`, as the run that wrote them was.

    Runs inside the saving transaction, right before it commits, so no reader ever sees a report of a
    corrected package without its corrections.
    """
    db.sessions.configure(info={_RATES: rates_path})
    if event.contains(db.sessions, "after_flush", _note_reports):
        return
    event.listen(db.sessions, "after_flush", _note_reports)
    event.listen(db.sessions, "before_commit", _reapply)


def _note_reports(session: Session, _context: object) -> None:
    if session.info.get(_APPLYING):
        return
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Report):
            session.info.setdefault(_WRITTEN, set()).add(obj.package_id)


def _reapply(session: Session) -> None:
    session.flush()
    written: set[str] = session.info.pop(_WRITTEN, set())
    for package_id in sorted(written):
        if session.scalar(select(Correction.id).where(Correction.package_id == package_id).limit(1)):
            rebuild(session, package_id)
            log.info("corrections applied again after a re-check package=%s", package_id)
