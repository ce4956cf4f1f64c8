"""What the pages show of a stored report: checklist, findings with their evidence, documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake import i18n
from intake.db.tables import FindingRow
from intake.report import DocumentOut, EvidenceOut, FindingOut, parse_report
from intake.service.review import finding_key
from models.vocab import Severity

ORDER = [s.value for s in Severity]


@dataclass(frozen=True)
class Evidence:
    """A place to show: a page of a file and, when known, a box (fractions of the page)."""

    file: str
    page: int
    bbox: tuple[float, float, float, float] | None = None

    @property
    def box(self) -> str | None:
        return ",".join(f"{v:.4f}" for v in self.bbox) if self.bbox else None


@dataclass(frozen=True)
class FindingView:
    key: str
    code: str
    severity: str
    message: str
    citation: str
    evidence: Evidence | None
    resolution: str | None
    comment: str | None
    message_kk: str | None = None

    def text(self, lang: str) -> str:
        """The message in the reader's language (Russian where no Kazakh text is stored)."""
        return self.message_kk if lang == "kk" and self.message_kk else self.message


@dataclass(frozen=True)
class ReportView:
    body: dict[str, Any]
    """The stored JSON as the templates read it."""
    findings: list[FindingView]
    docs: dict[str, DocumentOut] = field(default_factory=dict)

    @property
    def open_errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error" and not f.resolution)


def first_page(doc: DocumentOut) -> Evidence | None:
    return Evidence(doc.pages[0].file, doc.pages[0].page) if doc.pages else None


def value_evidence(value: EvidenceOut | None) -> Evidence | None:
    """Where a field or a party was read, when the report says."""
    if not value or not value.file or not value.page:
        return None
    return Evidence(value.file, value.page, value.bbox)


def _finding_evidence(f: FindingOut, docs: dict[str, DocumentOut]) -> Evidence | None:
    if f.file and f.page:
        return Evidence(f.file, f.page, f.bbox)
    for doc_id in f.documents:
        if doc_id in docs:
            return first_page(docs[doc_id])
    return None


def report_view(session: Session, package_id: str, body: dict[str, Any], *,
                internal: bool = True) -> ReportView:
    """The report with each finding's stable key, evidence and officer resolution, errors first;
    officers' resolution notes only when `internal` (never on an applicant's page)."""
    rows = {finding_key(r): r for r in session.scalars(select(FindingRow)
                                                       .where(FindingRow.package_id == package_id))}
    report = parse_report(body)
    docs = {d.id: d for d in report.documents}
    findings = []
    for f in sorted(report.findings, key=lambda f: ORDER.index(f.severity)):
        key = finding_key(f)
        row = rows.get(key)
        kk = i18n.render(f.message_text, "kk") if f.message_text is not None else f.message_kk
        findings.append(FindingView(key=key, code=f.code, severity=f.severity.value, message=f.message,
                                    message_kk=kk,
                                    citation=f.citation, evidence=_finding_evidence(f, docs),
                                    resolution=row.resolution if row else None,
                                    comment=row.comment if row and internal else None))
    return ReportView(body=body, findings=findings, docs=docs)
