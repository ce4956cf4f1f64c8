"""Officer's pages: the queue with filters, a package under review, the quarterly report form."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, status
from fastapi.responses import HTMLResponse

from intake.db.tables import Decision, User
from intake.i18n import N_
from intake.service.cap_use import cap_use
from intake.service.deps import SessionDep
from intake.service.queue import QueueFilter, queue
from intake.service.routes.packages import get_visible, package_out
from intake.service.routes.review import audit_trail
from intake.web.render import page
from intake.web.session import PageUser
from intake.web.views import report_view
from models.vocab import CostType

router = APIRouter(include_in_schema=False)
STATUSES = ("queued", "processing", "done", "failed")
PAGE_SIZE = 50


def _officer(user: User) -> User:
    if user.role != "officer":
        raise HTTPException(status.HTTP_403_FORBIDDEN, N_("Страница доступна только сотрудникам."))
    return user


@router.get("/review/queue", response_class=HTMLResponse)
def queue_page(
    request: Request, session: SessionDep, user: PageUser,
    status_: Annotated[str | None, Query(alias="status")] = None,
    severity: str | None = None, cost_type: str | None = None,
    since: str | None = None, until: str | None = None, q: str | None = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> HTMLResponse:
    """The queue, filtered by the same parameters as `GET /officer/queue`, a page of 50 at a time."""
    _officer(user)
    filters = {"status": status_ or None, "severity": severity or None, "cost_type": cost_type or None,
               "since": since or None, "until": until or None, "q": (q or "").strip()[:100] or None}
    try:
        result = queue(session, QueueFilter(
            status=status_ if status_ in STATUSES else None,
            severity=severity if severity in ("error", "warning") else None,
            cost_type=cost_type if cost_type and cost_type in CostType.__members__ else None,
            since=date.fromisoformat(since) if since else None,
            until=date.fromisoformat(until) if until else None,
            search=filters["q"]), offset=offset, limit=PAGE_SIZE)
    except ValueError:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                            N_("Дата фильтра — в виде ГГГГ-ММ-ДД.")) from None
    today = datetime.now(UTC).date()
    return page(request, "queue.html", user=user, result=result, items=result.items, filters=filters,
                prev_offset=max(offset - PAGE_SIZE, 0) if offset else None,
                next_offset=offset + PAGE_SIZE if offset + PAGE_SIZE < result.total else None,
                year=today.year, quarter=(today.month - 1) // 3 + 1)


@router.get("/review/packages/{package_id}", response_class=HTMLResponse)
def review_page(request: Request, package_id: str, session: SessionDep, user: PageUser) -> HTMLResponse:
    """Documents, fields and parties to correct, findings to resolve, the page viewer, the audit trail."""
    _officer(user)
    pkg = get_visible(session, user, package_id)
    report = None
    if pkg.status == "done" and pkg.report is not None:
        report = report_view(session, pkg.id, pkg.report.body)
    return page(request, "review.html", user=user, pkg=package_out(pkg), report=report,
                audit=audit_trail(package_id, session, user), decision=session.get(Decision, pkg.id),
                caps=cap_use(session, pkg.applicant_bin, pkg.application_date.year))
