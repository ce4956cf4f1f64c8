"""Officers' review: corrections, resolutions, decisions, the audit trail, the queue, form 1-КЦИЭ."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Response, status
from sqlalchemy import select

from intake import quarterly
from intake.db.tables import AuditEntry, Decision, User
from intake.i18n import N_
from intake.report import ReportOut, money_str, parse_report
from intake.service import review
from intake.service.deps import OfficerDep, SessionDep, UserDep
from intake.service.errors import documented
from intake.service.queue import QueueFilter, queue
from intake.service.review_schemas import (
    AuditOut,
    DecisionIn,
    DecisionOut,
    DocTypeIn,
    FieldIn,
    PaymentIn,
    PaymentOut,
    QueueOut,
    ReopenIn,
    ReopenOut,
    ResolutionIn,
    ResolutionOut,
    RoleIn,
)
from intake.service.routes.packages import ERRORS, get_visible
from models.vocab import CostType

router = APIRouter(tags=["review"])
REVIEW_ERRORS = {**ERRORS, **documented(403, 409)}
DocId = Annotated[str, Path(max_length=32)]
QueueSort = Literal["created_at", "-created_at", "application_date", "-application_date", "open_errors",
                    "-open_errors"]


def _correct(session: SessionDep, user: User, package_id: str, doc_id: str, kind: str, key: str,
             value: str) -> dict[str, Any]:
    pkg = get_visible(session, user, package_id)
    try:
        body = review.correct(session, user, pkg, doc_id, kind, key, value)
    except review.ReviewError as exc:
        code = status.HTTP_409_CONFLICT if pkg.status != "done" else status.HTTP_422_UNPROCESSABLE_CONTENT
        raise HTTPException(code, str(exc)) from None
    session.commit()  # before answering: the session dependency's own commit may come after the response
    return body


@router.patch("/packages/{package_id}/documents/{doc_id}", response_model=ReportOut,
               response_model_exclude_unset=True, responses=REVIEW_ERRORS)
def correct_type(package_id: str, doc_id: DocId, body: DocTypeIn, session: SessionDep,
                 user: OfficerDep) -> dict[str, Any]:
    """Correct a document's type; the checklists and rules run again at once. Returns the new report."""
    return _correct(session, user, package_id, doc_id, "type", "", body.type.value)


@router.patch("/packages/{package_id}/documents/{doc_id}/fields/{name}", response_model=ReportOut,
               response_model_exclude_unset=True, responses=REVIEW_ERRORS)
def correct_field(package_id: str, doc_id: DocId, name: Annotated[str, Path(pattern="^(number|date|total)$")],
                  body: FieldIn, session: SessionDep, user: OfficerDep) -> dict[str, Any]:
    """Correct a field's value (number, date YYYY-MM-DD, total amount); returns the new report."""
    return _correct(session, user, package_id, doc_id, "field", name, body.value)


@router.patch("/packages/{package_id}/documents/{doc_id}/parties/{index}", response_model=ReportOut,
               response_model_exclude_unset=True, responses=REVIEW_ERRORS)
def correct_role(package_id: str, doc_id: DocId, index: Annotated[int, Path(ge=0, le=1000)], body: RoleIn,
                 session: SessionDep, user: OfficerDep) -> dict[str, Any]:
    """Correct the role of a document's party (0-based index in `fields.parties`); returns the new report."""
    return _correct(session, user, package_id, doc_id, "role", str(index), body.role.value)


@router.post("/packages/{package_id}/findings/{key}/resolution", response_model=ResolutionOut,
             responses=REVIEW_ERRORS)
def resolve_finding(package_id: str, key: Annotated[str, Path(pattern="^[0-9a-f]{16}$")], body: ResolutionIn,
                    session: SessionDep, user: OfficerDep) -> ResolutionOut:
    """Resolve or override a finding (key: `finding_key` as shown by the review page) with a comment."""
    pkg = get_visible(session, user, package_id)
    try:
        n = review.resolve(session, user, pkg, key, body.resolution, body.comment.strip())
    except review.ReviewError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None
    session.commit()
    return ResolutionOut(key=key, resolution=body.resolution, findings=n)


@router.post("/packages/{package_id}/decision", response_model=DecisionOut, responses=REVIEW_ERRORS)
def decide(package_id: str, body: DecisionIn, session: SessionDep, user: OfficerDep) -> DecisionOut:
    """Approve (the computed reimbursement is granted) or reject a checked package."""
    pkg = get_visible(session, user, package_id)
    if pkg.status != "done" or pkg.report is None:
        raise HTTPException(status.HTTP_409_CONFLICT, N_("Решение принимается по проверенному пакету."))
    reimb = parse_report(pkg.report.body).reimbursement
    amount = reimb.amount if reimb and body.outcome == "approved" else None
    old = session.get(Decision, pkg.id)
    review.audit(session, user, "decision", pkg.id, old=old.outcome if old else None, new=body.outcome,
                 comment=body.comment, internal_comment=body.internal_comment, amount=amount)
    if old is not None:
        session.delete(old)
        session.flush()
    d = Decision(package_id=pkg.id, outcome=body.outcome, amount=amount, comment=body.comment,
                 user_id=user.id)
    session.add(d)
    session.commit()
    return DecisionOut(outcome=d.outcome, amount=d.amount, at=d.at)


@router.post("/packages/{package_id}/payments", response_model=PaymentOut,
             status_code=status.HTTP_201_CREATED, responses=REVIEW_ERRORS)
def record_payment(package_id: str, body: PaymentIn, session: SessionDep, user: OfficerDep) -> PaymentOut:
    """Record a payment of the granted reimbursement (amount, date): column 8 of form 1-КЦИЭ."""
    pkg = get_visible(session, user, package_id)
    decision = session.get(Decision, pkg.id)
    if decision is None or decision.outcome != "approved":
        raise HTTPException(status.HTTP_409_CONFLICT, N_("Выплата вносится по одобренной заявке."))
    try:
        amount = review.parse_amount(body.amount)
    except review.ReviewError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from None
    review.audit(session, user, quarterly.PAYMENT_ACTION, pkg.id, amount=money_str(amount),
                 date=body.date.isoformat())
    session.flush()
    paid = quarterly.paid_until(session, pkg.id, date.max)
    session.commit()
    return PaymentOut(amount=money_str(amount), date=body.date, paid=money_str(paid))


@router.post("/packages/{package_id}/reopen", response_model=ReopenOut, responses=REVIEW_ERRORS)
def reopen(package_id: str, body: ReopenIn, session: SessionDep, user: OfficerDep) -> ReopenOut:
    """Withdraw the decision: the applicant may add files and re-check again, and the package is back
    in the officers' queue."""
    pkg = get_visible(session, user, package_id)
    old = session.get(Decision, pkg.id)
    if old is None:
        raise HTTPException(status.HTTP_409_CONFLICT, N_("По пакету нет решения."))
    review.audit(session, user, "reopen", pkg.id, old=old.outcome, internal_comment=body.internal_comment)
    session.delete(old)
    session.commit()
    return ReopenOut(id=pkg.id, status=pkg.status)


INTERNAL = ("internal_comment",)
"""Audit detail officers keep among themselves."""


@router.get("/packages/{package_id}/audit", response_model=list[AuditOut], responses=REVIEW_ERRORS)
def audit_trail(
    package_id: str, session: SessionDep, user: UserDep,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 1000,
    order: Annotated[Literal["oldest", "newest"], Query(description="oldest first, or newest")] = "oldest",
) -> list[AuditOut]:
    """Recorded actions on the package (upload, additions, corrections, resolutions), a page at a time.
    An applicant sees who acted only for their own actions (officers' e-mails are not shown), the
    decision's comment for the applicant, and no officer's internal comment or resolution note."""
    get_visible(session, user, package_id)
    rows = session.execute(select(AuditEntry, User.email).outerjoin(User, User.id == AuditEntry.user_id)
                           .where(AuditEntry.package_id == package_id)
                           .order_by(AuditEntry.id if order == "oldest" else AuditEntry.id.desc())
                           .offset(offset).limit(limit))
    if user.role != "applicant":
        return [AuditOut(id=a.id, at=a.at, user=email, action=a.action, detail=a.detail) for a, email in rows]
    out = []
    for a, email in rows:
        detail = {k: v for k, v in a.detail.items() if k not in INTERNAL
                  and not (k == "comment" and a.action != "decision")}
        out.append(AuditOut(id=a.id, at=a.at, user=email if a.user_id == user.id else None, action=a.action,
                            detail=detail))
    return out


@router.get("/officer/queue", response_model=QueueOut, responses=REVIEW_ERRORS)
def officer_queue(
    session: SessionDep, _user: OfficerDep,
    status_: Annotated[str | None, Query(alias="status", pattern="^(queued|processing|done|failed)$")] = None,
    severity: Annotated[str | None, Query(pattern="^(error|warning)$",
                                          description="open findings of this severity")] = None,
    cost_type: CostType | None = None,
    since: Annotated[date | None, Query(description="received on or after this day")] = None,
    until: Annotated[date | None, Query(description="received on or before this day")] = None,
    q: Annotated[str | None, Query(max_length=100, description="part of the applicant's BIN or name")] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    sort: Annotated[QueueSort, Query(description="a leading `-`: descending")] = "created_at",
) -> QueueOut:
    """Every package awaiting a decision (complete or not, findings resolved or not), oldest first."""
    f = QueueFilter(status=status_, severity=severity, cost_type=cost_type.value if cost_type else None,
                    since=since, until=until, search=q)
    return queue(session, f, offset=offset, limit=limit, sort=sort)


@router.get("/reports/quarterly.xlsx", responses={**REVIEW_ERRORS, 200: {"content": {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}}})
def quarterly_xlsx(session: SessionDep, _user: OfficerDep, year: Annotated[int, Query(ge=2022, le=2100)],
                   quarter: Annotated[int, Query(ge=1, le=4)]) -> Response:
    """The quarterly report of App.7 (form 1-КЦИЭ) as an XLSX workbook."""
    data = quarterly.to_xlsx(quarterly.rows(session, year, quarter), year, quarter)
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="1-kciie-{year}-q{quarter}.xlsx"'})
