"""Officers' review: corrections of what was read, resolutions of findings, decisions.

A correction changes the stored extraction (a document's type, a field's value, a party's role); the
report is then rebuilt by the re-check machinery (`intake.recheck.recheck`), never by reading pages
again. Corrections live in their own table, so a later re-processing of the package (added files, a
re-check) gets them applied again: `install_reapply_hook` does that whenever any code path stores a
report. Every change is written to the audit log with who, when, the old and the new value.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

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
from intake.report import money_str, to_json
from intake.service.indexing import index_report
from models.vocab import DocType, Role

log = logging.getLogger(__name__)

FIELDS = ("number", "date", "total")
RESOLUTIONS = ("resolved", "overridden")
_APPLYING = "intake.review.applying"
_WRITTEN = "intake.review.reports_written"


class ReviewError(ValueError):
    """A correction that cannot be applied (unknown document, bad value); the message is for people."""


def finding_key(f: dict[str, Any] | FindingRow) -> str:
    """A stable key of a finding across re-checks: its code, document type, file and documents."""
    if isinstance(f, FindingRow):
        parts: list[Any] = [f.code, f.doc_type, f.file, list(f.documents or ())]
    else:
        parts = [f["code"], f.get("doc_type"), f.get("file"), list(f.get("documents") or ())]
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


def _document(body: dict[str, Any], doc_id: str) -> dict[str, Any]:
    doc = next((d for d in body.get("documents", []) if d["id"] == doc_id), None)
    if doc is None:
        raise ReviewError(f"Документа {doc_id} в отчете нет.")
    return doc


def current_value(body: dict[str, Any], c: Correction) -> str | None:
    """What the report holds now for the target of a correction (the audit's `old`)."""
    doc = _document(body, c.doc_id)
    fields = doc.get("fields") or {}
    if c.kind == "type":
        return str(doc["type"])
    if c.kind == "role":
        parties = fields.get("parties") or []
        i = int(c.key)
        if not 0 <= i < len(parties):
            raise ReviewError(f"У документа {c.doc_id} нет стороны № {i + 1}.")
        return str(parties[i]["role"])
    v = fields.get(c.key)
    if not v:
        return None
    return str(v["amount"] if c.key == "total" else v["value"])


def apply_corrections(body: dict[str, Any], corrections: Iterable[Correction]) -> dict[str, Any]:
    """A copy of the report JSON with the corrections applied in order (later ones win).

    A corrected value keeps the evidence (file, page, box) of the value it replaces and gets
    confidence 1.0. A correction whose document is gone (re-split after added files) is skipped.
    """
    out = copy.deepcopy(body)
    for c in corrections:
        doc = next((d for d in out.get("documents", []) if d["id"] == c.doc_id), None)
        if doc is None:
            continue
        fields = doc.setdefault("fields", {})
        if c.kind == "type":
            doc["type"], doc["confidence"] = c.value, 1.0
        elif c.kind == "role":
            parties = fields.get("parties") or []
            i = int(c.key)
            if 0 <= i < len(parties):
                parties[i]["role"] = c.value
        elif c.kind == "field":
            old = fields.get(c.key) or {"page": None, "bbox": None}
            evidence = {k: old.get(k) for k in ("file", "page", "bbox") if k in old}
            if c.key == "total":
                fields[c.key] = {"amount": c.value, "currency": old.get("currency") or "KZT",
                                 **evidence, "confidence": 1.0}
            else:
                fields[c.key] = {"value": c.value, **evidence, "confidence": 1.0}
    return out


def corrections_of(session: Session, package_id: str) -> list[Correction]:
    return list(session.scalars(select(Correction).where(Correction.package_id == package_id)
                                .order_by(Correction.id)))


def rebuild(session: Session, package_id: str) -> dict[str, Any] | None:
    """Apply the package's corrections to its stored report and re-run checklists and rules."""
    stored = session.get(Report, package_id)
    pkg = session.get(Package, package_id)
    if stored is None or pkg is None:
        return None
    checked = recheck(apply_corrections(stored.body, corrections_of(session, package_id)))
    body = to_json(with_history(checked, load_history(session, package_id, pkg.applicant_bin)))
    session.info[_APPLYING] = True
    try:
        stored.body = body
        pkg.complete = bool(body["complete"])
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


def install_reapply_hook() -> None:
    """Apply stored corrections whenever a report is saved by any code path (re-processing included).

    Runs inside the saving transaction, right before it commits, so no reader ever sees a report of a
    corrected package without its corrections.
    """
    if event.contains(Session, "after_flush", _note_reports):
        return
    event.listen(Session, "after_flush", _note_reports)
    event.listen(Session, "before_commit", _reapply)


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
