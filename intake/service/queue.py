"""The officers' queue: every package awaiting a decision, a page at a time.

A package is in the queue from upload until an officer decides it, whatever its findings: complete
packages and packages whose findings are all resolved wait for a decision too. Filters: status, cost
type, the day received, open findings of a severity; search by the applicant's BIN or company name
(as read from the documents).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.tables import Decision, DocumentRow, FieldRow, FindingRow, Package
from intake.service.review_schemas import QueueItem, QueueOut

FLAGGED = ("error", "warning")
SORTS = ("created_at", "-created_at", "application_date", "-application_date", "open_errors", "-open_errors")


@dataclass(frozen=True)
class QueueFilter:
    status: str | None = None
    severity: str | None = None
    cost_type: str | None = None
    since: date | None = None
    until: date | None = None
    search: str | None = None
    """digits: part of the applicant's BIN; otherwise part of the company name (any case)."""


def _day_start(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=UTC)


def _open_counts(session: Session, ids: list[str]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {}
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(FindingRow.package_id, FindingRow.severity)
            .where(FindingRow.package_id.in_(ids[i:i + 500]), FindingRow.resolution.is_(None),
                   FindingRow.severity.in_(FLAGGED)))
        for pid, sev in rows:
            counts.setdefault(pid, Counter())[sev] += 1
    return counts


def applicant_names(session: Session, packages: list[Package]) -> dict[str, str]:
    """The applicant's company name as read (the first party bearing the applicant's BIN with a name)."""
    bins = {p.id: p.applicant_bin for p in packages}
    names: dict[str, str] = {}
    ids = list(bins)
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(DocumentRow.package_id, FieldRow.value, FieldRow.extra)
            .join(FieldRow, FieldRow.document_pk == DocumentRow.id)
            .where(DocumentRow.package_id.in_(ids[i:i + 500]), FieldRow.name == "party")
            .order_by(DocumentRow.id, FieldRow.id))
        for pid, bin_, extra in rows:
            name = (extra or {}).get("name")
            if pid not in names and bin_ == bins[pid] and name:
                names[pid] = str(name)
    return names


def queue(session: Session, f: QueueFilter, *, offset: int = 0, limit: int = 50,
          sort: str = "created_at") -> QueueOut:
    """Undecided packages matching `f`, sorted by `sort` (a leading `-`: descending), one page."""
    q = (select(Package).outerjoin(Decision, Decision.package_id == Package.id)
         .where(Decision.package_id.is_(None)))
    if f.status:
        q = q.where(Package.status == f.status)
    if f.cost_type:
        q = q.where(Package.cost_type == f.cost_type)
    if f.since:
        q = q.where(Package.created_at >= _day_start(f.since))
    if f.until:
        q = q.where(Package.created_at < _day_start(f.until + timedelta(days=1)))
    search = (f.search or "").strip()
    if search.isdigit():
        q = q.where(Package.applicant_bin.contains(search))
    packages = list(session.scalars(q.order_by(Package.created_at, Package.id)))
    names = applicant_names(session, packages)
    if search and not search.isdigit():
        needle = search.casefold()
        packages = [p for p in packages if needle in names.get(p.id, "").casefold()]
    counts = _open_counts(session, [p.id for p in packages])
    if f.severity:
        packages = [p for p in packages if counts.get(p.id, Counter())[f.severity]]
    key = sort.lstrip("-")
    if key == "open_errors":
        packages.sort(key=lambda p: (counts.get(p.id, Counter())["error"], p.created_at))
    elif key == "application_date":
        packages.sort(key=lambda p: (p.application_date, p.created_at))
    if sort.startswith("-"):
        packages.reverse()
    items = []
    for p in packages[offset:offset + limit]:
        c = counts.get(p.id, Counter())
        items.append(QueueItem(id=p.id, status=p.status, cost_type=p.cost_type,  # type: ignore[arg-type]
                               application_date=p.application_date, applicant_bin=p.applicant_bin,
                               company=names.get(p.id), created_at=p.created_at, complete=p.complete,
                               open_errors=c["error"], open_warnings=c["warning"]))
    return QueueOut(items=items, total=len(packages), offset=offset, limit=limit)
