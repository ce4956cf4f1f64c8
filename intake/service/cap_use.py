"""Per applicant, the year's use of each cap across packages (p.14, p.14-1: caps are per calendar year).

For each cap of the cap table: the amounts granted by approval decisions on the applicant's packages
applied for in that year, the amounts computed for packages still awaiting a decision, and what is
left. Rejected packages use nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from checklists.caps import load_caps
from intake.db.tables import Decision, Package
from intake.service.review_schemas import CapPackage, CapUse, CapUseOut
from models.vocab import CostType

ZERO = Decimal("0.00")


def _money(v: Decimal) -> str:
    return format(v.quantize(Decimal("0.01")), "f")


@dataclass
class _Tally:
    granted: Decimal = ZERO
    pending: Decimal = ZERO
    packages: list[CapPackage] = field(default_factory=list)


def cap_use(session: Session, applicant_bin: str, year: int) -> CapUseOut:
    table = load_caps()
    rows = session.execute(
        select(Package, Decision).outerjoin(Decision, Decision.package_id == Package.id)
        .where(Package.applicant_bin == applicant_bin, extract("year", Package.application_date) == year)
        .order_by(Package.application_date, Package.created_at))
    tally = {c.id: _Tally() for c in table.caps}
    for pkg, decision in rows:
        entry = tally[table.cap_for(CostType(pkg.cost_type)).id]
        reimb = pkg.report.body.get("reimbursement") if pkg.report is not None else None
        computed = Decimal(reimb["amount"]) if reimb else None
        outcome = decision.outcome if decision else None
        granted = decision.amount if decision is not None and outcome == "approved" else None
        if granted is not None:
            entry.granted += Decimal(granted)
        elif outcome is None and computed is not None:
            entry.pending += computed
        entry.packages.append(CapPackage(
            id=pkg.id, cost_type=CostType(pkg.cost_type), application_date=pkg.application_date,
            status=pkg.status, decision=outcome,  # type: ignore[arg-type]
            computed=_money(computed) if computed is not None else None, granted=granted))
    caps = [CapUse(cap_id=c.id, citation=c.citation, cost_types=list(c.cost_types), cap=_money(c.amount),
                   granted=_money(tally[c.id].granted), pending=_money(tally[c.id].pending),
                   remaining=_money(max(c.amount - tally[c.id].granted, ZERO)),
                   over_with_pending=tally[c.id].granted + tally[c.id].pending > c.amount,
                   packages=tally[c.id].packages)
            for c in table.caps]
    return CapUseOut(applicant_bin=applicant_bin, year=year, caps=caps)
