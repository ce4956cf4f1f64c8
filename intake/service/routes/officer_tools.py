"""Officers' tools beyond corrections: the decision letter and an applicant's use of the caps."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, status
from sqlalchemy import select

from intake.db.tables import Decision, User
from intake.decision_letter import LetterFacts, letter_pdf
from intake.i18n import N_
from intake.service.cap_use import cap_use
from intake.service.deps import OfficerDep, SessionDep, UserDep
from intake.service.errors import ApiError, documented, request_lang
from intake.service.queue import applicant_names
from intake.service.review_schemas import CapUseOut
from intake.service.routes.packages import ERRORS, LangQuery, get_visible
from intake.web.views import report_view

router = APIRouter(tags=["review"])
NO_DECISION = N_("Решения по пакету еще нет.")


@router.get("/packages/{package_id}/decision-letter.pdf",
            responses={**ERRORS, **documented(409), 200: {"content": {"application/pdf": {}}}})
def decision_letter(package_id: str, request: Request, session: SessionDep, user: UserDep,
                    lang: LangQuery = None) -> Response:
    """The decision letter citing the findings (officers; the applicant for their own package)."""
    pkg = get_visible(session, user, package_id)
    decision = session.get(Decision, pkg.id)
    if decision is None or pkg.report is None:
        raise ApiError(status.HTTP_409_CONFLICT, NO_DECISION, "no_decision")
    officer = session.scalar(select(User.email).where(User.id == decision.user_id))
    view = report_view(session, pkg.id, pkg.report.body)
    facts = LetterFacts(
        package_id=pkg.id, cost_type=pkg.cost_type, application_date=pkg.application_date,
        applicant_bin=pkg.applicant_bin, company=applicant_names(session, [pkg]).get(pkg.id),
        outcome=decision.outcome, amount=decision.amount, comment=decision.comment,
        decided_at=decision.at, officer=officer, findings=view.findings)
    chosen = lang or request_lang(request)
    return Response(letter_pdf(facts, chosen), media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="decision-{pkg.id}.pdf"', "Content-Language": chosen})


@router.get("/officer/applicants/{applicant_bin}/caps", response_model=CapUseOut,
            responses={**ERRORS, **documented(403)})
def applicant_caps(
    session: SessionDep, _user: OfficerDep,
    applicant_bin: Annotated[str, Path(pattern=r"^[0-9]{12}$")],
    year: Annotated[int | None, Query(ge=2022, le=2100, description="default: this year")] = None,
) -> CapUseOut:
    """The applicant's use of each cap in a calendar year: granted, awaiting a decision, remaining."""
    return cap_use(session, applicant_bin, year or date.today().year)
