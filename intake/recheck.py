"""Re-check an earlier extraction: a JSON report of `intake check` → frozen models → checklists and rules
again, under another application date, cost type or rules version, without reading any page.

Findings about files and pages (`rejected_file`, `unreadable_document`) and the excluded-equipment hint
(it needs the contract's page text, which the report does not keep) are carried over; the file and page
findings are re-cited for the new cost type's appendix. A missing document the check said at warning because
a page may be it keeps pointing at that page (`readings.pointed_pages`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from checklists.rates import RateStore
from checklists.rules.eligibility import EXCLUDED_CODE
from checklists.rules.readings import pointed_pages
from intake.findings import refusal_citation
from intake.pipeline import report_of
from intake.report import document_from_json, file_from_json, finding_from_json, report_from_json
from models.package import PackageRequest
from models.report import Report
from models.vocab import CostType

__all__ = ["document_from_json", "file_from_json", "finding_from_json", "recheck", "report_from_json"]

PAGE_CODES = frozenset({"rejected_file", "unreadable_document"})
CARRIED_CODES = PAGE_CODES | {EXCLUDED_CODE}


def recheck(
    report: Mapping[str, Any] | Report,
    *,
    application_date: date | None = None,
    cost_type: CostType | None = None,
    flags: frozenset[str] = frozenset(),
    rates: RateStore | None = None,
) -> Report:
    """The report (its JSON or the model) checked again: the same documents and files, the same request
    unless overridden."""
    earlier = report if isinstance(report, Report) else report_from_json(report)
    request = PackageRequest(
        cost_type=cost_type or earlier.package.cost_type,
        application_date=application_date or earlier.package.application_date,
        applicant_bin=earlier.package.applicant_bin,
    )
    carried = []
    for f in earlier.findings:
        if f.code not in CARRIED_CODES:
            continue
        if f.code in PAGE_CODES:
            f = f.model_copy(update={"citation": refusal_citation(request.cost_type)})
        elif request.cost_type != CostType.process_equipment:
            continue
        carried.append(f)
    return report_of(request, earlier.files, earlier.documents, carried, flags, rates=rates,
                     pages=pointed_pages(earlier.findings))
