"""Reimbursement (p.14, p.14-1, p.17, p.19): 40 % of the eligible costs in KZT, capped per cost type and year.

Eligible costs are the payments to the executor (payment orders, letters of credit, netting), each in KZT at
the NBK rate of its payment date (p.19); for staff competence also the travel and accommodation documents
(p.20). When the primary documents (acts for services, acceptance acts or waybills for equipment) add up to
less than the payments, the smaller figure is taken (p.17: both determine the accepted amount).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from checklists.caps import CapTable, load_caps
from checklists.rates import RateStore, shipped
from checklists.rules._deal import PAYMENT_TYPES, distinct, is_purchase, of_type, provider_payments
from checklists.rules._text import N_, NOTHING, doc_ref, locate, ru_date, ru_money, said
from checklists.rules.amounts import misread
from models.documents import Document
from models.findings import Finding
from models.message import Message, msg
from models.package import PackageRequest
from models.report import Conversion, Exclusion, Reimbursement
from models.vocab import CostType, DocType, Role, Severity

CAP_CODE = "cap_exceeded"
CAP_SEVERITY = Severity.warning
RATE_CODE = "missing_rate"
RATE_SEVERITY = Severity.warning
RATE_CITATION = "p.19"
KZT = "KZT"
TIYN = Decimal("0.01")


def _kzt(
    doc: Document, rates: RateStore, conversions: list[Conversion], findings: list[Finding],
    amount: Decimal | None = None, paid: date | None = None,
) -> Decimal | None:
    """The document's total (or `amount` of it) in KZT, converting at the rate of its payment date (`paid`,
    else its own date); None if impossible."""
    total = doc.fields.total
    if total is None:
        return None
    if amount is not None:
        total = total.model_copy(update={"amount": amount})
    if total.currency == KZT:
        return total.amount
    day = paid or (doc.fields.date.value if doc.fields.date else None)
    rate = rates.get(total.currency, day) if day else None
    if rate is None or day is None:
        file, page, bbox = locate(doc, doc.fields.date or total)
        when = msg(N_("на %(date)s"), date=ru_date(day)) if day else msg(N_("(дата платежа не прочитана)"))
        findings.append(Finding(
            code=RATE_CODE, severity=RATE_SEVERITY, citation=RATE_CITATION, doc_type=doc.type,
            documents=(doc.id,), file=file, page=page, bbox=bbox,
            **said(msg(N_("%(doc)s: сумма %(amount)s — нет курса Национального банка РК для %(currency)s "
                          "%(when)s. Сумма в тенге не рассчитана и в возмещение не включена до загрузки "
                          "курса и повторной проверки."),
                       doc=doc_ref(doc), amount=ru_money(total.amount, total.currency),
                       currency=total.currency, when=when)),
        ))
        return None
    kzt = rate.to_kzt(total.amount)
    conversions.append(Conversion(document=doc.id, amount=total.amount, currency=total.currency, day=day,
                                  rate=rate.rate, quant=rate.quant, kzt=kzt))
    return kzt


def payment_date(doc: Document, documents: Sequence[Document]) -> date | None:
    """The date a travel or accommodation document was paid (p.19, p.23: the NBK rate of the payment date):
    the payment naming its hotel or carrier for the same amount and currency, else None."""
    total = doc.fields.total
    providers = {p.bin for p in doc.fields.parties if p.role != Role.applicant}
    for pay in of_type(documents, *PAYMENT_TYPES):
        pt = pay.fields.total
        if (total is not None and pt is not None and pay.fields.date is not None
                and pt.amount == total.amount and pt.currency == total.currency
                and any(p.bin in providers for p in pay.fields.parties)):
            return pay.fields.date.value
    return None


def compute(
    request: PackageRequest,
    documents: Sequence[Document],
    rates: RateStore | None = None,
    caps: CapTable | None = None,
    allowed: Mapping[str, Decimal] | None = None,
    excluded_by: Mapping[str, str] | None = None,
) -> tuple[Reimbursement | None, tuple[Finding, ...]]:
    """The claimable amount with its arithmetic, and `missing_rate` / `cap_exceeded` findings.

    `allowed` (document id → the part of its total the limits of p.20 allow, from `travel.travel_limits`)
    trims travel and accommodation documents; `excluded_by` names the finding code of each. None when no
    payment total was read (nothing to compute from).
    """
    allowed = allowed or {}
    exclusions: list[Exclusion] = []
    rates = rates if rates is not None else shipped()
    caps = caps or load_caps()
    docs = distinct(documents)
    findings: list[Finding] = []
    conversions: list[Conversion] = []
    basis: list[str] = []
    paid = Decimal(0)
    suspect = misread(docs)
    to_providers = provider_payments(docs)
    all_payments = [d for d in of_type(docs, *PAYMENT_TYPES) if d.id not in to_providers]
    payments = [d for d in all_payments if d.fields.total is not None and d.id not in suspect]
    if not payments:
        return None, ()
    incomplete = len(payments) < len(all_payments)
    for d in payments:
        kzt = _kzt(d, rates, conversions, findings)
        if kzt is None:
            incomplete = True
            continue
        paid += kzt
        basis.append(d.id)
    primary_types = (DocType.acceptance_certificate,) if is_purchase(request.cost_type) else (DocType.act,)
    primary = [d for d in of_type(docs, *primary_types) if d.fields.total is not None and d.id not in suspect]
    if is_purchase(request.cost_type) and not primary:
        primary = [d for d in of_type(docs, DocType.waybill) if d.fields.total is not None
                   and d.id not in suspect]
    if primary and all(d.fields.total and d.fields.total.currency == KZT for d in primary) and not incomplete:
        confirmed = sum((d.fields.total.amount for d in primary if d.fields.total), Decimal(0))
        if confirmed < paid:
            paid = confirmed
            basis = [d.id for d in primary]
    eligible = paid
    if request.cost_type == CostType.staff_competence:
        for d in of_type(docs, DocType.travel_document, DocType.accommodation_document):
            if d.fields.total is None:
                continue
            part = allowed.get(d.id, d.fields.total.amount)
            if part != d.fields.total.amount:
                exclusions.append(Exclusion(document=d.id, amount=d.fields.total.amount - part,
                                            currency=d.fields.total.currency,
                                            code=(excluded_by or {}).get(d.id, "")))
            if part == 0:
                continue
            kzt = _kzt(d, rates, conversions, findings, part, payment_date(d, docs))
            if kzt is not None:
                eligible += kzt
                basis.append(d.id)
    cap = caps.cap_for(request.cost_type)
    uncapped = (eligible * caps.share).quantize(TIYN, rounding=ROUND_HALF_UP)
    capped = uncapped > cap.amount
    if capped:
        anchor = payments[-1]
        file, page, _ = locate(anchor, None)
        findings.append(Finding(
            code=CAP_CODE, severity=CAP_SEVERITY, citation=cap.citation, documents=tuple(basis),
            file=file, page=page,
            **said(msg(N_("Расчетная сумма возмещения превышает лимит: затраты %(eligible)s, %(share)s %% — "
                          "%(uncapped)s, лимит %(cap)s в календарном году (%(cap_text)s). К возмещению не "
                          "более %(cap)s.%(reading)s"),
                       eligible=ru_money(eligible), share=int(caps.share * 100), uncapped=ru_money(uncapped),
                       cap=ru_money(cap.amount), cap_text=Message(id=cap.text),
                       reading=msg(N_(" %(reading)s"), reading=Message(id=cap.reading)) if cap.reading
                       else NOTHING)),
        ))
    result = Reimbursement(
        amount=min(uncapped, cap.amount), eligible_costs=eligible, share=caps.share, uncapped=uncapped,
        cap=cap.amount, cap_id=cap.id, cap_citation=cap.citation, cap_reading=cap.reading, capped=capped,
        basis=tuple(basis), conversions=tuple(conversions), incomplete=incomplete,
        exclusions=tuple(exclusions),
    )
    return result, tuple(findings)
