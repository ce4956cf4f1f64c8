"""Date order: the deal's documents are not older than its contract, none is newer than the application."""

from __future__ import annotations

from collections.abc import Sequence

from checklists.rules._deal import PAYMENT_TYPES, TRANSFER_TYPES, is_purchase, main_contracts
from checklists.rules._text import N_, by_gender, days, doc_ref, joined, locate, ru_date, said
from checklists.rules.readings import dates_doubt
from models.documents import Document
from models.findings import Finding
from models.message import Message, msg
from models.package import PackageRequest
from models.vocab import DocType, Severity

CODE = "date_order"
SEVERITY = Severity.error
CITATION_CONTRACT = "p.17; p.14 (затраты по договору; проверка продукта)"
CITATION_APPLICATION = "p.14, p.14-1 (понесенные затраты — до подачи заявки)"

AFTER_CONTRACT = (DocType.act, DocType.invoice, *PAYMENT_TYPES)
"""Documents of the deal that cannot predate its contract (equipment purchases add the transfer documents;
for installation the transfer belongs to an earlier supply contract)."""
CLAIMED = (DocType.contract, DocType.act, DocType.invoice, *PAYMENT_TYPES, *TRANSFER_TYPES,
           DocType.training_certificate, DocType.travel_document, DocType.accommodation_document)
"""Documents of costs claimed: none may be dated after the application."""


DOUBTFUL_SEVERITY = Severity.warning


def _finding(doc: Document, message: Message, citation: str, *against: Document) -> Finding:
    """The finding, at warning when a date it rests on (`doc`'s or the one it is set `against`) is an unsure
    OCR reading, or one OCR read before a party of its document was registered (`before_registration`):
    the order may be a misreading, which the officer checks on the page."""
    file, page, bbox = locate(doc, doc.fields.date)
    doubt = dates_doubt(doc, *against)
    if doubt is not None:
        message = joined([message, doubt], " ")
    return Finding(code=CODE, severity=SEVERITY if doubt is None else DOUBTFUL_SEVERITY, citation=citation,
                   doc_type=doc.type, documents=(doc.id,), file=file, page=page, bbox=bbox, **said(message))


def date_order(request: PackageRequest, documents: Sequence[Document]) -> tuple[Finding, ...]:
    """`date_order` for a deal document dated before the (earliest) contract or after the application."""
    out: list[Finding] = []
    contracts = [d for d in main_contracts(documents) if d.fields.date is not None]
    after = AFTER_CONTRACT + (TRANSFER_TYPES if is_purchase(request.cost_type) else ())
    if contracts:
        contract = min(contracts, key=lambda d: d.fields.date.value if d.fields.date else 0)
        assert contract.fields.date is not None
        signed = contract.fields.date.value
        for d in documents:
            if d.type in after and d.fields.date is not None and d.fields.date.value < signed:
                template = by_gender(
                    d.type,
                    N_("%(doc)s датирован на %(days)s раньше договора (%(contract)s): документы по договору "
                       "не могут предшествовать его заключению."),
                    N_("%(doc)s датирована на %(days)s раньше договора (%(contract)s): документы по договору "
                       "не могут предшествовать его заключению."),
                    N_("%(doc)s датировано на %(days)s раньше договора (%(contract)s): документы по договору "
                       "не могут предшествовать его заключению."))
                early = days((signed - d.fields.date.value).days)
                out.append(_finding(d, msg(template, doc=doc_ref(d), contract=doc_ref(contract), days=early),
                                    CITATION_CONTRACT, contract))
    applied = request.application_date
    for d in documents:
        if d.type in CLAIMED and d.fields.date is not None and d.fields.date.value > applied:
            template = by_gender(
                d.type,
                N_("%(doc)s датирован на %(days)s позже даты заявки %(applied)s: к возмещению принимаются "
                   "затраты, понесенные до подачи заявки."),
                N_("%(doc)s датирована на %(days)s позже даты заявки %(applied)s: к возмещению принимаются "
                   "затраты, понесенные до подачи заявки."),
                N_("%(doc)s датировано на %(days)s позже даты заявки %(applied)s: к возмещению принимаются "
                   "затраты, понесенные до подачи заявки."))
            late = days((d.fields.date.value - applied).days)
            out.append(_finding(d, msg(template, doc=doc_ref(d), applied=ru_date(applied), days=late),
                                CITATION_APPLICATION))
    return tuple(out)
