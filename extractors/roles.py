"""Package-level roles: the executor is the party paid for the work, the same across the deal.

A single document cannot tell the deal's executor from a third party: in an installation package the
equipment supplier on the supply contract, acceptance act and waybill is a `supplier` too, but it is not
the executor whose costs are claimed. The executor is the party named as executor on the payment
orders (beneficiary), invoices and acts; any other party a document calls supplier or executor is a
third party (`other`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from extractors.bin import one_digit_off
from models.documents import Document, Party
from models.vocab import DocType, Role

DEAL_DOCUMENTS = frozenset({DocType.payment_order, DocType.invoice, DocType.act})


def deal_executors(documents: Sequence[Document]) -> frozenset[str]:
    return frozenset(
        p.bin
        for d in documents
        if d.type in DEAL_DOCUMENTS
        for p in d.fields.parties
        if p.role == Role.executor
    )


PAYMENT_DOCUMENTS = frozenset({DocType.payment_order, DocType.settlement_document})


def _with_parties(doc: Document, parties: tuple[Party, ...]) -> Document:
    """`doc` with `parties`, or `doc` itself when they are the ones it has."""
    if parties == doc.fields.parties:
        return doc
    return doc.model_copy(update={"fields": doc.fields.model_copy(update={"parties": parties})})


def one_applicant_per_payment(doc: Document, applicant_bin: str | None) -> Document:
    """A payment is between the applicant and one counterparty: when the applicant's BIN (given at upload)
    is on it, another party that a misread label made an applicant is the beneficiary (executor) — or a
    third party when the payment names its beneficiary already (`_second_applicant`) —, and so is the
    one other party where no label at all stands beside it (a bank printout photographed with its label
    column lost: the sender's and the beneficiary's blocks read as bare names and BINs), its check digit
    right or wrong (`invalid_bin` reports a wrong one)."""
    if doc.type not in PAYMENT_DOCUMENTS or not applicant_bin:
        return doc
    parties = doc.fields.parties
    if not any(p.bin == applicant_bin for p in parties):
        return doc
    others = [p for p in parties if p.bin != applicant_bin]
    bare = len(others) == 1 and others[0].role == Role.other and others[0].position is None
    paid = any(p.role == Role.executor for p in others)
    fixed = tuple(
        _second_applicant(p, paid) if p.bin != applicant_bin and p.role == Role.applicant and p.valid
        else p.model_copy(update={"role": Role.executor, "position": "beneficiary"})
        if p.bin != applicant_bin and bare else p
        for p in parties
    )
    return _with_parties(doc, fixed)


def _second_applicant(party: Party, paid: bool) -> Party:
    """Another party a payment's label made an applicant beside the applicant's own BIN: the beneficiary,
    unless the payment names one already (a payment has one payer and one beneficiary): then a third
    party's BIN the label stood near (a bank's stamp in the margin beside `Отправитель денег`)."""
    if paid:
        return party.model_copy(update={"role": Role.other, "position": None})
    return party.model_copy(update={"role": Role.executor, "position": "beneficiary"})


def foreign_executor(documents: Sequence[Document]) -> bool:
    """The deal's executor is a non-resident: the package holds its foreign registration, and no payment,
    invoice or act names a BIN as executor. A resident supplier's BIN on a waybill or an acceptance act
    is then a third party's (the equipment's seller), not the executor's."""
    return any(d.type == DocType.foreign_registration for d in documents) and not deal_executors(documents)


def _same_company(value: str, executors: frozenset[str]) -> bool:
    """The BIN is a deal executor's, or one digit off one (the same company with a BIN misprinted or
    misread on one of the papers: `invalid_bin` reports it, the role stays)."""
    return value in executors or any(one_digit_off(e, value) for e in executors)


UNLABELLED_EXECUTOR_TYPES = frozenset({DocType.contract, DocType.acceptance_certificate, DocType.waybill,
                                       DocType.act})


def unlabelled_executor(doc: Document, executors: frozenset[str]) -> Document:
    """On a contract, an act, an acceptance act or a waybill, a BIN that no position word stands beside (a
    requisites block whose column heads stayed on the page before; a preamble naming the sides by what
    they do, `представитель Исполнителя … (БИН …)`; a side's role printed after its requisites,
    `… БИН …, адрес — исполнитель`) is the deal's executor when the payments, invoices and other acts
    name it so."""
    if doc.type not in UNLABELLED_EXECUTOR_TYPES:
        return doc
    return _as_executor(doc, lambda p: p.role == Role.other and p.position is None and p.bin in executors)


def executor_read_as_applicant(doc: Document, executors: frozenset[str],
                               applicant_bin: str | None) -> Document:
    """A side a damaged label made the applicant (`Поставщик` misread on a bill, a scan's requisites read
    under the buyer's heading) whose BIN is not the applicant's given at upload but the one the deal's
    payments, invoices and acts name as executor is the executor."""
    if not applicant_bin:
        return doc
    return _as_executor(
        doc, lambda p: p.role == Role.applicant and p.bin != applicant_bin and p.bin in executors
    )


def _as_executor(doc: Document, which: Callable[[Party], bool]) -> Document:
    """`doc` with the parties `which` picks made the executor."""
    return _with_parties(doc, tuple(
        p.model_copy(update={"role": Role.executor}) if which(p) else p for p in doc.fields.parties
    ))


def resolve_roles(documents: Sequence[Document], applicant_bin: str | None = None) -> tuple[Document, ...]:
    """Documents with third-party suppliers re-roled as `other`; unchanged when the deal names no executor
    (unless that executor is a non-resident: `foreign_executor`).
    On payments, a second "applicant" beside the applicant's own BIN is the beneficiary; on any paper, an
    "applicant" whose BIN is the deal's executor's is the executor."""
    documents = [one_applicant_per_payment(d, applicant_bin) for d in documents]
    executors = deal_executors(documents)
    if not executors and not foreign_executor(documents):
        return tuple(documents)
    documents = [executor_read_as_applicant(unlabelled_executor(d, executors), executors, applicant_bin)
                 for d in documents]
    out = []
    for d in documents:
        if d.type in DEAL_DOCUMENTS or not any(
            p.role == Role.executor and not _same_company(p.bin, executors) for p in d.fields.parties
        ):
            out.append(d)
            continue
        parties = tuple(
            p.model_copy(update={"role": Role.other})
            if p.role == Role.executor and not _same_company(p.bin, executors)
            else p
            for p in d.fields.parties
        )
        out.append(_with_parties(d, parties))
    return tuple(out)
