"""Amounts (p.17): payments add up to the invoiced total; invoices, acts, transfer documents and the contract
agree. Money is Decimal; each document compared may be off by one tiyn of rounding."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import ROUND_FLOOR, Decimal

from checklists.rules._deal import (
    PAYMENT_TYPES,
    TIYN,
    TRANSFER_TYPES,
    distinct,
    is_purchase,
    main_contracts,
    of_type,
    provider_payments,
)
from checklists.rules._text import N_, doc_ref, joined, locate, said
from checklists.rules._text import ru_money as _money
from checklists.rules.readings import read_by_ocr
from models.documents import Document
from models.findings import Finding
from models.message import Message, msg
from models.package import PackageRequest
from models.vocab import DocType, Severity

CODE = "amount_mismatch"
SEVERITY = Severity.error
CITATION = "p.17"
PRIMARY_SEVERITY = Severity.warning
"""Acts (services) or acceptance documents (purchases) that differ from the contract: p.17 sets the amount
from the payments and those primary documents, the contract is not a basis of it — an officer looks."""


def _listing(docs: Sequence[Document]) -> Message:
    return joined([msg(N_("%(doc)s — %(amount)s"), doc=doc_ref(d),
                       amount=_money(d.fields.total.amount, d.fields.total.currency))
                   for d in docs if d.fields.total])


class _Side:
    """A group of documents whose totals (all read, one currency) add up to one figure."""

    def __init__(self, name: str, docs: Sequence[Document]) -> None:
        self.name = Message(id=name)
        self.docs = [d for d in docs if d.fields.total is not None]
        self.unread_docs = [d for d in docs if d.fields.total is None]
        self.unread = len(self.unread_docs)
        self.currencies = {d.fields.total.currency for d in self.docs if d.fields.total}

    @property
    def usable(self) -> bool:
        """Every document's total was read, in one currency (a partial sum is not compared)."""
        return bool(self.docs) and not self.unread and len(self.currencies) == 1

    @property
    def currency(self) -> str:
        return next(iter(self.currencies))

    @property
    def total(self) -> Decimal:
        return sum((d.fields.total.amount for d in self.docs if d.fields.total), Decimal(0))


def _compare(a: _Side, b: _Side, anchor: Document, severity: Severity = SEVERITY) -> Finding | None:
    if not (a.usable and b.usable) or a.currency != b.currency:
        return None
    diff = a.total - b.total
    if abs(diff) <= TIYN * (len(a.docs) + len(b.docs)):
        return None
    file, page, bbox = locate(anchor, anchor.fields.total)
    message = msg(
        N_("Суммы не сходятся: %(a)s — %(a_total)s, %(b)s — %(b_total)s, разница %(diff)s. %(a.cap)s: "
           "%(a_docs)s. %(b.cap)s: %(b_docs)s."),
        a=a.name, a_total=_money(a.total, a.currency), b=b.name, b_total=_money(b.total, b.currency),
        diff=_money(abs(diff), a.currency), a_docs=_listing(a.docs), b_docs=_listing(b.docs))
    if severity != SEVERITY:
        message = joined([message, msg(N_("Сумма затрат определяется по платежным и первичным документам "
                                           "(п. 17); расхождение с договором проверяет сотрудник."))], " ")
    return Finding(
        code=CODE,
        severity=severity,
        **said(message),
        citation=CITATION,
        doc_type=anchor.type,
        documents=tuple(d.id for d in (*a.docs, *b.docs)),
        file=file,
        page=page,
        bbox=bbox,
    )


UNREAD_CODE = "amount_unread"
UNREAD_SEVERITY = Severity.warning
"""A document whose total could not be read keeps its side of a p.17 comparison from being made; the
check is not silently skipped: an officer reads the amount on the page."""


def _blocked(a: _Side, b: _Side) -> list[Document]:
    """Documents without a read total that keep one side from being compared with the other side, whose
    totals were all read (in the currency of the first side's read totals)."""
    out = []
    for side, other in ((a, b), (b, a)):
        if side.unread and other.usable and side.currencies <= other.currencies:
            out += side.unread_docs
    return out


def _unread_finding(doc: Document, a: _Side, b: _Side) -> Finding:
    file, page, bbox = locate(doc, None)
    text = msg(N_("%(doc)s: сумма не прочитана, поэтому сверка «%(a)s» и «%(b)s» (п. 17) не выполнена. "
                  "Проверьте сумму на странице или загрузите более четкую копию."),
               doc=doc_ref(doc), a=a.name, b=b.name)
    return Finding(code=UNREAD_CODE, severity=UNREAD_SEVERITY, citation=CITATION, doc_type=doc.type,
                   documents=(doc.id,), file=file, page=page, bbox=bbox, **said(text))


MISREAD_CODE = "amount_misread"
MISREAD_SEVERITY = Severity.info


def _digits(amount: Decimal) -> str:
    return format(amount.quantize(TIYN), "f").replace(".", "").lstrip("-")


def is_fragment(part: Decimal, whole: Decimal) -> bool:
    """`part` looks like `whole` with digit groups lost in reading (`979,60` or `2794` of `2 794 979,60`):
    at least a hundred times smaller, at least three digits before the comma, and either its digits end
    `whole`'s (not a round figure) or its whole part starts them."""
    if part <= 0 or part * 100 > whole or int(part) < 100:
        return False
    digits, wdigits = _digits(part), _digits(whole)
    tail = wdigits.endswith(digits) and not digits.endswith("000")
    return tail or wdigits.startswith(str(int(part)))


def is_tiyn_lost(part: Decimal, whole: Decimal) -> bool:
    """`part` is `whole` in whole tenge, its tiyn lost (`18 684 347,00` of `18 684 347,26`): an unsure
    reading of a total that missed the digits after the comma, not a payment short by a few tiyn."""
    return part > 0 and part == part.to_integral_value() and whole != part \
        and whole.to_integral_value(rounding=ROUND_FLOOR) == part


VAT_RATES = (12, 16)
"""Kazakhstan's VAT rates (%): 12 %, 16 % from 2026. A price includes it."""


def is_vat_part(part: Decimal, whole: Decimal) -> bool:
    """`part` is the VAT `whole` includes (`654 755,56` of `6 111 051,88` at 12 %), to a tiyn: the
    `в т.ч. НДС` line read in place of the total. (An amount without VAT is no such slip: a contract may
    well state its price net of the VAT its invoice adds.)"""
    return part > 0 and any(abs(whole * r / (100 + r) - part) <= TIYN for r in VAT_RATES)


def misread(docs: Sequence[Document]) -> dict[str, Decimal]:
    """Document id → the figure its total looks like a fragment of, or the VAT part of (a reading error,
    not a mismatch).

    Figures are the other documents' totals and the sums per type of the other documents, in the same
    currency."""
    totals = [d for d in docs if d.fields.total is not None]
    out = {}
    for d in totals:
        assert d.fields.total is not None
        cur = d.fields.total.currency
        others = [o for o in totals if o.id != d.id and o.fields.total and o.fields.total.currency == cur]
        figures = {o.fields.total.amount for o in others if o.fields.total}
        for t in {o.type for o in others}:
            figures.add(sum((o.fields.total.amount for o in others if o.type == t and o.fields.total),
                            Decimal(0)))
        amount = d.fields.total.amount
        whole = next((f for f in sorted(figures, reverse=True)
                      if is_fragment(amount, f) or is_vat_part(amount, f)
                      or (_unsure(d) and is_tiyn_lost(amount, f))), None)
        if whole is not None:
            out[d.id] = whole
    # one digit misread: a total (or a type's sum) one digit away from a figure two other documents agree on
    counts: dict[tuple[str, Decimal], int] = {}
    for d in totals:
        if d.fields.total and d.id not in out:
            key = (d.fields.total.currency, d.fields.total.amount)
            counts[key] = counts.get(key, 0) + 1
    agreed = {k for k, n in counts.items() if n >= 2}
    groups: dict[tuple[DocType, str], list[Document]] = {}
    for d in totals:
        if d.fields.total and d.id not in out:
            groups.setdefault((d.type, d.fields.total.currency), []).append(d)
    for (t, cur), members in groups.items():
        total = sum((m.fields.total.amount for m in members if m.fields.total), Decimal(0))
        if (cur, total) in agreed or (t in PAYMENT_TYPES) != (len(members) > 1 or t in PAYMENT_TYPES):
            continue
        for f in (f for c, f in agreed if c == cur):
            if is_digit_slip(total, f):
                # a whole document one digit off; a sum of payments only when a million-place digit differs
                if t not in PAYMENT_TYPES or _single_digit(abs(total - f)) >= MILLION:
                    for m in members:
                        out[m.id] = f
                    break
            elif t in PAYMENT_TYPES and _single_digit(abs(total - f)) >= MILLION:
                # one payment of several read a million-place digit wrong (`1 073 316,82` of `5 073 316,82`),
                # so that the sum carries into another digit count: that payment is the misread one
                slipped = [m for m in members if m.fields.total
                           and is_digit_slip(m.fields.total.amount, m.fields.total.amount + f - total)]
                if len(slipped) > 1:  # which one: the one OCR was unsure of
                    slipped = [m for m in slipped if _unsure(m)]
                if len(slipped) == 1:
                    out[slipped[0].id] = f
                    break
    # a total OCR was unsure of that no other document confirms, against a figure three others agree on
    # (an invoice's glued head `1203 975,00` of `1 124 453,12`); never a payment: a short one is the
    # mismatch p.17 is about
    for d in totals:
        if d.id in out or d.type in PAYMENT_TYPES or not d.fields.total or not _unsure(d):
            continue
        cur, amount = d.fields.total.currency, d.fields.total.amount
        if counts.get((cur, amount), 0) > 1:
            continue
        firm = [f for (c, f), n in counts.items() if c == cur and n >= AGREEING and f != amount]
        if len(firm) == 1:
            out[d.id] = firm[0]
    return out


AGREEING = 3
"""Documents agreeing on one figure that outweigh a single unsure reading of another figure."""


def _unsure(doc: Document) -> bool:
    t = doc.fields.total
    return t is not None and t.confidence is not None and t.confidence < UNSURE_TOTAL


MILLION = Decimal(1_000_000)
UNSURE_TOTAL = 0.8
"""OCR confidence below which a total's reading is unsure (a clean scan reads amounts at 0.9 and above)."""


def _single_digit(diff: Decimal) -> Decimal:
    """`diff` if it is one non-zero digit followed by zeros (`10 000 000,00`), else 0."""
    digits = _digits(diff).lstrip("0")
    return diff if digits and digits[0] != "0" and set(digits[1:]) <= {"0"} else Decimal(0)


def is_digit_slip(a: Decimal, b: Decimal) -> bool:
    """`a` and `b` differ in one digit, or one is the other with its first digit lost (`323 201,19` of
    `6 323 201,19`): a reading error rather than a different amount."""
    da, db = _digits(a), _digits(b)
    if da == db:
        return False
    if len(da) == len(db):
        return sum(x != y for x, y in zip(da, db, strict=True)) == 1
    short, long_ = sorted((da, db), key=len)
    return len(long_) - len(short) == 1 and long_[1:] == short


def _misread_finding(doc: Document, whole: Decimal) -> Finding:
    total = doc.fields.total
    assert total is not None
    file, page, bbox = locate(doc, total)
    read, agreed = _money(total.amount, total.currency), _money(whole, total.currency)
    if is_vat_part(total.amount, whole):
        text = msg(N_("%(doc)s: сумма прочитана как %(read)s — это НДС, включенный в сумму %(whole)s "
                      "других документов (вероятно, прочитана строка НДС вместо итога); в сверке сумм "
                      "документ не учтен, проверьте итог на странице."),
                   doc=doc_ref(doc), read=read, whole=agreed)
    elif is_tiyn_lost(total.amount, whole):
        text = msg(N_("%(doc)s: сумма прочитана неуверенно как %(read)s — это сумма %(whole)s других "
                      "документов без тиынов (тиыны, вероятно, не распознаны); в сверке сумм документ не "
                      "учтен, проверьте сумму на странице."), doc=doc_ref(doc), read=read, whole=agreed)
    elif is_fragment(total.amount, whole) or is_digit_slip(total.amount, whole):
        text = msg(N_("%(doc)s: сумма прочитана как %(read)s — похоже на часть суммы %(whole)s других "
                      "документов (ошибка распознавания); в сверке сумм документ не учтен, проверьте сумму "
                      "на странице."), doc=doc_ref(doc), read=read, whole=agreed)
    else:
        text = msg(N_("%(doc)s: сумма прочитана неуверенно как %(read)s (достоверность распознавания "
                      "%(confidence)s), а другие документы пакета согласованно указывают %(whole)s; "
                      "в сверке сумм документ не учтен, проверьте сумму на странице."), doc=doc_ref(doc),
                   read=read, confidence=f"{total.confidence or 0:.2f}", whole=agreed)
    return Finding(code=MISREAD_CODE, severity=MISREAD_SEVERITY, citation=CITATION, doc_type=doc.type,
                   documents=(doc.id,), file=file, page=page, bbox=bbox, **said(text))


def amounts(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    """`amount_mismatch` for each pair of document groups whose read totals disagree.

    Pairs: invoices (or, without them, the contract) ↔ payments to the executor (payments to hotels and
    carriers left out); contract ↔ invoices; contract ↔ acts (services) and contract ↔ acceptance acts and
    ↔ waybills (equipment purchases, each kind on its own, since one delivery may carry both) — these as
    warnings (`PRIMARY_SEVERITY`). Groups in different currencies are not compared here (p.19
    converts payments for the reimbursement, not the documents against each other). Repeated documents
    (same type, number, date) count once.
    """
    docs = distinct(documents)
    deal_types = (DocType.contract, DocType.act, DocType.invoice, *PAYMENT_TYPES, *TRANSFER_TYPES,
                  DocType.applicant_report)
    main = {d.id for d in main_contracts(docs)}
    deal = [d for d in docs if d.type in deal_types and (d.type != DocType.contract or d.id in main)]
    suspect = misread(deal)
    notes = [_misread_finding(d, suspect[d.id]) for d in deal if d.id in suspect]
    docs = [d for d in docs if d.id not in suspect] + [
        d.model_copy(update={"fields": d.fields.model_copy(update={"total": None})})
        for d in docs if d.id in suspect
    ]
    contract = _Side(N_("сумма договора"), main_contracts(docs))
    invoices = _Side(N_("сумма счетов-фактур"), of_type(docs, DocType.invoice))
    to_providers = provider_payments(docs)
    payments = _Side(N_("сумма платежей исполнителю"),
                     [d for d in of_type(docs, *PAYMENT_TYPES) if d.id not in to_providers])
    acts = _Side(N_("сумма актов оказанных услуг"), of_type(docs, DocType.act))
    pairs: list[tuple[_Side, _Side, Severity]] = []
    billed = invoices if invoices.usable else contract
    pairs.append((payments, billed, SEVERITY))
    if invoices.usable:
        pairs.append((invoices, contract, SEVERITY))
    if is_purchase(request.cost_type):
        for t, name in ((DocType.acceptance_certificate, N_("сумма актов приема-передачи")),
                        (DocType.waybill, N_("сумма накладных"))):
            pairs.append((_Side(name, of_type(docs, t)), contract, PRIMARY_SEVERITY))
    else:
        pairs.append((acts, contract, PRIMARY_SEVERITY))
    out: list[Finding] = []
    unread: dict[str, Finding] = {}
    sound = [d for d in deal if d.id not in suspect]
    for a, b, severity in pairs:
        for d in (d for d in _blocked(a, b) if d.id not in suspect):  # set aside as misread: said already
            unread.setdefault(d.id, _unread_finding(d, a, b))
        anchor = a.docs[-1] if a.docs else None
        if anchor is None:
            continue
        found = _compare(a, b, anchor, severity)
        unsure = None
        if found is not None and found.severity == SEVERITY:
            unsure = doubtful(a, b, sound, docs)
            found = _said_doubtful(found, unsure)
        if found is not None:
            out.append(found)
        if a is payments and b is invoices and unsure is not None and unsure.type == DocType.invoice:
            # the invoices' figure is a reading to check: the payments are still held against the contract
            out.extend(_against_contract(payments, contract, sound, docs))
    return tuple(notes + out + list(unread.values()))


def _against_contract(payments: _Side, contract: _Side, deal: Sequence[Document],
                      package: Sequence[Document]) -> tuple[Finding, ...]:
    """The payments against the contract, where the invoices they were compared with rest on a doubtful
    reading: a mismatch no reading of the contract puts in doubt is an error (payments short of the deal
    whatever the invoice says), one that does is said at warning."""
    if not payments.docs:
        return ()
    found = _compare(payments, contract, payments.docs[-1])
    if found is None:
        return ()
    return (_said_doubtful(found, doubtful(payments, contract, deal, package)),)


DOUBTFUL_TOTAL = 0.9
"""OCR confidence below which a total is a reading to check before a mismatch resting on it is asserted (a
clean scan reads amounts at 0.9 and above; a bad scan or a phone photo misreads digits at 0.8–0.9)."""


def doubtful(a: _Side, b: _Side, deal: Sequence[Document],
             package: Sequence[Document] = ()) -> Document | None:
    """The document of a mismatch between `a` and `b` whose reading may be the cause: not a payment (a short
    payment is the mismatch p.17 is about), its total read by OCR (from a scan or a photo, at any
    confidence: a figure two other documents contradict is no sure reading; without a page source, below
    `DOUBTFUL_TOTAL`), read by no other document of the deal, while another figure in its currency is read
    alike by two documents or more, or the other side's figure (the sum of the payments) is what a paper of
    the `package` outside both sides reads (a bill the payments settle)."""
    counts = Counter((d.fields.total.currency, d.fields.total.amount) for d in deal if d.fields.total)
    for d in (*a.docs, *b.docs):
        t = d.fields.total
        if d.type in PAYMENT_TYPES or t is None or t.confidence is None:
            continue
        if t.confidence >= DOUBTFUL_TOTAL and not read_by_ocr(t, d):
            continue
        own, other = (a, b) if any(x.id == d.id for x in a.docs) else (b, a)
        if _slipped(d, own, other, package):
            return d
        if counts[(t.currency, t.amount)] > 1:
            continue
        if any(n >= 2 and c == t.currency and f != t.amount for (c, f), n in counts.items()):
            return d
        if _confirmed(b if any(x.id == d.id for x in a.docs) else a, package, t.currency):
            return d
    return None


def _slipped(doc: Document, own: _Side, other: _Side, package: Sequence[Document]) -> bool:
    """`doc`'s total was read by OCR below `DOUBTFUL_TOTAL`, its side's figure is the other side's with one
    digit changed or its first digit lost (`958 202,88` against `5 958 202,88`), and no more papers of the
    `package` read its figure than read the other: what a bad scan does to a figure, a reading to check,
    even where a second paper of the same layout lost the same digit alike."""
    t = doc.fields.total
    if not (t is not None and t.confidence is not None and t.confidence < DOUBTFUL_TOTAL
            and read_by_ocr(t, doc) and own.usable and other.usable and own.currency == other.currency
            and is_digit_slip(own.total, other.total)):
        return False
    read = Counter(d.fields.total.amount for d in package
                   if d.fields.total is not None and d.fields.total.currency == t.currency)
    return read[own.total] <= read[other.total]


def _confirmed(side: _Side, package: Sequence[Document], currency: str) -> bool:
    """The side's figure, in `currency`, is read alike on a paper of the package outside the side: a
    second reading of it, which the side's own papers (one reading each) are not."""
    if not side.usable or side.currency != currency:
        return False
    ids = {d.id for d in side.docs}
    return any(d.id not in ids and d.fields.total is not None and d.fields.total.currency == currency
               and d.fields.total.amount == side.total for d in package)


def _said_doubtful(found: Finding, doc: Document | None) -> Finding:
    """`found` at warning, saying that `doc`'s total is an unsure reading no other document confirms."""
    if doc is None or doc.fields.total is None or found.text is None:
        return found
    doubt = msg(N_("%(doc)s: сумма прочитана неуверенно (достоверность распознавания %(confidence)s), и ни "
                   "один другой документ пакета ее не подтверждает: проверьте сумму на странице — "
                   "расхождение может быть ошибкой распознавания."),
                doc=doc_ref(doc), confidence=f"{doc.fields.total.confidence or 0:.2f}")
    text = joined([found.text, doubt], " ")
    return found.model_copy(update={"severity": DOUBTFUL_SEVERITY, **said(text)})


DOUBTFUL_SEVERITY = Severity.warning


__all__ = ["CITATION", "CODE", "MISREAD_CODE", "SEVERITY", "UNREAD_CODE", "amounts", "is_fragment"]
