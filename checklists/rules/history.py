"""Checks across the applicant's packages (p.14, p.14-1): yearly caps summed over every agreement of the
calendar year, one agreement per cost type a year, the same document already claimed in another package.

A pure rule over a small `History` input — the applicant's other packages, their decisions and the
documents they claimed — that the service and the batch build from their database
(`intake.history`); without one (the command line) the rule finds nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from checklists.caps import CapTable, load_caps
from checklists.names import COST_TYPE_NAMES
from checklists.rules._deal import PAYMENT_TYPES, TRANSFER_TYPES, norm_number
from checklists.rules._text import N_, by_gender, doc_ref, joined, locate, ru_date, ru_money, said
from models.documents import Document
from models.files import InputFile
from models.findings import Finding
from models.message import Message, msg
from models.package import PackageRequest
from models.report import Reimbursement
from models.vocab import CostType, DocType, Severity

CAP_CODE = "yearly_cap_exceeded"
AGREEMENT_CODE = "second_agreement"
REUSED_CODE = "reused_document"
SEVERITY = Severity.warning
AGREEMENT_CITATION = "p.14"
REUSED_CITATION = "p.14; p.17 (затраты возмещаются один раз; проверка продукта)"

REUSABLE = (*PAYMENT_TYPES, DocType.invoice, DocType.act, *TRANSFER_TYPES, DocType.travel_document,
            DocType.accommodation_document)
"""Documents that prove a cost: one claimed in another package is the same cost claimed twice."""


@dataclass(frozen=True)
class PriorDocument:
    """A cost document of another package, as that package's report read it."""

    type: DocType
    number: str | None
    day: date | None
    amount: Decimal | None
    currency: str | None
    bins: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PriorPackage:
    """Another package of the same applicant."""

    package_id: str
    cost_type: CostType
    application_date: date
    granted: Decimal | None = None
    """The reimbursement granted by an approved decision (an agreement); None: not approved (yet)."""
    decided: date | None = None
    documents: tuple[PriorDocument, ...] = ()
    file_hashes: frozenset[str] = frozenset()

    @property
    def year(self) -> int:
        """The calendar year the agreement falls in: the decision's, else the application's."""
        return (self.decided or self.application_date).year

    def named(self) -> Message:
        """`заявке от 12.03.2026 (…cost type…)`: how a message names it (no internal id)."""
        return msg(N_("заявке от %(date)s (%(kind)s)"), date=ru_date(self.application_date),
                   kind=Message(id=measure_name(self.cost_type)))


def measure_name(cost_type: CostType) -> str:
    """The measure of a cost type (the part of its name before the colon)."""
    return COST_TYPE_NAMES[cost_type].split(":")[0]


@dataclass(frozen=True)
class History:
    packages: tuple[PriorPackage, ...] = field(default_factory=tuple)


def _key(doc_type: DocType, number: str | None, day: date | None, amount: Decimal | None,
         currency: str | None) -> tuple[str, str, str, str, str] | None:
    if not number or day is None or amount is None or not norm_number(number):
        return None
    return doc_type.value, norm_number(number), day.isoformat(), format(amount, "f"), currency or ""


def _doc_key(doc: Document) -> tuple[str, str, str, str, str] | None:
    f = doc.fields
    return _key(doc.type, f.number.value if f.number else None, f.date.value if f.date else None,
                f.total.amount if f.total else None, f.total.currency if f.total else None)


def reused(
    documents: Sequence[Document], files: Sequence[InputFile], history: History
) -> tuple[Finding, ...]:
    """`reused_document` where a cost document (same type, number, date, amount and — where both name
    them — a party in common) or a file holding one (same sha256) was already submitted in another package.
    Contracts, register extracts and the like may be submitted again: only cost documents (`REUSABLE`)."""
    out: list[Finding] = []
    for doc in documents:
        if doc.type not in REUSABLE:
            continue
        key = _doc_key(doc)
        if key is None:
            continue
        bins = {p.bin for p in doc.fields.parties if p.valid}
        for prior in history.packages:
            hit = next((p for p in prior.documents
                        if _key(p.type, p.number, p.day, p.amount, p.currency) == key
                        and (not bins or not p.bins or bool(bins & p.bins))), None)
            if hit is None:
                continue
            file, page, bbox = locate(doc, doc.fields.number)
            out.append(Finding(
                code=REUSED_CODE, severity=SEVERITY, citation=REUSED_CITATION, doc_type=doc.type,
                documents=(doc.id,), file=file, page=page, bbox=bbox,
                **said(msg(by_gender(
                    doc.type,
                    N_("%(doc)s на сумму %(amount)s уже был представлен в %(prior)s: одни и те же затраты не "
                       "возмещаются дважды."),
                    N_("%(doc)s на сумму %(amount)s уже была представлена в %(prior)s: одни и те же затраты "
                       "не возмещаются дважды."),
                    N_("%(doc)s на сумму %(amount)s уже было представлено в %(prior)s: одни и те же затраты "
                       "не возмещаются дважды.")),
                    doc=doc_ref(doc), amount=ru_money(hit.amount or Decimal(0), hit.currency or "KZT"),
                    prior=prior.named())),
            ))
            break
    seen_files = {x.file for x in out if x.file}
    costs = {ref.file for d in documents if d.type in REUSABLE for ref in d.pages}
    for f in files:
        if f.name in seen_files or f.error is not None or f.name not in costs:
            continue
        earlier = next((p for p in history.packages if f.sha256 in p.file_hashes), None)
        if earlier is not None:
            out.append(Finding(
                code=REUSED_CODE, severity=SEVERITY, citation=REUSED_CITATION, file=f.name,
                **said(msg(N_("Файл «%(file)s» уже был представлен в %(prior)s (тот же файл)."), file=f.name,
                           prior=earlier.named())),
            ))
    return tuple(out)


def same_year(
    request: PackageRequest,
    history: History,
    reimbursement: Reimbursement | None,
    caps: CapTable | None = None,
) -> tuple[tuple[Finding, ...], Reimbursement | None]:
    """`second_agreement` when another agreement of the same cost type falls in the application's calendar
    year (p.14, last paragraph); `yearly_cap_exceeded` when what was granted this year under the same cap
    plus this package's amount exceeds it — the amount is then cut to what remains of the cap."""
    caps = caps or load_caps()
    year = request.application_date.year
    out: list[Finding] = []
    agreements = [p for p in history.packages if p.granted is not None and p.year == year]
    same = [p for p in agreements if p.cost_type == request.cost_type]
    if same:
        out.append(Finding(
            code=AGREEMENT_CODE, severity=SEVERITY, citation=AGREEMENT_CITATION,
            **said(msg(N_("В %(year)s году по этому виду затрат уже принято решение о возмещении по "
                          "%(prior)s: по каждому виду затрат меры стимулирования заключается не более одного "
                          "соглашения в календарном году."), year=year, prior=same[0].named())),
        ))
    if reimbursement is None:
        return tuple(out), None
    cap = caps.cap_for(request.cost_type)
    under = [p for p in agreements if p.cost_type in cap.cost_types]
    granted = sum((p.granted or Decimal(0) for p in under), Decimal(0))
    if not under or reimbursement.amount + granted <= cap.amount:
        return tuple(out), reimbursement
    remaining = max(Decimal(0), cap.amount - granted)
    listed = joined([msg(N_("по %(prior)s — %(amount)s"), prior=p.named(),
                         amount=ru_money(p.granted or Decimal(0))) for p in under])
    out.append(Finding(
        code=CAP_CODE, severity=SEVERITY, citation=cap.citation,
        **said(msg(N_("С учетом решений %(year)s года (%(listed)s) лимит %(cap)s в календарном году "
                      "(%(cap_text)s) будет превышен: уже предоставлено %(granted)s, по этой заявке "
                      "рассчитано %(amount)s. К возмещению не более %(remaining)s."),
                   year=year, listed=listed, cap=ru_money(cap.amount), cap_text=Message(id=cap.text),
                   granted=ru_money(granted), amount=ru_money(reimbursement.amount),
                   remaining=ru_money(remaining))),
    ))
    return tuple(out), reimbursement.model_copy(update={"amount": min(reimbursement.amount, remaining),
                                                        "capped": True})


def across_packages(
    request: PackageRequest,
    documents: Sequence[Document],
    files: Sequence[InputFile],
    reimbursement: Reimbursement | None,
    history: History,
) -> tuple[tuple[Finding, ...], Reimbursement | None]:
    """All checks across packages, and the reimbursement after the yearly cap."""
    if not history.packages:
        return (), reimbursement
    found, result = same_year(request, history, reimbursement)
    return reused(documents, files, history) + found, result


def history_from_json(raw: Mapping[str, Any]) -> History:
    """A history from its JSON form (`{"packages": [{package_id, cost_type, application_date, granted,
    decided, documents: [{type, number, date, amount, currency, bins}], file_hashes}]}`), e.g. a file the
    service or a test wrote."""
    out = []
    for p in raw.get("packages") or ():
        docs = tuple(
            PriorDocument(
                type=DocType(d["type"]), number=d.get("number"),
                day=date.fromisoformat(d["date"]) if d.get("date") else None,
                amount=Decimal(str(d["amount"])) if d.get("amount") is not None else None,
                currency=d.get("currency"), bins=frozenset(d.get("bins") or ()),
            )
            for d in p.get("documents") or ()
        )
        out.append(PriorPackage(
            package_id=str(p["package_id"]), cost_type=CostType(p["cost_type"]),
            application_date=date.fromisoformat(p["application_date"]),
            granted=Decimal(str(p["granted"])) if p.get("granted") is not None else None,
            decided=date.fromisoformat(p["decided"]) if p.get("decided") else None,
            documents=docs, file_hashes=frozenset(p.get("file_hashes") or ()),
        ))
    return History(tuple(out))
