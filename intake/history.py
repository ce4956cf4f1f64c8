"""The applicant's other packages from the service database, as the `History` the checks across packages
read (`checklists.rules.history`), and a report with those checks added."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from checklists.rules.history import History, PriorDocument, PriorPackage, across_packages
from intake.db.tables import Decision, Package, PackageFile
from intake.db.tables import Report as ReportRow
from intake.recheck import document_from_json
from models.report import Report
from models.vocab import CostType


def prior_from_report(
    package_id: str,
    cost_type: CostType,
    body: Mapping[str, Any] | None,
    *,
    application_date: Any,
    granted: Decimal | None = None,
    decided: Any = None,
    file_hashes: frozenset[str] = frozenset(),
) -> PriorPackage:
    """A stored package as history: its report's cost documents, its decision and its files' hashes."""
    docs = []
    for raw in (body or {}).get("documents") or ():
        d = document_from_json(raw)
        f = d.fields
        docs.append(PriorDocument(
            type=d.type, number=f.number.value if f.number else None, day=f.date.value if f.date else None,
            amount=f.total.amount if f.total else None, currency=f.total.currency if f.total else None,
            bins=frozenset(p.bin for p in f.parties if p.valid),
        ))
    reported = frozenset(f["sha256"] for f in (body or {}).get("files") or () if f.get("sha256"))
    return PriorPackage(package_id=package_id, cost_type=cost_type, application_date=application_date,
                        granted=granted, decided=decided, documents=tuple(docs),
                        file_hashes=file_hashes | reported)


def _granted(decision: Decision | None) -> Decimal | None:
    if decision is None or decision.outcome != "approved" or not decision.amount:
        return None
    try:
        return Decimal(decision.amount)
    except InvalidOperation:
        return None


def load_history(session: Session, package_id: str, applicant_bin: str) -> History:
    """Every other package of the same applicant BIN/IIN (whoever uploaded it), with its stored report and
    decision."""
    rows = session.scalars(
        select(Package).where(Package.applicant_bin == applicant_bin, Package.id != package_id)
    ).all()
    out = []
    for pkg in rows:
        report = session.get(ReportRow, pkg.id)
        decision = session.get(Decision, pkg.id)
        hashes = frozenset(session.scalars(
            select(PackageFile.sha256).where(PackageFile.package_id == pkg.id)))
        out.append(prior_from_report(
            pkg.id, CostType(pkg.cost_type), report.body if report is not None else None,
            application_date=pkg.application_date, granted=_granted(decision),
            decided=decision.at.date() if decision is not None and decision.at else None, file_hashes=hashes,
        ))
    return History(tuple(out))


def with_history(report: Report, history: History) -> Report:
    """The report with the checks across packages added and the reimbursement cut to the year's cap."""
    found, reimbursement = across_packages(report.package, report.documents, report.files,
                                           report.reimbursement, history)
    if not found and reimbursement == report.reimbursement:
        return report
    return report.model_copy(update={"findings": report.findings + found, "reimbursement": reimbursement})
