"""Run the rules over a package's documents: completeness, window, identifiers, amounts, dates, eligibility,
reimbursement — in that order."""

from collections.abc import Mapping, Sequence

from checklists.load import checklist_for
from checklists.names import KNOWN_FLAGS
from checklists.rates import RateStore
from checklists.rules import DEFAULT_WINDOW_OPTIONS, WindowOptions, bins, completeness, window
from checklists.rules.amounts import amounts
from checklists.rules.conditions import Condition, condition_findings, conditions, flags_of
from checklists.rules.dates import date_order
from checklists.rules.eligibility import accommodation_length, duplicates, excluded_equipment, training_length
from checklists.rules.grounds import grounds
from checklists.rules.history import History, across_packages
from checklists.rules.readings import PageScores
from checklists.rules.reimbursement import compute
from checklists.rules.relevance import relevance
from checklists.rules.travel import travel_limits
from models.documents import Document
from models.files import InputFile
from models.findings import Finding
from models.package import PackageRequest
from models.report import Reimbursement


def evaluate(
    request: PackageRequest,
    documents: Sequence[Document],
    flags: frozenset[str] = frozenset(),
    *,
    window_options: WindowOptions = DEFAULT_WINDOW_OPTIONS,
    files: Sequence[InputFile] = (),
    texts: Mapping[str, str] | None = None,
    rates: RateStore | None = None,
    history: History | None = None,
    pages: PageScores | None = None,
) -> tuple[Finding, ...]:
    """All findings for the package; `flags` switch on conditional items (see names.FLAG_NAMES).

    `files` enables the same-file check, `texts` (document id → page text) the excluded-equipment check,
    `rates` replaces the shipped NBK rates, `history` (the applicant's other packages) adds the checks
    across packages, `pages` (each page's type scores) names a page that may be a missing document.
    """
    return assess(request, documents, flags, window_options=window_options, files=files, texts=texts,
                  rates=rates, history=history, pages=pages)[0]


def assess(
    request: PackageRequest,
    documents: Sequence[Document],
    flags: frozenset[str] = frozenset(),
    *,
    window_options: WindowOptions = DEFAULT_WINDOW_OPTIONS,
    files: Sequence[InputFile] = (),
    texts: Mapping[str, str] | None = None,
    rates: RateStore | None = None,
    history: History | None = None,
    pages: PageScores | None = None,
) -> tuple[tuple[Finding, ...], Reimbursement | None]:
    """Findings and the computed reimbursement (None when no payment total was read); `history` (the
    applicant's other packages) adds the checks across packages and the yearly cap over them; `pages`
    (each page's type scores) lets a missing document name a page that may be it."""
    unknown = flags - KNOWN_FLAGS
    if unknown:
        raise ValueError(f"unknown package flags {sorted(unknown)}; known: {sorted(KNOWN_FLAGS)}")
    found = conditions(request, documents, texts)
    flags = flags | flags_of(found)
    limits = travel_limits(request, documents, texts)
    reimbursement, money_findings = compute(
        request, documents, rates, allowed=limits.allowed,
        excluded_by={i: f.code for f in limits.findings for i in f.documents})
    findings = (
        condition_findings(found, documents, condition_citations(request), pages)
        + completeness(request, documents, flags, {c.flag: c.text for c in found}, pages)
        + relevance(request, documents)
        + window(request, documents, window_options)
        + bins(request, documents)
        + amounts(request, documents)
        + date_order(request, documents)
        + excluded_equipment(request, documents, texts or {})
        + training_length(request, documents)
        + accommodation_length(request, documents)
        + limits.findings
        + grounds(request, documents, texts, flags)
        + duplicates(request, documents, files)
        + money_findings
    )
    if history is not None:
        more, reimbursement = across_packages(request, documents, files, reimbursement, history)
        findings += more
    return findings, reimbursement


def package_flags(
    request: PackageRequest,
    documents: Sequence[Document],
    flags: frozenset[str] = frozenset(),
    texts: Mapping[str, str] | None = None,
) -> frozenset[str]:
    """The flags given plus those the package shows (`conditions`): what the checklist marks use."""
    return flags | flags_of(conditions(request, documents, texts))


def condition_citations(request: PackageRequest) -> dict[str, str]:
    """Flag → the citation of the conditional item it switches on in the checklist in force."""
    items = checklist_for(request.cost_type, request.application_date).items
    return {i.condition: i.citation for i in reversed(items) if i.condition is not None}


__all__ = ["Condition", "assess", "condition_citations", "evaluate", "package_flags"]
