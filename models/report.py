"""The completeness report (shared/contract/report.schema.json is the authority on its JSON)."""

from datetime import date
from decimal import Decimal

from models.base import Frozen
from models.documents import Document
from models.files import InputFile
from models.findings import Finding
from models.package import PackageRequest
from models.vocab import Severity

SCHEMA = "intake.report/1"


class ChecklistRef(Frozen):
    id: str
    version: str


class ChecklistMark(Frozen):
    """One checklist item with whether the package satisfies it and by which documents."""

    item_id: str
    title: str
    citation: str
    status: str
    """`present`, `missing`, or `not_required` (a condition that the package does not claim)."""
    documents: tuple[str, ...] = ()


class Conversion(Frozen):
    """One foreign-currency amount converted at the NBK rate of its payment date (p.19)."""

    document: str
    amount: Decimal
    currency: str
    day: date
    rate: Decimal
    """KZT for `quant` units, as the NBK publishes it."""
    quant: int
    kzt: Decimal


class Exclusion(Frozen):
    """A claimed amount left out of the eligible costs, with the finding that says why."""

    document: str
    amount: Decimal
    currency: str
    code: str
    """The finding's code (`travel_over_limit`, `accommodation_over_limit`)."""


class Reimbursement(Frozen):
    """The claimable amount: 40 % of the eligible costs in KZT, capped per cost type and year."""

    amount: Decimal
    currency: str = "KZT"
    eligible_costs: Decimal
    share: Decimal
    """0.40 (p.14, p.14-1)."""
    uncapped: Decimal
    """share × eligible_costs, before the cap."""
    cap: Decimal
    cap_id: str
    cap_citation: str
    cap_reading: str | None = None
    capped: bool = False
    basis: tuple[str, ...] = ()
    """Ids of the documents the eligible costs are read from (payments, travel, accommodation)."""
    conversions: tuple[Conversion, ...] = ()
    incomplete: bool = False
    """Some payment's total was not read or could not be converted (no NBK rate): the amount leaves it out."""
    exclusions: tuple[Exclusion, ...] = ()
    """Amounts claimed but left out by the limits of p.20 (travel class, trips, room, stay, per diem)."""


class Report(Frozen):
    package: PackageRequest
    checklist: ChecklistRef
    files: tuple[InputFile, ...]
    documents: tuple[Document, ...]
    findings: tuple[Finding, ...]
    marks: tuple[ChecklistMark, ...] = ()
    reimbursement: Reimbursement | None = None

    @property
    def complete(self) -> bool:
        return not any(f.severity == Severity.error for f in self.findings)
