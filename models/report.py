"""The completeness report (shared/contract/report.schema.json is the authority on its JSON)."""

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


class Report(Frozen):
    package: PackageRequest
    checklist: ChecklistRef
    files: tuple[InputFile, ...]
    documents: tuple[Document, ...]
    findings: tuple[Finding, ...]
    marks: tuple[ChecklistMark, ...] = ()
    reimbursement: Decimal | None = None

    @property
    def complete(self) -> bool:
        return not any(f.severity == Severity.error for f in self.findings)
