"""The officers' queue: packages with open (unresolved) findings, oldest first."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.db.tables import Decision, FindingRow, Package
from intake.service.review_schemas import QueueItem

FLAGGED = ("error", "warning")


def _day_start(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=UTC)


def queue(
    session: Session, *, status: str | None = None, severity: str | None = None,
    cost_type: str | None = None, since: date | None = None, until: date | None = None,
    limit: int = 200,
) -> list[QueueItem]:
    """Undecided packages with open flagged findings (`severity` narrows to one), and failed ones.

    `since` / `until` bound the day the package was received (inclusive).
    """
    wanted = (severity,) if severity else FLAGGED
    open_rows = session.execute(
        select(FindingRow.package_id, FindingRow.severity)
        .where(FindingRow.resolution.is_(None), FindingRow.severity.in_(FLAGGED))
    ).all()
    counts: dict[str, Counter[str]] = {}
    for pid, sev in open_rows:
        counts.setdefault(pid, Counter())[sev] += 1
    flagged = {pid for pid, c in counts.items() if any(c[s] for s in wanted)}
    q = select(Package, Decision.outcome).outerjoin(Decision, Decision.package_id == Package.id)
    q = q.where(Decision.outcome.is_(None))
    if status:
        q = q.where(Package.status == status)
    if cost_type:
        q = q.where(Package.cost_type == cost_type)
    if since:
        q = q.where(Package.created_at >= _day_start(since))
    if until:
        q = q.where(Package.created_at < _day_start(until + timedelta(days=1)))
    items = []
    for pkg, outcome in session.execute(q.order_by(Package.created_at, Package.id)):
        if pkg.id not in flagged and not (pkg.status == "failed" and not severity):
            continue
        c = counts.get(pkg.id, Counter())
        items.append(QueueItem(id=pkg.id, status=pkg.status, cost_type=pkg.cost_type,
                               application_date=pkg.application_date, created_at=pkg.created_at,
                               open_errors=c["error"], open_warnings=c["warning"], decision=outcome))
        if len(items) >= limit:
            break
    return items
