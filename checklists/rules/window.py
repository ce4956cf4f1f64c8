"""Time window: costs not earlier than 24 months before the application (p.14 services, p.14-1 equipment)."""

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from checklists.rules._deal import PAYMENT_TYPES
from checklists.rules._text import N_, days, doc_ref, joined, locate, ru_date, said
from checklists.rules.readings import dates_doubt
from models.documents import Document
from models.findings import Finding
from models.message import Message, msg
from models.package import PackageRequest
from models.vocab import EQUIPMENT_COST_TYPES, DocType, Severity

CODE = "payment_outside_window"
SEVERITY = Severity.error
DOUBTFUL_SEVERITY = Severity.warning
CITATION_SERVICES = "p.14"
CITATION_EQUIPMENT = "p.14-1"
WINDOW_MONTHS = 24


@dataclass(frozen=True)
class WindowOptions:
    """Which dates make a service cost "incurred" (p.14 does not say): by default both are checked.

    Equipment (p.14-1) ignores these: only the date of the last payment counts.
    """

    check_act_dates: bool = True
    check_payment_dates: bool = True


DEFAULT_OPTIONS = WindowOptions()


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def window_start(application_date: date) -> date:
    """First day on which a cost (or the last equipment payment) may fall; earlier days are outside."""
    return months_before(application_date, WINDOW_MONTHS)


def _dated(documents: Sequence[Document], doc_type: DocType) -> list[tuple[Document, date]]:
    return [(d, d.fields.date.value) for d in documents if d.type == doc_type and d.fields.date is not None]


def _finding(doc: Document, citation: str, message: Message) -> Finding:
    """The finding, at warning when the date it rests on is an unsure OCR reading (`unsure_date`), or one
    OCR read before a party of the document was registered (`before_registration`): a misread year's digit
    (2004 for 2024) puts a payment years out of the window; the officer checks it."""
    file, page, bbox = locate(doc, doc.fields.date)
    doubt = dates_doubt(doc)
    if doubt is not None:
        message = joined([message, doubt], " ")
    return Finding(
        code=CODE,
        severity=SEVERITY if doubt is None else DOUBTFUL_SEVERITY,
        **said(message),
        citation=citation,
        doc_type=doc.type,
        documents=(doc.id,),
        file=file,
        page=page,
        bbox=bbox,
    )


def _equipment(documents: Sequence[Document], start: date, applied: date) -> tuple[Finding, ...]:
    """p.14-1: only the last payment must fall inside the window. "Платежные документы" (App.4 item 8(5),
    App.5-1 item 8(4)) are payment orders and the documents of a letter of credit, netting or penalty
    withholding alike, so the last of all of them counts."""
    payments = [pair for t in PAYMENT_TYPES for pair in _dated(documents, t)]
    if not payments:
        return ()
    last, day = max(payments, key=lambda pair: pair[1])
    if day >= start:
        return ()
    message = msg(N_("Последний платеж (%(doc)s) произведен на %(days)s раньше допустимого: при оплате "
                     "оборудования последний платеж должен быть не ранее %(start)s (24 месяца до даты "
                     "поступления заявки %(applied)s)."),
                  doc=doc_ref(last), days=days((start - day).days), start=ru_date(start),
                  applied=ru_date(applied))
    return (_finding(last, CITATION_EQUIPMENT, message),)


def _services(
    documents: Sequence[Document], start: date, applied: date, options: WindowOptions
) -> tuple[Finding, ...]:
    """p.14: every checked act and payment document must fall inside the window."""
    checked: list[tuple[Document, date]] = []
    if options.check_act_dates:
        checked += _dated(documents, DocType.act)
    if options.check_payment_dates:
        checked += [pair for t in PAYMENT_TYPES for pair in _dated(documents, t)]
    return tuple(
        _finding(
            doc,
            CITATION_SERVICES,
            msg(N_("%(doc)s — за пределами 24-месячного срока на %(days)s: затраты принимаются не ранее "
                   "%(start)s (24 месяца до даты подачи заявки %(applied)s)."),
                doc=doc_ref(doc), days=days((start - day).days), start=ru_date(start),
                applied=ru_date(applied)),
        )
        for doc, day in checked
        if day < start
    )


def window(
    request: PackageRequest, documents: Sequence[Document], options: WindowOptions = DEFAULT_OPTIONS
) -> tuple[Finding, ...]:
    """`payment_outside_window` findings for documents dated before the 24-month window."""
    start = window_start(request.application_date)
    if request.cost_type in EQUIPMENT_COST_TYPES:
        return _equipment(documents, start, request.application_date)
    return _services(documents, start, request.application_date, options)
